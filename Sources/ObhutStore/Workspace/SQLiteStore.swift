import Crypto
import Foundation
import GRDB
import ObhutCore
import Synchronization

/// The embedded store: one SQLite file in WAL mode, reached through GRDB.
///
/// `secure_delete` is on, so deleted rows are overwritten with zeros in the file; erasure
/// additionally checkpoints and truncates the WAL so no copy of a deleted page remains there.
public final class SQLiteStore: Sendable {
    public let path: String
    public let writer: DatabasePool
    public let keys: KeyRing
    /// Group commit of audit entries for concurrent readers (the server).
    public var auditBatcher: AuditBatcher {
        _auditBatcher.withLock { b in
            if let b { return b }
            let made = AuditBatcher(store: self)
            b = made
            return made
        }
    }
    private let _auditBatcher = Mutex<AuditBatcher?>(nil)

    /// Opens (or creates) the database. The master key only wraps the workspace secret, from
    /// which every working key is derived: rotating the master key is one re-wrap, and a wrong
    /// master key is caught here before anything is read.
    public init(path: String, masterKey: MasterKey) throws {
        self.path = path
        var config = Configuration()
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            // 32 MiB of page cache per connection: large imports touch the indexes all over.
            try db.execute(sql: "PRAGMA cache_size = -32768")
        }
        // Arguments of failed statements stay out of error messages: they may be personal data.
        config.publicStatementArguments = false
        config.busyMode = .timeout(10)
        writer = try DatabasePool(path: path, configuration: config)
        // Every commit fsync'd. GRDB switches a pool's writer to `synchronous = NORMAL` when it
        // turns WAL on (after `prepareDatabase`): commits then survive a crash of the process
        // but not a power loss or an operating-system crash, which would let a change of
        // personal data and its audit entry vanish. Only audit entries of reads may be committed
        // without an fsync, and only when the operator chose so (`AuditReadDurability.batched`).
        try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        let applied = try writer.read { db in
            try db.tableExists("grdb_migrations")
                ? try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") : []
        }
        let known = Set(Migrations.migrator.migrations)
        if applied.contains(where: { !known.contains($0) }) {
            throw WorkspaceError.newerSchema(found: applied.count, supported: known.count)
        }
        try Migrations.migrator.migrate(writer)
        keys = KeyRing(master: try Self.workspaceSecret(writer, masterKey: masterKey))
    }

    static func workspaceSecret(_ writer: DatabasePool, masterKey: MasterKey) throws -> MasterKey {
        let wrapping = masterKey.derived(.keyWrapping)
        return try writer.write { db in
            if let wrapped = try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'workspace_secret'").flatMap({ Data(base64Encoded: $0) })
            {
                do {
                    return try MasterKey(rawBytes: PersonKey.unwrap(wrapped, with: wrapping).rawBytes)
                } catch {
                    throw WorkspaceError.masterKeyInvalid(reason: "it does not open this workspace")
                }
            }
            let secret = MasterKey.generate()
            let wrapped = try PersonKey(key: SymmetricKey(data: secret.rawBytes)).wrapped(by: wrapping)
            try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('workspace_secret', ?)", arguments: [wrapped.base64EncodedString()])
            return secret
        }
    }

    /// Re-wraps the workspace secret under `new`, records the new key's fingerprint and runs
    /// `alsoIn` (the audit entry), all in one transaction: either all of it commits or none.
    /// Nothing else changes: per-person keys, indexes and pseudonyms hang off the secret. The
    /// caller replaces the key file.
    public func rotateMasterKey(from old: MasterKey, to new: MasterKey, alsoIn: (Database) throws -> Void = { _ in }) throws {
        let secret = try Self.workspaceSecret(writer, masterKey: old)
        let wrapped = try PersonKey(key: SymmetricKey(data: secret.rawBytes)).wrapped(by: new.derived(.keyWrapping))
        try writer.write { db in
            try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'workspace_secret'", arguments: [wrapped.base64EncodedString()])
            try db.execute(
                sql: "INSERT INTO meta(key, value) VALUES ('key_fingerprint', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                arguments: [new.fingerprint])
            try alsoIn(db)
        }
    }

    // MARK: Meta

    public func meta(_ key: String) throws -> String? {
        try writer.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }
    }

    public func setMeta(_ key: String, _ value: String) throws {
        try writer.write { db in
            try db.execute(
                sql: "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                arguments: [key, value])
        }
    }

    /// Moves every committed page from the WAL into the database file and truncates the WAL to
    /// zero bytes, so deleted data leaves no copy behind in it.
    public func checkpointAndTruncateWAL() throws {
        try writer.writeWithoutTransaction { db in
            _ = try db.checkpoint(.truncate)
        }
    }

    // MARK: Counts

    /// Rows per entity, for `obhut status`.
    public func counts() throws -> [Entity: Int] {
        try writer.read { db in
            var out: [Entity: Int] = [:]
            for entity in Entity.allCases {
                out[entity] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(entity.table)") ?? 0
            }
            return out
        }
    }

    public func recentImports(limit: Int = 5) throws -> [ImportRunRecord] {
        try writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM import_run ORDER BY id DESC LIMIT ?", arguments: [limit]
            ).map(ImportRunRecord.init(row:))
        }
    }
}

/// The entities a workspace holds and imports.
public enum Entity: String, Sendable, CaseIterable, Codable {
    case customers, products, orders, feedback, consents, leads

    public var table: String {
        switch self {
        case .customers: "customer"
        case .products: "product"
        case .orders: "order_line"
        case .feedback: "feedback"
        case .consents: "consent_event"
        case .leads: "lead"
        }
    }

    public var title: Localized {
        switch self {
        case .customers: Localized(de: "Kunden", en: "Customers")
        case .products: Localized(de: "Produkte", en: "Products")
        case .orders: Localized(de: "Bestellpositionen", en: "Order lines")
        case .feedback: Localized(de: "Feedback", en: "Feedback")
        case .consents: Localized(de: "Einwilligungsereignisse", en: "Consent events")
        case .leads: Localized(de: "Leads", en: "Leads")
        }
    }
}

/// One past import, as listed by `obhut status`.
public struct ImportRunRecord: Sendable, Codable, Hashable {
    public var id: Int64
    public var entity: String
    public var fileName: String
    public var format: String
    public var startedAt: Date
    public var finishedAt: Date?
    public var rowsOK: Int
    public var rowsRejected: Int
    public var status: String

    init(row: Row) {
        id = row["id"]
        entity = row["entity"]
        fileName = row["file_name"]
        format = row["format"]
        startedAt = Date(timeIntervalSince1970: TimeInterval(row["started_at"] as Int64))
        finishedAt = (row["finished_at"] as Int64?).map { Date(timeIntervalSince1970: TimeInterval($0)) }
        rowsOK = row["rows_ok"]
        rowsRejected = row["rows_rejected"]
        status = row["status"]
    }
}
