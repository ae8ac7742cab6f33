import Crypto
import Foundation
import GRDB

/// The audit log in the database: appends entries to the hash chain, signs a checkpoint every
/// `checkpointInterval` entries, and verifies the whole chain (invariant 4).
extension SQLiteStore {
    public static let checkpointInterval: Int64 = 256

    var auditSigningKey: Curve25519.Signing.PrivateKey {
        // 32 bytes derived from the workspace secret: only the holder of the master key can sign.
        // A derived key is always 32 bytes, which is all Ed25519 asks of a raw key: the try cannot fail.
        try! Curve25519.Signing.PrivateKey(rawRepresentation: keys.master.derived(.auditSigning).withUnsafeBytes { Data($0) })
    }

    /// The public key that verifies checkpoints; an auditor may keep a copy outside the workspace.
    public var auditPublicKey: Curve25519.Signing.PublicKey { auditSigningKey.publicKey }

    /// Appends one entry. Refuses values that look like personal data (an e-mail address, a long
    /// digit run) in any field.
    @discardableResult
    public func appendAudit(
        actor: String, role: String, action: String, subject: String? = nil, count: Int,
        activity: String? = nil, reason: String? = nil, at: Date = Date()
    ) throws -> AuditEntry {
        try AuditGuard.check([("actor", actor), ("role", role), ("action", action), ("subject", subject), ("activity", activity), ("reason", reason)])
        return try writer.write { db in
            try appendAudit(db, actor: actor, role: role, action: action, subject: subject, count: count, activity: activity, reason: reason, at: at)
        }
    }

    /// The same inside a running transaction, so an action and its audit entry commit together.
    public func appendAudit(
        _ db: Database, actor: String, role: String, action: String, subject: String?, count: Int,
        activity: String?, reason: String?, at: Date
    ) throws -> AuditEntry {
        // The chain's end and the insert through SQLite's C API (statements GRDB prepared and
        // caches): every audited read appends here, on the serial committer, where GRDB's row
        // copy and argument boxing were a fifth of the time per entry (perf, issue 7).
        let (sequence, previous) = try RawRows.cached(db, sql: "SELECT sequence, hash FROM audit_entry ORDER BY sequence DESC LIMIT 1") {
            last -> (Int64, Data) in
            guard try last.next() else { return (1, AuditEntry.genesisHash) }
            return (last.int64(0) + 1, last.withBytes(1) { Data($0) })
        }
        let millis = Int64((at.timeIntervalSince1970 * 1000).rounded())
        let hash = AuditEntry.computeHash(
            sequence: sequence, at: millis, actor: actor, role: role, action: action, subject: subject,
            count: count, activity: activity, reason: reason, previousHash: previous)
        let entry = AuditEntry(
            sequence: sequence, at: millis, actor: actor, role: role, action: action, subject: subject, count: count,
            activity: activity, reason: reason, previousHash: previous, hash: hash)
        let insert = RawStatement(
            try db.cachedStatement(
                sql: """
                    INSERT INTO audit_entry (sequence, at, actor, role, action, subject, count, activity, reason, previous_hash, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """))
        insert.bind(1, sequence)
        insert.bind(2, millis)
        insert.bind(3, actor)
        insert.bind(4, role)
        insert.bind(5, action)
        insert.bind(6, subject)
        insert.bind(7, Int64(count))
        insert.bind(8, activity)
        insert.bind(9, reason)
        insert.bind(10, previous)
        insert.bind(11, hash)
        try insert.step(db)
        if sequence % Self.checkpointInterval == 0 { try checkpointAudit(db, sequence: sequence, hash: hash, at: millis) }
        if sequence % AuditSubjectIndex.blockSize == 0 { try AuditSubjectIndex.indexBlock(db, block: AuditSubjectIndex.block(of: sequence)) }
        return entry
    }

    func checkpointAudit(_ db: Database, sequence: Int64, hash: Data, at: Int64) throws {
        let c = try AuditCheckpoint.sign(sequence: sequence, hash: hash, at: at, key: auditSigningKey)
        try db.execute(
            sql: "INSERT OR REPLACE INTO audit_checkpoint (sequence, hash, at, signature) VALUES (?, ?, ?, ?)",
            arguments: [c.sequence, c.hash, c.at, c.signature])
    }

    /// Signs the current end of the chain (done after verification and on demand), so a later
    /// truncation of the tail is detected too.
    public func sealAuditChain() throws {
        try writer.write { db in
            guard let last = try Row.fetchOne(db, sql: "SELECT sequence, hash, at FROM audit_entry ORDER BY sequence DESC LIMIT 1") else { return }
            try checkpointAudit(db, sequence: last["sequence"], hash: last["hash"], at: last["at"])
        }
    }

    /// Verifies every entry and checkpoint, streaming.
    public func verifyAudit() throws -> AuditVerification {
        try writer.read { db in
            let checkpoints = try Row.fetchAll(db, sql: "SELECT * FROM audit_checkpoint").map {
                AuditCheckpoint(sequence: $0["sequence"], hash: $0["hash"], at: $0["at"], signature: $0["signature"])
            }
            var verifier = AuditVerifier(checkpoints: checkpoints, publicKey: auditPublicKey)
            let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM audit_entry ORDER BY rowid")
            while let row = try cursor.next() {
                if !verifier.feed(AuditEntry(row: row)) { break }
            }
            return verifier.finish()
        }
    }

    /// Entries about one person (by keyed token), in order, for the subject export (found
    /// through `AuditSubjectIndex`).
    public func auditEntries(subject: String) throws -> [AuditEntry] {
        try writer.read { db in
            let entry = try db.cachedStatement(sql: "SELECT * FROM audit_entry WHERE sequence = ?")
            return try AuditSubjectIndex.sequences(of: subject, in: db).compactMap { sequence in
                try Row.fetchOne(entry, arguments: [sequence]).map(AuditEntry.init(row:))
            }
        }
    }

    public func auditEntries(from: Int64 = 1, limit: Int = 100) throws -> [AuditEntry] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_entry WHERE sequence >= ? ORDER BY sequence LIMIT ?", arguments: [from, limit]).map(
                AuditEntry.init(row:))
        }
    }
}

extension AuditEntry {
    init(row: Row) {
        self.init(
            sequence: row["sequence"], at: row["at"], actor: row["actor"], role: row["role"], action: row["action"],
            subject: row["subject"], count: row["count"], activity: row["activity"], reason: row["reason"],
            previousHash: row["previous_hash"], hash: row["hash"])
    }
}
