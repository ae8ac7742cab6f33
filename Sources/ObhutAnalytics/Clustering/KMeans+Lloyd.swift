/// One restart's outcome.
struct LloydRun {
    var centroids: [Double]
    var inertia: Double
    var iterations: Int
    var converged: Bool
}

extension KMeans {
    /// Lloyd iterations from `centroids` (row-major `clusters × columns`), as scikit-learn's
    /// `_kmeans_single_lloyd`: assign, recompute means (relocating empty clusters), stop on
    /// unchanged labels or a summed squared shift at most `tolerance`; then a final assignment
    /// with the final centroids gives labels and inertia.
    ///
    /// The assignment step skips rows that provably keep their centroid (Hamerly, "Making k-means
    /// even faster", SDM 2010): per row an upper bound on the distance to its centroid and a lower
    /// bound on the distance to any other; both move by the centroid shifts, and only rows whose
    /// upper bound exceeds `max(lower, half the distance from their centroid to the nearest other)`
    /// are examined. The assignments are Lloyd's; cluster sums are updated by the rows that move
    /// (per-chunk deltas reduced in chunk order), and rebuilt after an empty-cluster relocation.
    static func lloyd(
        _ points: UnsafePointer<Double>, rows: Int, columns: Int, clusters k: Int, centroids initial: [Double],
        maxIterations: Int, tolerance: Double, chunks: RowChunks, threads: Int, labels: inout [Int32]
    ) -> LloydRun {
        var centroids = initial
        let partialSums = UnsafeMutablePointer<Double>.allocate(capacity: chunks.count * k * columns)
        let partialCounts = UnsafeMutablePointer<Int>.allocate(capacity: chunks.count * k)
        let partialChanges = UnsafeMutablePointer<Int>.allocate(capacity: chunks.count)
        let upper = UnsafeMutablePointer<Double>.allocate(capacity: rows)
        let lower = UnsafeMutablePointer<Double>.allocate(capacity: rows)
        defer {
            partialSums.deallocate()
            partialCounts.deallocate()
            partialChanges.deallocate()
            upper.deallocate()
            lower.deallocate()
        }
        var sums = [Double](repeating: 0, count: k * columns)
        var counts = [Int](repeating: 0, count: k)
        // Per centroid: distance moved in the last update, the largest move of any other
        // centroid, and half the distance to the nearest other centroid.
        var moved = [Double](repeating: 0, count: k)
        var otherMoved = [Double](repeating: 0, count: k)
        var halfGap = [Double](repeating: 0, count: k)
        var rebuild = true
        var iterations = 0
        var converged = false
        for iteration in 0 ..< maxIterations {
            let panel = centroids.withUnsafeBufferPointer {
                CentroidPanel(centroids: $0, count: k, columns: columns)
            }
            let bits = indexBits(groups: panel.groups)
            let largestNorm = largestSquaredNorm(centroids, clusters: k, columns: columns)
            let full = rebuild
            if !full { halfGaps(centroids, clusters: k, columns: columns, into: &halfGap) }
            withPanelPointers(panel) { scaled, norms in
                labels.withUnsafeMutableBufferPointer { labelBuffer in
                    centroids.withUnsafeBufferPointer { centres in
                        moved.withUnsafeBufferPointer { moved in
                            otherMoved.withUnsafeBufferPointer { otherMoved in
                                halfGap.withUnsafeBufferPointer { halfGap in
                                    guard let labelBase = labelBuffer.baseAddress, let centres = centres.baseAddress,
                                        let moved = moved.baseAddress, let otherMoved = otherMoved.baseAddress,
                                        let halfGap = halfGap.baseAddress
                                    else { return }
                                    chunks.forEach(threads: threads) { chunk in
                                        let chunkSums = partialSums + chunk * k * columns
                                        let chunkCounts = partialCounts + chunk * k
                                        chunkSums.initialize(repeating: 0, count: k * columns)
                                        chunkCounts.initialize(repeating: 0, count: k)
                                        var changes = 0
                                        for row in chunks.range(chunk) {
                                            let x = points + row &* columns
                                            var current = Int(labelBase[row])
                                            if !full {
                                                // Move the bounds by the last shifts, then test.
                                                var high = upper[row] + moved[current]
                                                let low = lower[row] - otherMoved[current]
                                                lower[row] = low
                                                let limit = max(halfGap[current], low)
                                                if high > limit {
                                                    high = squaredDistance(x, centres + current &* columns, columns: columns)
                                                        .squareRoot()
                                                }
                                                upper[row] = high
                                                if high <= limit { continue }
                                            }
                                            let nearest = nearestTwoCentroids(
                                                x, scaled: scaled, norms: norms, groups: panel.groups,
                                                columns: columns, indexBits: bits, count: k)
                                            let best = nearest.best
                                            // Bounds from the score distances, widened by their
                                            // rounding error so they stay bounds.
                                            let slack = 1e-12 * (nearest.rowNorm + largestNorm)
                                            upper[row] = (nearest.bestDistance + slack).squareRoot()
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
                                            current = best
                                            labelBase[row] = Int32(best)
                                        }
                                        partialChanges[chunk] = changes
                                    }
                                }
                            }
                        }
                    }
                }
            }
            // Reduce the partials in chunk order (deterministic whatever the thread count).
            if full {
                for index in sums.indices { sums[index] = 0 }
                for index in counts.indices { counts[index] = 0 }
            }
            var changed = 0
            for chunk in 0 ..< chunks.count {
                changed += partialChanges[chunk]
                for index in 0 ..< k * columns { sums[index] += partialSums[chunk * k * columns + index] }
                for index in 0 ..< k { counts[index] += partialCounts[chunk * k + index] }
            }
            rebuild = false
            if counts.contains(0) {
                relocateEmptyClusters(
                    points, rows: rows, columns: columns, centroids: centroids, labels: labels,
                    sums: &sums, counts: &counts)
                rebuild = true  // the moved rows' sums no longer follow their labels
            }
            var shift = 0.0
            for cluster in 0 ..< k {
                var squared = 0.0
                if counts[cluster] > 0 {
                    for column in 0 ..< columns {
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
            largestOtherMoves(moved, into: &otherMoved)
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
    static func halfGaps(_ centroids: [Double], clusters k: Int, columns: Int, into gaps: inout [Double]) {
        for cluster in 0 ..< k { gaps[cluster] = .infinity }
        centroids.withUnsafeBufferPointer { centres in
            guard let centres = centres.baseAddress else { return }
            for a in 0 ..< k {
                for b in a + 1 ..< k {
                    let half = squaredDistance(centres + a * columns, centres + b * columns, columns: columns)
                        .squareRoot() / 2
                    gaps[a] = min(gaps[a], half)
                    gaps[b] = min(gaps[b], half)
                }
            }
        }
    }

    /// The largest `‖c‖²` of the centroids (scales the rounding error of score distances).
    static func largestSquaredNorm(_ centroids: [Double], clusters k: Int, columns: Int) -> Double {
        var largest = 0.0
        for cluster in 0 ..< k {
            var norm = 0.0
            for column in 0 ..< columns { norm += centroids[cluster * columns + column] * centroids[cluster * columns + column] }
            largest = max(largest, norm)
        }
        return largest
    }

    /// For each centroid, the largest move among the other centroids.
    static func largestOtherMoves(_ moved: [Double], into others: inout [Double]) {
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
            for row in 0 ..< rows {
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
            for column in 0 ..< columns {
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
        for chunk in 0 ..< chunks.count { inertia += partial[chunk] }
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
