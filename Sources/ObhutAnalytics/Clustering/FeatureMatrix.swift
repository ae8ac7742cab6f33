/// A dense `rows × columns` matrix of `Double` in row-major order: one row per customer (or
/// item), one column per feature.
///
/// Why `Double`: the k-means results are compared with scikit-learn's float64 results, and
/// monetary features span many magnitudes; `Float` input is widened once on the way in.
public struct FeatureMatrix: Sendable, Equatable {
    /// Number of rows (observations).
    public let rows: Int
    /// Number of columns (features).
    public let columns: Int
    /// `rows * columns` values, row after row.
    public private(set) var values: [Double]

    /// Wraps row-major values.
    ///
    /// - Throws: ``ClusteringError/shapeMismatch(expected:actual:)`` when `values.count` is not
    ///   `rows * columns`; ``ClusteringError/notFinite(row:column:)`` for a NaN or infinity.
    public init(rows: Int, columns: Int, values: [Double]) throws(ClusteringError) {
        let (size, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard rows >= 0, columns >= 0, !overflow, size == values.count else {
            throw .shapeMismatch(expected: "\(rows) × \(columns)", actual: values.count)
        }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw .notFinite(row: bad / max(columns, 1), column: bad % max(columns, 1))
        }
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// Wraps row-major `Float` values, widened to `Double`.
    public init(rows: Int, columns: Int, values: [Float]) throws(ClusteringError) {
        try self.init(rows: rows, columns: columns, values: values.map { Double($0) })
    }

    /// Builds a matrix from rows of equal length.
    public init(rows: [[Double]]) throws(ClusteringError) {
        let columns = rows.first?.count ?? 0
        var values: [Double] = []
        values.reserveCapacity(rows.count * columns)
        for row in rows {
            guard row.count == columns else {
                throw .shapeMismatch(expected: "rows of \(columns) values", actual: row.count)
            }
            values.append(contentsOf: row)
        }
        try self.init(rows: rows.count, columns: columns, values: values)
    }

    /// The value at `row`, `column`.
    public subscript(row: Int, column: Int) -> Double {
        values[row * columns + column]
    }

    /// The values of one row.
    public func row(_ index: Int) -> ArraySlice<Double> {
        values[index * columns..<(index + 1) * columns]
    }

    /// The matrix made of the given rows, in that order.
    public func selectingRows(_ indices: [Int]) -> FeatureMatrix {
        var selected: [Double] = []
        selected.reserveCapacity(indices.count * columns)
        for index in indices { selected.append(contentsOf: row(index)) }
        return FeatureMatrix(unchecked: indices.count, columns, selected)
    }

    /// For values already known to be finite and of the right count.
    init(unchecked rows: Int, _ columns: Int, _ values: [Double]) {
        self.rows = rows
        self.columns = columns
        self.values = values
    }
}

/// Errors of clustering input and options, each saying how to fix it.
public enum ClusteringError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The number of values does not fit the shape.
    case shapeMismatch(expected: String, actual: Int)
    /// A value is NaN or infinite.
    case notFinite(row: Int, column: Int)
    /// An option outside its range.
    case invalidOption(name: String, value: String, requirement: String)
    /// Too few rows or clusters for the requested measure.
    case tooFewRows(needed: Int, actual: Int)
    /// A label lies outside `0 ..< clusterCount`, or the label array has the wrong length.
    case invalidLabels(String)

    public var description: String {
        switch self {
        case .shapeMismatch(let expected, let actual):
            "Expected \(expected) values but got \(actual)."
        case .notFinite(let row, let column):
            "Row \(row), column \(column) is not a finite number; remove or impute it first."
        case .invalidOption(let name, let value, let requirement):
            "\(name) is \(value) but must be \(requirement)."
        case .tooFewRows(let needed, let actual):
            "Needs at least \(needed) rows but got \(actual)."
        case .invalidLabels(let reason):
            "Invalid cluster labels: \(reason)."
        }
    }
}
