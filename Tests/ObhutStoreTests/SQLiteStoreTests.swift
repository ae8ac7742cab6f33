import Foundation
import GRDB
import ObhutCore
import Testing

@testable import ObhutStore

struct SQLiteStoreTests {
    func makeStore() throws -> SQLiteStore {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("obhut-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return try SQLiteStore(path: dir.appendingPathComponent("t.sqlite").path, masterKey: .generate())
    }

    @Test func secureDeleteIsOnAndTablesAreStrict() throws {
        let store = try makeStore()
        let secure = try store.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA secure_delete") }
        #expect(secure == 1)
        #expect(throws: (any Error).self) {
            try store.writer.write { db in
                try db.execute(sql: "INSERT INTO product (id, name, price_minor) VALUES ('P', 'x', 'not a number')")
            }
        }
    }

    @Test func failedImportTransactionLeavesNothingAndIsRecordedAsRejected() throws {
        let store = try makeStore()
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try store.importTransaction(entity: .products, fileName: "p.csv", format: "generic") { writer -> ((), Int, Int) in
                _ = try writer.write(Product(id: "P1", name: "Schere"))
                throw Boom()
            }
        }
        #expect(try store.counts()[.products] == 0)
        #expect(try store.recentImports().first?.status == "rejected")
    }

    @Test func duplicateWithinOneImportIsDetectedButReimportUpdates() throws {
        let store = try makeStore()
        let outcomes = try store.importTransaction(entity: .products, fileName: "p.csv", format: "generic") { w in
            ([try w.write(Product(id: "P1", name: "a")), try w.write(Product(id: "P1", name: "b"))], 1, 1)
        }
        #expect(outcomes == [.written, .duplicateInImport])
        let second = try store.importTransaction(entity: .products, fileName: "p.csv", format: "generic") { w in
            (try w.write(Product(id: "P1", name: "c")), 1, 0)
        }
        #expect(second == .written)
        let name = try store.writer.read { db in try String.fetchOne(db, sql: "SELECT name FROM product WHERE id = 'P1'") }
        #expect(name == "c")
    }
}
