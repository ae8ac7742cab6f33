/// Z-score standardisation per column: `(x - mean) / standard deviation`, as scikit-learn's
/// `StandardScaler`.
///
/// Why: k-means measures Euclidean distance, so a feature in euros would outweigh one in days.
/// The deviation is the population one (divide by n). A column with deviation below
/// `10 × Double.ulpOfOne` keeps scale 1 (it is only centred), as scikit-learn does, so constant
/// features do not divide by zero.
public struct Standardization: Sendable, Equatable {
    /// Column means.
    public let means: [Double]
    /// Column scales (population standard deviations, 1 for constant columns).
    public let scales: [Double]

    /// Learns means and scales from the rows of `data` (two passes, for accuracy).
    public init(fitting data: FeatureMatrix) {
        var means = [Double](repeating: 0, count: data.columns)
        var squares = [Double](repeating: 0, count: data.columns)
        if data.rows > 0 {
            for row in 0..<data.rows {
                for column in 0..<data.columns { means[column] += data[row, column] }
            }
            for column in 0..<data.columns { means[column] /= Double(data.rows) }
            for row in 0..<data.rows {
                for column in 0..<data.columns {
                    let difference = data[row, column] - means[column]
                    squares[column] += difference * difference
                }
            }
        }
        self.means = means
        scales = squares.map { square in
            let deviation = data.rows > 0 ? (square / Double(data.rows)).squareRoot() : 0
            return deviation < 10 * Double.ulpOfOne ? 1 : deviation
        }
    }

    /// Creates a standardisation from known means and scales (for example stored with a model).
    public init(means: [Double], scales: [Double]) throws(ClusteringError) {
        guard means.count == scales.count else {
            throw .shapeMismatch(expected: "\(means.count) scales", actual: scales.count)
        }
        guard scales.allSatisfy({ $0 > 0 && $0.isFinite }), means.allSatisfy(\.isFinite) else {
            throw .invalidOption(name: "scales", value: "\(scales)", requirement: "finite and positive")
        }
        self.means = means
        self.scales = scales
    }

    /// The standardised copy of `data`.
    public func apply(to data: FeatureMatrix) throws(ClusteringError) -> FeatureMatrix {
        try map(data) { value, column in (value - means[column]) / scales[column] }
    }

    /// Back to original units (for example centroids, to describe clusters in days and euros).
    public func revert(_ data: FeatureMatrix) throws(ClusteringError) -> FeatureMatrix {
        try map(data) { value, column in value * scales[column] + means[column] }
    }

    private func map(
        _ data: FeatureMatrix, _ transform: (Double, Int) -> Double
    ) throws(ClusteringError) -> FeatureMatrix {
        guard data.columns == means.count else {
            throw .shapeMismatch(expected: "\(means.count) columns", actual: data.columns)
        }
        var values = data.values
        for index in values.indices { values[index] = transform(values[index], index % data.columns) }
        return FeatureMatrix(unchecked: data.rows, data.columns, values)
    }
}
