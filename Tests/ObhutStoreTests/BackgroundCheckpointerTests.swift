import Dispatch
import Foundation
import GRDB
import Synchronization
import Testing

@testable import ObhutStore

/// The server's WAL checkpoints run beside the commits, not inside them.
@Suite("Background checkpointer")
struct BackgroundCheckpointerTests {
    @Test func commitsNoLongerCheckpointAndABackgroundRoundCopiesTheWholeWAL() async throws {
        let (store, dir) = try makeStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A round an hour: in this test only `checkpointOnce()` checkpoints.
        let checkpointer = try BackgroundCheckpointer(store: store, interval: .seconds(3600))
        #expect(try checkpointer.automaticCheckpointPages() == 1000)
        try checkpointer.start()
        #expect(try checkpointer.automaticCheckpointPages() == 0)
        // 60 commits of 20 pages each write more than 1,000 WAL frames; with SQLite's automatic
        // checkpoint the WAL would have been copied and restarted on the way.
        try writePages(store, commits: 60)
        _ = try store.appendAudit(actor: "test", role: "admin", action: "read", subject: "s1", count: 1)
        let round = try #require(await checkpointer.checkpointOnce())
        #expect(round.walFrames > 1000)
        #expect(round.checkpointed == round.walFrames)
        try await checkpointer.stop()
        #expect(try checkpointer.automaticCheckpointPages() == 1000)
        #expect(checkpointer.rounds == 2)  // the one above and the final one of stop()
        #expect(try store.verifyAudit().isIntact)
        #expect(try countRows(store) == 1200)
    }

    /// Under steady load, commits land during every round and readers sit on recent frames, so
    /// PASSIVE never copies the whole log and SQLite never starts it over: the WAL grew without
    /// end (12 MB/s under wrk). Here a reader holds a snapshot from the middle of the log through
    /// the PASSIVE round (which can then copy only the older half) and lets go before the restart
    /// step. A round that finds the log at `restartFrames` or more restarts it; the next commit
    /// writes from the start, and the next round finds a short log.
    @Test func aRoundOverTheLimitRestartsALogThatPassiveCouldNotFinish() async throws {
        let (store, dir) = try makeStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let held = HeldSnapshot()
        let checkpointer = try BackgroundCheckpointer(
            store: store, interval: .seconds(3600), restartFrames: 100, restartWait: .seconds(5), afterPassive: { held.release() })
        try checkpointer.start()
        #expect(try journalSizeLimit(store) == 64 << 20)
        try writePages(store, commits: 30)
        // Open until the round's PASSIVE step is done.
        try held.take(on: store.path)
        try writePages(store, commits: 30, create: false)
        let first = try #require(await checkpointer.checkpointOnce())
        #expect(first.walFrames > 1000)
        #expect(first.checkpointed < first.walFrames, "the reader's snapshot kept PASSIVE from copying the newer frames")
        #expect(checkpointer.restarts == 1)
        _ = try store.appendAudit(actor: "test", role: "admin", action: "read", subject: "after", count: 1)
        let second = try #require(await checkpointer.checkpointOnce())
        #expect(second.walFrames < 100, "the commit after the restart wrote from the start of the log")
        try await checkpointer.stop()
        #expect(try store.verifyAudit().isIntact)
        #expect(try countRows(store) == 1200)
    }

    /// A reader that stays on the log (an activity run reading for minutes) makes a restart
    /// give up after its wait, and every try holds writers back for that wait: after one gives
    /// up, the next rounds do not try; once the reader is gone, a restart goes through again.
    @Test func aRestartThatFindsAReaderIsNotRetriedEveryRound() async throws {
        let (store, dir) = try makeStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let held = HeldSnapshot()
        let checkpointer = try BackgroundCheckpointer(
            store: store, interval: .seconds(3600), restartFrames: 100, restartWait: .milliseconds(20), afterPassive: nil)
        try checkpointer.start()
        try writePages(store, commits: 30)
        try held.take(on: store.path)
        try writePages(store, commits: 30, create: false)
        for _ in 0...BackgroundCheckpointer.roundsSkippedAfterBusy { await checkpointer.checkpointOnce() }
        #expect(checkpointer.restartAttempts == 1, "one try, then the rounds skipped")
        #expect(checkpointer.restarts == 0)
        held.release()
        await checkpointer.checkpointOnce()
        #expect(checkpointer.restartAttempts == 2)
        #expect(checkpointer.restarts == 1)
        try await checkpointer.stop()
        #expect(try countRows(store) == 1200)
    }

    func makeStore() throws -> (SQLiteStore, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("obhut-ckpt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return (try SQLiteStore(path: dir.appendingPathComponent("a.sqlite").path, masterKey: .generate()), dir)
    }

    /// A read transaction of another connection on the `scratch` table, held on a thread of its
    /// own from `take` until the first `release` (which returns once the transaction has ended;
    /// later calls do nothing: a round's hook runs on every round).
    final class HeldSnapshot: Sendable {
        let taken = DispatchSemaphore(value: 0)
        let letGo = DispatchSemaphore(value: 0)
        let ended = DispatchSemaphore(value: 0)
        let released = Mutex(false)

        func take(on path: String) throws {
            let reader = try DatabaseQueue(path: path)
            Thread { [self] in
                try? reader.read { db in
                    _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM scratch")
                    taken.signal()
                    letGo.wait()
                }
                ended.signal()
            }.start()
            taken.wait()
        }

        func release() {
            guard
                released.withLock({ r in
                    defer { r = true }; return !r
                })
            else { return }
            letGo.signal()
            ended.wait()
        }
    }

    /// Commits of 20 rows of 4,000 random bytes each (about 20 pages per commit).
    func writePages(_ store: SQLiteStore, commits: Int, create: Bool = true) throws {
        if create { try store.writer.write { db in try db.execute(sql: "CREATE TABLE scratch (x BLOB)") } }
        for _ in 0..<commits {
            try store.writer.write { db in
                try db.execute(
                    sql: "INSERT INTO scratch SELECT randomblob(4000) FROM (SELECT 1 UNION ALL SELECT 2), json_each('[1,2,3,4,5,6,7,8,9,10]')")
            }
        }
    }

    func journalSizeLimit(_ store: SQLiteStore) throws -> Int? {
        try store.writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA journal_size_limit") }
    }

    func countRows(_ store: SQLiteStore) throws -> Int {
        try store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM scratch") ?? 0 }
    }
}
