import Foundation
import GRDB
import ObhutCore
import ObhutStore

/// Merges two records of the same person: orders, feedback, consents and restrictions move to
/// the record kept; where their consents disagree, the more restrictive one wins. The merge can
/// be undone until it is confirmed: until then a sealed snapshot keeps what is needed to restore
/// the other record; confirming destroys it.
public struct CustomerMerge: Sendable {
    public let workspace: Workspace
    public let actor: Actor

    public init(workspace: Workspace, actor: Actor = .cli) {
        self.workspace = workspace
        self.actor = actor
    }

    var store: SQLiteStore { workspace.store }

    /// What undo needs, sealed with the workspace key inside `pending_merge`.
    struct Snapshot: Codable {
        var otherRow: [String: String?]  // customer columns of the other record (blobs base64)
        var otherKey: Data
        var keepRow: [String: String?]
        var movedOrders: [[String]]  // [order_id, line]
        var movedFeedback: [String: Data]  // id → original sealed text
        var otherConsents: [[String?]]  // full rows, to restore
        var insertedConsentSeqs: [Int64]
        var otherRestrictions: [[String?]]  // kind, purpose, at
        var movedAliases: [String] = []  // aliases that named the other record
    }

    /// `ref` is kept so an undo puts the record back under its integer key (order lines point at it).
    static let customerColumns = [
        "ref", "id", "sealed", "email_index", "identity_index", "phone_index", "country", "language", "created_at",
        "updated_at", "present_mask", "soft_invalid_mask", "import_id",
    ]
    static let blobColumns: Set<String> = ["sealed", "email_index", "identity_index", "phone_index"]
    static let intColumns: Set<String> = ["ref", "created_at", "updated_at", "present_mask", "soft_invalid_mask", "import_id"]

    static func capture(_ row: Row) -> [String: String?] {
        var out: [String: String?] = [:]
        for c in customerColumns {
            if blobColumns.contains(c) {
                out[c] = (row[c] as Data?)?.base64EncodedString()
            } else if intColumns.contains(c) {
                out[c] = (row[c] as Int64?).map { String($0) }
            } else {
                out[c] = row[c] as String?
            }
        }
        return out
    }

    static func restoreArguments(_ values: [String: String?]) -> StatementArguments {
        StatementArguments(
            customerColumns.map { c -> (any DatabaseValueConvertible)? in
                guard let v = values[c] ?? nil else { return nil }
                if blobColumns.contains(c) { return Data(base64Encoded: v) }
                if intColumns.contains(c) { return Int64(v) }
                return v
            })
    }

