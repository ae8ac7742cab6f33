import Dispatch
import Foundation
import GRDB
import Logging
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Group commit for audit entries of reads (the server writes one per person read), and for the
/// audited reads themselves.
///
/// Each durable commit waits for an fsync, which would cap audited reads at a few hundred per
/// second if every read committed its own entry. Callers `await append(...)` or
/// `await read(...)`: work that arrives while a commit is under way waits for the next one and
/// goes in together, in arrival order, each entry still linked into the hash chain. A caller gets
/// its answer only after its entry is committed: with `durability` `.durable` (the default) on
/// disk, so no answer leaves the server before its audit entry is; with `.batched` in the
/// write-ahead log, fsync'd within `syncInterval` (see `AuditReadDurability`). A durable group's
/// fsync runs beside the next group's commit (`commitAndAnswer`).
///
/// `read(_:entries:when:)` runs the read INSIDE the group's write transaction, on the writer
/// connection: one transaction per group instead of a read transaction per request plus the
/// group's, and a warm page cache. In WAL mode SQLite empties a connection's page cache at the
/// start of a read transaction whenever ANOTHER connection has committed since; the audit log
/// commits all the time, so every pool reader started cold, while the writer, which made those
/// commits itself, keeps its cache. Each request's read and entries run in a savepoint of their
/// own: a read or an entry that fails is rolled back alone and answered with its error, the
/// others' entries commit.
///
/// How a caller is served, and why: the caller enqueues its job under a lock and suspends once
/// (one continuation); one committer thread of this batcher takes ALL pending jobs, commits them
/// and resumes each caller from there. No actor, no task per flush, no dispatch queue between
/// them: the server's audited read paid about 32 µs per request in those hops (perf, issue 7).
/// The commit runs on that thread, not on Swift's cooperative threads: callers there may be
/// blocked in synchronous database calls, and a commit that needed one of those threads to
/// finish would deadlock them. The thread starts on the first job and ends after `idleTimeout`
/// without work (restarted on the next job), so a CLI run or a test's store leaves no thread
/// behind for long and never keeps a process from exiting.
public final class AuditBatcher: Sendable {
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
        @usableFromInline
        func check() throws {
            try AuditGuard.check([
                ("actor", actor), ("role", role), ("action", action), ("subject", subject), ("activity", activity), ("reason", reason),
            ])
        }
    }

    /// Everything that changes, behind one lock (held only to move jobs and counters, never
    /// during a commit or an fsync).
    struct State: Sendable {
        var pending: [Job] = []
        /// A committer thread exists (it may be waiting for work).
        var running = false
        /// The committer waits on `wake` for work: the next enqueue clears this and signals once.
        var idle = false
        /// Threads started so far (for tests: the committer restarts after idling).
        var threadsStarted = 0
        var commits = 0
        var entries = 0
        var durability: AuditReadDurability = .durable
        var syncInterval: Duration = .seconds(1)
        var syncs = 0
        var syncPending = false
        /// Scheduled fsyncs of `.batched` commits that failed (each is tried again).
        var syncFailures = 0
        /// Answers of `.durable` commits that wait for the fsync making them durable, with the
        /// job's failure path (an fsync that fails fails them).
        var awaitingSync: [(done: Job.Done, fail: @Sendable (any Error) -> Void)] = []
        /// A durable sync pass is scheduled or under way on `durableSyncQueue`.
        var durableSyncRunning = false
        /// fsyncs made for `.durable` commits (each answers every commit made before it began).
        var durableSyncs = 0
    }

    /// Weak: the store owns its batcher (`SQLiteStore.auditBatcher`), so a strong reference back
    /// kept every store that ever group-committed, and its open database pool, alive for good.
    /// A caller holds the store while its job waits, so it is there for every commit that has
    /// callers; a job that finds it gone fails with `StoreClosed`.
    weak let store: SQLiteStore?
    /// The write-ahead log, for the fsync of `.batched` commits (needs no store).
    let walPath: String

    /// The store was released while work for it was queued.
    public struct StoreClosed: Error, Sendable {}
    let state = Mutex(State())
    /// Signalled exactly once per `idle` that an enqueue clears, so the committer consumes every
    /// signal it was given (see `nextBatch()`), and a count never builds up.
    let wake = DispatchSemaphore(value: 0)
    /// How long the committer thread waits for work before it ends.
    let idleTimeout: Duration
    /// Makes `syncNow()` callers wait for an fsync under way, and keeps fsyncs one at a time.
    let syncLock = Mutex(())
    /// The fsync of `.batched` commits runs beside the commits, not between them.
    static let syncQueue = DispatchQueue(label: "obhut.audit-wal-sync")
    /// The fsync that answers `.durable` commits, one pass at a time, beside the next commit.
    let durableSyncQueue = DispatchQueue(label: "obhut.audit-durable-sync")
    /// fsync(2) of the write-ahead log; a test replaces it to see the order or make it fail.
    let syncFile: @Sendable (String) throws -> Void

    /// Commits so far and entries in them (for tests and benchmarks).
    public var commits: Int { state.withLock { $0.commits } }
    public var entries: Int { state.withLock { $0.entries } }
    /// How commits reach the disk; `.durable` unless the server was started otherwise.
    public var durability: AuditReadDurability { state.withLock { $0.durability } }
    /// In `.batched` mode, the longest time a committed entry waits for its fsync.
    public var syncInterval: Duration { state.withLock { $0.syncInterval } }
    /// fsyncs of the write-ahead log made for `.batched` commits (for tests and diagnostics).
    public var syncs: Int { state.withLock { $0.syncs } }
    /// A `.batched` commit whose fsync has not happened yet.
    public var syncPending: Bool { state.withLock { $0.syncPending } }
    /// Scheduled fsyncs of `.batched` commits that failed and were tried again (diagnostics).
    public var syncFailures: Int { state.withLock { $0.syncFailures } }
    /// fsyncs made to answer `.durable` commits (for tests and diagnostics).
    public var durableSyncs: Int { state.withLock { $0.durableSyncs } }
    /// Committer threads started so far (one per stretch of work between idle periods).
    var threadsStarted: Int { state.withLock { $0.threadsStarted } }
    /// A committer thread exists (working or waiting for work).
    var committerRunning: Bool { state.withLock { $0.running } }

    public convenience init(store: SQLiteStore) { self.init(store: store, idleTimeout: .seconds(1)) }

    /// - Parameter idleTimeout: how long the committer thread waits for work before it ends;
    ///   short in tests of the restart.
    init(store: SQLiteStore, idleTimeout: Duration, syncFile: @escaping @Sendable (String) throws -> Void = AuditBatcher.fsync(path:)) {
        self.store = store
        self.walPath = store.path + "-wal"
        self.idleTimeout = idleTimeout
        self.syncFile = syncFile
    }

    /// Sets how the following commits reach the disk. Switching to `.durable` fsyncs what an
    /// earlier `.batched` commit left unsynced first (blocking the caller for that one fsync).
    public func configure(durability: AuditReadDurability, syncInterval: Duration = .seconds(1)) throws {
        state.withLock {
            $0.durability = durability
            $0.syncInterval = syncInterval
        }
        if durability == .durable { try syncNow() }
    }

    public func append(_ draft: Draft) async throws { try await append([draft]) }

    /// Several entries that commit together (e.g. one per person of a search result).
    public func append(_ drafts: [Draft]) async throws {
        guard !drafts.isEmpty else { return }
        try await read({ _ in () }, entries: drafts, when: { _ in true })
    }

    /// Adds a job to the next group commit: starts the committer thread if there is none, wakes
    /// it if it waits, and otherwise leaves the job for the commit after the one under way.
    @usableFromInline
    func enqueue(_ job: Job) {
        enum Action { case none, wake, start }
        let action = state.withLock { s -> Action in
            s.pending.append(job)
            if !s.running {
                s.running = true
                s.idle = false
                s.threadsStarted += 1
                return .start
            }
            if s.idle {
                s.idle = false
                return .wake
            }
            return .none
        }
        switch action {
        case .none: break
        case .wake: wake.signal()
        case .start:
            // The thread holds the batcher until it ends (at most `idleTimeout` after the last job).
            let thread = Thread { [self] in
                Self.nameCurrentThread()
                self.commitUntilIdle()
            }
            thread.start()
        }
    }

    /// Names the committer thread for `top -H`, `ps -L` and perf; without a name it shows under
    /// the name of the thread that started it (a Dispatch worker). Set from inside the thread:
    /// Foundation's `Thread.name` set before `start()` did not reach the kernel here. At most 15
    /// bytes (Linux refuses longer names).
    private static func nameCurrentThread() {
        Thread.current.name = "obhut-committer"
    }

    /// The committer thread's loop: commit every pending job, then wait for more; end after
    /// `idleTimeout` without any.
    private func commitUntilIdle() {
        while let batch = nextBatch() {
            commitAndAnswer(batch.jobs, durable: batch.durable, syncInterval: batch.syncInterval)
        }
    }

    /// All pending jobs, waiting for some if there are none; nil when the thread should end.
    private func nextBatch() -> (jobs: [Job], durable: Bool, syncInterval: Duration)? {
        while true {
            let taken = state.withLock { s -> (jobs: [Job], durable: Bool, syncInterval: Duration)? in
                guard !s.pending.isEmpty else {
                    s.idle = true
                    return nil
                }
                let jobs = s.pending
                s.pending = []
                return (jobs, s.durability == .durable, s.syncInterval)
            }
            if let taken { return taken }
            if wake.wait(timeout: .now() + Self.dispatchInterval(idleTimeout)) == .success { continue }
            // Timed out: end unless an enqueue came in between (it cleared `idle` and signals, or
            // has signalled: that signal is taken here, so the count is back to zero).
            let ends = state.withLock { s -> Bool in
                guard s.idle else { return false }
                s.idle = false
                s.running = false
                return true
            }
            if ends { return nil }
            wake.wait()
        }
    }

    /// One group commit, on the committer thread, and its answers. Counters are updated before
    /// any caller is answered, so a caller that has its answer sees its commit counted.
    ///
    /// Every commit goes into the write-ahead log without an fsync of its own (`synchronous =
    /// NORMAL` for this commit). `.durable`: the answers wait for an fsync of the log that begins
    /// after the commit (`syncDurable`), which runs on its own queue while this thread commits
    /// the next group: the disk's wait and the next group's work overlap instead of adding up,
    /// and no caller is answered before its entries are on disk. `.batched`: answered at once,
    /// the fsync follows within `syncInterval`.
    private func commitAndAnswer(_ jobs: [Job], durable: Bool, syncInterval: Duration) {
        let done: [Job.Done]
        do {
            guard let store else { throw StoreClosed() }
            done = try Self.commit(jobs, to: store)
        } catch {
            for job in jobs { job.fail(error) }
            return
        }
        let written = done.reduce(0) { $0 + $1.entries }
        enum Next { case answer, answerAndScheduleSync, startDurableSync, waitForDurableSync }
        let next = state.withLock { s -> Next in
            s.commits += 1
            s.entries += written
            if durable {
                for (d, job) in zip(done, jobs) { s.awaitingSync.append((d, job.fail)) }
                if s.durableSyncRunning { return .waitForDurableSync }
                s.durableSyncRunning = true
                return .startDurableSync
            }
            guard !s.syncPending else { return .answer }
            s.syncPending = true
            return .answerAndScheduleSync
        }
        switch next {
        case .waitForDurableSync: break
        case .startDurableSync: durableSyncQueue.async { [self] in syncDurable() }
        case .answer: for d in done { d.answer() }
        case .answerAndScheduleSync:
            scheduleBatchedSync(after: syncInterval, retry: syncInterval)
            for d in done { d.answer() }
        }
    }

    /// The fsync a `.batched` commit was promised. One that fails leaves the commit unsynced
    /// (`syncPending` stays set, so no later commit schedules another): it is logged and tried
    /// again, waiting twice as long each time up to a minute, until it succeeds.
    private func scheduleBatchedSync(after delay: Duration, retry: Duration) {
        Self.syncQueue.asyncAfter(deadline: .now() + Self.dispatchInterval(delay)) { [self] in
            do {
                try syncNow()
            } catch {
                state.withLock { $0.syncFailures += 1 }
                Self.log.error("fsync of the audit log failed; tried again", metadata: ["error": "\(error)"])
                let next = min(retry * 2, .seconds(60))
                scheduleBatchedSync(after: next, retry: next)
            }
        }
    }

    static let log = Logger(label: "obhut.audit-batcher")

    /// Answers `.durable` commits: takes every answer waiting, fsyncs the log (which covers every
    /// commit written before the fsync began, all of those taken), answers them, and repeats
    /// until none waits. Commits made during an fsync wait for the next one. An fsync that fails
    /// fails the callers it would have answered: their entries may be in the log, but their
    /// reads are not returned.
    private func syncDurable() {
        while true {
            let waiting = state.withLock { s -> [(done: Job.Done, fail: @Sendable (any Error) -> Void)]? in
                guard !s.awaitingSync.isEmpty else {
                    s.durableSyncRunning = false
                    return nil
                }
                defer { s.awaitingSync = [] }
                return s.awaitingSync
            }
            guard let waiting else { return }
            do {
                try syncFile(walPath)
            } catch {
                for w in waiting { w.fail(error) }
                continue
            }
            state.withLock { $0.durableSyncs += 1 }
            for w in waiting { w.done.answer() }
        }
    }

    /// Runs the jobs in one transaction, into the write-ahead log without an fsync
    /// (`synchronous = NORMAL` for this commit only: the writer connection's own setting, FULL,
    /// is set again before any other write runs on it; GRDB serialises writes on that
    /// connection). The caller fsyncs the log (`.durable`) or has it fsync'd soon (`.batched`).
    static func commit(_ jobs: [Job], to store: SQLiteStore) throws -> [Job.Done] {
        var done: [Job.Done] = []
        done.reserveCapacity(jobs.count)
        try store.writer.writeWithoutTransaction { db in
            // Not read back first: the writer's setting is always FULL (`SQLiteStore.init`), and
            // SQLite compiles a PRAGMA anew on every run, cached or not.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            defer { try? db.execute(sql: "PRAGMA synchronous = FULL") }
            try db.inTransaction(.immediate) {
                for job in jobs { done.append(job.perform(db, store)) }
                return .commit
            }
        }
        return done
    }

    /// fsyncs the write-ahead log if a `.batched` commit left it unsynced: from then on those
    /// entries survive a power loss too. An fsync through a descriptor of our own covers every
    /// write made to the file before it (POSIX fsync is per file, not per descriptor). Blocks the
    /// caller for the fsync; a second caller waits for one under way. If the fsync fails, the
    /// commit stays marked unsynced.
    public func syncNow() throws {
        try syncLock.withLock { _ in
            let due = state.withLock { s -> Bool in
                defer { s.syncPending = false }
                return s.syncPending
            }
            guard due else { return }
            do {
                try syncFile(walPath)
            } catch {
                state.withLock { $0.syncPending = true }
                throw error
            }
            state.withLock { $0.syncs += 1 }
        }
    }

    /// fsync(2) of a file through a descriptor of our own, opened and closed here (plain POSIX:
    /// the descriptor is closed exactly once). A missing file is no error: no WAL means
    /// everything was checkpointed into the database file, and synced there.
    @Sendable static func fsync(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return }
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        defer { _ = close(fd) }
        guard Foundation.fsync(fd) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    /// A `Duration` for Dispatch, in whole nanoseconds (negative as zero; beyond `Int` nanoseconds,
    /// about 292 years, as the largest).
    static func dispatchInterval(_ d: Duration) -> DispatchTimeInterval {
        let (seconds, attoseconds) = d.components
        guard seconds >= 0 else { return .nanoseconds(0) }
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return .nanoseconds(Int.max) }
        // A negative Duration under a second has seconds 0 and negative attoseconds.
        let nanos = whole.addingReportingOverflow(attoseconds / 1_000_000_000)
        return .nanoseconds(nanos.overflow ? Int.max : Int(max(0, nanos.partialValue)))
    }
}
