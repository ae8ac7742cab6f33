import Foundation
import GRDB
import Testing

@testable import ObhutStore

/// Migration v4 (integer keys for order lines, consent state beside the ledger), on a database
/// written by the schema before it.
struct IntegerReferencesTests {
    /// A database as schema v3 left it: ids out of order, an anonymised line, a consent history.
    func oldSchemaDatabase() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try Migrations.migrator.migrate(queue, upTo: "v3-customer-alias")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO customer (id, country) VALUES ('K2', 'DE'), ('K1', 'AT');
                    INSERT INTO product (id, name) VALUES ('P2', 'Zange'), ('P1', 'Schere');
                    INSERT INTO order_line (order_id, line, customer_id, product_id, quantity, unit_price_minor, currency, ordered_at, channel)
                    VALUES ('O1', 1, 'K1', 'P1', 1, 999, 'EUR', 100, 'web'), ('O1', 2, 'K1', 'P2', 2, 500, 'EUR', 100, NULL),
                        ('O2', 1, 'K2', 'P2', 1, 500, 'EUR', 200, NULL), ('O3', 1, NULL, 'P1', 1, 999, 'EUR', 300, NULL);
                    INSERT INTO consent_event (customer_id, purpose, granted, at, source, text_version, recorded_at) VALUES
                        ('K1', 'marketing', 1, 10, 's', 'v1', 10), ('K1', 'marketing', 0, 20, 's', 'v1', 20),
                        ('K2', 'marketing', 1, 10, 's', 'v1', 10),
                        ('K2', 'analytics', 0, 5, 's', 'v1', 5), ('K2', 'analytics', 1, 5, 's', 'v1', 6);
                    """)
        }
        return queue
    }

    func state(_ db: Database) throws -> [String] {
        try Row.fetchAll(
            db,
            sql: "SELECT c.id, s.purpose, s.granted FROM consent_state s JOIN customer c ON c.ref = s.customer_ref ORDER BY c.id, s.purpose"
        ).map { "\($0["id"] as String)/\($0["purpose"] as String)=\($0["granted"] as Int)" }
    }

    @Test func migrationGivesOrderLinesIntegerKeysNumberedInIdOrder() throws {
        let queue = try oldSchemaDatabase()
        try Migrations.migrator.migrate(queue)
        try queue.read { db in
            let customers = try Row.fetchAll(db, sql: "SELECT id, ref, country FROM customer ORDER BY ref")
            let numbered = customers.map { (row: Row) -> String in "\(row[0] as String)#\(row[1] as Int64)/\(row[2] as String)" }
            #expect(numbered == ["K1#1/AT", "K2#2/DE"])
            #expect(try String.fetchAll(db, sql: "SELECT id FROM product ORDER BY ref") == ["P1", "P2"])
            let lines = try Row.fetchAll(
                db,
                sql: """
                    SELECT o.order_id, o.line, coalesce(c.id, '-'), p.id, o.unit_price_minor, coalesce(o.channel, '-') FROM order_line o
                    LEFT JOIN customer c ON c.ref = o.customer_ref JOIN product p ON p.ref = o.product_ref ORDER BY o.order_id, o.line
                    """
            ).map { (row: Row) -> String in
                "\(row[0] as String)/\(row[1] as Int)=\(row[2] as String)/\(row[3] as String)/\(row[4] as Int)/\(row[5] as String)"
            }
            #expect(lines == ["O1/1=K1/P1/999/web", "O1/2=K1/P2/500/-", "O2/1=K2/P2/500/-", "O3/1=-/P1/999/-"])
            // The anonymised line stays without a person.
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM order_line WHERE customer_ref IS NULL") == 1)
            #expect(
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'order_line'") == [
                    "order_line_customer"
                ])
        }
    }

    @Test func migrationDerivesTheConsentStateFromTheLedger() throws {
        let queue = try oldSchemaDatabase()
        try Migrations.migrator.migrate(queue)
        // K1 withdrew later; K2's two analytics events share a time, and the later ledger entry wins.
        let derived = try queue.read { db in try state(db) }
        #expect(derived == ["K1/marketing=0", "K2/analytics=1", "K2/marketing=1"])
    }

    @Test func consentStateFollowsAppendedAndDeletedEvents() throws {
        let queue = try oldSchemaDatabase()
        try Migrations.migrator.migrate(queue)
        try queue.write { db in
            func add(_ granted: Int, at: Int) throws {
                try db.execute(
                    sql: """
                        INSERT INTO consent_event (customer_id, purpose, granted, at, source, text_version, recorded_at)
                        VALUES ('K1', 'marketing', ?, ?, 's', 'v2', ?)
                        """, arguments: [granted, at, at])
            }
            try add(1, at: 30)
            #expect(try state(db).first == "K1/marketing=1")
            try add(0, at: 15)  // older than the state: no change
            #expect(try state(db).first == "K1/marketing=1")
            try db.execute(sql: "DELETE FROM consent_event WHERE customer_id = 'K1' AND at = 30")
            #expect(try state(db).first == "K1/marketing=0", "the latest remaining event (at 20) decides")
            try db.execute(sql: "DELETE FROM consent_event WHERE customer_id = 'K1'")
            #expect(try state(db) == ["K2/analytics=1", "K2/marketing=1"])
        }
    }

    @Test func integerKeysAreNeverReused() throws {
        let queue = try oldSchemaDatabase()
        try Migrations.migrator.migrate(queue)
        try queue.write { db in
            try db.execute(sql: "DELETE FROM customer WHERE id = 'K2'")
            try db.execute(sql: "INSERT INTO customer (id) VALUES ('K3')")
            #expect(try Int64.fetchOne(db, sql: "SELECT ref FROM customer WHERE id = 'K3'") == 3)
        }
    }
}
