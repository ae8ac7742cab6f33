import Foundation
import GRDB
import ObhutCore
import ObhutStore

/// What retention will do (or did): counts per rule, and the review list.
public struct RetentionReport: Sendable, Codable {
    public var dryRun: Bool
    public var asOf: Date
    /// Customers whose last order (or creation) is older than the rule: erased, orders anonymised.
    public var customersErased: Int
    public var feedbackDeleted: Int
    public var leadsDeleted: Int
    /// Order lines past the legal retention (10 years by default), deleted.
    public var orderLinesDeleted: Int
    /// Derived results older than their activity's declared retention, deleted.
    public var derivedResultsDeleted: [String: Int]
    /// Review list: granted consents older than the renewal period.
    public var consentsToRenew: Int
    /// Review list: customers not updated for a year and due for erasure within 90 days.
    public var customersDueSoon: Int

    public func render(in l: Language) -> String {
        let head =
            dryRun
            ? Localized(de: "Aufbewahrung (Probelauf, nichts gelöscht)", en: "Retention (dry run, nothing deleted)")
            : Localized(de: "Aufbewahrung ausgeführt", en: "Retention carried out")
        var lines = [head[l] + " — " + DateText.day(asOf)]
        lines.append(
            Localized(
                de: "  Kunden gelöscht (Bestellungen anonymisiert): \(customersErased)",
                en: "  Customers erased (orders anonymised): \(customersErased)")[l])
        lines.append(Localized(de: "  Feedback gelöscht: \(feedbackDeleted)", en: "  Feedback deleted: \(feedbackDeleted)")[l])
        lines.append(Localized(de: "  Leads gelöscht: \(leadsDeleted)", en: "  Leads deleted: \(leadsDeleted)")[l])
        lines.append(
            Localized(
                de: "  Bestellpositionen nach Ablauf der gesetzlichen Frist gelöscht: \(orderLinesDeleted)",
                en: "  Order lines past the legal period deleted: \(orderLinesDeleted)")[l])
        for (activity, n) in derivedResultsDeleted.sorted(by: { $0.key < $1.key }) where n > 0 {
            lines.append(Localized(de: "  Ergebnisse von \(activity) gelöscht: \(n)", en: "  Results of \(activity) deleted: \(n)")[l])
        }
        lines.append(Localized(de: "Zur Prüfung:", en: "To review:")[l])
        lines.append(Localized(de: "  Einwilligungen zur Erneuerung: \(consentsToRenew)", en: "  Consents to renew: \(consentsToRenew)")[l])
        lines.append(
            Localized(de: "  Kunden, die in 90 Tagen fällig werden: \(customersDueSoon)", en: "  Customers due within 90 days: \(customersDueSoon)")[
                l])
        return lines.joined(separator: "\n")
    }
}

/// Deletes or anonymises what the retention rules say is due, and lists what needs review.
/// The cut-off dates are computed from the register's rules and the clock; everything happens
/// in one transaction, then the WAL is emptied.
public struct Retention: Sendable {
    public let workspace: Workspace
    public let actor: Actor

    public init(workspace: Workspace, actor: Actor = .job("retention")) {
        self.workspace = workspace
        self.actor = actor
    }

    public func run(dryRun: Bool) throws -> RetentionReport {
        let register = try workspace.register()
        let rules = register.retention
        let now = workspace.clock()
        let t = Int64(now.timeIntervalSince1970)
        func before(_ days: Int) -> Int64 { t - Int64(days) * 86_400 }
        let rights = SubjectRights(workspace: workspace, actor: actor)
        let dueCustomersSQL = """
            SELECT c.id FROM customer c LEFT JOIN (SELECT customer_ref, max(ordered_at) AS last FROM order_line WHERE customer_ref IS NOT NULL GROUP BY customer_ref) o
            ON o.customer_ref = c.ref WHERE coalesce(o.last, c.created_at, c.updated_at, 0) < ?
            """
        // Returns the report and the customers it erases (their tokens go to erasure.log).
        let body = { (db: Database) throws -> RetentionReport in
            let due = try String.fetchAll(db, sql: dueCustomersSQL, arguments: [before(rules.customerDaysAfterLastOrder)])
            let dueSoon = try String.fetchAll(db, sql: dueCustomersSQL, arguments: [before(rules.customerDaysAfterLastOrder - 90)]).count - due.count
            var report = RetentionReport(
                dryRun: dryRun, asOf: now, customersErased: due.count,
                feedbackDeleted: try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM feedback WHERE created_at < ?", arguments: [before(rules.feedbackDays)]) ?? 0,
                leadsDeleted: try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM lead WHERE outcome <> 'won' AND coalesce(last_activity_at, created_at) < ?",
                    arguments: [before(rules.leadDaysWithoutActivity)]) ?? 0,
                orderLinesDeleted: try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM order_line WHERE ordered_at < ?", arguments: [before(rules.orderDays)]) ?? 0,
                derivedResultsDeleted: [:],
                consentsToRenew: try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM consent_state WHERE granted = 1 AND at < ?
                        """, arguments: [before(rules.consentRenewalDays)]) ?? 0,
                customersDueSoon: max(0, dueSoon))
            for activity in register.activities {
                for result in activity.results where result.perPerson {
                    let n =
                        try Int.fetchOne(
                            db, sql: "SELECT count(*) FROM derived_result WHERE activity = ? AND kind = ? AND created_at < ?",
                            arguments: [activity.name, result.name, before(result.retentionDays)]) ?? 0
                    report.derivedResultsDeleted[activity.name, default: 0] += n
                    if !dryRun && n > 0 {
                        try db.execute(
                            sql: "DELETE FROM derived_result WHERE activity = ? AND kind = ? AND created_at < ?",
                            arguments: [activity.name, result.name, before(result.retentionDays)])
                    }
                }
            }
            guard !dryRun else { return report }
            // Feedback first, so the count above is what goes (erasure below deletes the person's rest).
            try db.execute(sql: "DELETE FROM feedback WHERE created_at < ?", arguments: [before(rules.feedbackDays)])
            if db.changesCount > 0 { try FeedbackExamples.withdraw(in: db) }  // their quotes in stored runs go too
            for id in due { _ = try rights.eraseRows(db, customerId: id) }
            let leadIds = try String.fetchAll(
                db, sql: "SELECT id FROM lead WHERE outcome <> 'won' AND coalesce(last_activity_at, created_at) < ?",
                arguments: [before(rules.leadDaysWithoutActivity)])
            // Each with its score and the sales team's notes on it (free text that may name people).
            for id in leadIds { try LeadDesk.eraseRows(db, leadId: id) }
            try db.execute(sql: "DELETE FROM order_line WHERE ordered_at < ?", arguments: [before(rules.orderDays)])
            _ = try workspace.store.appendAudit(
                db, actor: actor.name, role: actor.role, action: "retention.run", subject: nil,
                count: due.count + leadIds.count, activity: nil,
                reason: nil, at: now)
            return report
        }
        let report = dryRun ? try workspace.store.writer.read(body) : try workspace.store.writer.write(body)
        // The tokens reach erasure.log from the erasure_log table (again at the next open if this
        // process dies first); with nothing new that is two indexed reads.
        if !dryRun { try workspace.completeErasure() }
        return report
    }
}
