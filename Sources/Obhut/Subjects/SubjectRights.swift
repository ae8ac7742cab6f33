import Foundation
import GRDB
import ObhutCore
import ObhutStore

/// The rights of the people concerned (GDPR Art. 15-21), each one call: access and export,
/// rectification, erasure, restriction, objection. Every call is recorded as a request with its
/// one-month deadline and audited under the person's keyed token, never their name.
public struct SubjectRights: Sendable {
    public let workspace: Workspace
    public let actor: Actor

    public init(workspace: Workspace, actor: Actor = .cli) {
        self.workspace = workspace
        self.actor = actor
    }

    var store: SQLiteStore { workspace.store }

    func requireCustomer(_ id: String, _ db: Database) throws {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM customer WHERE id = ?", arguments: [id]) == true else {
            throw SubjectError.unknownCustomer(id)
        }
    }

    /// Records a request as received now with its deadline (one month, Art. 12(3)), completed at once
    /// when the command carried it out.
    func recordRequest(_ db: Database, kind: RequestKind, customerId: String, detail: String?, completed: Bool) throws {
        let now = workspace.clock()
        let deadline = Calendar(identifier: .gregorian).date(byAdding: .month, value: 1, to: now) ?? now.addingTimeInterval(30 * 86_400)
        try db.execute(
            sql: """
                INSERT INTO subject_request (subject, kind, detail, received_at, deadline, completed_at, status) VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                store.keys.subjectToken(customerId: customerId), kind.rawValue, detail, Int64(now.timeIntervalSince1970),
                Int64(deadline.timeIntervalSince1970), completed ? Int64(now.timeIntervalSince1970) : nil, completed ? "completed" : "open",
            ])
    }

    // MARK: Erasure (Art. 17)

    /// Erases a person: their key is destroyed, their personal rows and derived results deleted,
    /// their orders anonymised (kept for §147 AO / §257 HGB), and the WAL emptied so no copy of
    /// a deleted page remains. The erasure log keeps only a keyed token, for restores to replay.
    ///
    /// Crash safety: rows, request and audit entry commit in one transaction, so a process killed
    /// at any moment leaves the person either fully there or fully erased and audited. The token
    /// reaches `erasure.log` after the commit; if the process dies before, the next
    /// `Workspace.open` appends it (`syncErasureLog`).
    public func erase(_ customerId: String) throws -> ErasureReport {
        let token = store.keys.subjectToken(customerId: customerId)
        let now = workspace.clock()
        let report = try store.writer.write { db -> ErasureReport in
            try requireCustomer(customerId, db)
            let r = try eraseRows(db, customerId: customerId)
            try recordRequest(db, kind: .erasure, customerId: customerId, detail: nil, completed: true)
            _ = try store.appendAudit(
                db, actor: actor.name, role: actor.role, action: "subject.erase", subject: token, count: 1, activity: nil, reason: nil, at: now)
            return r
        }
        try workspace.completeErasure()
        return report
    }

    /// Erases everyone whose keyed token is in `tokens` (restore). Returns how many.
    public func replayErasures(_ tokens: Set<String>) throws -> Int {
        guard !tokens.isEmpty else { return 0 }
        let count = try store.writer.write { db -> Int in
            var n = 0
            for id in try String.fetchAll(db, sql: "SELECT id FROM customer") where tokens.contains(store.keys.subjectToken(customerId: id)) {
                _ = try eraseRows(db, customerId: id)
                n += 1
            }
            // Leads whose contact was erased (`LeadDesk.erase`) carry a token of their own.
            for id in try String.fetchAll(db, sql: "SELECT id FROM lead") where tokens.contains(LeadDesk.token(id, in: workspace)) {
                try LeadDesk.eraseRows(db, leadId: id)
                n += 1
            }
            return n
        }
        if count > 0 { try store.checkpointAndTruncateWAL() }
        return count
    }

    /// Deletes one person's rows inside a running transaction (erasure requests and retention).
    func eraseRows(_ db: Database, customerId: String) throws -> ErasureReport {
        var r = ErasureReport()
        // Order lines lose the person's integer key (they keep amounts and products, §147 AO), and
        // the consent events go while the customer row still exists, so the ledger's trigger can
        // drop the person's consent state too. The key itself is never reused (AUTOINCREMENT).
        if let ref = try Int64.fetchOne(db, sql: "SELECT ref FROM customer WHERE id = ?", arguments: [customerId]) {
            try db.execute(sql: "UPDATE order_line SET customer_ref = NULL WHERE customer_ref = ?", arguments: [ref])
            r.orderLinesAnonymised = db.changesCount
        }
        try db.execute(sql: "DELETE FROM consent_event WHERE customer_id = ?", arguments: [customerId])
        r.consentsDeleted = db.changesCount
        try db.execute(sql: "DELETE FROM person_key WHERE subject = ?", arguments: ["c:" + customerId])
        try db.execute(sql: "DELETE FROM customer WHERE id = ?", arguments: [customerId])
        try db.execute(sql: "DELETE FROM feedback WHERE customer_id = ?", arguments: [customerId])
        r.feedbackDeleted = db.changesCount
        // Stored feedback runs may quote the texts just deleted.
        if r.feedbackDeleted > 0 { try FeedbackExamples.withdraw(in: db) }
        try db.execute(sql: "DELETE FROM derived_result WHERE customer_id = ?", arguments: [customerId])
        r.derivedResultsDeleted = db.changesCount
        try db.execute(sql: "DELETE FROM person_restriction WHERE customer_id = ?", arguments: [customerId])
        try db.execute(sql: "DELETE FROM customer_alias WHERE customer_id = ?", arguments: [customerId])
        try db.execute(sql: "DELETE FROM pending_merge WHERE keep_id = ? OR other_id = ?", arguments: [customerId, customerId])
        try Workspace.recordErasure(db, subject: store.keys.subjectToken(customerId: customerId), at: workspace.clock())
        return r
    }

    // MARK: Rectification (Art. 16)

    /// Corrects one field; the person's derived results are marked stale until the next run.
    public func rectify(_ customerId: String, field: CustomerField, value: String?) throws {
        let token = store.keys.subjectToken(customerId: customerId)
        let cleaned = value?.trimmingCharacters(in: .whitespacesAndNewlines)
        let newValue = (cleaned?.isEmpty ?? true) ? nil : cleaned
        try FieldValidation.check(field, newValue)
        guard var customer = try store.customer(id: customerId) else { throw SubjectError.unknownCustomer(customerId) }
        switch field {
        case .country: customer.country = newValue?.uppercased()
        case .language: customer.language = newValue.flatMap(Language.init(rawValue:))
        case .createdAt: throw SubjectError.notRectifiable(field.rawValue)
        default: customer.personal[field] = newValue
        }
        customer.updatedAt = workspace.clock()
        try store.replacePersonal(customer)
        try store.writer.write { db in
            try db.execute(sql: "UPDATE derived_result SET stale = 1 WHERE customer_id = ?", arguments: [customerId])
            try recordRequest(db, kind: .rectification, customerId: customerId, detail: field.rawValue, completed: true)
        }
        try workspace.audit(actor: actor, action: "subject.rectify", subject: token, count: 1, reason: field.rawValue)
    }

    // MARK: Restriction (Art. 18) and objection (Art. 21)

    /// Takes the person out of every scope of `purpose` (all purposes when nil) from the next run
    /// on, and removes their derived results of those purposes.
    public func restrict(_ customerId: String, kind: RestrictionKind, purpose: PurposeID?) throws {
        let token = store.keys.subjectToken(customerId: customerId)
        try store.writer.write { db in
            try requireCustomer(customerId, db)
            try db.execute(
                sql: "INSERT OR IGNORE INTO person_restriction (customer_id, kind, purpose, at) VALUES (?, ?, ?, ?)",
                arguments: [customerId, kind.rawValue, purpose?.rawValue, Int64(workspace.clock().timeIntervalSince1970)])
            if let purpose {
                try db.execute(sql: "DELETE FROM derived_result WHERE customer_id = ? AND purpose = ?", arguments: [customerId, purpose.rawValue])
            } else {
                try db.execute(sql: "DELETE FROM derived_result WHERE customer_id = ?", arguments: [customerId])
            }
            try recordRequest(
                db, kind: kind == .restrict ? .restriction : .objection, customerId: customerId, detail: purpose?.rawValue, completed: true)
        }
        try workspace.audit(actor: actor, action: "subject.\(kind.rawValue)", subject: token, count: 1, reason: purpose?.rawValue ?? "all purposes")
    }

    /// Records that the person objects to being offered products of `category` (Art. 21): stored
    /// as an objection whose purpose is `category:NAME`, so export, erasure and merge carry it like
    /// any objection; their current recommendations go at once, the next run leaves the category out.
    public func objectToCategory(_ customerId: String, category: String) throws {
        let category = category.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !category.isEmpty else { throw SubjectError.categoryMissing }
        let token = store.keys.subjectToken(customerId: customerId)
        try store.writer.write { db in
            try requireCustomer(customerId, db)
            try db.execute(
                sql: "INSERT OR IGNORE INTO person_restriction (customer_id, kind, purpose, at) VALUES (?, 'object', ?, ?)",
                arguments: [customerId, "category:" + category, Int64(workspace.clock().timeIntervalSince1970)])
            try db.execute(
                sql: "DELETE FROM derived_result WHERE customer_id = ? AND activity = 'recommendations'", arguments: [customerId])
            try recordRequest(db, kind: .objection, customerId: customerId, detail: "category:" + category, completed: true)
        }
        try workspace.audit(actor: actor, action: "subject.object", subject: token, count: 1, reason: "product category")
    }

    /// Lifts a restriction or objection.
    public func lift(_ customerId: String, kind: RestrictionKind, purpose: PurposeID?) throws {
        try store.writer.write { db in
            try requireCustomer(customerId, db)
            try db.execute(
                sql: "DELETE FROM person_restriction WHERE customer_id = ? AND kind = ? AND purpose IS ?",
                arguments: [customerId, kind.rawValue, purpose?.rawValue])
        }
        try workspace.audit(actor: actor, action: "subject.lift-\(kind.rawValue)", subject: store.keys.subjectToken(customerId: customerId), count: 1)
    }

    // MARK: Consent

    /// Appends a consent event. A withdrawal takes effect for the next run and removes the
    /// person's derived results of that purpose at once.
    public func consent(_ customerId: String, purpose: PurposeID, granted: Bool, source: String, textVersion: String) throws {
        let declared = try workspace.register().purpose(purpose) != nil
        guard declared || Purpose.defaults.contains(where: { $0.id == purpose }) else {
            throw SubjectError.unknownPurpose(purpose.rawValue)
        }
        let now = workspace.clock()
        try store.writer.write { db in
            try requireCustomer(customerId, db)
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO consent_event (customer_id, purpose, granted, at, source, text_version, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    customerId, purpose.rawValue, granted ? 1 : 0, Int64(now.timeIntervalSince1970), source, textVersion,
                    Int64(now.timeIntervalSince1970),
                ])
            if db.changesCount == 0 {
                // The same event already stands in this second (the ledger is unique by time, so
                // a re-import adds nothing). If a later one of the other kind has come since
                // (withdraw, grant, withdraw within one second), this one must still count:
                // recorded one second after the latest, not dropped while the audit says done.
                let latest = try Row.fetchOne(
                    db, sql: "SELECT granted, at FROM consent_event WHERE customer_id = ? AND purpose = ? ORDER BY at DESC, seq DESC LIMIT 1",
                    arguments: [customerId, purpose.rawValue])
                if let latest, (latest["granted"] as Int64) != (granted ? 1 : 0) {
                    let at = (latest["at"] as Int64) + 1
                    try db.execute(
                        sql: """
                            INSERT INTO consent_event (customer_id, purpose, granted, at, source, text_version, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [customerId, purpose.rawValue, granted ? 1 : 0, at, source, textVersion, Int64(now.timeIntervalSince1970)])
                }
            }
            if !granted {
                try db.execute(sql: "DELETE FROM derived_result WHERE customer_id = ? AND purpose = ?", arguments: [customerId, purpose.rawValue])
            }
        }
        try workspace.audit(
            actor: actor, action: granted ? "consent.grant" : "consent.withdraw",
            subject: store.keys.subjectToken(customerId: customerId), count: 1, reason: purpose.rawValue)
    }

    // MARK: Requests

    public func requests() throws -> [SubjectRequest] {
        try store.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM subject_request ORDER BY received_at DESC, id DESC").map(SubjectRequest.init(row:))
        }
    }
}

