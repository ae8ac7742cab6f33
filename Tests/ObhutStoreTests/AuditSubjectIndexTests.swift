import Foundation
import GRDB
import Testing

@testable import ObhutStore

/// One person's audit entries are found through blocks indexed when they complete plus a scan of
/// the incomplete tail; the answer is always the same as a scan of the whole log.
struct AuditSubjectIndexTests {
    let block = Int(AuditSubjectIndex.blockSize)

    func makeStore() throws -> SQLiteStore {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("obhut-audit-subject-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return try SQLiteStore(path: dir.appendingPathComponent("a.sqlite").path, masterKey: .generate())
    }

    /// Entries for 7 people (tokens t0...t6) and some without a subject, appended from `start`.
    func append(_ store: SQLiteStore, _ range: Range<Int>) throws {
        try store.writer.write { db in
            for i in range {
                _ = try store.appendAudit(
                    db, actor: "user", role: "support", action: "customer.read", subject: i % 5 == 4 ? nil : "t\(i % 7)", count: 1,
                    activity: nil, reason: nil, at: Date(timeIntervalSince1970: 1_700_000_000 + Double(i)))
            }
        }
    }

    /// Every person's entries by a scan of the whole log, the answer the index must give.
    func scanned(_ store: SQLiteStore, _ subject: String) throws -> [Int64] {
        try store.writer.read { db in
            try Int64.fetchAll(db, sql: "SELECT sequence FROM audit_entry WHERE subject = ? ORDER BY sequence", arguments: [subject])
        }
    }

    @Test func findsEveryEntryAcrossCompleteBlocksAndTheTail() throws {
        let store = try makeStore()
        // Short of one block: everything is in the tail, nothing indexed yet.
        try append(store, 0..<(block - 1))
        #expect(try store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_subject") } == 0)
        for p in 0..<7 {
            let expected = try scanned(store, "t\(p)")
            #expect(!expected.isEmpty)
            #expect(try store.auditEntries(subject: "t\(p)").map(\.sequence) == expected)
        }
        // The entry that completes the first block indexes it, in its own transaction.
        try append(store, (block - 1)..<block)
        let indexed = try store.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT block, subject, sequence FROM audit_subject ORDER BY block, subject, sequence")
        }
        let withSubject = try store.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_entry WHERE subject IS NOT NULL AND sequence <= ?", arguments: [block])
        }
        #expect(indexed.count == withSubject)
        #expect(indexed.allSatisfy { ($0["block"] as Int64) == 0 })
        // Two and a half blocks: two indexed, the rest found by the scan of the tail.
        try append(store, block..<(2 * block + block / 2))
        let blocks = try store.writer.read { db in try Int64.fetchAll(db, sql: "SELECT DISTINCT block FROM audit_subject ORDER BY block") }
        #expect(blocks == [0, 1])
        for p in 0..<7 {
            let entries = try store.auditEntries(subject: "t\(p)")
            #expect(entries.map(\.sequence) == (try scanned(store, "t\(p)")))
            #expect(entries.allSatisfy { $0.subject == "t\(p)" })
        }
        #expect(try store.auditEntries(subject: "nobody").isEmpty)
        #expect(try store.verifyAudit().isIntact)
    }

    /// Migration v10 builds the blocks of an existing log and drops the old index.
    @Test func migrationIndexesTheCompleteBlocksOfAnExistingLog() throws {
        let queue = try DatabaseQueue()
        try Migrations.migrator.migrate(queue, upTo: "v9-person-key-by-subject")
        let n = block + 100
        try queue.write { db in
            for i in 1...n {
                try db.execute(
                    sql: """
                        INSERT INTO audit_entry (sequence, at, actor, role, action, subject, count, previous_hash, hash)
                        VALUES (?, ?, 'user', 'support', 'customer.read', ?, 1, x'00', x'00')
                        """, arguments: [i, i, i % 3 == 0 ? nil : "t\(i % 4)"])
            }
        }
        try Migrations.migrator.migrate(queue)
        try queue.read { db in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE name = 'audit_entry_subject'") == 0)
            let indexed = try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_subject") ?? -1
            let expected = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM audit_entry WHERE subject IS NOT NULL AND sequence <= ?", arguments: [block])
            #expect(indexed == expected)
            for p in 0..<4 {
                let all = try Int64.fetchAll(db, sql: "SELECT sequence FROM audit_entry WHERE subject = ? ORDER BY sequence", arguments: ["t\(p)"])
                #expect(try AuditSubjectIndex.sequences(of: "t\(p)", in: db) == all)
            }
        }
    }
}
