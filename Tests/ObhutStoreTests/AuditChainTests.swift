import Crypto
import Foundation
import GRDB
import Testing

@testable import ObhutStore

struct AuditChainTests {
    func makeStore() throws -> SQLiteStore {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("obhut-audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return try SQLiteStore(path: dir.appendingPathComponent("a.sqlite").path, masterKey: .generate())
    }

    func fill(_ store: SQLiteStore, _ n: Int) throws {
        try store.writer.write { db in
            for i in 0..<n {
                _ = try store.appendAudit(
                    db, actor: "user\(i % 3)", role: ["admin", "dpo", "analyst"][i % 3], action: "customer.read",
                    subject: i % 2 == 0 ? "p_token\(i)" : nil, count: i % 5, activity: i % 4 == 0 ? "segments" : nil,
                    reason: nil, at: Date(timeIntervalSince1970: 1_700_000_000 + Double(i)))
            }
        }
        try store.sealAuditChain()
    }

    @Test func cleanChainVerifies() throws {
        let store = try makeStore()
        try fill(store, 2000)
        let v = try store.verifyAudit()
        #expect(v.isIntact, "\(v)")
        #expect(v.entriesChecked == 2000)
        #expect(v.checkpointsChecked >= 7)
    }

    /// 1,000 random single-byte or single-entry changes: every one is detected, at the right place.
    @Test func everyRandomTamperingIsDetected() throws {
        let store = try makeStore()
        let n = 600
        try fill(store, n)
        var seed: UInt64 = 0x5EED
        func next() -> UInt64 { seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407; return seed >> 11 }
        let columns = ["at", "actor", "role", "action", "subject", "count", "activity", "previous_hash", "hash"]
        try store.writer.write { db in try db.execute(sql: "CREATE TABLE pristine AS SELECT * FROM audit_entry") }
        for trial in 0..<1000 {
            let target = Int64(1 + next() % UInt64(n))
            var expectedAt: Int64? = target
            let kind = trial % 5
            try store.writer.write { db in
                switch kind {
                case 0, 1:  // flip one byte of one field
                    let column = columns[Int(next() % UInt64(columns.count))]
                    let row = try Row.fetchOne(db, sql: "SELECT \(column) AS v FROM audit_entry WHERE sequence = ?", arguments: [target])!
                    let value = row["v"] as DatabaseValue
                    if case .blob(let blob) = value.storage {
                        var b = blob; let i = Int(next() % UInt64(b.count)); b[i] ^= UInt8(1 + next() % 255)
                        try db.execute(sql: "UPDATE audit_entry SET \(column) = ? WHERE sequence = ?", arguments: [b, target])
                    } else if case .string(let s) = value.storage {
                        let new = s.isEmpty ? "x" : String(s.dropLast()) + (s.last == "z" ? "y" : "z")
                        try db.execute(sql: "UPDATE audit_entry SET \(column) = ? WHERE sequence = ?", arguments: [new, target])
                    } else if case .int64(let v) = value.storage {
                        try db.execute(sql: "UPDATE audit_entry SET \(column) = ? WHERE sequence = ?", arguments: [v ^ 1, target])
                    } else {  // NULL optional field: set it
                        try db.execute(sql: "UPDATE audit_entry SET \(column) = 'x' WHERE sequence = ?", arguments: [target])
                    }
                case 2:  // delete one entry
                    try db.execute(sql: "DELETE FROM audit_entry WHERE sequence = ?", arguments: [target])
                    if target == Int64(n) { expectedAt = nil }  // the tail: caught by the checkpoint
                case 3:  // swap two neighbours' contents
                    let other = target == Int64(n) ? target - 1 : target + 1
                    try db.execute(sql: "UPDATE audit_entry SET sequence = -1 WHERE sequence = ?", arguments: [target])
                    try db.execute(sql: "UPDATE audit_entry SET sequence = ? WHERE sequence = ?", arguments: [target, other])
                    try db.execute(sql: "UPDATE audit_entry SET sequence = ? WHERE sequence = -1", arguments: [other])
                    expectedAt = min(target, other)
                default:  // replace one entry by a forged one with a correctly recomputed hash
                    let e = AuditEntry(row: try Row.fetchOne(db, sql: "SELECT * FROM audit_entry WHERE sequence = ?", arguments: [target])!)
                    let hash = AuditEntry.computeHash(
                        sequence: e.sequence, at: e.at, actor: "intruder", role: e.role, action: e.action, subject: e.subject,
                        count: e.count, activity: e.activity, reason: e.reason, previousHash: e.previousHash)
                    try db.execute(sql: "UPDATE audit_entry SET actor = 'intruder', hash = ? WHERE sequence = ?", arguments: [hash, target])
                    // The next entry no longer links to it (or, for the last, the checkpoint disagrees).
                    expectedAt = target == Int64(n) ? target : target + 1
                }
            }
            let v = try store.verifyAudit()
            #expect(!v.isIntact, "trial \(trial) kind \(kind) at \(target) not detected")
            if let expectedAt, kind != 0 && kind != 1 || v.problem != .checkpointMismatch {
                #expect(
                    v.at == expectedAt || (kind <= 1 && v.at == target + 1),
                    "trial \(trial) kind \(kind): expected \(expectedAt), got \(String(describing: v.at)) \(String(describing: v.problem))")
            }
            try store.writer.write { db in try db.execute(sql: "DELETE FROM audit_entry; INSERT INTO audit_entry SELECT * FROM pristine") }
        }
        #expect(try store.verifyAudit().isIntact)
    }

