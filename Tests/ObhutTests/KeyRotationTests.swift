import Foundation
import GRDB
import ObhutCore
import ObhutStore
import Testing

@testable import Obhut

struct KeyRotationTests {
    @Test func rotatedKeyOpensDataAndOldKeyNoLonger() throws {
        let ws = try makeWorkspace()
        _ = try Importer(workspace: ws).run(ImportRequest(entity: .customers, file: writeFixture("k.csv", customersCSV)))
        let oldKey = try String(contentsOf: ws.masterKeyURL, encoding: .utf8)
        #expect(try ws.rotateMasterKey(environment: [:]) == nil)
        let newKey = try String(contentsOf: ws.masterKeyURL, encoding: .utf8)
        #expect(oldKey != newKey)
        let mode = try FileManager.default.attributesOfItem(atPath: ws.masterKeyURL.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        let reopened = try Workspace.open(at: ws.directory, environment: [:])
        let fields = try reopened.store.writer.read { db -> PersonalFields in
            let row = try #require(
                try Row.fetchOne(
                    db, sql: "SELECT c.sealed, k.wrapped FROM customer c JOIN person_key k ON k.subject = 'c:' || c.id WHERE c.id = 'C1'"))
            return try reopened.store.keys.openPersonal(customerId: "C1", sealed: row["sealed"], wrappedKey: row["wrapped"])
        }
        #expect(fields.lastName == "Musterfrau")
        #expect(throws: WorkspaceError.self) {
            try Workspace.open(at: ws.directory, environment: ["OBHUT_MASTER_KEY": oldKey])
        }
    }

    /// A rotation that fails before its commit (here the audit entry is refused) changes nothing:
    /// the old key file is still in place and still opens the data, no new key file is left, and
    /// the fingerprint is the old one. Before, the secret was re-wrapped first and the audit
    /// entry written after: its failure left a workspace whose key file no longer opened it.
    @Test func aRotationThatFailsBeforeItsCommitChangesNothing() throws {
        let ws = try makeWorkspace()
        _ = try Importer(workspace: ws).run(ImportRequest(entity: .customers, file: writeFixture("k.csv", customersCSV)))
        let oldKey = try String(contentsOf: ws.masterKeyURL, encoding: .utf8)
        let fingerprint = try ws.store.meta("key_fingerprint")
        try ws.store.writer.write { db in
            try db.execute(sql: "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_entry BEGIN SELECT RAISE(ABORT, 'refused'); END")
        }
        #expect(throws: (any Error).self) { try ws.rotateMasterKey(environment: [:]) }
        try ws.store.writer.write { db in try db.execute(sql: "DROP TRIGGER refuse_audit") }
        #expect(try String(contentsOf: ws.masterKeyURL, encoding: .utf8) == oldKey)
        #expect(!FileManager.default.fileExists(atPath: ws.masterKeyURL.path + ".new"))
        #expect(try ws.store.meta("key_fingerprint") == fingerprint)
        let reopened = try Workspace.open(at: ws.directory, environment: [:])
        #expect(try reopened.store.customer(id: "C1")?.personal.lastName == "Musterfrau")
    }
}
