import Foundation
import GRDB
import ObhutCore
import Testing

@testable import Obhut

struct PurchasePatternsAnalysisTests {
    /// On the demo shop (seasonal categories, coffee rebuyers, bundles) the patterns run stores
    /// aggregates only and finds what the generator planted; rebuy reminders go only to people
    /// who consented to personalisation, each with its reason.
    @Test func demoShopPatternsAndRebuyReminders() throws {
        let ws = try makeWorkspace()
        _ = try DemoRunner(workspace: ws).run(seed: 21, customers: 1_500, asOf: DemoRunnerTests.asOf)
        let report = try PatternsReport.latest(in: ws)
        let summary = try #require(report.summary)
        #expect(summary.lineCount > 1_000)
        #expect(!summary.highlights.isEmpty)
        #expect(try #require(summary.timingByCategory).groups.contains { $0.season.verdict == .realPattern }, "garden and gifts are seasonal")
        #expect(summary.repeatIntervals.products.contains { $0.isStated }, "coffee is rebought")
        #expect(try #require(summary.baskets).rules.count > 0, "bundles are bought together")
        let text = report.render(in: .de)
        #expect(text.contains("Kaufmuster aus Lauf") && text.contains("Wiederkauf"))
        let stored = try ws.store.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM derived_result WHERE activity = 'purchase-patterns'")
        }
        #expect(stored == 0, "aggregates only: no result about a person")

        let due = try RebuyReport.entries(in: ws, customer: nil, limit: 100_000)
        #expect(!due.isEmpty)
        let consenting = try ws.store.writer.read { db in
            Set(
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT customer_id FROM (SELECT customer_id, granted, max(at * 1073741824 + seq) FROM consent_event
                        WHERE purpose = 'personalization' GROUP BY customer_id) WHERE granted = 1
                        """))
        }
        #expect(due.allSatisfy { consenting.contains($0.customerId) })
        let one = try #require(due.first)
        #expect(one.explanation.summary.de.contains("Tage") && one.explanation.summary.en.contains("days"))
        #expect(["due_soon", "overdue"].contains(one.due.status))
        let theirs = try RebuyReport.entries(in: ws, customer: one.customerId, limit: 1)
        #expect(theirs.allSatisfy { $0.customerId == one.customerId } && !theirs.isEmpty)
        #expect(try SubjectRights(workspace: ws).export(one.customerId).derivedResults.contains { $0.kind == "rebuy-due" })
    }
}
