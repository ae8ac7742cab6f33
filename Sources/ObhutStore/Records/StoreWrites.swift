import Foundation
import GRDB
import ObhutCore

extension SQLiteStore {
    /// Re-seals a customer's personal fields under their existing key and refreshes the keyed
    /// indexes and masks (rectification, merge).
    public func replacePersonal(_ customer: Customer) throws {
        try writer.write { db in try replacePersonal(customer, in: db) }
    }

    /// The same inside a running transaction.
    public func replacePersonal(_ customer: Customer, in db: Database) throws {
        do {
            guard let wrapped = try Data.fetchOne(db, sql: "SELECT wrapped FROM person_key WHERE subject = ?", arguments: ["c:" + customer.id]) else {
                throw StoreError.missingKey
            }
            let key = try keys.unwrap(wrapped)
            let prepared = try keys.prepare(customer, reusing: key, wrapped: wrapped)
            try db.execute(
                sql: """
                    UPDATE customer SET sealed = ?, email_index = ?, identity_index = ?, phone_index = ?, country = ?, language = ?,
                        updated_at = ?, present_mask = ?, soft_invalid_mask = soft_invalid_mask & ? WHERE id = ?
                    """,
                arguments: [
                    prepared.sealed, prepared.emailIndex, prepared.identityIndex, prepared.phoneIndex, prepared.country,
                    prepared.language, prepared.updatedAt, prepared.presentMask, prepared.presentMask, customer.id,
                ])
        }
    }

    /// Re-seals one feedback text from one person's key to another's (merging duplicates).
    public func moveFeedback(id: String, from: String, to: String, in db: Database) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT sealed_text FROM feedback WHERE id = ?", arguments: [id]),
            let fromKey = try Data.fetchOne(db, sql: "SELECT wrapped FROM person_key WHERE subject = ?", arguments: ["c:" + from]),
            let toKey = try Data.fetchOne(db, sql: "SELECT wrapped FROM person_key WHERE subject = ?", arguments: ["c:" + to])
        else {
            throw StoreError.missingKey
        }
        let text = try keys.openFeedbackText(id: id, customerId: from, sealed: row["sealed_text"], wrappedKey: fromKey)
        let sealed = try keys.unwrap(toKey).seal(Data(text.utf8), context: "f:\(id)|c:\(to)")
        try db.execute(sql: "UPDATE feedback SET customer_id = ?, sealed_text = ? WHERE id = ?", arguments: [to, sealed, id])
    }
}

public enum StoreError: Error, Sendable {
    /// A person's key is gone (erased) or was never written.
    case missingKey
}
