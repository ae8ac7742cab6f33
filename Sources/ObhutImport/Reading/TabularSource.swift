/// A streaming source of rows: a CSV file or a JSON Lines file, read record by record.
///
/// Why one shape: the importer validates and maps rows the same way whatever the file format.
/// It resolves the positions of the columns it needs once (`columns.position(of:)`) and then reads
/// fields by position, which is an array access per field.
///
/// `next()` returns `nil` at the end of the input. A malformed record is not thrown: it comes back
/// as `.failure(RecordError)` carrying the line where the record starts, and reading goes on with
/// the next record. Only problems with the file as a whole (cannot open, read error, no header)
/// are thrown as `SourceError`.
public protocol TabularSource {
    /// The columns known so far. CSV: the header row, fixed after opening. JSON Lines: the
    /// expected columns given at opening, then every new key in order of first appearance;
    /// positions never change once assigned, so a position resolved once stays valid.
    var columns: Columns { get }

    /// The next record or per-record error, or `nil` at the end of the input.
    mutating func next() throws(SourceError) -> Result<SourceRecord, RecordError>?
}

extension TabularSource {
    /// Reads everything that is left; for tests and small files (the importer should stream).
    public mutating func readAll() throws(SourceError) -> [Result<SourceRecord, RecordError>] {
        var results: [Result<SourceRecord, RecordError>] = []
        while let result = try next() {
            results.append(result)
        }
        return results
    }
}

/// One record of a tabular source: its fields by column position, and where it starts.
///
/// `fields[i]` belongs to `columns.names[i]`. A `nil` field is missing (JSON `null` or an absent
/// key); CSV fields are never `nil` (an empty CSV field is `""`). JSON Lines records read before a
/// key first appeared are shorter than `columns`: the subscripts return `nil` past the end.
public struct SourceRecord: Sendable, Equatable {
    /// 1-based physical line on which the record starts (a CSV record with quoted line breaks
    /// spans several lines).
    public let line: Int
    /// The columns of the source when this record was read.
    public let columns: Columns
    /// Field values by column position.
    public let fields: [String?]

    public init(line: Int, columns: Columns, fields: [String?]) {
        self.line = line
        self.columns = columns
        self.fields = fields
    }

    /// The field at a column position, `nil` when missing or past the end of this record.
    @inlinable
    public subscript(position: Int) -> String? {
        position >= 0 && position < fields.count ? fields[position] : nil
    }

    /// The field of a named column (see `Columns.position(of:)`); a dictionary look-up per call,
    /// so resolve positions once in loops.
    public subscript(column name: String) -> String? {
        guard let position = columns.position(of: name) else { return nil }
        return self[position]
    }

    /// The present fields as a dictionary from column name to value (unnamed columns left out).
    public var values: [String: String] {
        var result: [String: String] = [:]
        for (position, field) in fields.enumerated() {
            guard let field, position < columns.count else { continue }
            let name = columns.names[position]
            if !name.isEmpty { result[name] = field }
        }
        return result
    }
}

/// Column names of a source and a map from name to position, built once.
///
/// Look-up is exact first, then case-insensitive on the trimmed name (`"Order_ID"` finds
/// `"order_id"`). Empty names (e.g. Excel's trailing empty header cells) keep their position but
/// cannot be looked up. Immutable storage shared by every record: copying costs one reference.
public struct Columns: Sendable, Equatable {
    private final class Storage: Sendable {
        let names: [String]
        let exact: [String: Int]
        let folded: [String: Int]

        init(names: [String]) {
            self.names = names
            var exact: [String: Int] = [:]
            var folded: [String: Int] = [:]
            for (position, name) in names.enumerated() where !name.isEmpty {
                if exact[name] == nil { exact[name] = position }
                let key = Columns.fold(name)
                if folded[key] == nil { folded[key] = position }
            }
            self.exact = exact
            self.folded = folded
        }
    }

    private let storage: Storage

    /// Columns with these names, in order. Duplicate names resolve to the first position.
    public init(_ names: [String]) {
        storage = Storage(names: names)
    }

    /// The names in position order.
    public var names: [String] { storage.names }

    /// Number of columns.
    public var count: Int { storage.names.count }

    /// Position of a named column: exact match, else case-insensitive on the trimmed name.
    public func position(of name: String) -> Int? {
        if let position = storage.exact[name] { return position }
        return storage.folded[Columns.fold(name)]
    }

    /// The name at a position, or a readable stand-in ("column 3", 1-based) when unnamed.
    public func displayName(at position: Int) -> String {
        if position >= 0 && position < count && !names[position].isEmpty { return names[position] }
        return "column \(position + 1)"
    }

    /// The same columns with one more name at the end (JSON Lines discovers keys as it goes).
    func appending(_ name: String) -> Columns {
        Columns(storage.names + [name])
    }

    public static func == (lhs: Columns, rhs: Columns) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.names == rhs.storage.names
    }

    static func fold(_ name: String) -> String {
        name.trimmingWhitespace().lowercased()
    }
}

extension String {
    /// Drops leading and trailing whitespace and byte-order marks, without Foundation.
    func trimmingWhitespace() -> String {
        // Fast path: printable ASCII at both ends means nothing to trim.
        if let first = utf8.first, let last = utf8.last, first > 0x20 && first < 0x7F && last > 0x20 && last < 0x7F {
            return self
        }
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        func isTrimmed(_ s: Unicode.Scalar) -> Bool {
            s.properties.isWhitespace || s == "\u{FEFF}"
        }
        while start < end && isTrimmed(scalars[start]) { start = scalars.index(after: start) }
        while end > start && isTrimmed(scalars[scalars.index(before: end)]) {
            end = scalars.index(before: end)
        }
        if start == scalars.startIndex && end == scalars.endIndex { return self }
        return String(scalars[start..<end])
    }
}
