import Foundation
import GRDB
import ObhutAnalytics
import ObhutCore

/// The quoted examples of stored `feedback` runs are clauses of people's own texts (redacted,
/// but still their words). When feedback rows are deleted (erasure, retention), no quote of them
/// may stay behind in a run's summary (invariant 3). Which run quoted whom is not recorded, so
/// every stored run's examples are withdrawn; the aggregates stay, and the next `feedback` run
/// quotes the texts that are left.
enum FeedbackExamples {
    /// Empties the examples of every stored feedback run; returns how many runs changed. A
    /// summary that cannot be read as ``FeedbackInsights`` is removed as a whole, since what it
    /// quotes cannot be told.
    @discardableResult
    static func withdraw(in db: Database) throws -> Int {
        var changed = 0
        let runs = try Row.fetchAll(db, sql: "SELECT id, summary FROM activity_run WHERE activity = 'feedback' AND summary IS NOT NULL")
        for run in runs {
            let id: Int64 = run["id"]
            let text: String = run["summary"]
            guard var insights = try? JSONDecoder().decode(FeedbackInsights.self, from: Data(text.utf8)) else {
                try db.execute(sql: "UPDATE activity_run SET summary = NULL WHERE id = ?", arguments: [id])
                changed += 1
                continue
            }
            guard insights.aspects.contains(where: { !$0.negativeExamples.isEmpty || !$0.positiveExamples.isEmpty }) else { continue }
            insights.examplesWithdrawn = true
            for i in insights.aspects.indices {
                insights.aspects[i].negativeExamples = []
                insights.aspects[i].positiveExamples = []
            }
            try db.execute(sql: "UPDATE activity_run SET summary = ? WHERE id = ?", arguments: [try JSON.encode(insights), id])
            changed += 1
        }
        return changed
    }
}