public enum RequestKind: String, Sendable, Codable {
    case access, rectification, erasure, restriction, objection

    public var title: Localized {
        switch self {
        case .access: Localized(de: "Auskunft (Art. 15)", en: "Access (Art. 15)")
        case .rectification: Localized(de: "Berichtigung (Art. 16)", en: "Rectification (Art. 16)")
        case .erasure: Localized(de: "Löschung (Art. 17)", en: "Erasure (Art. 17)")
        case .restriction: Localized(de: "Einschränkung (Art. 18)", en: "Restriction (Art. 18)")
        case .objection: Localized(de: "Widerspruch (Art. 21)", en: "Objection (Art. 21)")
        }
    }
}

public enum RestrictionKind: String, Sendable, Codable {
    case restrict, object
}

public struct ErasureReport: Sendable, Codable, Equatable {
    public var feedbackDeleted = 0
    public var consentsDeleted = 0
    public var derivedResultsDeleted = 0
    public var orderLinesAnonymised = 0
}

/// A request of a data subject, as listed by `obhut subject requests`.
public struct SubjectRequest: Sendable, Codable {
    public var id: Int64
    /// Keyed token of the person (stays after erasure, reveals nothing by itself).
    public var subject: String
    public var kind: RequestKind
    public var detail: String?
    public var receivedAt: Date
    public var deadline: Date
    public var completedAt: Date?

