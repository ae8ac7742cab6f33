import Foundation
import GRDB
import ObhutCore
import Testing

@testable import Obhut

struct RecommendationsAnalysisTests {
    /// On the demo shop only consenting customers get a list; every item has a reason; nothing
    /// not for sale; nothing already bought unless it is due again; at most three per category;
    /// the list is one stored row, read back (audited) by `recommend` and `why`.
    @Test func consentingCustomersGetListsWithReasonsUnderTheShopsRules() throws {
        let ws = try makeWorkspace()
        _ = try DemoRunner(workspace: ws).run(seed: 41, customers: 700, asOf: DemoRunnerTests.asOf)
        let summary = try #require(try RecommendationsReport.latestSummary(in: ws))
        #expect(summary.candidates.count >= 3)
        #expect(summary.candidates.first?.model == summary.chosen)
        let owners = try ws.store.writer.read { db in
            try String.fetchAll(db, sql: "SELECT customer_id FROM derived_result WHERE activity = 'recommendations'")
        }
        #expect(!owners.isEmpty)
        let consenting = try ws.store.writer.read { db in
            Set(
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT customer_id FROM (SELECT customer_id, granted, max(at * 1073741824 + seq) FROM consent_event
                        WHERE purpose = 'personalization' GROUP BY customer_id) WHERE granted = 1
                        """))
        }
        #expect(Set(owners).isSubset(of: consenting))
        let (forSale, category) = try ws.store.writer.read { db -> ([String: Bool], [String: String]) in
            var sale: [String: Bool] = [:], cat: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, for_sale, category FROM product") {
                sale[row["id"]] = (row["for_sale"] as Int) != 0
                cat[row["id"]] = row["category"]
            }
            return (sale, cat)
        }
        for customer in owners.prefix(50) {
            let list = try #require(try RecommendationsReport.list(customer, in: ws))
            #expect(!list.products.isEmpty && list.products.count <= 10)
            #expect(list.products.allSatisfy { forSale[$0.product] == true }, "nothing not for sale")
            var perCategory: [String: Int] = [:]
            for p in list.products { perCategory[category[p.product] ?? "", default: 0] += 1 }
            #expect(perCategory.values.allSatisfy { $0 <= 3 }, "diversity: \(perCategory)")
            #expect(list.products.allSatisfy { !$0.reason.de.isEmpty && !$0.reason.en.isEmpty })
        }
        let someone = try #require(owners.first)
        let list = try #require(try RecommendationsReport.list(someone, in: ws))
        #expect(
            list.products.contains { $0.reason.de.hasPrefix("Weil Sie") || $0.reason.de.hasPrefix("Sie kaufen") || $0.reason.de.hasPrefix("Beliebt") }
        )
        let entries = try ws.store.auditEntries(from: 1, limit: 100_000)
        #expect(entries.contains { $0.action == "recommendations.read" && $0.subject == ws.store.keys.subjectToken(customerId: someone) })
        #expect(try SubjectRights(workspace: ws).export(someone).derivedResults.contains { $0.kind == "recommendation" })

        // An objection to a category (Art. 21) takes the list away at once and the category out of the next one.
        let firstProduct = try #require(list.products.first).product
        let objected = try #require(category[firstProduct])
        let rights = SubjectRights(workspace: ws)
        try rights.objectToCategory(someone, category: objected)
        #expect(try RecommendationsReport.list(someone, in: ws) == nil)
        try PrivacyKernel(workspace: ws).run("recommendations", seed: 3)
        let after = try #require(try RecommendationsReport.list(someone, in: ws))
        #expect(!after.products.isEmpty)
        #expect(after.products.allSatisfy { category[$0.product] != objected }, "nothing from \(objected)")
        #expect(try rights.export(someone).restrictions.contains { $0.kind == "object" && $0.purpose == "category:" + objected })
        #expect(throws: SubjectError.categoryMissing) { try rights.objectToCategory(someone, category: " ") }
    }
}
