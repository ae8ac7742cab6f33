import Foundation

/// Settings of a k-means run; the defaults are scikit-learn's `KMeans(n_init=10)`.
public struct KMeansOptions: Sendable, Equatable {
    /// Number of clusters `k`, at least 1 and at most the number of rows.
    public var clusters: Int
    /// Independent restarts (scikit-learn's `n_init`); the one with the lowest inertia is kept.
    public var restarts: Int
    /// Upper bound on Lloyd iterations per restart.
    public var maxIterations: Int
    /// Relative tolerance: a restart stops when the summed squared centroid shift is at most
    /// `tolerance` × the mean column variance of the data (scikit-learn's `tol`).
    public var tolerance: Double
    /// Seed of all randomness; restart `r` uses stream `r` of ``SplitMix64/derived(stream:)``.
    public var seed: UInt64
    /// Threads for the assignment and seeding passes. Results do not depend on it.
    public var threads: Int

    public init(
        clusters: Int, restarts: Int = 10, maxIterations: Int = 300, tolerance: Double = 1e-4,
        seed: UInt64 = 0, threads: Int = 2
    ) {
        self.clusters = clusters
        self.restarts = restarts
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.seed = seed
        self.threads = threads
    }
}

/// A fitted k-means clustering.
public struct KMeansResult: Sendable {
    /// `k × columns` centroids, row `c` being the mean of cluster `c`.
    public let centroids: FeatureMatrix
    /// The cluster of every row, in `0 ..< k`.
    public let labels: [Int32]
    /// Sum of squared distances of rows to their centroid (within-cluster sum of squares).
    public let inertia: Double
    /// Lloyd iterations of the kept restart.
    public let iterations: Int
    /// Whether the kept restart stopped by tolerance or unchanged labels, not by the iteration cap.
    public let converged: Bool
    /// Index of the kept restart.
    public let restart: Int
    /// Final inertia of every restart, in order.
    public let restartInertias: [Double]

    /// Number of rows in each cluster.
    public var clusterSizes: [Int] {
        var sizes = [Int](repeating: 0, count: centroids.rows)
        for label in labels { sizes[Int(label)] += 1 }
        return sizes
    }
}

/// k-means clustering: greedy k-means++ seeding and Lloyd iterations, several restarts, the
/// lowest inertia kept; deterministic for a seed.
///
/// Seeding follows scikit-learn's `_kmeans_plusplus` (Arthur & Vassilvitskii 2007, greedy
/// variant): the first centre is a uniformly drawn row, each further centre the best of
/// `2 + ⌊ln k⌋` candidates drawn with probability proportional to the squared distance to the
/// nearest chosen centre. Iterations follow scikit-learn's Lloyd loop: stop when no label changes
/// or when the summed squared centre shift is at most the tolerance; an empty cluster takes the
/// row farthest from its centre. The assignment step gives Lloyd's assignments but skips rows
/// that provably keep their centroid (Hamerly 2010 bounds), compares a row with four centroids
/// per SIMD instruction, and splits rows over ``KMeansOptions/threads`` threads.
///
/// Edge cases: values must lie within ±1e100 (standardise first, see ``Standardization``);
/// duplicate rows can make clusters empty, which are refilled as above; `k == rows` gives
/// inertia 0.
public enum KMeans {
    /// Clusters the rows of `data`.
    ///
    /// - Throws: ``ClusteringError/invalidOption(name:value:requirement:)`` for options out of
    ///   range (k larger than the number of rows, no restarts, a negative tolerance …) or a value
    ///   beyond ±1e100.
    public static func fit(_ data: FeatureMatrix, options: KMeansOptions) throws(ClusteringError) -> KMeansResult {
        try validate(data, options)
        let rows = data.rows, columns = data.columns, k = options.clusters
        let absoluteTolerance = meanColumnVariance(data) * options.tolerance
        let chunks = RowChunks(rows: rows)
        let base = SplitMix64(seed: options.seed)
        var best: LloydRun?
        var bestRestart = 0
        var inertias: [Double] = []
        var labels = [Int32](repeating: -1, count: rows)
        var bestLabels = labels
        data.values.withUnsafeBufferPointer { buffer in
            guard let points = buffer.baseAddress else { return }
            for restart in 0..<options.restarts {
                var random = base.derived(stream: UInt64(restart))
                let seeds = plusPlusCentroids(
                    points, rows: rows, columns: columns, clusters: k, random: &random,
                    chunks: chunks, threads: options.threads)
                for index in labels.indices { labels[index] = -1 }
                let run = lloyd(
                    points, rows: rows, columns: columns, clusters: k, centroids: seeds,
                    maxIterations: options.maxIterations, tolerance: absoluteTolerance,
                    chunks: chunks, threads: options.threads, labels: &labels)
                inertias.append(run.inertia)
                if best == nil || run.inertia < best?.inertia ?? .infinity {
                    best = run
                    bestRestart = restart
                    swap(&labels, &bestLabels)
                }
            }
        }
        guard let best else { throw .tooFewRows(needed: 1, actual: rows) }
        return KMeansResult(
            centroids: FeatureMatrix(unchecked: k, columns, best.centroids), labels: bestLabels,
            inertia: best.inertia, iterations: best.iterations, converged: best.converged,
            restart: bestRestart, restartInertias: inertias)
    }

