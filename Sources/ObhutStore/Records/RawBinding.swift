import Foundation
import GRDB
import GRDBSQLite

/// Binds and steps a prepared statement through SQLite's C API, for the one hot path where
/// GRDB's per-row argument boxing cost more than SQLite itself (order-line imports). Used only
/// inside GRDB's own write closure, on its queue, with a statement GRDB prepared.
struct RawStatement {
    let statement: Statement
    private var handle: OpaquePointer { statement.sqliteStatement }
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ statement: Statement) { self.statement = statement }

    func bind(_ index: Int32, _ value: String) {
        var value = value
        value.withUTF8 { p in
            guard let base = p.baseAddress else {
                _ = sqlite3_bind_text(handle, index, "", 0, Self.transient)
                return
            }
            _ = base.withMemoryRebound(to: CChar.self, capacity: p.count) { sqlite3_bind_text(handle, index, $0, Int32(p.count), Self.transient) }
        }
    }

    /// Binds `value` without SQLite copying it (`SQLITE_STATIC`) and runs `body`, which must step
    /// the statement: the bytes are valid only inside. Saves SQLite a malloc, copy and free per
    /// text value (measured on the order-line import: about 3 % of the writer thread). The
    /// statement keeps the stale pointer after `body` until the next bind; `step` resets right
    /// after stepping, and every caller binds all parameters before the next step, so it is never
    /// read. Empty and nil values are bound the ordinary way.
    func withText<R>(_ index: Int32, _ value: String?, _ body: () throws -> R) rethrows -> R {
        guard var value, !value.isEmpty else {
            bind(index, value)
            return try body()
        }
        return try value.withUTF8 { p in
            if let base = p.baseAddress {
                _ = base.withMemoryRebound(to: CChar.self, capacity: p.count) { sqlite3_bind_text(handle, index, $0, Int32(p.count), nil) }
            }
            return try body()
        }
    }

    func bind(_ index: Int32, _ value: String?) {
        if let value { bind(index, value) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(handle, index, value) }
    func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }
    func bind(_ index: Int32, _ value: Double) { sqlite3_bind_double(handle, index, value) }
    func bind(_ index: Int32, _ value: Data) {
        value.withUnsafeBytes { p in
            _ = sqlite3_bind_blob(handle, index, p.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(p.count), Self.transient)
        }
    }

    /// Rows changed by the last step (`sqlite3_changes`), without GRDB's per-call queue check.
    func changes(_ db: Database) -> Int32 { sqlite3_changes(db.sqliteConnection) }

    /// Runs the statement once; throws GRDB's `DatabaseError` (without the bound values) on failure.
    func step(_ db: Database) throws {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }
}
