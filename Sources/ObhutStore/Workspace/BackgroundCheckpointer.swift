import Dispatch
import Foundation
import GRDB
import Synchronization

/// Copies the WAL into the database file in the background, for a long-running server.
///
/// SQLite checkpoints inside the commit that crosses `wal_autocheckpoint` pages (1,000): that
/// commit then also copies pages and fsyncs the database file. In the server the committing
/// thread is the audit batcher's, so every few-hundredth audited read waited for a checkpoint
/// (several milliseconds: the p99 of the load test). `start()` turns the automatic checkpoint off
/// on the store's writer connection and instead runs a PASSIVE checkpoint every `interval` on a
/// connection and queue of its own. PASSIVE never waits for writers or readers: it copies what no
/// reader still needs and leaves the rest for the next round. `stop()` restores the automatic
/// checkpoint. Explicit checkpoints (erasure's truncating one) are unaffected.
///
/// PASSIVE alone never lets the WAL start over while commits keep coming: SQLite rewinds the log
/// only when a checkpoint has copied every frame in it, and under steady load new frames arrive
/// during every round. Under wrk the WAL grew by 12 MB/s (292 MB in 24 s) and every read got
/// slower with it (issue 7). So when a round leaves the WAL at `restartFrames` or more, it follows
/// up with a RESTART checkpoint: it holds new writers back while it copies what the PASSIVE round
/// could not (the frames written during it, a few hundred) and waits for readers on the log, at
/// most `restartWait` (50 ms), after which it gives up, and skips the next ten rounds' restarts
/// (a long reader, such as an activity run, would make every try wait in vain). The next commit then writes
/// from the start of the file again. `start()` also sets `journal_size_limit`, so a log that grew
/// large once (a bulk import) is cut back to `sizeLimitBytes` when it starts over.
public final class BackgroundCheckpointer: Sendable {
    let store: SQLiteStore
    let interval: Duration
    /// WAL frames (pages) from which a round restarts the log: 4,096 frames are 16 MiB.
    let restartFrames: Int
    /// How long a restart may hold writers back waiting for readers before it gives up.
    let restartWait: Duration
    /// The WAL file's size after it starts over (`PRAGMA journal_size_limit`).
    static let sizeLimitBytes = 64 << 20
    private let connection: DatabaseQueue
    private let queue = DispatchQueue(label: "obhut.wal-checkpoint")
    private let task = Mutex<Task<Void, Never>?>(nil)
    /// Rounds run so far (for tests and diagnostics).
    private let roundCount = Mutex<Int>(0)
    /// Restart checkpoints that completed (for tests and diagnostics).
    private let restartCount = Mutex<Int>(0)
    /// Restarts tried, and rounds still to skip after one that found a reader on the log.
    private let restartState = Mutex<(attempts: Int, skip: Int)>((0, 0))
    /// Rounds without a restart after one gave up (ten seconds at the server's interval).
    static let roundsSkippedAfterBusy = 10

    /// Whether this round may try a restart (counts the try, or one skipped round).
    private func restartDue() -> Bool {
        restartState.withLock { s in
            if s.skip > 0 {
                s.skip -= 1
                return false
            }
            s.attempts += 1
            return true
        }
    }

    /// Restarts tried so far, given up or not (for tests).
    var restartAttempts: Int { restartState.withLock { $0.attempts } }

    /// Runs between a round's PASSIVE and RESTART checkpoints (tests: a commit in between, as
    /// under load).
    let afterPassive: (@Sendable () -> Void)?

    public convenience init(store: SQLiteStore, interval: Duration = .seconds(1)) throws {
        try self.init(store: store, interval: interval, restartFrames: 4_096, restartWait: .milliseconds(50), afterPassive: nil)
    }

    init(store: SQLiteStore, interval: Duration, restartFrames: Int, restartWait: Duration, afterPassive: (@Sendable () -> Void)?) throws {
        self.afterPassive = afterPassive
        self.store = store
        self.interval = interval
        self.restartFrames = restartFrames
        self.restartWait = restartWait
        var config = Configuration()
        config.busyMode = .timeout(1)
        config.publicStatementArguments = false
        connection = try DatabaseQueue(path: store.path, configuration: config)
    }

    public var rounds: Int { roundCount.withLock { $0 } }
    public var restarts: Int { restartCount.withLock { $0 } }

    public func start() throws {
        try setAutomaticCheckpoint(pages: 0)
        try store.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_size_limit = \(Self.sizeLimitBytes)") }
        let interval = self.interval
        let started = Task { [self] in
            while true {
                do { try await Task.sleep(for: interval) } catch { return }  // cancelled by stop()
                await checkpointOnce()
            }
        }
        task.withLock { $0 = started }
    }

    public func stop() async throws {
        let running = task.withLock { t -> Task<Void, Never>? in
            defer { t = nil }
            return t
        }
        running?.cancel()
        await running?.value
        await checkpointOnce()
        try setAutomaticCheckpoint(pages: 1000)
    }

    /// The writer connection's `wal_autocheckpoint` (0 = off; SQLite's default is 1,000 pages).
    /// Synchronous: called from async code, GRDB's async overload would be picked otherwise.
    func setAutomaticCheckpoint(pages: Int) throws {
        try store.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = \(pages)") }
    }

    /// The writer connection's current setting (for tests).
    public func automaticCheckpointPages() throws -> Int {
        try store.writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? -1 }
    }

    /// One PASSIVE checkpoint, and a RESTART one when the WAL has `restartFrames` or more, run
    /// on the checkpointer's queue (its fsync must not block one of Swift's cooperative threads,
    /// which serve requests). Returns the PASSIVE round's WAL frames and how many of them are now
    /// in the database file; nil when it failed (left for the next round).
    @discardableResult
    public func checkpointOnce() async -> (walFrames: Int, checkpointed: Int)? {
        let connection = self.connection
        let restartFrames = self.restartFrames
        let afterPassive = self.afterPassive
        let waitMillis = Int(restartWait.components.seconds * 1000 + restartWait.components.attoseconds / 1_000_000_000_000_000)
        let (result, restarted): ((walFrames: Int, checkpointed: Int)?, Bool) = await withCheckedContinuation { c in
            queue.async {
                let r = try? connection.writeWithoutTransaction { db in try db.checkpoint(.passive) }
                var restarted = false
                afterPassive?()
                if let r, r.walFrameCount >= restartFrames, self.restartDue() {
                    // A busy answer (a reader stayed on the log longer than the wait) is no
                    // failure, but a long reader (an activity run) would answer busy again, and
                    // every try holds writers back for the wait: the next tries skip some rounds.
                    restarted =
                        (try? connection.writeWithoutTransaction { db in
                            try db.execute(sql: "PRAGMA busy_timeout = \(waitMillis)")
                            defer { try? db.execute(sql: "PRAGMA busy_timeout = 1000") }
                            _ = try db.checkpoint(.restart)
                            return true
                        }) ?? false
                    if !restarted { self.restartState.withLock { $0.skip = Self.roundsSkippedAfterBusy } }
                }
                c.resume(returning: (r.map { ($0.walFrameCount, $0.checkpointedFrameCount) }, restarted))
            }
        }
        roundCount.withLock { $0 += 1 }
        if restarted { restartCount.withLock { $0 += 1 } }
        return result
    }
}
