import Foundation
import GRDB
import ObhutCore
import Testing

@testable import Obhut

struct SegmentsAnalysisTests {
    /// Ten consenting customers with hand-made histories: the one who bought most, most often and
    /// last is a Champion (R5 F5 M5); the one who bought once, little, long ago scores R1 F1 M1.
    @Test func knownHistoriesGetTheirSegmentsWithExplanations() throws {
        let ws = try makeWorkspace()
        var customers = "customer_id,last_name\n", consents = "customer_id,purpose,granted,at\n"
        var orders = "order_id,line,customer_id,product_id,quantity,unit_price,ordered_at\n"
        for i in 0..<10 {
            customers += "K\(i),Kunde\(i)\n"
            consents += "K\(i),personalization,yes,2025-01-01\n"
            // Customer i: i+1 orders, each i+1 units at 10 EUR, the last one (9 - i) * 20 days before 2026-11-01.
            for o in 0...i {
                let day = Calendar(identifier: .gregorian).date(byAdding: .day, value: -((9 - i) * 20 + o * 3), to: fixedNow)!
                orders += "O\(i)-\(o),1,K\(i),P1,\(i + 1),10.00,\(DateText.day(day))\n"
            }
        }
        _ = try Importer(workspace: ws).run(ImportRequest(entity: .customers, file: writeFixture("c.csv", customers)))
        _ = try Importer(workspace: ws).run(ImportRequest(entity: .products, file: writeFixture("p.csv", "product_id,name\nP1,Kanne\n")))
        _ = try Importer(workspace: ws).run(ImportRequest(entity: .orders, file: writeFixture("o.csv", orders)))
        _ = try Importer(workspace: ws).run(ImportRequest(entity: .consents, file: writeFixture("k.csv", consents)))
        try ws.approve(activity: "segments", by: "DSB Test", actor: .cli)
        let run = try PrivacyKernel(workspace: ws).run("segments")
        #expect(run.results == 10)
        #expect(run.modelVersion == "rfm-kmeans-2")
        let best = try #require(try SubjectRights(workspace: ws).export("K9").derivedResults.first)
        #expect(best.value.contains("\"segment\":\"champions\""), "got \(best.value)")
        #expect(best.value.contains("\"r\":5,\"f\":5,\"m\":5"))
        #expect(best.value.contains("\"orders\":10") && best.value.contains("\"spentMinor\":10000"))
        #expect(best.explanation.summary.de.hasPrefix("Champions"))
        #expect(best.explanation.factors.count == 3)
        let worst = try #require(try SubjectRights(workspace: ws).export("K0").derivedResults.first)
        #expect(worst.value.contains("\"r\":1,\"f\":1,\"m\":1"), "got \(worst.value)")
        // Ten buyers are too few for behavioural segments: RFM only, and the report says why.
        #expect(!best.value.contains("cluster"))
        let report = try SegmentsReport.latest(in: ws)
        #expect(report.clusters == nil)
        #expect(report.render(in: .en).contains("Too few customers with orders for behavioural segments (10"))
    }

    /// On the demo shop every buyer gets a behavioural segment too; the segments are named and
    /// described, their sizes add up, and a customer's explanation names their segment.
    @Test func demoCustomersGetDescribedBehaviouralSegments() throws {
        let ws = try makeWorkspace()
        _ = try DemoRunner(workspace: ws).run(seed: 5, customers: 600, asOf: DemoRunnerTests.asOf)
        let report = try SegmentsReport.latest(in: ws)
        #expect(report.modelVersion == "rfm-kmeans-2")
        let clusters = try #require(report.clusters)
        #expect((3...8).contains(clusters.count))
        #expect(clusters.reduce(0) { $0 + $1.customers } == report.segments.reduce(0) { $0 + $1.customers })
        #expect(Set(clusters.map(\.name.en)).count == clusters.count, "names are unique: \(clusters.map(\.name.en))")
        for c in clusters {
            #expect(!c.description.de.isEmpty && !c.description.en.isEmpty && c.description.de != c.description.en)
        }
        #expect(try #require(report.silhouette) > 0)
        #expect(try #require(report.stability) > 0)
        let rendered = report.render(in: .de)
        #expect(rendered.contains("Verhaltenssegmente") && rendered.contains(clusters[0].name.de))
        let someone = try #require(
            try ws.store.writer.read { db in
                try String.fetchOne(db, sql: "SELECT customer_id FROM derived_result WHERE activity = 'segments' LIMIT 1")
            })
        let result = try #require(try SegmentsReport.customer(someone, in: ws))
        #expect(result.value.contains("\"cluster\":"))
        #expect(result.explanation.summary.en.contains("Segment “"))
        #expect(result.explanation.factors.count > 3)
    }
}

struct SegmentsReportTests {
    @Test func latestRunSizesAddUpAndACustomerReadIsAudited() throws {
        let ws = try makeWorkspace()
        #expect(try SegmentsReport.latest(in: ws).runId == nil)
        _ = try DemoRunner(workspace: ws).run(seed: 3, customers: 400, asOf: DemoRunnerTests.asOf)
        let report = try SegmentsReport.latest(in: ws)
        let results = try ws.store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM derived_result WHERE activity = 'segments'") }
        #expect(report.segments.reduce(0) { $0 + $1.customers } == results)
        #expect(report.render(in: .de).contains("Champions"))
        let someone = try #require(try ws.store.writer.read { db in try String.fetchOne(db, sql: "SELECT customer_id FROM derived_result LIMIT 1") })
        let before = try ws.store.verifyAudit().entriesChecked
        #expect(try SegmentsReport.customer(someone, in: ws)?.kind == "segment")
        let entries = try ws.store.auditEntries(from: Int64(before + 1))
        #expect(entries.contains { $0.action == "segments.read" && $0.subject == ws.store.keys.subjectToken(customerId: someone) })
    }
}
