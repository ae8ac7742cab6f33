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
    static func lloyd(
        _ points: UnsafePointer<Double>, rows: Int, columns: Int, clusters k: Int, centroids initial: [Double],
        maxIterations: Int, tolerance: Double, chunks: RowChunks, threads: Int, labels: inout [Int32]
    ) -> LloydRun {
        var centroids = initial
        let partialSums = UnsafeMutablePointer<Double>.allocate(capacity: chunks.count * k * columns)
        let partialCounts = UnsafeMutablePointer<Int>.allocate(capacity: chunks.count * k)
        let partialChanges = UnsafeMutablePointer<Int>.allocate(capacity: chunks.count)
        defer {
            partialSums.deallocate()
            partialCounts.deallocate()
            partialChanges.deallocate()
        }
        var sums = [Double](repeating: 0, count: k * columns)
        var counts = [Int](repeating: 0, count: k)
        var iterations = 0
        var converged = false
        for iteration in 0 ..< maxIterations {
            let panel = centroids.withUnsafeBufferPointer {
                CentroidPanel(centroids: $0, count: k, columns: columns)
            }
            let bits = indexBits(groups: panel.groups)
            withPanelPointers(panel) { scaled, norms in
                labels.withUnsafeMutableBufferPointer { labelBuffer in
                    guard let labelBase = labelBuffer.baseAddress else { return }
                    chunks.forEach(threads: threads) { chunk in
                        let chunkSums = partialSums + chunk * k * columns
                        let chunkCounts = partialCounts + chunk * k
                        chunkSums.initialize(repeating: 0, count: k * columns)
                        chunkCounts.initialize(repeating: 0, count: k)
                        var changes = 0
                        for row in chunks.range(chunk) {
                            let x = points + row * columns
                            let nearest = nearestCentroid(
                                x, scaled: scaled, norms: norms, groups: panel.groups, columns: columns, indexBits: bits)
                            if labelBase[row] != Int32(nearest) {
                                labelBase[row] = Int32(nearest)
                                changes += 1
                            }
                            chunkCounts[nearest] += 1
                            accumulate(x, into: chunkSums + nearest &* columns, columns: columns)
                        }
                        partialChanges[chunk] = changes
                    }
                }
            }
            // Reduce the partials in chunk order (deterministic whatever the thread count).
            for index in sums.indices { sums[index] = 0 }
            for index in counts.indices { counts[index] = 0 }
            var changed = 0
            for chunk in 0 ..< chunks.count {
                changed += partialChanges[chunk]
                for index in 0 ..< k * columns { sums[index] += partialSums[chunk * k * columns + index] }
                for index in 0 ..< k { counts[index] += partialCounts[chunk * k + index] }
            }
            if counts.contains(0) {
                relocateEmptyClusters(
                    points, rows: rows, columns: columns, centroids: centroids, labels: labels,
                    sums: &sums, counts: &counts)
            }
            var shift = 0.0
            for cluster in 0 ..< k where counts[cluster] > 0 {
                for column in 0 ..< columns {
                    let index = cluster * columns + column
                    let mean = sums[index] / Double(counts[cluster])
                    let difference = mean - centroids[index]
                    shift += difference * difference
                    centroids[index] = mean
                }
            }
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
