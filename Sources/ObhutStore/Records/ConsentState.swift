import GRDB

/// The current consent state per purpose and person (`consent_state`), kept by triggers on the
/// consent ledger (see `IntegerReferences`). Only a row restored under a new integer key needs
/// this explicit rebuild.
public enum ConsentState {
    /// Recomputes one person's consent state from the ledger, after their customer row was put
    /// back under a new key (`previousRef`, whose state rows are dropped). Scans the state table
    /// once for the old key: rare (undoing a merge recorded before v4).
    public static func rebuild(_ db: Database, customerId: String, previousRef: Int64?) throws {
        if let previousRef { try db.execute(sql: "DELETE FROM consent_state WHERE customer_ref = ?", arguments: [previousRef]) }
        try db.execute(
            sql: """
                INSERT INTO consent_state (purpose, customer_ref, granted, at, seq)
                SELECT purpose, ref, granted, at, seq FROM (
                    SELECT e.purpose, c.ref, e.granted, e.at, e.seq,
                        row_number() OVER (PARTITION BY e.purpose ORDER BY e.at DESC, e.seq DESC) AS rn
                    FROM consent_event e JOIN customer c ON c.id = e.customer_id WHERE e.customer_id = ?)
                WHERE rn = 1
                ON CONFLICT (purpose, customer_ref) DO UPDATE SET granted = excluded.granted, at = excluded.at, seq = excluded.seq
                """, arguments: [customerId])
    }
}
