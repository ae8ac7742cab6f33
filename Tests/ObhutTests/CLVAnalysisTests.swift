import Foundation
import GRDB
import ObhutCore
import Testing

@testable import Obhut

struct CLVAnalysisTests {
    /// On the demo shop every consenting customer with orders gets P(alive), expected purchases,
    /// spend and a 12-month value with the reason; the summary holds the fitted parameters;
    /// reading one person's value is audited and it is in their export.
    @Test func demoCustomersGetLifetimeValuesWithReasons() throws {
        let ws = try makeWorkspace()
        _ = try DemoRunner(workspace: ws).run(seed: 31, customers: 800, asOf: DemoRunnerTests.asOf)
        let report = try CLVReport.latest(in: ws, atRiskShown: 5)
        let s = try #require(report.summary)
        for parameter in [s.r, s.alpha, s.a, s.b, s.p, s.q, s.v] { #expect(parameter.isFinite && parameter > 0) }
        #expect(s.q > 1, "finite mean spend")
        let stored = try ws.store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM derived_result WHERE activity = 'clv'") }
        #expect(stored == s.customers)
        #expect(report.atRisk.allSatisfy { $0.result.churnRisk && $0.result.probabilityAlive < s.churnThreshold })
        #expect(zip(report.atRisk, report.atRisk.dropFirst()).allSatisfy { $0.result.value >= $1.result.value })
        #expect(report.render(in: .de).contains("BG/NBD: r = "))

        let someone = try #require(report.atRisk.first?.customerId)
        let before = try ws.store.verifyAudit().entriesChecked
        let one = try #require(try CLVReport.customer(someone, in: ws))
        #expect(one.result.value > 0 && (0...1).contains(one.result.probabilityAlive))
        #expect(one.explanation.summary.de.contains("Kundenwert 12 Monate") && one.explanation.summary.en.contains("still active"))
        let entries = try ws.store.auditEntries(from: Int64(before + 1))
        #expect(entries.contains { $0.action == "clv.read" && $0.subject == ws.store.keys.subjectToken(customerId: someone) })
        #expect(try SubjectRights(workspace: ws).export(someone).derivedResults.contains { $0.kind == "clv" && $0.modelVersion == "bgnbd-gg-1" })
    }
}
