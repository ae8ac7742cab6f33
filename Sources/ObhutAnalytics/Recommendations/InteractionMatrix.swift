/// A sparse users × items matrix of implicit feedback in compressed sparse row (CSR) form.
///
/// Row `r` holds the items of user `r` in ascending item order in
/// `columnIndices[rowStarts[r]..<rowStarts[r + 1]]` with their weights in `values` (for example
/// purchase counts; the confidence models derive from these). Duplicate (user, item) pairs are
/// summed, so passing one entry per purchase gives counts. The same type holds the transpose
/// (items × users), which ALS and the item neighbours need.
///
/// Memory: 4 bytes per index, 4 per value, 8 per row start.
public struct InteractionMatrix: Sendable, Equatable {
    /// Number of rows (users, or items for a transpose).
    public let rows: Int
    /// Number of columns (items, or users for a transpose).
    public let columns: Int
    /// `rows + 1` offsets into ``columnIndices`` and ``values``.
    public let rowStarts: [Int]
    /// Column of each stored entry, ascending within a row.
    public let columnIndices: [Int32]
    /// Weight of each stored entry (positive).
    public let values: [Float]

    /// Builds the matrix from coordinate columns; entries with a weight ≤ 0 or not finite are
    /// dropped, duplicates are summed.
    ///
    /// - Throws: ``RecommendationError/indexOutOfRange`` when an index is negative or not below
    ///   the row or column count, ``RecommendationError/lengthMismatch`` when the columns differ in length.
    public init(rows: Int, columns: Int, rowIndices: [Int], columnIndices: [Int], weights: [Float]? = nil) throws {
        guard rowIndices.count == columnIndices.count, weights.map({ $0.count == rowIndices.count }) ?? true else {
            throw RecommendationError.lengthMismatch
        }
        guard rows >= 0, columns >= 0, columns <= Int(Int32.max) else { throw RecommendationError.indexOutOfRange }
        var counts = [Int](repeating: 0, count: rows + 1)
        for (r, c) in zip(rowIndices, columnIndices) {
            guard r >= 0, r < rows, c >= 0, c < columns else { throw RecommendationError.indexOutOfRange }
            counts[r + 1] += 1
        }
        for r in 0..<rows { counts[r + 1] += counts[r] }
        var next = counts
        var cols = [Int32](repeating: 0, count: rowIndices.count)
        var vals = [Float](repeating: 0, count: rowIndices.count)
        for k in rowIndices.indices {
            let w = weights?[k] ?? 1
            let slot = next[rowIndices[k]]
            next[rowIndices[k]] += 1
            cols[slot] = Int32(columnIndices[k])
            vals[slot] = w
        }
        // Sort each row by column, sum duplicates, drop non-positive weights; compact in place.
        var starts = [Int](repeating: 0, count: rows + 1)
        var write = 0
        var pairs: [(Int32, Float)] = []
        for r in 0..<rows {
            pairs.removeAll(keepingCapacity: true)
            for k in counts[r]..<counts[r + 1] { pairs.append((cols[k], vals[k])) }
            pairs.sort { $0.0 < $1.0 }
            var k = 0
            while k < pairs.count {
                let c = pairs[k].0
                var sum: Float = 0
                while k < pairs.count, pairs[k].0 == c {
                    sum += pairs[k].1
                    k += 1
                }
                if sum > 0, sum.isFinite {
                    cols[write] = c
                    vals[write] = sum
                    write += 1
                }
            }
            starts[r + 1] = write
        }
        cols.removeLast(cols.count - write)
        vals.removeLast(vals.count - write)
        self.init(rows: rows, columns: columns, rowStarts: starts, columnIndices: cols, values: vals)
    }

    init(rows: Int, columns: Int, rowStarts: [Int], columnIndices: [Int32], values: [Float]) {
        self.rows = rows
        self.columns = columns
        self.rowStarts = rowStarts
        self.columnIndices = columnIndices
        self.values = values
    }

    /// Number of stored entries.
    public var nonZeroCount: Int { values.count }

    /// The stored entries of row `r` as a range into ``columnIndices`` and ``values``.
    @inlinable
    public func range(ofRow r: Int) -> Range<Int> { rowStarts[r]..<rowStarts[r + 1] }

    /// The columns of row `r`, ascending.
    public func columns(ofRow r: Int) -> ArraySlice<Int32> { columnIndices[range(ofRow: r)] }

    /// Whether row `r` has an entry in column `c` (binary search).
    public func contains(row r: Int, column c: Int) -> Bool {
        var lo = rowStarts[r]
        var hi = rowStarts[r + 1]
        let target = Int32(c)
        while lo < hi {
            let mid = (lo + hi) / 2
            if columnIndices[mid] < target { lo = mid + 1 } else { hi = mid }
        }
        return lo < rowStarts[r + 1] && columnIndices[lo] == target
    }

    /// The transpose (items × users), rows again sorted; a counting sort, O(entries).
    public func transposed() -> InteractionMatrix {
        var starts = [Int](repeating: 0, count: columns + 1)
        for c in columnIndices { starts[Int(c) + 1] += 1 }
        for c in 0..<columns { starts[c + 1] += starts[c] }
        var next = starts
        var cols = [Int32](repeating: 0, count: values.count)
        var vals = [Float](repeating: 0, count: values.count)
        for r in 0..<rows {
            for k in rowStarts[r]..<rowStarts[r + 1] {
                let c = Int(columnIndices[k])
                cols[next[c]] = Int32(r)
                vals[next[c]] = values[k]
                next[c] += 1
            }
        }
        return InteractionMatrix(rows: columns, columns: rows, rowStarts: starts, columnIndices: cols, values: vals)
    }

    /// The sum of the weights in each column (for users × items: the item's total weight).
    public func columnSums() -> [Float] {
        var sums = [Float](repeating: 0, count: columns)
        for (c, v) in zip(columnIndices, values) { sums[Int(c)] += v }
        return sums
    }

    /// The number of entries in each column (for users × items: distinct buyers per item).
    public func columnCounts() -> [Int] {
        var counts = [Int](repeating: 0, count: columns)
        for c in columnIndices { counts[Int(c)] += 1 }
        return counts
    }
}