    @Test func forgedCheckpointAndRebuiltChainAreDetected() throws {
        let store = try makeStore()
        try fill(store, 300)
        try store.writer.write { db in try db.execute(sql: "UPDATE audit_checkpoint SET signature = zeroblob(64) WHERE sequence = 256") }
        #expect(try store.verifyAudit().problem == .badCheckpointSignature)

        // An intruder without the key rebuilds a whole consistent chain: the signed checkpoints disagree.
        let other = try makeStore()
        try fill(other, 2)
        let fresh = try makeStore()
        try fill(fresh, 300)
        try fresh.writer.write { db in
            try db.execute(sql: "DELETE FROM audit_entry")
            var prev = AuditEntry.genesisHash
            for i in 1...300 {
                let h = AuditEntry.computeHash(
                    sequence: Int64(i), at: 1, actor: "x", role: "admin", action: "nothing", subject: nil, count: 0, activity: nil, reason: nil,
                    previousHash: prev)
                try db.execute(
                    sql: "INSERT INTO audit_entry VALUES (?, 1, 'x', 'admin', 'nothing', NULL, 0, NULL, NULL, ?, ?)", arguments: [i, prev, h])
                prev = h
            }
        }
        #expect(try fresh.verifyAudit().problem == .checkpointMismatch)
    }

    /// Known answers from Python's hashlib over the documented encoding: chains already stored
    /// must keep verifying whatever the implementation.
    @Test func entryHashesMatchTheDocumentedEncoding() {
        func hex(_ d: Data) -> String { d.map { String(format: "%02x", $0) }.joined() }
        let a = AuditEntry.computeHash(
            sequence: 7, at: 1_790_000_000_123, actor: "bench", role: "marketing", action: "recommendations.read",
            subject: "p_iu2k5ahzambm4dngp5w7vd", count: 1, activity: "recommendations", reason: nil, previousHash: AuditEntry.genesisHash)
        #expect(hex(a) == "d15a0c2311db218dfa1c92cdcd4f3f5d277269ae8764db5105056a0a8591ef95")
        let b = AuditEntry.computeHash(
            sequence: 1, at: -5, actor: "cli", role: "admin", action: "subject.erase", subject: nil, count: 0, activity: nil,
            reason: "Grund: Löschung", previousHash: Data(repeating: 0xAB, count: 32))
        #expect(hex(b) == "b05d862101e90c6cbffe38272b2dabff2056fcf0500d608f704850e79ffdffb2")
    }

    @Test func personalDataIsRefusedInEntries() throws {
        let store = try makeStore()
        #expect(throws: AuditGuard.PersonalDataFound(field: "reason")) {
            try store.appendAudit(actor: "cli", role: "admin", action: "x", count: 1, reason: "asked by erika@example.de")
        }
        #expect(throws: AuditGuard.PersonalDataFound(field: "subject")) {
            try store.appendAudit(actor: "cli", role: "admin", action: "x", subject: "+49 170 1234567", count: 1)
        }
    }
}

struct AuditGuardTests {
    /// Every keyed token passes, whatever digits it happens to contain; a phone number does not.
    @Test func tokensPassAndNumbersDoNot() throws {
        let keys = KeyRing(master: MasterKey.generate())
        for i in 0..<20_000 {
            let token = keys.subjectToken(customerId: "C\(i)")
            #expect(throws: Never.self) { try AuditGuard.check([("subject", token)]) }
        }
        #expect(throws: AuditGuard.PersonalDataFound(field: "subject")) { try AuditGuard.check([("subject", "p_2345672345672345672345x")]) }
        #expect(throws: AuditGuard.PersonalDataFound(field: "reason")) { try AuditGuard.check([("reason", "p_234567234567234567234567")]) }
    }

    /// Known answers of the byte-level checks: e-mail shape, digit runs with separators, tokens.
    @Test func knownAnswers() {
        #expect(AuditGuard.looksLikeEmail("erika@example.de"))
        #expect(!AuditGuard.looksLikeEmail("@example.de"))
        #expect(!AuditGuard.looksLikeEmail("user@localhost"))
        #expect(!AuditGuard.looksLikeEmail("example.de"))
        #expect(AuditGuard.hasLongDigitRun("Tel. 0171-123 45 67"))
        #expect(AuditGuard.hasLongDigitRun("DE89/3704/0044"))
        #expect(!AuditGuard.hasLongDigitRun("123456"))
        #expect(!AuditGuard.hasLongDigitRun("123 456a7890"))
        #expect(!AuditGuard.hasLongDigitRun("Bestellung 2026-11 von 12 Kunden"))
        #expect(AuditGuard.hasLongDigitRun("Kundennr. ١٢٣ 1234567"))
        #expect(AuditGuard.isToken("p_abcdefghijklmnopqrstuv"))
        #expect(!AuditGuard.isToken("p_abcdefghijklmnopqrstu"))
        #expect(!AuditGuard.isToken("p_abcdefghijklmnopqrstu1"))
        #expect(!AuditGuard.isToken("p_abcdefghijklmnopqrstuä"))
        #expect(!AuditGuard.isToken("q_abcdefghijklmnopqrstuv"))
    }
}
