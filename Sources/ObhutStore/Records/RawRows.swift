import Foundation
import GRDB
import GRDBSQLite

/// Steps a read statement through SQLite's C API, for scans of millions of rows where GRDB's
/// per-row `Row` costs as much as SQLite itself (scopes over every order line). Use only inside a
/// GRDB read or write closure, on its queue; values are read by column position. The accessors
/// are inlinable so a scan loop in another module calls SQLite directly.
///
/// Edge cases: `int64` and `double` of a NULL are 0 (check `isNull` first where NULL matters);
/// `withBytes` hands out memory that is valid only until the next `next()`.
public struct RawRows {
    /// Keeps GRDB's statement (and so the SQLite handle) alive for the scan.
    let statement: Statement
    @usableFromInline let handle: OpaquePointer
    private let db: Database

    public init(_ db: Database, sql: String, arguments: StatementArguments = StatementArguments()) throws {
        statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        handle = statement.sqliteStatement
        self.db = db
    }

    /// Steps an already prepared statement with its arguments set (one statement reused for many
    /// scans); the statement is reset by GRDB's `setArguments`.
    public init(_ db: Database, statement: Statement) {
        self.statement = statement
        handle = statement.sqliteStatement
        self.db = db
    }

    /// Moves to the next row; false when there is none. Throws GRDB's `DatabaseError` (without
    /// the bound values) on failure.
    @inlinable
    public func next() throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        throw failure(code)
    }

    @usableFromInline
    func failure(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
    }

    @inlinable public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    @inlinable public func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    @inlinable public func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    public func string(_ column: Int32) -> String {
        withBytes(column) { String(decoding: $0, as: UTF8.self) }
    }

    /// The column's text or blob bytes, without copying.
    @inlinable
    public func withBytes<T>(_ column: Int32, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        // blob first, then bytes: the order SQLite documents for a pointer and its length.
        let base = sqlite3_column_blob(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let base else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        return try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// Steps the connection's cached statement for `sql` with `arguments` through `body`, and
    /// resets it afterwards, also when `body` stops early or throws: a statement left on a row
    /// holds the connection's read snapshot open after its transaction ends (GRDB's own cursors
    /// reset on deinit). For the few hot reads that run on every request.
    public static func cached<T>(
        _ db: Database, sql: String, arguments: StatementArguments = StatementArguments(), _ body: (RawRows) throws -> T
    ) throws -> T {
        let statement = try db.cachedStatement(sql: sql)
        try statement.setArguments(arguments)
        let rows = RawRows(db, statement: statement)
        // The reset's code repeats the last step's error, already thrown by `next()`.
        defer { sqlite3_reset(rows.handle) }
        return try body(rows)
    }
}