    /// One Lloyd run from given centroids (no seeding, ``KMeansOptions/restarts`` ignored), as
    /// scikit-learn's `KMeans(init=array, n_init=1)`.
    ///
    /// Why: to continue from last period's segments so that cluster numbers keep their meaning,
    /// and to time the iterations alone.
    public static func fit(
        _ data: FeatureMatrix, initialCentroids: FeatureMatrix, options: KMeansOptions
    ) throws(ClusteringError) -> KMeansResult {
        var options = options
        options.clusters = initialCentroids.rows
        try validate(data, options)
        guard initialCentroids.columns == data.columns else {
            throw .shapeMismatch(expected: "centroids with \(data.columns) columns", actual: initialCentroids.columns)
        }
        var labels = [Int32](repeating: -1, count: data.rows)
        let run = data.values.withUnsafeBufferPointer { buffer -> LloydRun? in
            guard let points = buffer.baseAddress else { return nil }
            return lloyd(
                points, rows: data.rows, columns: data.columns, clusters: options.clusters,
                centroids: initialCentroids.values, maxIterations: options.maxIterations,
                tolerance: meanColumnVariance(data) * options.tolerance, chunks: RowChunks(rows: data.rows),
                threads: options.threads, labels: &labels)
        }
        guard let run else { throw .tooFewRows(needed: 1, actual: data.rows) }
        return KMeansResult(
            centroids: FeatureMatrix(unchecked: options.clusters, data.columns, run.centroids), labels: labels,
            inertia: run.inertia, iterations: run.iterations, converged: run.converged, restart: 0,
            restartInertias: [run.inertia])
    }

    /// The nearest centroid of every row of `data` (ties to the lower index) and the inertia.
    public static func assign(
        _ data: FeatureMatrix, to centroids: FeatureMatrix, threads: Int = 2
    ) throws(ClusteringError) -> (labels: [Int32], inertia: Double) {
        guard centroids.columns == data.columns, centroids.rows >= 1 else {
            throw .shapeMismatch(expected: "centroids with \(data.columns) columns", actual: centroids.columns)
        }
        var labels = [Int32](repeating: 0, count: data.rows)
        let inertia = data.values.withUnsafeBufferPointer { buffer -> Double in
            guard let points = buffer.baseAddress else { return 0 }
            return assignAll(
                points, rows: data.rows, columns: data.columns, centroids: centroids.values,
                clusters: centroids.rows, chunks: RowChunks(rows: data.rows), threads: threads, labels: &labels)
        }
        return (labels, inertia)
    }

    static func validate(_ data: FeatureMatrix, _ options: KMeansOptions) throws(ClusteringError) {
        guard data.columns >= 1 else {
            throw .invalidOption(name: "columns", value: "0", requirement: "at least 1")
        }
        guard options.clusters >= 1, options.clusters <= data.rows else {
            throw .invalidOption(
                name: "clusters", value: "\(options.clusters)",
                requirement: "between 1 and the number of rows (\(data.rows))")
        }
        guard options.restarts >= 1 else {
            throw .invalidOption(name: "restarts", value: "\(options.restarts)", requirement: "at least 1")
        }
        guard options.maxIterations >= 1 else {
            throw .invalidOption(name: "maxIterations", value: "\(options.maxIterations)", requirement: "at least 1")
        }
        guard options.tolerance >= 0, options.tolerance.isFinite else {
            throw .invalidOption(name: "tolerance", value: "\(options.tolerance)", requirement: "finite and not negative")
        }
        if let large = data.values.firstIndex(where: { abs($0) > 1e100 }) {
            throw .invalidOption(
                name: "value at row \(large / data.columns), column \(large % data.columns)",
                value: "\(data.values[large])", requirement: "within ±1e100 (standardise the features first)")
        }
        guard options.threads >= 1 else {
            throw .invalidOption(name: "threads", value: "\(options.threads)", requirement: "at least 1")
        }
    }

    /// Mean over columns of the population variance (two-pass), as numpy's `np.var(X, axis=0).mean()`.
    static func meanColumnVariance(_ data: FeatureMatrix) -> Double {
        guard data.rows > 0 else { return 0 }
        var means = [Double](repeating: 0, count: data.columns)
        var squares = [Double](repeating: 0, count: data.columns)
        data.values.withUnsafeBufferPointer { values in
            for row in 0..<data.rows {
                for column in 0..<data.columns { means[column] += values[row * data.columns + column] }
            }
            for column in 0..<data.columns { means[column] /= Double(data.rows) }
            for row in 0..<data.rows {
                for column in 0..<data.columns {
                    let difference = values[row * data.columns + column] - means[column]
                    squares[column] += difference * difference
                }
            }
        }
        return squares.reduce(0, +) / Double(data.rows) / Double(data.columns)
    }
}
