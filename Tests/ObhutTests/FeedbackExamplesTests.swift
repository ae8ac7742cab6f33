import Foundation
import GRDB
import ObhutAnalytics
import ObhutCore
import Testing

@testable import Obhut

/// Stored feedback runs quote clauses of people's texts; when feedback is deleted, by an erasure
/// or by retention, no quote may stay behind (invariant 3), while the run's aggregates stay.
struct FeedbackExamplesTests {
    /// A demo shop with a completed `feedback` run that quotes examples, and one quoted clause.
    static func shopWithQuotes() throws -> (Workspace, FeedbackInsights, String) {
        let ws = try makeWorkspace()
        _ = try DemoRunner(workspace: ws).run(seed: 5, customers: 600, asOf: DemoRunnerTests.asOf)
        let before = try #require(try FeedbackReport.latest(in: ws).insights)
        let quoted = try #require(before.aspects.flatMap { $0.negativeExamples + $0.positiveExamples }.first { $0.count >= 20 })
        return (ws, before, quoted)
    }

    static func expectNoQuotesLeft(_ ws: Workspace, before: FeedbackInsights, quoted: String) throws {
        let after = try #require(try FeedbackReport.latest(in: ws).insights)
        #expect(after.aspects.allSatisfy { $0.negativeExamples.isEmpty && $0.positiveExamples.isEmpty })
        #expect(after.examplesWithdrawn == true)
        let report = try FeedbackReport.latest(in: ws)
        #expect(report.render(in: .de).contains("Beispiele entfernt") && report.render(in: .en).contains("Examples withdrawn"))
        #expect(after.total == before.total && after.byLabel == before.byLabel && after.aspects.map(\.mentions) == before.aspects.map(\.mentions))
        let summaries = try ws.store.writer.read { db in
            try String.fetchAll(db, sql: "SELECT summary FROM activity_run WHERE activity = 'feedback' AND summary IS NOT NULL")
        }
        #expect(!summaries.isEmpty && summaries.allSatisfy { !$0.contains(quoted) })
        // Not in the file either: secure_delete zeroes the old page, the log is emptied.
        try ws.store.checkpointAndTruncateWAL()
        #expect(try Data(contentsOf: ws.databaseURL).range(of: Data(quoted.utf8)) == nil, "the quote is still in the database file")
    }

    @Test func erasingAPersonWithFeedbackWithdrawsEveryStoredQuote() throws {
        let (ws, before, quoted) = try Self.shopWithQuotes()
        let person = try #require(
            try ws.store.writer.read { db in
                try String.fetchOne(db, sql: "SELECT customer_id FROM feedback WHERE customer_id IS NOT NULL ORDER BY id LIMIT 1")
            })
        let report = try SubjectRights(workspace: ws).erase(person)
        #expect(report.feedbackDeleted > 0)
        try Self.expectNoQuotesLeft(ws, before: before, quoted: quoted)
    }

    @Test func retentionThatDeletesFeedbackWithdrawsEveryStoredQuote() throws {
        let (ws, before, quoted) = try Self.shopWithQuotes()
        let report = try Retention(workspace: ws).run(dryRun: false)
        #expect(report.feedbackDeleted > 0, "the demo has feedback past its retention period")
        try Self.expectNoQuotesLeft(ws, before: before, quoted: quoted)
    }

    /// Erasing someone without feedback leaves the quotes alone.
    @Test func erasingAPersonWithoutFeedbackKeepsTheQuotes() throws {
        let (ws, before, _) = try Self.shopWithQuotes()
        let person = try #require(
            try ws.store.writer.read { db in
                try String.fetchOne(
                    db, sql: "SELECT id FROM customer WHERE id NOT IN (SELECT customer_id FROM feedback WHERE customer_id IS NOT NULL) LIMIT 1")
            })
        _ = try SubjectRights(workspace: ws).erase(person)
        let after = try #require(try FeedbackReport.latest(in: ws).insights)
        #expect(after.aspects.map(\.negativeExamples) == before.aspects.map(\.negativeExamples))
        #expect(after.examplesWithdrawn == nil)
    }
}
