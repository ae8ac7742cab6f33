/// One restart's outcome.
struct LloydRun {
    var centroids: [Double]
    var inertia: Double
    var iterations: Int
    var converged: Bool
}

/// Buffers of one Lloyd run, allocated once: per-chunk partial sums, counts and label changes,
/// the per-row lower bounds, and per-centroid shift and gap figures.
final class LloydWorkspace {
    let partialSums: UnsafeMutablePointer<Double>
    let partialCounts: UnsafeMutablePointer<Int>
    let partialChanges: UnsafeMutablePointer<Int>
    let lower: UnsafeMutablePointer<Double>
    let centres: UnsafeMutablePointer<Double>
    /// Per centroid: the largest shift of any other centroid in the last update.
    let otherMoved: UnsafeMutablePointer<Double>
    /// Per centroid: half the distance to the nearest other centroid.
    let halfGap: UnsafeMutablePointer<Double>

    init(rows: Int, clusters: Int, columns: Int, chunks: Int) {
        partialSums = .allocate(capacity: chunks * clusters * columns)
        partialCounts = .allocate(capacity: chunks * clusters)
        partialChanges = .allocate(capacity: chunks)
        lower = .allocate(capacity: rows)
        centres = .allocate(capacity: clusters * columns)
        otherMoved = .allocate(capacity: clusters)
        halfGap = .allocate(capacity: clusters)
    }

    deinit {
        partialSums.deallocate()
        partialCounts.deallocate()
        partialChanges.deallocate()
        lower.deallocate()
        centres.deallocate()
        otherMoved.deallocate()
        halfGap.deallocate()
    }
}

extension KMeans {
    /// Lloyd iterations from `centroids` (row-major `clusters × columns`), as scikit-learn's
    /// `_kmeans_single_lloyd`: assign, recompute means (relocating empty clusters), stop on
    /// unchanged labels or a summed squared shift at most `tolerance`; then a final assignment
    /// with the final centroids gives labels and inertia.
    ///
    /// The assignment step skips the search for rows that provably keep their centroid (Hamerly,
    /// "Making k-means even faster", SDM 2010): per row a lower bound on the distance to any other
    /// centroid, lowered by the largest shift of the others after each update; a row keeps its
    /// centroid when its distance to it is at most `max(lower bound, half the distance from its
    /// centroid to the nearest other)`. Unlike Hamerly we compute that distance exactly every
    /// time instead of keeping an upper bound: one distance per row streams the data in order and
    /// avoids an unpredictable branch, which here costs less than the loads the bound would save.
    /// The assignments are Lloyd's; cluster sums are updated by the rows that move (per-chunk
    /// deltas reduced in chunk order) and rebuilt after an empty-cluster relocation.
    static func lloyd(
        _ points: UnsafePointer<Double>, rows: Int, columns: Int, clusters k: Int, centroids initial: [Double],
        maxIterations: Int, tolerance: Double, chunks: RowChunks, threads: Int, labels: inout [Int32]
    ) -> LloydRun {
        let workspace = LloydWorkspace(rows: rows, clusters: k, columns: columns, chunks: chunks.count)
        var centroids = initial
        var sums = [Double](repeating: 0, count: k * columns)
        var counts = [Int](repeating: 0, count: k)
        var moved = [Double](repeating: 0, count: k)
        var rebuild = true
        var iterations = 0
        var converged = false
        for iteration in 0..<maxIterations {
            let full = rebuild
            for index in 0..<k * columns { workspace.centres[index] = centroids[index] }
            if !full { halfGaps(workspace.centres, clusters: k, columns: columns, into: workspace.halfGap) }
            let panel = centroids.withUnsafeBufferPointer {
                CentroidPanel(centroids: $0, count: k, columns: columns)
            }
            labels.withUnsafeMutableBufferPointer { labelBuffer in
                withPanelPointers(panel) { scaled, norms in
                    guard let labelBase = labelBuffer.baseAddress else { return }
                    let pass = AssignmentPass(
                        points: points, columns: columns, clusters: k, labels: labelBase, scaled: scaled,
                        norms: norms, groups: panel.groups, indexBits: indexBits(groups: panel.groups),
                        largestNorm: largestSquaredNorm(workspace.centres, clusters: k, columns: columns),
                        workspace: workspace)
                    chunks.forEach(threads: threads) { chunk in
                        pass.run(chunk: chunk, rows: chunks.range(chunk), full: full)
                    }
                }
            }
            // Reduce the partials in chunk order (deterministic whatever the thread count).
            if full {
                for index in sums.indices { sums[index] = 0 }
                for index in counts.indices { counts[index] = 0 }
            }
            var changed = 0
            for chunk in 0..<chunks.count {
                changed += workspace.partialChanges[chunk]
                let chunkSums = workspace.partialSums + chunk * k * columns
                for index in 0..<k * columns { sums[index] += chunkSums[index] }
                for index in 0..<k { counts[index] += workspace.partialCounts[chunk * k + index] }
            }
            rebuild = false
            if counts.contains(0) {
                relocateEmptyClusters(
                    points, rows: rows, columns: columns, centroids: centroids, labels: labels,
                    sums: &sums, counts: &counts)
                rebuild = true  // the moved rows' sums no longer follow their labels
            }
            var shift = 0.0
            for cluster in 0..<k {
                var squared = 0.0
                if counts[cluster] > 0 {
                    for column in 0..<columns {
                        let index = cluster * columns + column
                        let mean = sums[index] / Double(counts[cluster])
                        let difference = mean - centroids[index]
                        squared += difference * difference
                        centroids[index] = mean
                    }
                }
                shift += squared
                moved[cluster] = squared.squareRoot()
            }
            largestOtherMoves(moved, into: workspace.otherMoved)
            iterations = iteration + 1
            if changed == 0 || shift <= tolerance {
                converged = true
                break
            }
        }
        let inertia = assignAll(
            points, rows: rows, columns: columns, centroids: centroids, clusters: k, chunks: chunks,
            threads: threads, labels: &labels)
        return LloydRun(centroids: centroids, inertia: inertia, iterations: iterations, converged: converged)
    }

