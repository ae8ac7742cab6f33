/// How much clusterings of the same data agree when only the seed changes.
///
/// Why: a segmentation whose clusters reshuffle with the seed should not be shown as a fact;
/// a mean adjusted Rand index near 1 says the segments are stable.
public struct ClusterStability: Sendable, Equatable {
    /// Adjusted Rand index of every pair of runs `(i, j)`, `i < j`, in lexicographic order.
    public let pairwiseAgreement: [Double]
    /// Mean of ``pairwiseAgreement``.
    public let meanAgreement: Double
    /// Smallest of ``pairwiseAgreement``.
    public let minimumAgreement: Double
    /// Inertia of every run.
    public let inertias: [Double]
}

extension KMeans {
    /// Fits `runs` clusterings with seeds derived from `options.seed` and compares them pairwise.
    ///
    /// - Throws: when `runs < 2` or a fit fails.
    public static func stability(
        _ data: FeatureMatrix, options: KMeansOptions, runs: Int = 5
    ) throws(ClusteringError) -> ClusterStability {
        guard runs >= 2 else {
            throw .invalidOption(name: "runs", value: "\(runs)", requirement: "at least 2")
        }
        let root = SplitMix64(seed: options.seed)
        var results: [KMeansResult] = []
        for run in 0..<runs {
            var runOptions = options
            var seeder = root.derived(stream: 0x5EED_0000 + UInt64(run))
            runOptions.seed = seeder.next()
            results.append(try fit(data, options: runOptions))
        }
        var agreement: [Double] = []
        for first in 0..<runs {
            for second in first + 1..<runs {
                agreement.append(try ClusterAgreement.adjustedRandIndex(results[first].labels, results[second].labels))
            }
        }
        return ClusterStability(
            pairwiseAgreement: agreement, meanAgreement: agreement.reduce(0, +) / Double(agreement.count),
            minimumAgreement: agreement.min() ?? 1, inertias: results.map(\.inertia))
    }
}

/// Agreement between two labelings of the same rows.
public enum ClusterAgreement {
    /// Adjusted Rand index (Hubert & Arabie 1985): 1 for identical partitions (whatever the label
    /// names), about 0 for independent ones, negative when worse than chance.
    ///
    /// Computed from the pair confusion counts as scikit-learn's `adjusted_rand_score`, which
    /// returns 1 when no pair is split differently (also for two single-cluster labelings).
    ///
    /// - Throws: ``ClusteringError/invalidLabels(_:)`` when the lengths differ.
    public static func adjustedRandIndex(_ a: [Int32], _ b: [Int32]) throws(ClusteringError) -> Double {
        guard a.count == b.count else {
            throw .invalidLabels("\(a.count) labels compared with \(b.count)")
        }
        var cells: [Int64: Int] = [:]
        var rows: [Int32: Int] = [:]
        var columns: [Int32: Int] = [:]
        for index in a.indices {
            cells[Int64(a[index]) << 32 | Int64(UInt32(bitPattern: b[index])), default: 0] += 1
            rows[a[index], default: 0] += 1
            columns[b[index], default: 0] += 1
        }
        let n = Double(a.count)
        let sumSquares = cells.values.reduce(0.0) { $0 + Double($1) * Double($1) }
        let rowSquares = rows.values.reduce(0.0) { $0 + Double($1) * Double($1) }
        let columnSquares = columns.values.reduce(0.0) { $0 + Double($1) * Double($1) }
        let together = sumSquares - n  // pairs together in both (x2)
        let onlyB = columnSquares - sumSquares  // together in b only
        let onlyA = rowSquares - sumSquares  // together in a only
        let apart = n * n - onlyB - onlyA - sumSquares
        if onlyA == 0, onlyB == 0 { return 1 }
        let numerator = 2 * (together * apart - onlyA * onlyB)
        let denominator = (together + onlyA) * (onlyA + apart) + (together + onlyB) * (onlyB + apart)
        return numerator / denominator
    }
}
