import Foundation

extension KMeans {
    /// Greedy k-means++ seeding (scikit-learn's `_kmeans_plusplus`): returns `clusters × columns`
    /// row-major centroids taken from the rows.
    ///
    /// Each step draws `2 + ⌊ln k⌋` candidates with probability proportional to the squared
    /// distance to the nearest chosen centroid (the inverse CDF walked chunk by chunk, as numpy's
    /// `searchsorted` on the cumulative sum), keeps the candidate that lowers the total most
    /// (first one on ties), and updates the nearest distances.
    static func plusPlusCentroids(
        _ points: UnsafePointer<Double>, rows: Int, columns: Int, clusters k: Int, random: inout SplitMix64,
        chunks: RowChunks, threads: Int
    ) -> [Double] {
        let trials = 2 + Int(log(Double(k)))
        var centroids = [Double](repeating: 0, count: k * columns)
        let closest = UnsafeMutablePointer<Double>.allocate(capacity: rows)
        let chunkTotals = UnsafeMutablePointer<Double>.allocate(capacity: chunks.count)
        let candidateTotals = UnsafeMutablePointer<Double>.allocate(capacity: chunks.count * trials)
        defer {
            closest.deallocate()
            chunkTotals.deallocate()
            candidateTotals.deallocate()
        }
        func copyRow(_ row: Int, to centroid: Int) {
            for column in 0..<columns { centroids[centroid * columns + column] = points[row * columns + column] }
        }
        /// closest = min(closest, distance to `row`) (or = when `first`), chunk totals updated.
        func absorb(_ center: Int, first: Bool) {
            let c = points + center * columns
            chunks.forEach(threads: threads) { chunk in
                var total = 0.0
                for row in chunks.range(chunk) {
                    let distance = squaredDistance(points + row * columns, c, columns: columns)
                    let value = first ? distance : min(closest[row], distance)
                    closest[row] = value
                    total += value
                }
                chunkTotals[chunk] = total
            }
        }
        func potential() -> Double {
            var total = 0.0
            for chunk in 0..<chunks.count { total += chunkTotals[chunk] }
            return total
        }
        /// The first row whose cumulative distance reaches `target` (the last row if rounding
        /// leaves it short).
        func sample(_ target: Double) -> Int {
            var cumulative = 0.0
            for chunk in 0..<chunks.count {
                if cumulative + chunkTotals[chunk] < target {
                    cumulative += chunkTotals[chunk]
                    continue
                }
                for row in chunks.range(chunk) {
                    cumulative += closest[row]
                    if cumulative >= target { return row }
                }
            }
            return rows - 1
        }

        let first = random.next(below: rows)
        copyRow(first, to: 0)
        absorb(first, first: true)
        var currentPotential = potential()
        var candidates = [Int](repeating: 0, count: trials)
        var candidateRows = [Double](repeating: 0, count: trials * columns)
        for centroid in 1..<max(1, k) {
            for trial in 0..<trials {
                candidates[trial] = sample(random.nextDouble() * currentPotential)
                for column in 0..<columns {
                    candidateRows[trial * columns + column] = points[candidates[trial] * columns + column]
                }
            }
            let panel = candidateRows.withUnsafeBufferPointer {
                CentroidPanel(centroids: $0, count: trials, columns: columns)
            }
            panel.coordinates.withUnsafeBufferPointer { lanes in
                guard let lanes = lanes.baseAddress else { return }
                chunks.forEach(threads: threads) { chunk in
                    // Vector accumulators per candidate group; extracting lanes per row would
                    // turn the lane-wise minimum into branches.
                    var sums = [SIMD4<Double>](repeating: .zero, count: panel.groups)
                    sums.withUnsafeMutableBufferPointer { sums in
                        for row in chunks.range(chunk) {
                            let x = points + row &* columns
                            let current = SIMD4<Double>(repeating: closest[row])
                            var group = lanes
                            for index in 0..<panel.groups {
                                sums[index] += lanewiseMin(squaredDistances(x, group, columns: columns), current)
                                group += columns
                            }
                        }
                        let totals = candidateTotals + chunk * trials
                        for trial in 0..<trials { totals[trial] = sums[trial / 4][trial % 4] }
                    }
                }
            }
            var bestTrial = 0
            var bestPotential = Double.infinity
            for trial in 0..<trials {
                var total = 0.0
                for chunk in 0..<chunks.count { total += candidateTotals[chunk * trials + trial] }
                if total < bestPotential {
                    bestPotential = total
                    bestTrial = trial
                }
            }
            copyRow(candidates[bestTrial], to: centroid)
            absorb(candidates[bestTrial], first: false)
            currentPotential = potential()
        }
        return centroids
    }
}