    /// Merges `other` into `keep`; returns the id of the pending merge (undo or confirm it).
    public func merge(keep: String, other: String) throws -> Int64 {
        guard keep != other else { throw MergeError.samePerson }
        let now = Int64(workspace.clock().timeIntervalSince1970)
        let id = try store.writer.write { db -> Int64 in
            guard let keepRow = try Row.fetchOne(db, sql: "SELECT * FROM customer WHERE id = ?", arguments: [keep]) else {
                throw SubjectError.unknownCustomer(keep)
            }
            guard let otherRow = try Row.fetchOne(db, sql: "SELECT * FROM customer WHERE id = ?", arguments: [other]) else {
                throw SubjectError.unknownCustomer(other)
            }
            guard let otherKey = try Data.fetchOne(db, sql: "SELECT wrapped FROM person_key WHERE subject = ?", arguments: ["c:" + other]) else {
                throw StoreError.missingKey
            }
            var snap = Snapshot(
                otherRow: Self.capture(otherRow), otherKey: otherKey, keepRow: Self.capture(keepRow), movedOrders: [], movedFeedback: [:],
                otherConsents: [], insertedConsentSeqs: [], otherRestrictions: [])

            // Personal fields: the kept record's values win; gaps are filled from the other.
            guard var kept = try store.customer(id: keep, in: db), let merged = try store.customer(id: other, in: db) else {
                throw StoreError.missingKey
            }
            for field in CustomerField.allCases where field.isPersonal && kept.personal[field] == nil {
                kept.personal[field] = merged.personal[field]
            }
            kept.country = kept.country ?? merged.country
            try store.replacePersonal(kept, in: db)

            let keepRef: Int64 = keepRow["ref"], otherRef: Int64 = otherRow["ref"]
            snap.movedOrders = try Row.fetchAll(db, sql: "SELECT order_id, line FROM order_line WHERE customer_ref = ?", arguments: [otherRef]).map {
                [$0["order_id"], String($0["line"] as Int64)]
            }
            try db.execute(sql: "UPDATE order_line SET customer_ref = ? WHERE customer_ref = ?", arguments: [keepRef, otherRef])
            for row in try Row.fetchAll(db, sql: "SELECT id, sealed_text FROM feedback WHERE customer_id = ?", arguments: [other]) {
                snap.movedFeedback[row["id"]] = row["sealed_text"]
                try store.moveFeedback(id: row["id"], from: other, to: keep, in: db)
            }

            // Consents: current state per purpose of both, then the other's events move over.
            func state(_ id: String) throws -> [String: Bool] {
                Dictionary(
                    uniqueKeysWithValues: try Row.fetchAll(
                        db,
                        sql: """
                            SELECT purpose, granted FROM (SELECT purpose, granted, row_number() OVER (PARTITION BY purpose ORDER BY at DESC, seq DESC) rn
                            FROM consent_event WHERE customer_id = ?) WHERE rn = 1
                            """, arguments: [id]
                    ).map { ($0["purpose"] as String, ($0["granted"] as Int) == 1) })
            }
            let keepState = try state(keep), otherState = try state(other)
            let consentRows = try Row.fetchAll(db, sql: "SELECT * FROM consent_event WHERE customer_id = ? ORDER BY seq", arguments: [other])
            for row in consentRows {
                snap.otherConsents.append([
                    String(row["seq"] as Int64), row["purpose"], String(row["granted"] as Int64), String(row["at"] as Int64),
                    row["source"], row["text_version"], String(row["recorded_at"] as Int64),
                ])
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO consent_event (customer_id, purpose, granted, at, source, text_version, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [keep, row["purpose"], row["granted"], row["at"], row["source"], row["text_version"], row["recorded_at"]])
                if db.changesCount > 0 { snap.insertedConsentSeqs.append(db.lastInsertedRowID) }
            }
            try db.execute(sql: "DELETE FROM consent_event WHERE customer_id = ?", arguments: [other])
            for (purpose, granted) in otherState where keepState[purpose].map({ $0 != granted }) == true {
                // They disagree: the more restrictive state (withdrawn) wins, recorded as a new event.
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO consent_event (customer_id, purpose, granted, at, source, text_version, recorded_at) VALUES (?, ?, 0, ?, 'merge', 'merge', ?)
                        """, arguments: [keep, purpose, now + 1, now])
                if db.changesCount > 0 { snap.insertedConsentSeqs.append(db.lastInsertedRowID) }
            }
            for row in try Row.fetchAll(db, sql: "SELECT kind, purpose, at FROM person_restriction WHERE customer_id = ?", arguments: [other]) {
                snap.otherRestrictions.append([row["kind"], row["purpose"], String(row["at"] as Int64)])
                try db.execute(
                    sql: "INSERT OR IGNORE INTO person_restriction (customer_id, kind, purpose, at) VALUES (?, ?, ?, ?)",
                    arguments: [keep, row["kind"], row["purpose"], row["at"]])
            }
            try db.execute(sql: "DELETE FROM person_restriction WHERE customer_id = ?", arguments: [other])
            try db.execute(sql: "DELETE FROM derived_result WHERE customer_id = ?", arguments: [other])
            try db.execute(sql: "UPDATE derived_result SET stale = 1 WHERE customer_id = ?", arguments: [keep])
            // Later imports under the other record's id (or its aliases) land on the kept person.
            snap.movedAliases = try String.fetchAll(db, sql: "SELECT alias FROM customer_alias WHERE customer_id = ?", arguments: [other])
            try db.execute(sql: "UPDATE customer_alias SET customer_id = ? WHERE customer_id = ?", arguments: [keep, other])
            try db.execute(sql: "INSERT OR REPLACE INTO customer_alias (alias, customer_id) VALUES (?, ?)", arguments: [other, keep])
            try db.execute(sql: "DELETE FROM customer WHERE id = ?", arguments: [other])
            try db.execute(sql: "DELETE FROM person_key WHERE subject = ?", arguments: ["c:" + other])

            let sealed = try store.keys.sealForWorkspace(JSONEncoder().encode(snap), context: "merge:\(keep)|\(other)")
            try db.execute(
                sql: "INSERT INTO pending_merge (keep_id, other_id, snapshot, created_at) VALUES (?, ?, ?, ?)", arguments: [keep, other, sealed, now])
            return db.lastInsertedRowID
        }
        try workspace.audit(
            actor: actor, action: "customers.merge", subject: store.keys.subjectToken(customerId: keep), count: 2, reason: "merge \(id)")
        return id
    }

    /// Restores both records as they were before the merge.
    public func undo(_ id: Int64) throws {
        let keep = try store.writer.write { db -> String in
            let (keep, other, snap) = try pending(id, db)
            let keepRefBefore = try Int64.fetchOne(db, sql: "SELECT ref FROM customer WHERE id = ?", arguments: [keep])
            try db.execute(sql: "DELETE FROM customer WHERE id = ?", arguments: [keep])
            try db.execute(
                sql:
                    "INSERT INTO customer (\(Self.customerColumns.joined(separator: ", "))) VALUES (\(Self.customerColumns.map { _ in "?" }.joined(separator: ", ")))",
                arguments: Self.restoreArguments(snap.keepRow))
            try db.execute(
                sql:
                    "INSERT INTO customer (\(Self.customerColumns.joined(separator: ", "))) VALUES (\(Self.customerColumns.map { _ in "?" }.joined(separator: ", ")))",
                arguments: Self.restoreArguments(snap.otherRow))
            try db.execute(sql: "INSERT INTO person_key (subject, wrapped) VALUES (?, ?)", arguments: ["c:" + other, snap.otherKey])
            // A snapshot taken before v4 has no `ref`: the rows got new keys, which lines and consent state follow.
            let keepRef = try Int64.fetchOne(db, sql: "SELECT ref FROM customer WHERE id = ?", arguments: [keep])
            let otherRef = try Int64.fetchOne(db, sql: "SELECT ref FROM customer WHERE id = ?", arguments: [other])
            if let keepRefBefore, keepRef != keepRefBefore {
                try db.execute(sql: "UPDATE order_line SET customer_ref = ? WHERE customer_ref = ?", arguments: [keepRef, keepRefBefore])
                try ConsentState.rebuild(db, customerId: keep, previousRef: keepRefBefore)
            }
            for key in snap.movedOrders {
                try db.execute(
                    sql: "UPDATE order_line SET customer_ref = ? WHERE order_id = ? AND line = ?", arguments: [otherRef, key[0], Int64(key[1])])
            }
            for (fid, sealed) in snap.movedFeedback {
                try db.execute(sql: "UPDATE feedback SET customer_id = ?, sealed_text = ? WHERE id = ?", arguments: [other, sealed, fid])
            }
            for seq in snap.insertedConsentSeqs { try db.execute(sql: "DELETE FROM consent_event WHERE seq = ?", arguments: [seq]) }
            for c in snap.otherConsents {
                try db.execute(
                    sql: """
                        INSERT INTO consent_event (seq, customer_id, purpose, granted, at, source, text_version, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [Int64(c[0] ?? ""), other, c[1], Int64(c[2] ?? "0"), Int64(c[3] ?? "0"), c[4], c[5], Int64(c[6] ?? "0")])
            }
            for r in snap.otherRestrictions {
                try db.execute(
                    sql: "DELETE FROM person_restriction WHERE customer_id = ? AND kind = ? AND purpose IS ?", arguments: [keep, r[0], r[1]])
                try db.execute(
                    sql: "INSERT OR IGNORE INTO person_restriction (customer_id, kind, purpose, at) VALUES (?, ?, ?, ?)",
                    arguments: [other, r[0], r[1], Int64(r[2] ?? "0")])
            }
            try db.execute(sql: "DELETE FROM customer_alias WHERE alias = ?", arguments: [other])
            for alias in snap.movedAliases {
                try db.execute(sql: "UPDATE customer_alias SET customer_id = ? WHERE alias = ?", arguments: [other, alias])
            }
            try db.execute(sql: "DELETE FROM pending_merge WHERE id = ?", arguments: [id])
            return keep
        }
        try workspace.audit(
            actor: actor, action: "customers.merge-undo", subject: store.keys.subjectToken(customerId: keep), count: 2, reason: "merge \(id)")
    }