    /// Half the distance from each centroid to its nearest other centroid (infinite for k = 1).
    static func halfGaps(
        _ centres: UnsafePointer<Double>, clusters k: Int, columns: Int, into gaps: UnsafeMutablePointer<Double>
    ) {
        for cluster in 0..<k { gaps[cluster] = .infinity }
        for a in 0..<k {
            for b in a + 1..<k {
                let half =
                    squaredDistance(centres + a * columns, centres + b * columns, columns: columns)
                    .squareRoot() / 2
                gaps[a] = min(gaps[a], half)
                gaps[b] = min(gaps[b], half)
            }
        }
    }

    /// The largest `‖c‖²` of the centroids (scales the rounding error of score distances).
    static func largestSquaredNorm(_ centres: UnsafePointer<Double>, clusters k: Int, columns: Int) -> Double {
        var largest = 0.0
        for cluster in 0..<k {
            largest = max(largest, squaredNorm(centres + cluster * columns, columns: columns))
        }
        return largest
    }

    /// For each centroid, the largest move among the other centroids.
    static func largestOtherMoves(_ moved: [Double], into others: UnsafeMutablePointer<Double>) {
        var first = -1.0, second = -1.0, firstIndex = -1
        for (index, move) in moved.enumerated() {
            if move > first {
                second = first
                first = move
                firstIndex = index
            } else if move > second {
                second = move
            }
        }
        for index in moved.indices { others[index] = max(0, index == firstIndex ? second : first) }
    }

    /// scikit-learn's `_relocate_empty_clusters_dense`: the rows farthest from their centroid
    /// (ties: lower row first) move, one per empty cluster in cluster order, into the empty clusters.
    static func relocateEmptyClusters(
        _ points: UnsafePointer<Double>, rows: Int, columns: Int, centroids: [Double], labels: [Int32],
        sums: inout [Double], counts: inout [Int]
    ) {
        let empty = counts.indices.filter { counts[$0] == 0 }
        // The `empty.count` largest distances, kept sorted descending (ties by row).
        var farthest: [(distance: Double, row: Int)] = []
        centroids.withUnsafeBufferPointer { centres in
            guard let centres = centres.baseAddress else { return }
            for row in 0..<rows {
                let label = Int(labels[row])
                let distance = squaredDistance(points + row * columns, centres + label * columns, columns: columns)
                if farthest.count == empty.count, let last = farthest.last, distance <= last.distance { continue }
                var position = farthest.count
                while position > 0, farthest[position - 1].distance < distance { position -= 1 }
                farthest.insert((distance, row), at: position)
                if farthest.count > empty.count { farthest.removeLast() }
            }
        }
        for (target, far) in zip(empty, farthest) {
            let from = Int(labels[far.row])
            for column in 0..<columns {
                let value = points[far.row * columns + column]
                sums[from * columns + column] -= value
                sums[target * columns + column] = value
            }
            counts[from] -= 1
            counts[target] = 1
        }
    }

