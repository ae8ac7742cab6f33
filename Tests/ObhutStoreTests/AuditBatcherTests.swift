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
        let commits = batcher.commits
        #expect(commits < 300, "entries that arrive during a commit go into the next one")
        #expect(batcher.entries == 300)
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

    @Test(
        "durable and batched commits write the same entries into one chain that verifies; batched leaves FULL on the writer and syncs the WAL",
        arguments: AuditReadDurability.allCases)
    func bothDurabilities(_ durability: AuditReadDurability) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("obhut-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try SQLiteStore(path: dir.appendingPathComponent("a.sqlite").path, masterKey: .generate())
        let batcher = store.auditBatcher
        // A long interval: the test syncs by hand, so nothing here depends on timing.
        try batcher.configure(durability: durability, syncInterval: .seconds(3_600))
        let at = Date(timeIntervalSince1970: 1_790_000_000)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<120 {
                group.addTask {
                    try await batcher.append(
                        .init(
                            actor: "user:reader\(i % 5)", role: "marketing", action: "recommendations.read", subject: "p_token\(i)", count: 1,
                            activity: "recommendations", reason: nil, at: at))
                }
                if i == 60 {
                    // A change in between, committed on its own with a full fsync, joins the same chain.
                    _ = try store.appendAudit(actor: "cli", role: "admin", action: "user.add", count: 0, at: at)
                }
            }
            try await group.waitForAll()
        }
        let rows = try await store.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT sequence, action, previous_hash, hash FROM audit_entry ORDER BY sequence").map {
                (sequence: $0[0] as Int64, action: $0[1] as String, previous: $0[2] as Data, hash: $0[3] as Data)
            }
        }
        #expect(rows.count == 121)
        #expect(rows.map(\.sequence) == Array(1...121))
        #expect(rows.filter { $0.action == "recommendations.read" }.count == 120)
        for (a, b) in zip(rows, rows.dropFirst()) { #expect(a.hash == b.previous) }
        #expect(try store.verifyAudit().isIntact)
        // Committed, not merely buffered: another connection (as after a crash of this process) reads every entry.
        let other = try DatabaseQueue(path: store.path)
        let seen = try await other.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_entry") }
        #expect(seen == 121)
        // The writer connection is back to FULL for everything else (2 = FULL).
        let synchronous = try await store.writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(synchronous == 2)
        #expect(batcher.syncPending == (durability == .batched))
        try batcher.syncNow()
        #expect(batcher.syncPending == false)
        #expect(batcher.syncs == (durability == .batched ? 1 : 0))
    }

    @Test("switching back to durable syncs what a batched commit left")
    func switchingToDurableSyncs() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("obhut-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try SQLiteStore(path: dir.appendingPathComponent("a.sqlite").path, masterKey: .generate())
        let batcher = store.auditBatcher
        try batcher.configure(durability: .batched, syncInterval: .seconds(3_600))
        try await batcher.append(
            .init(actor: "user:a", role: "support", action: "customer.view", subject: "p_x", count: 1, activity: nil, reason: "detail", at: Date()))
        #expect(batcher.syncPending)
        try batcher.configure(durability: .durable)
        #expect(batcher.syncPending == false)
        #expect(batcher.syncs == 1)
        #expect(batcher.durability == .durable)
    }

    @Test("a store's writer commits with synchronous = FULL (GRDB would leave NORMAL): changes survive a power loss")
    func writerIsFullySynchronous() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("obhut-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try SQLiteStore(path: dir.appendingPathComponent("a.sqlite").path, masterKey: .generate())
        let synchronous = try await store.writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(synchronous == 2)
    }
}
