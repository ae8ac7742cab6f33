/// How the audit entries of *reads* reach the disk (a workspace operator's choice, made for
/// `obhut serve` with `--audit-reads`). Entries of *changes* (imports, erasure, user changes,
/// runs) always commit with a full fsync, together with the change they record.
///
/// Both modes write every entry, in the same hash chain, before the answer that shows the data
/// leaves the server; they differ in what a sudden power loss or operating-system crash may take:
///
/// - `durable` (default): every group commit is fsync'd before any of its reads is answered.
///   Nothing that was shown is missing from the log afterwards. Costs one fsync per group commit
///   (about 2 ms on the machines measured), which every audited read waits for. The commit itself
///   goes into the write-ahead log without an fsync; a separate fsync of the log follows, while
///   the next group already commits (as safe as `synchronous = FULL` for everything answered: an
///   fsync covers every write to the file made before it began).
/// - `batched`: group commits of read entries go into SQLite's write-ahead log without an fsync
///   (`synchronous = NORMAL`). They survive a crash of the Obhut process at once (the log is in
///   the operating system's cache), and are fsync'd within `AuditBatcher.syncInterval` (one
///   second) or by the next change's commit, whichever comes first. A power loss can take the
///   read entries of at most that last second; the chain stays intact (the WAL loses a tail,
///   never an entry in the middle), and `audit verify` passes. For a DPO who accepts that the
///   proof of the last second of reads may be lost on a power cut, in exchange for reads that
///   do not wait for the disk.
public enum AuditReadDurability: String, Sendable, CaseIterable, Codable {
    case durable
    case batched
}
