import Foundation
import GRDB
import ObhutCore

extension SQLiteStore {
    /// Re-seals a customer's personal fields under their existing key and refreshes the keyed
    /// indexes and masks (rectification, merge).
    public func replacePersonal(_ customer: Customer) throws {
        try writer.write { db in
            guard let wrapped = try Data.fetchOne(db, sql: "SELECT wrapped FROM person_key WHERE subject = ?", arguments: ["c:" + customer.id]) else {
                throw StoreError.missingKey
            }
            let key = try keys.unwrap(wrapped)
            let prepared = try keys.prepare(customer, reusing: key, wrapped: wrapped)
            try db.execute(sql: """
                UPDATE customer SET sealed = ?, email_index = ?, identity_index = ?, phone_index = ?, country = ?, language = ?,
                    updated_at = ?, present_mask = ?, soft_invalid_mask = soft_invalid_mask & ? WHERE id = ?
                """, arguments: [prepared.sealed, prepared.emailIndex, prepared.identityIndex, prepared.phoneIndex, prepared.country,
                                 prepared.language, prepared.updatedAt, prepared.presentMask, prepared.presentMask, customer.id])
        }
    }
}

public enum StoreError: Error, Sendable {
    /// A person's key is gone (erased) or was never written.
    case missingKey
}
