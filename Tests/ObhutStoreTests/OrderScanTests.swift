import Foundation
import GRDB
import ObhutCore
import Testing

@testable import ObhutStore

struct OrderScanTests {
    @Test func byteKeyTableFindsExactlyItsKeys() {
        let keys = (0..<5_000).map { "C\($0)" } + ["", "Ä-Kunde", "C1 "]
        let table = ByteKeyTable(keys)
        for (i, k) in keys.enumerated() {
            let found = Array(k.utf8).withUnsafeBufferPointer { table.index(of: $0.baseAddress ?? UnsafePointer(bitPattern: 1), count: $0.count) }
            #expect(found == Int32(i), "key \(k)")
        }
        for missing in ["C5000", "C01", "c1", "C1  ", "Ä"] {
            let found = Array(missing.utf8).withUnsafeBufferPointer { table.index(of: $0.baseAddress, count: $0.count) }
            #expect(found == -1, "key \(missing)")
        }
    }

    @Test func scanMatchesSQLPerPersonAndSkipsOthers() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("obhut-scan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: dir.appendingPathComponent("s.sqlite").path, masterKey: .generate())
        try store.writer.write { db in
            for i in 0..<3_000 {
                try db.execute(
                    sql: """
                        INSERT INTO order_line (order_id, line, customer_id, product_id, quantity, unit_price_minor, currency, ordered_at)
                        VALUES (?, ?, ?, ?, ?, ?, 'EUR', ?)
                        """, arguments: ["O\(i / 3)", i % 3 + 1, "K\(i % 97)", "P\(i % 7)", Double(i % 5 + 1), 100 + i, 1_700_000_000 + i])
            }
        }
        let people = (0..<97).filter { $0 % 2 == 0 }.map { "K\($0)" }  // half the people
        var want = OrderScanColumns()
        want.order = true; want.product = true; want.quantity = true; want.orderedAt = true
        let scan = try store.scanOrderLines(people: people, products: (0..<7).map { "P\($0)" }, excludedProducts: [6], columns: want)
        let expected = try store.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM order_line WHERE CAST(substr(customer_id, 2) AS INTEGER) % 2 = 0 AND product_id <> 'P6'")
        }
        #expect(scan.person.count == expected)
        #expect(scan.person.allSatisfy { Int($0) < people.count })
        #expect(!scan.product.contains(6))
        #expect(scan.order == scan.order.sorted(), "dense order numbers grow along the key order")
        for (i, p) in scan.person.enumerated().prefix(50) {
            let n = try store.writer.read { db in
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM order_line WHERE customer_id = ? AND ordered_at = ?",
                    arguments: [people[Int(p)], scan.orderedAt[i]])
            }
            #expect(n == 1)
        }
    }
}
