import GRDB

/// Finds one person's audit entries (for the Art. 15 export) without an index that every audited
/// read has to update at a random place.
///
/// An ordinary index on `audit_entry(subject)` puts each new entry's keyed token at a random leaf
/// of a B-tree that grows with the log: every group commit of the server's audited reads then
/// wrote about one more 4 KiB page per entry to the write-ahead log (and again at the
/// checkpoint). That was a third of the CPU of a recommendations request (159 → 109-120 us per
/// request without the index, 100,000 customers, 560,000 entries).
///
/// Instead, the entries are indexed in blocks of `blockSize` consecutive sequence numbers. When
/// the entry that completes a block is appended, the block's (subject, sequence) pairs are
/// inserted in key order into `audit_subject`, whose key begins with the block number: the
/// insert only ever appends at the end of the B-tree, in the same transaction as that entry.
/// The entries of the block not yet complete (the tail, fewer than `blockSize`) are found by
/// scanning them, a range of the table's own key.
///
/// A look-up is one search per complete block plus the tail scan: for 10 million entries about
/// 1,200 searches. Entries without a subject (aggregate reads, administrative actions) are not
/// in the index.
public enum AuditSubjectIndex {
    /// Entries per block. Fixed: the blocks already built depend on it (a change needs a migration).
    public static let blockSize: Int64 = 8_192

    /// The block an entry belongs to (sequences start at 1).
    static func block(of sequence: Int64) -> Int64 { (sequence - 1) / blockSize }

    /// Indexes block `block` (all its entries must exist); called when its last entry is
    /// appended, inside that entry's transaction, and by the migration for existing logs.
    static func indexBlock(_ db: Database, block: Int64) throws {
        let first = block * blockSize + 1
        try db.cachedStatement(
            sql: """
                INSERT INTO audit_subject (block, subject, sequence)
                SELECT ?, subject, sequence FROM audit_entry WHERE sequence BETWEEN ? AND ? AND subject IS NOT NULL
                ORDER BY subject, sequence
                """
        ).execute(arguments: [block, first, first + blockSize - 1])
    }

    /// Builds the index for every complete block of an existing log (migration v10).
    @_spi(Benchmark)
    public static func build(_ db: Database) throws {
        let last = try Int64.fetchOne(db, sql: "SELECT max(sequence) FROM audit_entry") ?? 0
        for block in 0..<(last / blockSize) { try indexBlock(db, block: block) }
    }

    /// The sequence numbers of `subject`'s entries, ascending, within one read transaction.
    static func sequences(of subject: String, in db: Database) throws -> [Int64] {
        let last = try Int64.fetchOne(db, sql: "SELECT max(sequence) FROM audit_entry") ?? 0
        let complete = last / blockSize
        var out: [Int64] = []
        let search = try db.cachedStatement(sql: "SELECT sequence FROM audit_subject WHERE block = ? AND subject = ? ORDER BY sequence")
        for block in 0..<complete {
            out += try Int64.fetchAll(search, arguments: [block, subject])
        }
        out += try Int64.fetchAll(
            db, sql: "SELECT sequence FROM audit_entry WHERE sequence > ? AND subject = ? ORDER BY sequence",
            arguments: [complete * blockSize, subject])
        return out
    }
}
