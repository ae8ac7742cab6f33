import Foundation
import GRDB
import Synchronization
import Testing

@testable import ObhutStore

/// `AuditBatcher.read`: reads run inside the group commit of their audit entries, on the writer.
@Suite("AuditBatcher: reads in the group commit")
struct AuditBatcherReadTests {
    struct Refused: Error, Equatable { var i: Int }
    final class Flag: Sendable {
        let value = Mutex(false)
    }

    func makeStore() throws -> (SQLiteStore, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("obhut-batch-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return (try SQLiteStore(path: dir.appendingPathComponent("a.sqlite").path, masterKey: .generate()), dir)
    }

    func draft(_ subject: String, reason: String? = "detail") -> AuditBatcher.Draft {
        .init(
            actor: "user:reader", role: "support", action: "customer.view", subject: subject, count: 1, activity: nil, reason: reason,
            at: Date(timeIntervalSince1970: 1_790_000_000))
    }

    func subjects(_ store: SQLiteStore) throws -> [String] {
        try store.writer.read { db in try String.fetchAll(db, sql: "SELECT subject FROM audit_entry ORDER BY sequence") }
    }

    @Test(
        "200 concurrent reads: each gets its own answer, each entry lands once, the chain verifies, commits are fewer than reads",
        arguments: AuditReadDurability.allCases)
    func concurrentReads(_ durability: AuditReadDurability) async throws {
        let (store, dir) = try makeStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        try store.setMeta("greeting", "hallo")
        let batcher = store.auditBatcher
        try batcher.configure(durability: durability, syncInterval: .seconds(3_600))
        let answers = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for i in 0..<200 {
                group.addTask {
                    let value = try await batcher.read(
                        { db in (try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'greeting'") ?? "") + "\(i)" },
                        entries: [draft("p_token\(i)")], when: { _ in true })
                    return (i, value)
                }
            }
            return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        #expect(answers.count == 200)
        #expect(answers.allSatisfy { $0.value == "hallo\($0.key)" })
        let logged = try subjects(store)
        #expect(logged.count == 200)
        #expect(Set(logged) == Set((0..<200).map { "p_token\($0)" }))
        #expect(try store.verifyAudit().isIntact)
        #expect(batcher.commits < 200, "reads that arrive during a commit go into the next one")
        #expect(batcher.entries == 200)
        // Committed, not merely buffered: another connection reads every entry.
        let other = try DatabaseQueue(path: store.path)
        #expect(try await other.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_entry") } == 200)
        // The writer connection is back to FULL (2) whatever the mode.
        #expect(try await store.writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } == 2)
    }

    @Test("a read that fails writes its entry when its outcome is audited, and the caller gets the read's error")
    func failedReadIsAuditedWhenAsked() async throws {
        let (store, dir) = try makeStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        await #expect(throws: Refused(i: 1)) {
            try await store.auditBatcher.read({ _ -> Int in throw Refused(i: 1) }, entries: [draft("p_attempt")], when: { _ in true })
        }
        await #expect(throws: Refused(i: 2)) {
            try await store.auditBatcher.read({ _ -> Int in throw Refused(i: 2) }, entries: [draft("p_nobody")], when: { _ in false })
        }
        #expect(try subjects(store) == ["p_attempt"])
        #expect(try store.verifyAudit().isIntact)
    }

    @Test("an entry that looks like personal data is refused before the read runs")
    func refusedEntryStopsTheRead() async throws {
        let (store, dir) = try makeStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ran = Flag()
        await #expect(throws: (any Error).self) {
            try await store.auditBatcher.read(
                { _ in ran.value.withLock { $0 = true } }, entries: [draft("p_x", reason: "anna@example.org")], when: { _ in true })
        }
        #expect(ran.value.withLock { $0 } == false)
        #expect(try subjects(store).isEmpty)
    }

    @Test("failing reads and an entry that cannot be written do not take the others' entries with them")
    func failuresStayWithTheirCaller() async throws {
        let (store, dir) = try makeStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let batcher = store.auditBatcher
        let outcomes = await withTaskGroup(of: (Int, Result<Int, any Error>).self) { group in
            for i in 0..<90 {
                group.addTask {
                    do {
                        let v = try await batcher.read(
                            { db -> Int in
                                switch i % 3 {
                                case 1: throw Refused(i: i)  // the read fails; not audited (see `when`)
                                case 2:
                                    // Not a read: it makes its own entry impossible to write (and writes a row), to show
                                    // that the savepoint takes back this caller's work only.
                                    try db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, 'x')", arguments: ["leak\(i)"])
                                    try db.execute(sql: "ALTER TABLE audit_entry RENAME TO audit_entry_gone")
                                    return i
                                default: return i
                                }
                            }, entries: [draft("p_token\(i)")],
                            when: { outcome in
                                guard case .success = outcome else { return false }
                                return true
                            })
                        return (i, .success(v))
                    } catch {
                        return (i, .failure(error))
                    }
                }
            }
            return await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        #expect(outcomes.count == 90)
        for (i, outcome) in outcomes {
            switch (i % 3, outcome) {
            case (0, .success(let v)): #expect(v == i)
            case (1, .failure(let e)): #expect(e as? Refused == Refused(i: i))
            case (2, .failure): break  // its entry was not written: the read is not returned
            default: Issue.record("caller \(i): unexpected outcome \(outcome)")
            }
        }
        #expect(Set(try subjects(store)) == Set(stride(from: 0, to: 90, by: 3).map { "p_token\($0)" }))
        #expect(try store.verifyAudit().isIntact)
        let leaked = try await store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM meta WHERE key LIKE 'leak%'") }
        #expect(leaked == 0)
    }

    @Test("a read sees what was committed before it, on the writer connection")
    func readsTheLatestCommit() async throws {
        let (store, dir) = try makeStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let read: @Sendable (Database) throws -> String? = { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'n'") }
        try store.setMeta("n", "1")
        #expect(try await store.auditBatcher.read(read, entries: [], when: { _ in false }) == "1")
        try store.setMeta("n", "2")
        #expect(try await store.auditBatcher.read(read, entries: [], when: { _ in false }) == "2")
    }
}
