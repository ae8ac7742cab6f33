import Foundation
import GRDB

/// One stretch of the order lines, in order-id order: either a chunk of the columnar copy, or a
/// range of order ids the copy does not cover, which the reader scans in `order_line` itself.
public enum OrderLineSegment: Sendable {
    case chunk(OrderLineChunk)
    /// Order ids `from <= id < to` (`to` nil: to the last).
    case uncovered(from: String, to: String?)
}

/// Reads and refreshes the columnar copy of the order lines (`order_line_chunk`, see
/// `OrderLineColumnsSchema` for why it can never be stale).
public enum OrderLineColumns {
    /// Lines per chunk when the copy is built (2.9 MB of columns). A change to one order line
    /// invalidates its chunk, which the next scope rebuilds and erasure overwrites with zeros
    /// (`secure_delete`): with 256k lines an erasure took 0.08-0.14 s instead of 0.02 s at 1M
    /// customers. 4.9M lines make 75 chunks.
    public static let defaultChunkLines = 65_536

    /// The SQL condition and arguments for the order ids `from <= order_id < to` (`to` nil: to
    /// the last), as a reader of an `uncovered` segment or a chunk builder scans them in
    /// `order_line`.
    public static func idRange(from: String, to: String?) -> (sql: String, arguments: StatementArguments) {
        guard let to else { return ("order_id >= ?", [from]) }
        return ("order_id >= ? AND order_id < ?", [from, to])
    }

    /// A chunk as listed in the table: its range and line count.
    struct Entry {
        let lo: String
        let hi: String?
        let lines: Int
        let columns: Int
    }

    /// The stretches of the copy in order-id order, covering every order id exactly once: the
    /// chunks that are complete, and the ranges between them. Without the guarding triggers (or on
    /// a big-endian host) everything is one uncovered range.
    static func plan(_ db: Database) throws -> [(entry: Entry?, from: String, to: String?)] {
        let everything: [(entry: Entry?, from: String, to: String?)] = [(nil, "", nil)]
        guard isLittleEndian, try OrderLineColumnsSchema.isGuarded(db) else { return everything }
        let rows = try Row.fetchAll(
            db, sql: "SELECT lo, max(hi) AS hi, max(lines) AS lines, count(*) AS columns FROM order_line_chunk GROUP BY lo ORDER BY lo")
        var out: [(entry: Entry?, from: String, to: String?)] = []
        var cursor: String? = ""  // first order id not yet covered; nil once the end is covered
        for row in rows {
            let entry = Entry(lo: row["lo"], hi: row["hi"], lines: row["lines"], columns: row["columns"])
            // A chunk missing a column, or overlapping the one before, is skipped: its range is scanned.
            guard let from = cursor, entry.columns == OrderLineColumn.allCases.count, !precedes(entry.lo, from) else { continue }
            if let hi = entry.hi, !precedes(entry.lo, hi) { continue }
            if precedes(from, entry.lo) { out.append((nil, from, entry.lo)) }
            out.append((entry, entry.lo, entry.hi))
            cursor = entry.hi
        }
        if let from = cursor { out.append((nil, from, nil)) }
        return out
    }

    /// Hands every stretch of the order lines to `body`, in order-id order, with the chunks'
    /// `columns` filled (customer and product keys always). Call inside one read transaction so
    /// chunks and uncovered ranges come from the same snapshot.
    public static func forEachSegment(_ db: Database, columns: Set<OrderLineColumn>, _ body: (OrderLineSegment) throws -> Void) throws {
        let wanted = columns.union([.customerRef, .productRef]).sorted { $0.rawValue < $1.rawValue }
        let placeholders = wanted.map { _ in "?" }.joined(separator: ", ")
        let statement = try db.makeStatement(sql: "SELECT name, data FROM order_line_chunk WHERE lo = ? AND name IN (\(placeholders))")
        for stretch in try plan(db) {
            guard let entry = stretch.entry else {
                try body(.uncovered(from: stretch.from, to: stretch.to))
                continue
            }
            var chunk = OrderLineChunk(lines: entry.lines)
            chunk.from = entry.lo
            chunk.to = entry.hi
            var loaded = 0
            try statement.setArguments(StatementArguments([entry.lo] + wanted.map(\.rawValue)))
            let rows = RawRows(db, statement: statement)
            while try rows.next() {
                guard let column = OrderLineColumn(rawValue: rows.string(0)) else { continue }
                if rows.withBytes(1, { chunk.load(column, from: $0) }) { loaded += 1 }
            }
            try body(loaded == wanted.count ? .chunk(chunk) : .uncovered(from: stretch.from, to: stretch.to))
        }
    }

    /// Deletes every chunk whose range meets `from...through`: what an import calls at commit for
    /// the order ids it wrote (inserts have no trigger, see `OrderLineColumnsSchema`).
    public static func invalidate(_ db: Database, from: String, through: String) throws {
        try db.execute(sql: "DELETE FROM order_line_chunk WHERE lo <= ? AND (hi IS NULL OR hi > ?)", arguments: [through, from])
    }

    /// Order lines held in chunks (an upper bound for a scope's lines read from the copy).
    public static func coveredLines(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT sum(lines) FROM (SELECT max(lines) AS lines FROM order_line_chunk GROUP BY lo)") ?? 0
    }

    /// Whether some order ids are not covered by the copy (a refresh would help).
    public static func needsRefresh(_ db: Database) throws -> Bool {
        guard isLittleEndian, try OrderLineColumnsSchema.isGuarded(db) else { return false }
        return try plan(db).contains { $0.entry == nil }
    }

    /// Builds chunks for every range the copy does not cover, in one write transaction (so they
    /// match `order_line` as committed), then truncates the WAL the copy went through. Returns the
    /// number of lines written. A range holding a key beyond Int32 stays uncovered.
    @discardableResult
    public static func refresh(_ writer: DatabasePool, chunkLines: Int = defaultChunkLines) throws -> Int {
        guard try writer.read({ try needsRefresh($0) }) else { return 0 }
        let written = try writer.write { db -> Int in
            guard try needsRefresh(db) else { return 0 }
            // Incomplete or overlapping chunks are dropped first, so the new ones never overlap them.
            var usable = Set<String>()
            for stretch in try plan(db) { if let entry = stretch.entry { usable.insert(entry.lo) } }
            for lo in try String.fetchAll(db, sql: "SELECT DISTINCT lo FROM order_line_chunk") where !usable.contains(lo) {
                try db.execute(sql: "DELETE FROM order_line_chunk WHERE lo = ?", arguments: [lo])
            }
            var lines = 0
            for stretch in try plan(db) where stretch.entry == nil {
                lines += try OrderLineChunkBuilder(db: db, chunkLines: max(1, chunkLines)).build(from: stretch.from, to: stretch.to)
            }
            return lines
        }
        // Housekeeping only: with a reader still on old pages the WAL is truncated by a later checkpoint.
        if written > 0 { try? writer.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) } }
        return written
    }

    static let isLittleEndian = 1.littleEndian == 1

    /// Order of order ids as SQLite compares TEXT (BINARY collation: bytewise UTF-8), which
    /// Swift's String comparison is not for every string.
    static func precedes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
}
