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
}
