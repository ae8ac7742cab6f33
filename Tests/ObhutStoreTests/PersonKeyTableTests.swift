import Foundation
import GRDB
import Testing

@testable import ObhutStore

/// Migration v9: the person keys move into a table ordered by subject (WITHOUT ROWID), every
/// key kept byte for byte.
struct PersonKeyTableTests {
    @Test func migrationKeepsEveryKeyAndDropsTheRowid() throws {
        let queue = try DatabaseQueue()
        try Migrations.migrator.migrate(queue, upTo: "v8-order-line-columns-channel")
        let keys: [(String, Data)] = (0..<50).map { i in ("\(i % 2 == 0 ? "c" : "l"):K\(49 - i)", Data((0..<60).map { UInt8(($0 * 7 + i) % 256) })) }
        try queue.write { db in
            for (subject, wrapped) in keys {
                try db.execute(sql: "INSERT INTO person_key (subject, wrapped) VALUES (?, ?)", arguments: [subject, wrapped])
            }
        }
        #expect(try queue.read { db in try Bool.fetchOne(db, sql: "SELECT count(*) > 0 FROM pragma_index_list('person_key')") } == true)
        try Migrations.migrator.migrate(queue)
        try queue.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT subject, wrapped FROM person_key")
            let stored = Dictionary(uniqueKeysWithValues: rows.map { ($0["subject"] as String, $0["wrapped"] as Data) })
            #expect(stored.count == keys.count)
            for (subject, wrapped) in keys { #expect(stored[subject] == wrapped) }
            // Stored in subject order, without a rowid and without a separate index.
            #expect(rows.map { $0["subject"] as String } == keys.map(\.0).sorted())
            #expect(throws: (any Error).self) { try Row.fetchAll(db, sql: "SELECT rowid FROM person_key") }
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM pragma_index_list('person_key') WHERE origin = 'u'") == 0)
            let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'person_key'") ?? ""
            #expect(sql.contains("WITHOUT ROWID") && sql.contains("STRICT"))
        }
        // Still one key per subject.
        try queue.write { db in
            #expect(throws: (any Error).self) {
                try db.execute(sql: "INSERT INTO person_key (subject, wrapped) VALUES ('c:K1', x'00')")
            }
        }
    }
}
