import Foundation
import GRDB
import Testing

@testable import ObhutStore

/// The server's WAL checkpoints run beside the commits, not inside them.
@Suite("Background checkpointer")
struct BackgroundCheckpointerTests {
    @Test func commitsNoLongerCheckpointAndABackgroundRoundCopiesTheWholeWAL() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("obhut-ckpt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try SQLiteStore(path: dir.appendingPathComponent("a.sqlite").path, masterKey: .generate())
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

    /// Commits of 20 rows of 4,000 random bytes each (about 20 pages per commit).
    func writePages(_ store: SQLiteStore, commits: Int) throws {
        try store.writer.write { db in try db.execute(sql: "CREATE TABLE scratch (x BLOB)") }
        for _ in 0..<commits {
            try store.writer.write { db in
                try db.execute(
                    sql: "INSERT INTO scratch SELECT randomblob(4000) FROM (SELECT 1 UNION ALL SELECT 2), json_each('[1,2,3,4,5,6,7,8,9,10]')")
            }
        }
    }

    func countRows(_ store: SQLiteStore) throws -> Int {
        try store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM scratch") ?? 0 }
    }
}
