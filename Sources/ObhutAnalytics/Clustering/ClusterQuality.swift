/// Internal quality measures of a clustering, for choosing the number of clusters.
public enum ClusterQuality {
    /// Mean silhouette coefficient (Rousseeuw 1987), in [-1, 1]; higher is better.
    ///
    /// For row `i` with mean distance `a` to the other rows of its cluster and smallest mean
    /// distance `b` to the rows of another cluster, `s = (b - a) / max(a, b)`; a row alone in its
    /// cluster scores 0 (as scikit-learn's `silhouette_score`, Euclidean distance).
    ///
    /// - Parameters:
    ///   - sampleSize: when smaller than the number of rows, the score is computed on that many
    ///     rows drawn without replacement with `seed` (scikit-learn's `sample_size`), which keeps
    ///     the cost at `sampleSize²` distances; `nil` uses every row.
    /// - Throws: ``ClusteringError/invalidLabels(_:)`` for a label count that differs from the
    ///   rows or a negative label; ``ClusteringError/tooFewRows(needed:actual:)`` unless the
    ///   (sampled) rows hold between 2 and `rows - 1` clusters.
    public static func silhouette(
        _ data: FeatureMatrix, labels: [Int32], sampleSize: Int? = nil, seed: UInt64 = 0, threads: Int = 2
    ) throws(ClusteringError) -> Double {
        try checkLabels(data, labels)
        var rows = Array(0..<data.rows)
        if let sampleSize, sampleSize < data.rows {
            guard sampleSize >= 2 else {
                throw .invalidOption(name: "sampleSize", value: "\(sampleSize)", requirement: "at least 2")
            }
            var random = SplitMix64(seed: seed)
            for index in 0..<sampleSize {
                rows.swapAt(index, index + random.next(below: data.rows - index))
            }
            rows = Array(rows[0..<sampleSize]).sorted()
        }
        // Group the rows by cluster (counting sort, stable) and store columns contiguously.
        let clusterCount = Int(labels.max() ?? 0) + 1
        var sizes = [Int](repeating: 0, count: clusterCount)
        for row in rows { sizes[Int(labels[row])] += 1 }
        let present = sizes.filter { $0 > 0 }.count
        guard present >= 2, present <= rows.count - 1 else {
            throw .tooFewRows(needed: present + 1, actual: rows.count)
        }
        var starts = [Int](repeating: 0, count: clusterCount + 1)
        for cluster in 0..<clusterCount { starts[cluster + 1] = starts[cluster] + sizes[cluster] }
        var fill = starts
        let count = rows.count, columns = data.columns
        var byColumn = [Double](repeating: 0, count: count * columns)
        var ownCluster = [Int](repeating: 0, count: count)
        for row in rows {
            let cluster = Int(labels[row])
            let position = fill[cluster]
            fill[cluster] += 1
            ownCluster[position] = cluster
            for column in 0..<columns { byColumn[column * count + position] = data[row, column] }
        }
        let chunks = RowChunks(rows: count)
        var partial = [Double](repeating: 0, count: chunks.count)
        byColumn.withUnsafeBufferPointer { byColumn in
            partial.withUnsafeMutableBufferPointer { partial in
                guard let coordinates = byColumn.baseAddress, let partial = partial.baseAddress else { return }
                chunks.forEach(threads: threads) { chunk in
                    var point = [Double](repeating: 0, count: columns)
                    var total = 0.0
                    for position in chunks.range(chunk) {
                        for column in 0..<columns { point[column] = coordinates[column * count + position] }
                        let own = ownCluster[position]
                        guard sizes[own] > 1 else { continue }
                        var a = 0.0
                        var b = Double.infinity
                        for cluster in 0..<clusterCount where sizes[cluster] > 0 {
                            let sum = distanceSum(
                                point, coordinates, count: count, columns: columns,
                                from: starts[cluster], to: starts[cluster + 1])
                            if cluster == own {
                                a = sum / Double(sizes[cluster] - 1)
                            } else {
                                b = min(b, sum / Double(sizes[cluster]))
                            }
                        }
                        let scale = max(a, b)
                        if scale > 0 { total += (b - a) / scale }
                    }
                    partial[chunk] = total
                }
            }
        }
        return partial.reduce(0, +) / Double(count)
    }

    /// Sum of Euclidean distances from `point` to positions `from ..< to` (column-major storage).
    private static func distanceSum(
        _ point: [Double], _ coordinates: UnsafePointer<Double>, count: Int, columns: Int, from: Int, to: Int
    ) -> Double {
        var sum4 = SIMD4<Double>.zero
        var position = from
        while position + 4 <= to {
            var squares = SIMD4<Double>.zero
            for column in 0..<columns {
                let base = coordinates + column * count + position
                let values = SIMD4<Double>(base[0], base[1], base[2], base[3])
                let difference = values - SIMD4<Double>(repeating: point[column])
                squares += difference * difference
            }
            sum4 += squares.squareRoot()
            position += 4
        }
        var sum = sum4.sum()
        while position < to {
            var square = 0.0
            for column in 0..<columns {
                let difference = coordinates[column * count + position] - point[column]
                square += difference * difference
            }
            sum += square.squareRoot()
            position += 1
        }
        return sum
    }

    /// Calinski–Harabasz index (variance ratio criterion, Caliński & Harabasz 1974): between-
    /// cluster dispersion over within-cluster dispersion, each divided by its degrees of freedom,
    /// `[B / (k - 1)] / [W / (n - k)]`; higher is better. Returns 1 when `W` is 0, as scikit-learn.
    ///
    /// - Throws: as ``silhouette(_:labels:sampleSize:seed:threads:)`` for labels and cluster counts.
    public static func calinskiHarabasz(_ data: FeatureMatrix, labels: [Int32]) throws(ClusteringError) -> Double {
        try checkLabels(data, labels)
        let clusterCount = Int(labels.max() ?? 0) + 1
        let columns = data.columns
        var sizes = [Int](repeating: 0, count: clusterCount)
        var means = [Double](repeating: 0, count: clusterCount * columns)
        var overall = [Double](repeating: 0, count: columns)
        for row in 0..<data.rows {
            let cluster = Int(labels[row])
            sizes[cluster] += 1
            for column in 0..<columns {
                means[cluster * columns + column] += data[row, column]
                overall[column] += data[row, column]
            }
        }
        let present = sizes.filter { $0 > 0 }.count
        guard present >= 2, present <= data.rows - 1 else {
            throw .tooFewRows(needed: present + 1, actual: data.rows)
        }
        for column in 0..<columns { overall[column] /= Double(data.rows) }
        var between = 0.0
        for cluster in 0..<clusterCount where sizes[cluster] > 0 {
            for column in 0..<columns {
                means[cluster * columns + column] /= Double(sizes[cluster])
                let difference = means[cluster * columns + column] - overall[column]
                between += Double(sizes[cluster]) * difference * difference
            }
        }
        var within = 0.0
        for row in 0..<data.rows {
            let cluster = Int(labels[row])
            for column in 0..<columns {
                let difference = data[row, column] - means[cluster * columns + column]
                within += difference * difference
            }
        }
        guard within > 0 else { return 1 }
        return between * Double(data.rows - present) / (within * Double(present - 1))
    }

    static func checkLabels(_ data: FeatureMatrix, _ labels: [Int32]) throws(ClusteringError) {
        guard labels.count == data.rows else {
            throw .invalidLabels("\(labels.count) labels for \(data.rows) rows")
        }
        if let negative = labels.first(where: { $0 < 0 }) {
            throw .invalidLabels("label \(negative) is negative")
        }
    }
}
