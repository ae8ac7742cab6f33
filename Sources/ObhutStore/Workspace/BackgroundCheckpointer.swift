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
public final class BackgroundCheckpointer: Sendable {
    let store: SQLiteStore
    let interval: Duration
    private let connection: DatabaseQueue
    private let queue = DispatchQueue(label: "obhut.wal-checkpoint")
    private let task = Mutex<Task<Void, Never>?>(nil)
    /// Rounds run so far (for tests and diagnostics).
    private let roundCount = Mutex<Int>(0)

    public init(store: SQLiteStore, interval: Duration = .seconds(1)) throws {
        self.store = store
        self.interval = interval
        var config = Configuration()
        config.busyMode = .timeout(1)
        config.publicStatementArguments = false
        connection = try DatabaseQueue(path: store.path, configuration: config)
    }

    public var rounds: Int { roundCount.withLock { $0 } }

    public func start() throws {
        try setAutomaticCheckpoint(pages: 0)
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

    /// One PASSIVE checkpoint, run on the checkpointer's queue (its fsync must not block one of
    /// Swift's cooperative threads, which serve requests). Returns the WAL's frames and how many
    /// of them are now in the database file; nil when it failed (left for the next round).
    @discardableResult
    public func checkpointOnce() async -> (walFrames: Int, checkpointed: Int)? {
        let connection = self.connection
        let result: (walFrames: Int, checkpointed: Int)? = await withCheckedContinuation { c in
            queue.async {
                let r = try? connection.writeWithoutTransaction { db in try db.checkpoint(.passive) }
                c.resume(returning: r.map { ($0.walFrameCount, $0.checkpointedFrameCount) })
            }
        }
        roundCount.withLock { $0 += 1 }
        return result
    }
}
