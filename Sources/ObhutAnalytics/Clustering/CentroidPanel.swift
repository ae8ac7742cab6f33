import Dispatch

/// Centroids laid out for the distance kernel: groups of four centroids, each group stored as
/// `columns` vectors `SIMD4(c0[j], c1[j], c2[j], c3[j])`, so one point is compared with four
/// centroids per instruction without horizontal sums. Missing lanes of the last group are 0 and
/// must be ignored by the caller (`lane < count`).
struct CentroidPanel {
    let count: Int
    let columns: Int
    let groups: Int
    var lanes: [SIMD4<Double>]

    /// `centroids` is row-major, `count × columns`.
    init(centroids: UnsafeBufferPointer<Double>, count: Int, columns: Int) {
        self.count = count
        self.columns = columns
        groups = (count + 3) / 4
        lanes = [SIMD4<Double>](repeating: .zero, count: max(1, groups * columns))
        for centroid in 0 ..< count {
            let group = centroid / 4, lane = centroid % 4
            for column in 0 ..< columns {
                lanes[group * columns + column][lane] = centroids[centroid * columns + column]
            }
        }
    }
}

/// Squared distances from point `x` to the four centroids of one panel group.
@inline(__always)
func squaredDistances(
    _ x: UnsafePointer<Double>, _ group: UnsafePointer<SIMD4<Double>>, columns: Int
) -> SIMD4<Double> {
    // Two accumulators: two independent dependency chains hide the add latency.
    var even = SIMD4<Double>.zero
    var odd = SIMD4<Double>.zero
    var column = 0
    while column + 1 < columns {
        let a = SIMD4<Double>(repeating: x[column]) - group[column]
        even += a * a
        let b = SIMD4<Double>(repeating: x[column + 1]) - group[column + 1]
        odd += b * b
        column += 2
    }
    if column < columns {
        let a = SIMD4<Double>(repeating: x[column]) - group[column]
        even += a * a
    }
    return even + odd
}

/// The nearest centroid of the panel to `x` and its squared distance; ties go to the lower index.
@inline(__always)
func nearestCentroid(
    _ x: UnsafePointer<Double>, _ panel: UnsafePointer<SIMD4<Double>>, groups: Int, count: Int, columns: Int
) -> (index: Int, distance: Double) {
    var best = Double.infinity
    var bestIndex = 0
    var base = panel
    for group in 0 ..< groups {
        let distances = squaredDistances(x, base, columns: columns)
        let lanes = min(4, count - group * 4)
        for lane in 0 ..< lanes where distances[lane] < best {
            best = distances[lane]
            bestIndex = group * 4 + lane
        }
        base += columns
    }
    return (bestIndex, best)
}

/// Squared Euclidean distance of two rows of `columns` values.
@inline(__always)
func squaredDistance(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, columns: Int) -> Double {
    var sum = 0.0
    for column in 0 ..< columns {
        let difference = a[column] - b[column]
        sum += difference * difference
    }
    return sum
}

/// Work split into fixed chunks of rows, run on up to `threads` threads.
///
/// Determinism: chunk boundaries depend only on the row count, every chunk writes its own partial
/// results, and callers reduce partials in chunk order, so results do not depend on the number of
/// threads or on scheduling.
struct RowChunks {
    static let rowsPerChunk = 4096
    let rows: Int
    let count: Int

    init(rows: Int) {
        self.rows = rows
        count = max(1, (rows + Self.rowsPerChunk - 1) / Self.rowsPerChunk)
    }

    func range(_ chunk: Int) -> Range<Int> {
        chunk * Self.rowsPerChunk ..< min(rows, (chunk + 1) * Self.rowsPerChunk)
    }

    /// Runs `body(chunk)` for every chunk; worker `w` of `threads` takes chunks `w, w + threads, …`.
    /// The body may run on several threads at once and must write only what its chunk owns.
    func forEach(threads: Int, _ body: (Int) -> Void) {
        let workers = min(max(1, threads), count)
        if workers == 1 {
            for chunk in 0 ..< count { body(chunk) }
            return
        }
        // `concurrentPerform` wants a `@Sendable` closure; it returns only when every worker is
        // done, so the body never escapes, and callers write only memory owned by their chunk.
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedSendable(body)
            let count = count
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var chunk = worker
                while chunk < count {
                    shared.value(chunk)
                    chunk += workers
                }
            }
        }
    }
}

/// A value handed to worker threads whose accesses the caller keeps disjoint.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
