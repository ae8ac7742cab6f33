/// How to score a clustering when choosing the number of clusters.
public enum ClusterCountCriterion: Sendable, Equatable {
    /// Mean silhouette, on at most `sampleSize` rows (`nil`: all rows; cost grows with its square).
    case silhouette(sampleSize: Int?)
    /// Calinski–Harabasz index (cheap: one pass over the rows).
    case calinskiHarabasz
}

/// The scores of every tried cluster count and the clustering with the best score.
public struct ClusterCountSelection: Sendable {
    /// One tried cluster count.
    public struct Candidate: Sendable, Equatable {
        public let clusters: Int
        public let score: Double
        public let inertia: Double
    }

    /// Every tried count, ascending.
    public let candidates: [Candidate]
    /// The clustering with the highest score (the smaller count on ties).
    public let best: KMeansResult

    /// The chosen number of clusters.
    public var clusters: Int { best.centroids.rows }
}

extension KMeans {
    /// Fits k-means for every count in `range` and keeps the count with the best `criterion`.
    ///
    /// Every fit uses `options` with its cluster count replaced (same seed, so the choice is
    /// deterministic); the silhouette sample is drawn with `options.seed`.
    ///
    /// - Throws: when `range` starts below 2 or ends above `rows - 1`, or the fits fail.
    public static func selectClusterCount(
        _ data: FeatureMatrix, in range: ClosedRange<Int>, criterion: ClusterCountCriterion,
        options: KMeansOptions
    ) throws(ClusteringError) -> ClusterCountSelection {
        guard range.lowerBound >= 2, range.upperBound <= data.rows - 1 else {
            throw .invalidOption(
                name: "cluster range", value: "\(range)", requirement: "within 2...\(data.rows - 1)")
        }
        var candidates: [ClusterCountSelection.Candidate] = []
        var best: (score: Double, result: KMeansResult)?
        for clusters in range {
            var fitOptions = options
            fitOptions.clusters = clusters
            let result = try fit(data, options: fitOptions)
            let score: Double
            switch criterion {
            case .silhouette(let sampleSize):
                score = try ClusterQuality.silhouette(
                    data, labels: result.labels, sampleSize: sampleSize, seed: options.seed, threads: options.threads)
            case .calinskiHarabasz:
                score = try ClusterQuality.calinskiHarabasz(data, labels: result.labels)
            }
            candidates.append(.init(clusters: clusters, score: score, inertia: result.inertia))
            if best == nil || score > best?.score ?? -.infinity { best = (score, result) }
        }
        guard let best else { throw .tooFewRows(needed: 3, actual: data.rows) }
        return ClusterCountSelection(candidates: candidates, best: best.result)
    }
}