    /// Assigns every row to its nearest centroid; returns the inertia (partials reduced in chunk order).
    static func assignAll(
        _ points: UnsafePointer<Double>, rows: Int, columns: Int, centroids: [Double], clusters k: Int,
        chunks: RowChunks, threads: Int, labels: inout [Int32]
    ) -> Double {
        let panel = centroids.withUnsafeBufferPointer { CentroidPanel(centroids: $0, count: k, columns: columns) }
        let partial = UnsafeMutablePointer<Double>.allocate(capacity: chunks.count)
        defer { partial.deallocate() }
        let bits = indexBits(groups: panel.groups)
        withPanelPointers(panel) { scaled, norms in
            labels.withUnsafeMutableBufferPointer { labelBuffer in
                centroids.withUnsafeBufferPointer { centres in
                    guard let labelBase = labelBuffer.baseAddress, let centres = centres.baseAddress else { return }
                    chunks.forEach(threads: threads) { chunk in
                        var inertia = 0.0
                        for row in chunks.range(chunk) {
                            let x = points + row * columns
                            let nearest = nearestCentroid(
                                x, scaled: scaled, norms: norms, groups: panel.groups, columns: columns, indexBits: bits)
                            labelBase[row] = Int32(nearest)
                            inertia += squaredDistance(x, centres + nearest * columns, columns: columns)
                        }
                        partial[chunk] = inertia
                    }
                }
            }
        }
        var inertia = 0.0
        for chunk in 0..<chunks.count { inertia += partial[chunk] }
        return inertia
    }

    /// Runs `body` with pointers to the panel's scaled coordinates and norms.
    static func withPanelPointers(
        _ panel: CentroidPanel,
        _ body: (UnsafePointer<SIMD4<Double>>, UnsafePointer<SIMD4<Double>>) -> Void
    ) {
        panel.scaled.withUnsafeBufferPointer { scaled in
            panel.norms.withUnsafeBufferPointer { norms in
                guard let scaled = scaled.baseAddress, let norms = norms.baseAddress else { return }
                body(scaled, norms)
            }
        }
    }
}

/// One assignment step over the rows of a chunk, with the bounds test of ``KMeans/lloyd``.
struct AssignmentPass {
    let points: UnsafePointer<Double>
    let columns: Int
    let clusters: Int
    let labels: UnsafeMutablePointer<Int32>
    let scaled: UnsafePointer<SIMD4<Double>>
    let norms: UnsafePointer<SIMD4<Double>>
    let groups: Int
    let indexBits: Int
    let largestNorm: Double
    let workspace: LloydWorkspace

    /// A full pass searches every row and rebuilds the chunk's sums; otherwise the chunk's sums
    /// and counts receive only the changes of rows that move.
    func run(chunk: Int, rows: Range<Int>, full: Bool) {
        let k = clusters
        let chunkSums = workspace.partialSums + chunk * k * columns
        let chunkCounts = workspace.partialCounts + chunk * k
        let lower = workspace.lower, centres = workspace.centres
        let otherMoved = workspace.otherMoved, halfGap = workspace.halfGap
        chunkSums.initialize(repeating: 0, count: k * columns)
        chunkCounts.initialize(repeating: 0, count: k)
        var changes = 0
        for row in rows {
            let x = points + row &* columns
            let current = Int(labels[row])
            if !full {
                // Lower the bound by the others' largest shift; keep the centroid while it is
                // provably the nearest.
                let low = lower[row] - otherMoved[current]
                lower[row] = low
                let limit = max(halfGap[current], low)
                if squaredDistance(x, centres + current &* columns, columns: columns) <= limit * limit { continue }
            }
            let nearest = nearestTwoCentroids(
                x, scaled: scaled, norms: norms, groups: groups, columns: columns, indexBits: indexBits, count: k)
            let best = nearest.best
            // The bound comes from the score distance, lowered by its rounding error.
            let slack = 1e-12 * (nearest.rowNorm + largestNorm)
            lower[row] = max(0, nearest.secondDistance - slack).squareRoot()
            if full {
                if current != best { changes += 1 }
                chunkCounts[best] += 1
                accumulate(x, into: chunkSums + best &* columns, columns: columns)
            } else if current != best {
                changes += 1
                chunkCounts[current] -= 1
                chunkCounts[best] += 1
                subtract(x, from: chunkSums + current &* columns, columns: columns)
                accumulate(x, into: chunkSums + best &* columns, columns: columns)
            }
            labels[row] = Int32(best)
        }
        workspace.partialChanges[chunk] = changes
    }
}
