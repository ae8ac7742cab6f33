import GRDB

/// The columnar copy of the order lines a scope reads (migration v7): `order_line_chunk` holds,
/// per range of order ids, one blob per column.
///
/// Why: a scope of a million customers reads every order line, and SQLite's own scan of the
/// 4.9M-line B-tree (keyed by the order id text) costs 1-1.7 s, more than the target for the
/// whole scope. The same values as packed arrays are read in a fraction of that.
///
/// Never stale: a chunk covers `[lo, hi)` of order ids and holds exactly the lines in that range.
/// Triggers on `order_line` delete the chunk of every order id that is updated or deleted, in the
/// same transaction as the change, whichever code path writes (erasure, merge, retention, an
/// import's upsert, anything added later). Inserts come only from `ImportWriter`, which deletes
/// the chunks of the order-id range it wrote when it commits: an insert trigger cost 2.5 µs per
/// line (sqlite3, 1M lines: 3.1 s against 0.6 s), which would have slowed imports by a third.
/// **Any other code that inserts into `order_line` must call `OrderLineColumns.invalidate`.**
/// A range without a chunk is read from `order_line` itself, so a missing chunk costs time, never
/// correctness. With `secure_delete` on, a deleted chunk's pages are overwritten, so an erased
/// person's keys do not linger here either.
///
/// No personal data: integer customer and product keys, amounts, quantities and times only; the
/// same values `order_line` holds.
enum OrderLineColumnsSchema {
    /// The triggers that keep the copy from going stale. The copy is used only while both exist:
    /// a later migration that rebuilds `order_line` drops them with the table, and the scope then
    /// falls back to reading `order_line`.
    static let triggers = ["order_line_chunk_after_update", "order_line_chunk_after_delete"]

    /// Deletes the chunk whose range holds the order id `id` (an SQL expression).
    ///
    /// Chunks do not overlap, so the one with the greatest `lo <= id` is the only candidate; a
    /// lookup in the (lo, name) index.
    static func invalidate(_ id: String) -> String {
        """
        DELETE FROM order_line_chunk
            WHERE lo = (SELECT max(lo) FROM order_line_chunk WHERE lo <= \(id)) AND (hi IS NULL OR \(id) < hi);
        """
    }

    /// The update trigger's definition (also re-created by `resumeUpdateTrigger`). It fires only
    /// when a column the copy is made of changes: an update of anything else (the import id, the
    /// currency) leaves the chunk valid.
    static let updateTrigger = """
        CREATE TRIGGER order_line_chunk_after_update AFTER UPDATE ON order_line
        WHEN OLD.order_id IS NOT NEW.order_id OR OLD.line IS NOT NEW.line
            OR OLD.customer_ref IS NOT NEW.customer_ref OR OLD.product_ref IS NOT NEW.product_ref
            OR OLD.quantity IS NOT NEW.quantity OR OLD.unit_price_minor IS NOT NEW.unit_price_minor
            OR OLD.discount_minor IS NOT NEW.discount_minor OR OLD.ordered_at IS NOT NEW.ordered_at
            OR (OLD.channel IS NULL) IS NOT (NEW.channel IS NULL)
        BEGIN
            \(invalidate("OLD.order_id"))
            \(invalidate("NEW.order_id"))
        END;
        """

    /// Drops the update trigger inside the caller's transaction, for an import's upsert of order
    /// lines: the importer invalidates the whole order-id range it wrote at commit anyway, and
    /// with the trigger in place every upserted line cost a statement journal (a re-import of a
    /// million lines took 6.2 s instead of 3.1 s). DDL is transactional in SQLite: if the import
    /// fails or is killed, the rollback brings the trigger back; the import re-creates it before
    /// it commits (`resumeUpdateTrigger`), so no committed state ever lacks it.
    /// Returns whether there was a trigger to drop (only then does `resume` re-create it).
    static func suspendUpdateTrigger(_ db: Database) throws -> Bool {
        let exists =
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = 'order_line_chunk_after_update')")
            ?? false
        if exists { try db.execute(sql: "DROP TRIGGER order_line_chunk_after_update") }
        return exists
    }

    static func resumeUpdateTrigger(_ db: Database) throws {
        try db.execute(sql: updateTrigger)
    }

    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE order_line_chunk (
                    lo TEXT NOT NULL,          -- first order id covered ('' = from the first)
                    hi TEXT,                   -- first order id no longer covered (NULL = to the last)
                    name TEXT NOT NULL,        -- column, see OrderLineColumn
                    lines INTEGER NOT NULL,    -- order lines in the range
                    data BLOB,                 -- the column's values, packed little-endian; NULL when lines = 0
                    PRIMARY KEY (lo, name)
                ) STRICT;
                \(updateTrigger)
                CREATE TRIGGER order_line_chunk_after_delete AFTER DELETE ON order_line
                BEGIN
                    \(invalidate("OLD.order_id"))
                END;
                """)
    }

    /// Migration v8: the copy holds whether each line has a channel (for the data-quality report),
    /// so the update trigger also fires when a channel is set or cleared. Chunks built before lack
    /// the column; the copy treats them as missing and rebuilds them.
    static func migrateChannel(_ db: Database) throws {
        guard try OrderLineColumnsSchema.suspendUpdateTrigger(db) else { return }
        try resumeUpdateTrigger(db)
    }

    /// Whether both triggers are in place (see `triggers`).
    static func isGuarded(_ db: Database) throws -> Bool {
        let placeholders = triggers.map { _ in "?" }.joined(separator: ", ")
        let found =
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'order_line' AND name IN (\(placeholders))",
                arguments: StatementArguments(triggers)) ?? 0
        return found == triggers.count
    }
}