    init(row: Row) {
        id = row["id"]
        subject = row["subject"]
        kind = RequestKind(rawValue: row["kind"]) ?? .access
        detail = row["detail"]
        receivedAt = Date(timeIntervalSince1970: TimeInterval(row["received_at"] as Int64))
        deadline = Date(timeIntervalSince1970: TimeInterval(row["deadline"] as Int64))
        completedAt = (row["completed_at"] as Int64?).map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }
}

public enum SubjectError: UserFacingError, Equatable {
    case unknownCustomer(String)
    case unknownPurpose(String)
    case notRectifiable(String)
    case invalidValue(field: String, reason: Localized)
    case categoryMissing

    public func message(in l: Language) -> String {
        switch (self, l) {
        case (.unknownCustomer(let id), .de): "Keine Person mit der Kundennummer \(id) (oder bereits gelöscht)."
        case (.unknownCustomer(let id), .en): "No person with customer id \(id) (or already erased)."
        case (.unknownPurpose(let p), .de): "Unbekannter Zweck '\(p)'; erlaubt: \(Purpose.defaults.map(\.id.rawValue).joined(separator: ", "))"
        case (.unknownPurpose(let p), .en): "Unknown purpose '\(p)'; allowed: \(Purpose.defaults.map(\.id.rawValue).joined(separator: ", "))"
        case (.notRectifiable(let f), .de): "Das Feld \(f) wird nicht berichtigt, sondern vom System gesetzt."
        case (.notRectifiable(let f), .en): "Field \(f) is set by the system, not rectified."
        case (.invalidValue(let f, let r), _): "\(f): \(r[l])"
        case (.categoryMissing, .de): "Bitte die Produktkategorie angeben (--category)."
        case (.categoryMissing, .en): "Please name the product category (--category)."
        }
    }
}
