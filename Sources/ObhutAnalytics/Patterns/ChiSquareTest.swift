/// Pearson's chi-square test, in the two forms the timing analysis needs: goodness of fit of
/// observed counts to expected proportions, and independence of the rows and columns of a
/// contingency table. Each carries Cramér's V as its effect size.
///
/// Minimum expected count rule (Cochran 1954, "Some methods for strengthening the common χ²
/// tests"): the χ² approximation needs expected counts of about 5 per cell. Goodness of fit pools
/// every cell expected below ``minimumExpected`` into one cell (and that pool into the smallest
/// other cell while it is still too small); independence drops empty rows and columns and, if
/// cells are still too sparse, returns nil so that the caller can coarsen the table (see
/// ``SalesTiming``). A test that cannot run returns nil, never NaN.
public struct ChiSquareTest: Sendable, Hashable, Codable {
    /// The χ² statistic, Σ (observed - expected)² / expected over the cells tested.
    public let statistic: Double
    /// Degrees of freedom: cells - 1 (goodness of fit) or (rows - 1)(columns - 1) (independence).
    public let degreesOfFreedom: Int
    /// P(χ² >= statistic) under the null hypothesis.
    public let pValue: Double
    /// Cramér's V in [0, 1]: `√(χ² / (n · (k - 1)))`, k = cells (goodness of fit) or
    /// min(rows, columns) (independence). About 0.1 is a small, 0.3 a medium effect (Cohen 1988).
    public let cramersV: Double
    /// Number of observations tested.
    public let count: Int
    /// Cells that were pooled or dropped because their expected count was too small.
    public let mergedCells: Int

    /// The expected count below which cells are pooled.
    public static let minimumExpected = 5.0

    /// Goodness of fit of `observed` to `expectedShares` (non-negative weights, normalised here).
    ///
    /// Cells with weight 0 must be empty (a count where none is possible cannot be tested); they
    /// are ignored when empty. Nil when fewer than two usable cells remain or the counts are empty.
    public static func goodnessOfFit(observed: [Double], expectedShares: [Double]) -> ChiSquareTest? {
        precondition(observed.count == expectedShares.count, "one expected share per cell")
        let n = observed.reduce(0, +)
        let weight = expectedShares.reduce(0, +)
        guard n > 0, weight > 0 else { return nil }
        var cells: [(observed: Double, expected: Double)] = []
        var pool = (observed: 0.0, expected: 0.0)
        var merged = 0
        for index in observed.indices {
            let expected = n * expectedShares[index] / weight
            if expected <= 0 {
                if observed[index] > 0 { return nil }
                continue
            }
            if expected < minimumExpected {
                pool.observed += observed[index]
                pool.expected += expected
                merged += 1
            } else {
                cells.append((observed[index], expected))
            }
        }
        if pool.expected > 0 {
            if pool.expected >= minimumExpected || cells.isEmpty {
                cells.append(pool)
            } else if let smallest = cells.indices.min(by: { cells[$0].expected < cells[$1].expected }) {
                cells[smallest].observed += pool.observed
                cells[smallest].expected += pool.expected
            }
        }
        guard cells.count >= 2, !(cells.count == 2 && cells.contains { $0.expected < minimumExpected }) else {
            return nil
        }
        var statistic = 0.0
        for cell in cells {
            let difference = cell.observed - cell.expected
            statistic += difference * difference / cell.expected
        }
        let df = cells.count - 1
        return ChiSquareTest(
            statistic: statistic, degreesOfFreedom: df,
            pValue: TailProbability.chiSquare(statistic, degreesOfFreedom: df),
            cramersV: min(1, (statistic / (n * Double(df))).squareRoot()), count: Int(n), mergedCells: merged)
    }

    /// Independence of rows and columns of a `rows × columns` table given row-major.
    ///
    /// Rows and columns without any observation are dropped (they carry no information and would
    /// give expected counts of 0) and counted in `mergedCells`. Nil when fewer than two rows or
    /// columns remain, or when more than 20% of the remaining cells are expected below 5 or any
    /// below 1 (Cochran's rule), so that the caller can coarsen the table.
    public static func independence(table: [Double], rows: Int, columns: Int) -> ChiSquareTest? {
        precondition(table.count == rows * columns, "table must be rows × columns")
        var rowSums = [Double](repeating: 0, count: rows)
        var columnSums = [Double](repeating: 0, count: columns)
        for row in 0..<rows {
            for column in 0..<columns {
                rowSums[row] += table[row * columns + column]
                columnSums[column] += table[row * columns + column]
            }
        }
        let n = rowSums.reduce(0, +)
        let usedRows = (0..<rows).filter { rowSums[$0] > 0 }
        let usedColumns = (0..<columns).filter { columnSums[$0] > 0 }
        let dropped = rows * columns - usedRows.count * usedColumns.count
        guard n > 0, usedRows.count >= 2, usedColumns.count >= 2 else {
            return nil
        }
        var statistic = 0.0
        var sparse = 0
        var belowOne = false
        for row in usedRows {
            for column in usedColumns {
                let expected = rowSums[row] * columnSums[column] / n
                if expected < minimumExpected { sparse += 1 }
                if expected < 1 { belowOne = true }
                let difference = table[row * columns + column] - expected
                statistic += difference * difference / expected
            }
        }
        let cellCount = usedRows.count * usedColumns.count
        if belowOne || Double(sparse) > 0.2 * Double(cellCount) {
            return nil
        }
        let df = (usedRows.count - 1) * (usedColumns.count - 1)
        let k = Double(min(usedRows.count, usedColumns.count) - 1)
        return ChiSquareTest(
            statistic: statistic, degreesOfFreedom: df,
            pValue: TailProbability.chiSquare(statistic, degreesOfFreedom: df),
            cramersV: min(1, (statistic / (n * k)).squareRoot()), count: Int(n), mergedCells: dropped)
    }
}
