import Foundation
import GRDB
import ObhutCore
import ObhutDemo
import Testing

@testable import Obhut

struct DemoRunnerTests {
    static let asOf = Date(timeIntervalSince1970: 1_793_491_200)  // 2026-11-01

    @Test func qualityReportFindsThePlantedDefects() throws {
        let ws = try makeWorkspace()
        _ = try DemoRunner(workspace: ws).run(seed: 42, customers: 2_000, asOf: Self.asOf)
        let defects = DemoShop(config: DemoConfig(seed: 42, customers: 2_000, now: Self.asOf)).injectedDefects
        #expect(defects.total > 0)
        let report = try QualityReport.compute(for: ws)
        let customers = try #require(report.entities.first { $0.entity == .customers })
        #expect(customers.exactDuplicates == defects.duplicateSameEmail, "expected \(defects.duplicateSameEmail), got \(customers.exactDuplicates)")
        #expect(customers.likelyDuplicates >= defects.duplicateOtherEmail)
        let field = { (name: String) in customers.fields.first { $0.field == name } }
        let phones = try #require(field("phone"))
        let invalidPhones = Int((Double(customers.rows) * phones.completeness * (1 - phones.validity)).rounded())
        #expect(invalidPhones == defects.invalidPhone, "expected \(defects.invalidPhone), got \(invalidPhones)")
        let postal = try #require(field("postal_code"))
        let invalidPostal = Int((Double(customers.rows) * postal.completeness * (1 - postal.validity)).rounded())
        #expect(invalidPostal == defects.invalidPostalCode, "expected \(defects.invalidPostalCode), got \(invalidPostal)")
        #expect(customers.stale >= defects.staleCustomers)
        let orders = try #require(report.entities.first { $0.entity == .orders })
        #expect(orders.outliers >= defects.outlierOrderLines)
        #expect(orders.outliers <= defects.outlierOrderLines + orders.rows / 200, "the fence flags ordinary lines: \(orders.outliers)")
        #expect(report.score >= 90 && report.score < 100)
    }

    /// The summary names each analysis with the people it processed: the feedback analysis its
    /// authors, the others every customer their purpose admits.
    @Test func summaryCountsThePeopleEachAnalysisProcessed() throws {
        let ws = try makeWorkspace()
        let report = try DemoRunner(workspace: ws).run(seed: 5, customers: 400, asOf: Self.asOf)
        let authors = try ws.store.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT count(DISTINCT f.customer_id) FROM feedback f JOIN customer c ON c.id = f.customer_id") ?? 0
        }
        let feedback = try #require(report.runs.first { $0.activity == "feedback" })
        #expect(authors > 0 && feedback.people == authors)
        let segments = try #require(report.runs.first { $0.activity == "segments" })
        #expect((segments.people ?? 0) > authors)
        #expect(report.render(in: .en).contains("feedback (\(authors) people)"))
        #expect(report.render(in: .de).contains("feedback (\(authors) Personen)"))
    }

    @Test func sameSeedAndDateGiveTheSameShop() throws {
        func fingerprint(_ ws: Workspace) throws -> [String] {
            try ws.store.writer.read { db in
                [
                    try String.fetchOne(
                        db,
                        sql:
                            "SELECT group_concat(x, '|') FROM (SELECT o.order_id || o.line || coalesce(c.id, '') || p.id || o.quantity || o.unit_price_minor || o.ordered_at AS x FROM order_line o LEFT JOIN customer c ON c.ref = o.customer_ref JOIN product p ON p.ref = o.product_ref ORDER BY o.order_id, o.line)"
                    ) ?? "",
                    try String.fetchOne(
                        db, sql: "SELECT group_concat(customer_id || purpose || granted || at, '|') FROM (SELECT * FROM consent_event ORDER BY seq)")
                        ?? "",
                    try String.fetchOne(db, sql: "SELECT count(*) || '/' || sum(present_mask) FROM customer") ?? "",
                ]
            }
        }
        let a = try makeWorkspace(), b = try makeWorkspace(), c = try makeWorkspace()
        _ = try DemoRunner(workspace: a).run(seed: 7, customers: 300, asOf: Self.asOf)
        _ = try DemoRunner(workspace: b).run(seed: 7, customers: 300, asOf: Self.asOf)
        _ = try DemoRunner(workspace: c).run(seed: 8, customers: 300, asOf: Self.asOf)
        #expect(try fingerprint(a) == fingerprint(b))
        #expect(try fingerprint(a) != fingerprint(c))
    }

    @Test func demoApprovesActivitiesAndNamesTheInventedController() throws {
        let ws = try makeWorkspace()
        _ = try DemoRunner(workspace: ws).run(seed: 1, customers: 200, asOf: Self.asOf)
        let register = try ws.register()
        #expect(register.activities.allSatisfy { $0.approval?.by == "Demo-DSB" })
        #expect(register.controller.name.contains("erfunden"))
        #expect(try ws.store.verifyAudit().isIntact)
    }
}
