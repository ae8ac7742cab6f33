import Foundation
import ObhutCore

/// Settings of a behavioural segmentation.
public struct SegmentationOptions: Sendable, Equatable {
    /// Cluster counts to try; the one with the best silhouette is kept.
    public var clusterRange: ClosedRange<Int>
    /// The choice of k runs on at most this many customers drawn at random (the final clustering
    /// uses everyone): silhouettes cost the square of their sample, and a few thousand customers
    /// say as much about the shape of the data as a million.
    public var selectionSample: Int
    /// Rows the silhouette of each candidate is computed on.
    public var silhouetteSample: Int
    /// k-means restarts when choosing k and in the final fit.
    public var restarts: Int
    /// Runs with other seeds whose agreement (adjusted Rand index) measures stability.
    public var stabilityRuns: Int
    /// Categories with the largest spend that become clustering features (the others are still
    /// used to describe segments).
    public var categoryFeatures: Int
    public var seed: UInt64
    public var threads: Int

    public init(
        clusterRange: ClosedRange<Int> = 3...8, selectionSample: Int = 20_000, silhouetteSample: Int = 3_000, restarts: Int = 5,
        stabilityRuns: Int = 3, categoryFeatures: Int = 8, seed: UInt64 = 1, threads: Int = 2
    ) {
        self.clusterRange = clusterRange
        self.selectionSample = selectionSample
        self.silhouetteSample = silhouetteSample
        self.restarts = restarts
        self.stabilityRuns = stabilityRuns
        self.categoryFeatures = categoryFeatures
        self.seed = seed
        self.threads = threads
    }

    /// Fewest customers a segmentation runs on: below that, segments would describe individuals.
    public static let minimumCustomers = 50
}

/// Customers grouped by buying behaviour (k-means on standardised features, k chosen by
/// silhouette), each group named and described in plain words from what sets it apart.
///
/// Features: log(1 + days since the last order), log(1 + orders), log(1 + average order value),
/// discount share, return share, log(1 + tenure in days), and the spend shares of the largest
/// categories. Logarithms because order counts and values are heavily skewed (a few customers
/// with hundreds of orders would otherwise form clusters of their own). All columns are
/// z-scored; the category block is then scaled so that together it weighs as much as two
/// behavioural features, whatever the number of categories.
public struct BehaviourSegmentation: Sendable {
    /// Segment of every customer (index into ``segments``); segments are numbered by size, largest first.
    public let labels: [Int32]
    public let segments: [BehaviourSegment]
    /// Mean silhouette of every tried cluster count (on the selection sample).
    public let candidates: [Candidate]
    /// Mean adjusted Rand index between runs with other seeds (1 = identical segments).
    public let stability: Double
    /// The population means of the described features, for comparisons in explanations.
    public let overall: SegmentProfile
    public let featureNames: [String]

    public struct Candidate: Sendable, Codable, Equatable {
        public let clusters: Int
        public let silhouette: Double
    }

    /// Segments `behaviour`.
    ///
    /// - Throws: ``ClusteringError/tooFewRows(needed:actual:)`` below
    ///   ``SegmentationOptions/minimumCustomers``; shape and value errors from the input.
    public static func fit(_ behaviour: CustomerBehaviour, options: SegmentationOptions = .init()) throws(ClusteringError)
        -> BehaviourSegmentation
    {
        try behaviour.validate()
        let n = behaviour.count
        guard n >= SegmentationOptions.minimumCustomers else { throw .tooFewRows(needed: SegmentationOptions.minimumCustomers, actual: n) }
        let (matrix, names) = try features(behaviour, categoryFeatures: options.categoryFeatures)

        // Choose k on a sample.
        var random = SplitMix64(seed: options.seed)
        var sampleRows = Array(0..<n)
        let sampleSize = min(n, options.selectionSample)
        if sampleSize < n {
            for i in 0..<sampleSize { sampleRows.swapAt(i, i + random.next(below: n - i)) }
            sampleRows = Array(sampleRows[0..<sampleSize]).sorted()
        }
        let sample = sampleSize < n ? matrix.selectingRows(sampleRows) : matrix
        let upper = min(options.clusterRange.upperBound, sample.rows - 1)
        let lower = min(max(2, options.clusterRange.lowerBound), upper)
        let base = KMeansOptions(clusters: lower, restarts: options.restarts, seed: options.seed, threads: options.threads)
        let selection = try KMeans.selectClusterCount(
            sample, in: lower...upper, criterion: .silhouette(sampleSize: options.silhouetteSample), options: base)
        var finalOptions = base
        finalOptions.clusters = selection.clusters
        let fitted = try KMeans.fit(matrix, options: finalOptions)
        let stability =
            options.stabilityRuns >= 2
            ? try KMeans.stability(sample, options: finalOptions, runs: options.stabilityRuns).meanAgreement : 1

        // Number segments by size (largest first, ties by old label) so ids are stable to read.
        let sizes = fitted.clusterSizes
        let order = sizes.indices.sorted { sizes[$0] > sizes[$1] || (sizes[$0] == sizes[$1] && $0 < $1) }
        var relabel = [Int32](repeating: 0, count: sizes.count)
        for (new, old) in order.enumerated() { relabel[old] = Int32(new) }
        let labels = fitted.labels.map { relabel[Int($0)] }

        let description = SegmentDescriber(behaviour: behaviour, labels: labels, clusters: sizes.count)
        return BehaviourSegmentation(
            labels: labels, segments: description.segments(),
            candidates: selection.candidates.map { .init(clusters: $0.clusters, silhouette: $0.score) },
            stability: stability, overall: description.overall, featureNames: names)
    }

    /// The standardised, weighted feature matrix and its column names.
    static func features(_ b: CustomerBehaviour, categoryFeatures: Int) throws(ClusteringError) -> (FeatureMatrix, [String]) {
        let n = b.count
        let categories = b.categoryNames.count
        // The categories with the largest total share become features.
        var totals = [Double](repeating: 0, count: categories)
        for i in 0..<n {
            for c in 0..<categories { totals[c] += b.categoryShares[i * categories + c] }
        }
        let chosen = Array(
            totals.indices.filter { totals[$0] > 0 }.sorted { totals[$0] > totals[$1] || (totals[$0] == totals[$1] && $0 < $1) }
                .prefix(max(0, categoryFeatures)))
        let behavioural = 6
        let columns = behavioural + chosen.count
        var values = [Double](repeating: 0, count: n * columns)
        for i in 0..<n {
            let row = i * columns
            values[row] = log1p(b.recencyDays[i])
            values[row + 1] = log1p(b.orders[i])
            values[row + 2] = log1p(b.averageOrderValue(i))
            values[row + 3] = min(1, b.discountShare[i])
            values[row + 4] = min(1, b.returnShare[i])
            values[row + 5] = log1p(b.tenureDays[i])
            for (k, c) in chosen.enumerated() { values[row + behavioural + k] = b.categoryShares[i * categories + c] }
        }
        let raw = try FeatureMatrix(rows: n, columns: columns, values: values)
        var standardised = try Standardization(fitting: raw).apply(to: raw).values
        if !chosen.isEmpty {
            let weight = (2 / Double(chosen.count)).squareRoot()
            for i in 0..<n {
                for k in 0..<chosen.count { standardised[i * columns + behavioural + k] *= weight }
            }
        }
        let names =
            ["log recency days", "log orders", "log average order value", "discount share", "return share", "log tenure days"]
            + chosen.map { "share " + b.categoryNames[$0] }
        return (try FeatureMatrix(rows: n, columns: columns, values: standardised), names)
    }
}
