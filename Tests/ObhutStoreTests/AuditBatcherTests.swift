import Foundation
import GRDB
import Testing

@testable import ObhutStore

@Suite("AuditBatcher: group commit of read entries")
struct AuditBatcherTests {
    @Test("300 concurrent readers: every entry lands once, the chain verifies, and commits are fewer than entries")
    func concurrentAppends() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("obhut-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try SQLiteStore(path: dir.appendingPathComponent("a.sqlite").path, masterKey: .generate())
        let batcher = store.auditBatcher
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<300 {
                group.addTask {
                    try await batcher.append(
                        .init(
                            actor: "user:reader\(i % 7)", role: "support", action: "customer.view", subject: "p_token\(i)", count: 1,
                            activity: nil, reason: "detail", at: Date(timeIntervalSince1970: 1_790_000_000)))
                }
            }
            try await group.waitForAll()
        }
        let subjects = try await store.writer.read { db in try String.fetchAll(db, sql: "SELECT subject FROM audit_entry ORDER BY sequence") }
        #expect(subjects.count == 300)
        #expect(Set(subjects).count == 300)
        #expect(try store.verifyAudit().isIntact)
        let commits = await batcher.commits
        #expect(commits < 300, "entries that arrive during a commit go into the next one")
        #expect(await batcher.entries == 300)
    }

    @Test("an entry that looks like personal data is refused before anything is written")
    func refusesPersonalData() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("obhut-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try SQLiteStore(path: dir.appendingPathComponent("a.sqlite").path, masterKey: .generate())
        await #expect(throws: (any Error).self) {
            try await store.auditBatcher.append(
                .init(
                    actor: "x", role: "support", action: "customer.view", subject: nil, count: 1, activity: nil, reason: "anna@example.org",
                    at: Date()))
        }
        let n = try await store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_entry") }
        #expect(n == 0)
    }
}
