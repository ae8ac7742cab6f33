import Foundation
import GRDB
import ObhutCore

extension KeyRing {
    /// Opens a feedback text sealed by `ImportWriter.write(_: Feedback)`.
    public func openFeedbackText(id: String, customerId: String?, sealed: Data, wrappedKey: Data?) throws -> String {
        try openFeedbackText(id: id, customerId: customerId, sealed: sealed, personKey: customerId == nil ? nil : wrappedKey.map(unwrap))
    }

    /// Opens a feedback text with its author's key already unwrapped (nil for feedback without a
    /// known author, or whose author has no key: sealed with the workspace key).
    public func openFeedbackText(id: String, customerId: String?, sealed: Data, personKey: PersonKey?) throws -> String {
        if let customerId, let personKey {
            return String(decoding: try personKey.open(sealed, context: Self.feedbackContext(id: id, customerId: customerId)), as: UTF8.self)
        }
        return String(decoding: try workspace.open(sealed, context: Self.feedbackContext(id: id, customerId: nil)), as: UTF8.self)
    }

    /// What a feedback text is sealed to: `f:<feedback id>`, then `|c:<customer id>` where it is
    /// sealed under its author's key. A text moved to another row or author does not open.
    public static func feedbackContext(id: String, customerId: String?) -> String {
        customerId.map { feedbackContextPrefix + id + feedbackContextAuthor + $0 } ?? feedbackContextPrefix + id
    }
    public static let feedbackContextPrefix = "f:"
    public static let feedbackContextAuthor = "|c:"

    /// Opens a feedback text from raw bytes (scope reads that open hundreds of thousands): `context`
    /// as `feedbackContext(id:customerId:)` spells it, `personKey` nil for the workspace key.
    public func openFeedbackText(sealed: UnsafeRawBufferPointer, context: UnsafeRawBufferPointer, personKey: PersonKey?) throws -> String {
        String(decoding: try (personKey ?? workspace).open(sealed, context: context), as: UTF8.self)
    }

    /// Opens a lead's sealed contact (name, e-mail).
    public func openLeadContact(leadId: String, sealed: Data?, wrappedKey: Data?) throws -> (name: String?, email: String?) {
        guard let sealed, let wrappedKey else { return (nil, nil) }
        let values = try PersonalFieldsCodec.decodeStrings(unwrap(wrappedKey).open(sealed, context: "l:" + leadId), count: 2)
        return (values[0], values[1])
    }

    /// The keyed token of a customer id that stays in request and erasure logs after the person is
    /// gone (it reveals nothing without the workspace secret).
    public func subjectToken(customerId: String) -> String {
        blindIndex.pseudonym("subject:" + customerId)
    }
}

extension SQLiteStore {
    /// Whether a customer with this id exists: one index look-up, nothing unsealed (for
    /// existence checks on request paths, where `customer(id:)` would decrypt the person).
    public func customerExists(id: String) throws -> Bool {
        try singleStatementRead { db in try customerExists(id: id, in: db) }
    }

    /// The same on a given connection (inside an audited read's transaction).
    public func customerExists(id: String, in db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM customer WHERE id = ?)"), arguments: [id]) ?? false
    }

    /// A read made of ONE statement, for hot request paths. A single SELECT reads one consistent
    /// snapshot on its own, so the BEGIN/COMMIT pair that `writer.read` wraps around its block
    /// only costs time (two more statements per request). Prepare with `db.cachedStatement`
    /// so the SQL is compiled once per connection. Several statements whose answers must agree
    /// belong in `writer.read`. Synchronous on purpose: request handlers must not use GRDB's
    /// async API (see `AuditBatcher`).
    public func singleStatementRead<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.unsafeRead(body)
    }

    /// A customer's decrypted personal fields and clear attributes, nil if unknown. Callers audit.
    public func customer(id: String) throws -> Customer? {
        try writer.read { db in try customer(id: id, in: db) }
    }

    /// The same inside a running transaction. Columns by position from the statement (no row
    /// copy, no lookup by name): this runs on every customer page.
    public func customer(id: String, in db: Database) throws -> Customer? {
        let rows = try Row.fetchCursor(
            db.cachedStatement(
                sql: """
                    SELECT c.id, c.sealed, k.wrapped, c.country, c.language, c.created_at, c.updated_at
                    FROM customer c LEFT JOIN person_key k ON k.subject = 'c:' || c.id WHERE c.id = ?
                    """), arguments: [id])
        // The row reads the statement in place: the cursor must live until the last column is read.
        return try withExtendedLifetime(rows) { () throws -> Customer? in
            guard let row = try rows.next() else { return nil }
            let found: String = row[0]
            return Customer(
                id: found, personal: try keys.openPersonal(customerId: found, sealed: row[1], wrappedKey: row[2]), country: row[3],
                language: (row[4] as String?).flatMap(Language.init(rawValue:)),
                createdAt: (row[5] as Int64?).map { Date(timeIntervalSince1970: TimeInterval($0)) },
                updatedAt: (row[6] as Int64?).map { Date(timeIntervalSince1970: TimeInterval($0)) })
        }
    }

    /// Finds a customer id by e-mail through the blind index (the e-mail is never stored in clear).
    public func customerId(email: String) throws -> String? {
        let token = keys.blindIndex.token("e:" + IdentityNormalizer.email(email))
        return try writer.read { db in try String.fetchOne(db, sql: "SELECT id FROM customer WHERE email_index = ? LIMIT 1", arguments: [token]) }
    }
}
