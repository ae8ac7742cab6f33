import Dispatch
import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Group commit for audit entries of reads (the server writes one per person read), and for the
/// audited reads themselves.
///
/// With `synchronous = FULL` each commit waits for an fsync, which would cap audited reads at a
/// few hundred per second if every read committed its own entry. Callers `await append(...)` or
/// `await read(...)`: work that arrives while a commit is under way waits for the next one and
/// goes in together, in arrival order, each entry still linked into the hash chain. A caller gets
/// its answer only after its entry is committed: with `durability` `.durable` (the default) on
/// disk, so no answer leaves the server before its audit entry is; with `.batched` in the
/// write-ahead log, fsync'd within `syncInterval` (see `AuditReadDurability`).
///
/// `read(_:entries:when:)` runs the read INSIDE the group's write transaction, on the writer
/// connection: one transaction per group instead of a read transaction per request plus the
/// group's, and a warm page cache. In WAL mode SQLite empties a connection's page cache at the
/// start of a read transaction whenever ANOTHER connection has committed since; the audit log
/// commits all the time, so every pool reader started cold, while the writer, which made those
/// commits itself, keeps its cache. Each request's read and entries run in a savepoint of their
/// own: a read or an entry that fails is rolled back alone and answered with its error, the
/// others' entries commit.
public actor AuditBatcher {
    public struct Draft: Sendable {
        public var actor: String
        public var role: String
        public var action: String
        public var subject: String?
        public var count: Int
        public var activity: String?
        public var reason: String?
        public var at: Date

        public init(actor: String, role: String, action: String, subject: String?, count: Int, activity: String?, reason: String?, at: Date) {
            self.actor = actor
            self.role = role
            self.action = action
            self.subject = subject
            self.count = count
            self.activity = activity
            self.reason = reason
            self.at = at
        }

        /// Refuses values that look like personal data (see `AuditGuard`).
        func check() throws {
            try AuditGuard.check([
                ("actor", actor), ("role", role), ("action", action), ("subject", subject), ("activity", activity), ("reason", reason),
            ])
        }
    }

    let store: SQLiteStore
    static let queue = DispatchQueue(label: "obhut.audit-batcher")
    /// The fsync of `.batched` commits runs beside the commits, not between them.
    static let syncQueue = DispatchQueue(label: "obhut.audit-wal-sync")
    private var pending: [Job] = []
    private var flushing = false
    /// Commits so far and entries in them (for tests and benchmarks).
    public private(set) var commits = 0
    public private(set) var entries = 0
    /// How commits reach the disk; `.durable` unless the server was started otherwise.
    public private(set) var durability: AuditReadDurability = .durable
    /// In `.batched` mode, the longest time a committed entry waits for its fsync.
    public private(set) var syncInterval: Duration = .seconds(1)
    /// fsyncs of the write-ahead log made for `.batched` commits (for tests and diagnostics).
    public private(set) var syncs = 0
    /// A `.batched` commit whose fsync has not happened yet.
    public private(set) var syncPending = false

    public init(store: SQLiteStore) { self.store = store }

    /// Sets how the following commits reach the disk. Switching to `.durable` fsyncs what an
    /// earlier `.batched` commit left unsynced first.
    public func configure(durability: AuditReadDurability, syncInterval: Duration = .seconds(1)) async throws {
        self.durability = durability
        self.syncInterval = syncInterval
        if durability == .durable { try await syncNow() }
    }

    public func append(_ draft: Draft) async throws { try await append([draft]) }

    /// Several entries that commit together (e.g. one per person of a search result).
    public func append(_ drafts: [Draft]) async throws {
        guard !drafts.isEmpty else { return }
        try await read({ _ in () }, entries: drafts, when: { _ in true })
    }

    /// Adds a job to the next group commit, starting one if none is under way.
    func enqueue(_ job: Job) {
        pending.append(job)
        if !flushing {
            flushing = true
            Task { await self.flush() }
        }
    }

    private func flush() async {
        while !pending.isEmpty {
            let batch = pending
            pending = []
            do {
                let store = self.store
                let durable = durability == .durable
                // The commit runs on a queue of its own, not through GRDB's async API: callers on
                // Swift's cooperative threads may be blocked in synchronous database calls, and an
                // async write that needs one of those threads to finish would deadlock them.
                let done = try await withCheckedThrowingContinuation {
                    (c: CheckedContinuation<[Job.Done], any Error>) in
                    Self.queue.async {
                        c.resume(with: Result { try Self.commit(batch, to: store, durable: durable) })
                    }
                }
                if !durable && !syncPending {
                    syncPending = true
                    let interval = syncInterval
                    Task {
                        try? await Task.sleep(for: interval)
                        try? await self.syncNow()
                    }
                }
                commits += 1
                entries += done.reduce(0) { $0 + $1.entries }
                for d in done { d.answer() }
            } catch {
                for job in batch { job.fail(error) }
            }
        }
        flushing = false
    }

    /// Runs the jobs in one transaction. Not durable: `synchronous = NORMAL` for this commit only
    /// (the writer connection's own setting, FULL, is restored before any other write runs on it;
    /// GRDB serialises writes on that connection).
    static func commit(_ jobs: [Job], to store: SQLiteStore, durable: Bool) throws -> [Job.Done] {
        var done: [Job.Done] = []
        done.reserveCapacity(jobs.count)
        try store.writer.writeWithoutTransaction { db in
            var restore: Int?
            if !durable {
                restore = try Int.fetchOne(db, sql: "PRAGMA synchronous")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            defer { if let restore { try? db.execute(sql: "PRAGMA synchronous = \(restore)") } }
            try db.inTransaction(.immediate) {
                for job in jobs { done.append(job.perform(db, store)) }
                return .commit
            }
        }
        return done
    }

    /// fsyncs the write-ahead log if a `.batched` commit left it unsynced: from then on those
    /// entries survive a power loss too. An fsync through a descriptor of our own covers every
    /// write made to the file before it (POSIX fsync is per file, not per descriptor).
    public func syncNow() async throws {
        guard syncPending else { return }
        syncPending = false
        let wal = store.path + "-wal"
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
            Self.syncQueue.async {
                c.resume(with: Result { try Self.fsync(path: wal) })
            }
        }
        syncs += 1
    }

    /// fsync(2) of a file through a descriptor of our own, opened and closed here (plain POSIX:
    /// the descriptor is closed exactly once). A missing file is no error: no WAL means
    /// everything was checkpointed into the database file, and synced there.
    static func fsync(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return }
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        defer { _ = close(fd) }
        guard Foundation.fsync(fd) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }
}
