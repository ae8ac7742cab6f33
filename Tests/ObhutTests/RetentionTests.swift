import Foundation
import GRDB
import ObhutCore
import Testing

@testable import Obhut

struct RetentionTests {
    /// Removes exactly what is due (clock: 2026-11-01; customers 1,095 days after their last
    /// order, feedback after 730 days, open leads after 365 days without activity).
    @Test func removesExactlyWhatIsDue() throws {
        let ws = try makeWorkspace()
        _ = try Importer(workspace: ws).run(
            ImportRequest(
                entity: .customers,
                file: writeFixture(
                    "c.csv",
                    """
                    customer_id,last_name,email,created_at
                    OLD,Alt,alt@example.de,2020-01-01
                    ACTIVE,Aktiv,aktiv@example.de,2020-01-01
                    NOORDER,Neu,neu@example.de,2026-01-01
                    NOORDEROLD,Uralt,uralt@example.de,2021-01-01

                    """)))
        _ = try Importer(workspace: ws).run(ImportRequest(entity: .products, file: writeFixture("p.csv", "product_id,name\nP1,Schere\n")))
        _ = try Importer(workspace: ws).run(
            ImportRequest(
                entity: .orders,
                file: writeFixture(
                    "o.csv",
                    """
                    order_id,customer_id,product_id,quantity,unit_price,ordered_at
                    O1,OLD,P1,1,9.99,2023-10-01
                    O2,ACTIVE,P1,1,9.99,2020-02-01
                    O3,ACTIVE,P1,1,9.99,2026-10-01

                    """)))
        _ = try Importer(workspace: ws).run(
            ImportRequest(
                entity: .feedback,
                file: writeFixture(
                    "f.csv",
                    """
                    feedback_id,customer_id,text,created_at
                    F-OLD,ACTIVE,alt,2024-10-01
                    F-NEW,ACTIVE,neu,2025-12-01

                    """)))
        _ = try Importer(workspace: ws).run(
            ImportRequest(
                entity: .leads,
                file: writeFixture(
                    "l.csv",
                    """
                    lead_id,company,created_at,last_activity_at,outcome
                    L-STALE,Alt GmbH,2024-01-01,2025-10-01,open
                    L-LIVE,Neu GmbH,2024-01-01,2026-06-01,open
                    L-WON,Kunde AG,2020-01-01,2020-06-01,won

                    """)))
        let dry = try Retention(workspace: ws).run(dryRun: true)
        #expect(dry.customersErased == 2)
        #expect(try ws.store.counts()[.customers] == 4, "a dry run deletes nothing")

        let report = try Retention(workspace: ws).run(dryRun: false)
        #expect(report.customersErased == 2)
        #expect(report.feedbackDeleted == 1)
        #expect(report.leadsDeleted == 1)
        let (customers, feedback, leads, orders) = try ws.store.writer.read { db in
            (
                try String.fetchAll(db, sql: "SELECT id FROM customer ORDER BY id"), try String.fetchAll(db, sql: "SELECT id FROM feedback"),
                try String.fetchAll(db, sql: "SELECT id FROM lead ORDER BY id"),
                try Row.fetchAll(
                    db,
                    sql: "SELECT o.order_id, c.id AS customer_id FROM order_line o LEFT JOIN customer c ON c.ref = o.customer_ref ORDER BY o.order_id"
                ).map {
                    "\($0["order_id"] as String)=\(($0["customer_id"] as String?) ?? "-")"
                }
            )
        }
        #expect(customers == ["ACTIVE", "NOORDER"])
        #expect(feedback == ["F-NEW"])
        #expect(leads == ["L-LIVE", "L-WON"])
        #expect(orders == ["O1=-", "O2=ACTIVE", "O3=ACTIVE"], "the old customer's order is kept, anonymised")
        #expect(try ws.store.verifyAudit().isIntact)
        let again = try Retention(workspace: ws).run(dryRun: false)
        #expect(again.customersErased == 0 && again.feedbackDeleted == 0 && again.leadsDeleted == 0)
    }
}