    /// Makes the merge final: the snapshot, the last copy of the other record, is destroyed.
    public func confirm(_ id: Int64) throws {
        let keep = try store.writer.write { db -> String in
            let (keep, _, _) = try pending(id, db)
            try db.execute(
                sql: "UPDATE pending_merge SET snapshot = x'', confirmed_at = ? WHERE id = ?",
                arguments: [Int64(workspace.clock().timeIntervalSince1970), id])
            return keep
        }
        try store.checkpointAndTruncateWAL()
        try workspace.audit(
            actor: actor, action: "customers.merge-confirm", subject: store.keys.subjectToken(customerId: keep), count: 2, reason: "merge \(id)")
    }

    func pending(_ id: Int64, _ db: Database) throws -> (String, String, Snapshot) {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM pending_merge WHERE id = ? AND confirmed_at IS NULL", arguments: [id]) else {
            throw MergeError.noPendingMerge(id)
        }
        let keep: String = row["keep_id"], other: String = row["other_id"]
        let data = try store.keys.openForWorkspace(row["snapshot"], context: "merge:\(keep)|\(other)")
        return (keep, other, try JSONDecoder().decode(Snapshot.self, from: data))
    }
}

public enum MergeError: UserFacingError, Equatable {
    case samePerson
    case noPendingMerge(Int64)

    public func message(in l: Language) -> String {
        switch self {
        case .samePerson:
            Localized(de: "Ein Datensatz kann nicht mit sich selbst zusammengeführt werden.", en: "A record cannot be merged with itself.")[l]
        case .noPendingMerge(let id): Localized(de: "Keine offene Zusammenführung Nr. \(id).", en: "No pending merge no. \(id).")[l]
        }
    }
}
