import Foundation
import GRDB
import ObhutAnalytics
import ObhutCore
import ObhutStore

/// What `obhut clv` shows: the fitted model and totals of the latest `clv` run, the customers at
/// churn risk with the highest value, or one customer's value and why.
public struct CLVReport: Sendable, Codable {
    public struct Customer: Sendable, Codable {
        public var customerId: String
        public var result: CLVResult
        public var explanation: Explanation
    }

    public var runId: Int64?
    public var modelVersion: String?
    public var summary: CLVSummary?
    /// At churn risk, highest value first (reads of these are audited).
    public var atRisk: [Customer]

    public static func latest(in workspace: Workspace, atRiskShown: Int = 10, actor: Actor = .cli) throws -> CLVReport {
        let (run, rows) = try workspace.store.writer.read { db -> (Row?, [Row]) in
            let run = try Row.fetchOne(
                db,
                sql: "SELECT id, model_version, summary FROM activity_run WHERE activity = 'clv' AND status = 'completed' ORDER BY id DESC LIMIT 1")
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT customer_id, value, explanation FROM derived_result
                    WHERE activity = 'clv' AND json_extract(value, '$.churnRisk') = 1
                    ORDER BY json_extract(value, '$.value') DESC LIMIT ?
                    """, arguments: [atRiskShown])
            return (run, rows)
        }
        guard let run, let text = run["summary"] as String? else { return CLVReport(atRisk: []) }
        let customers = try rows.map(Self.customer)
        if !customers.isEmpty { try workspace.audit(actor: actor, action: "clv.read", count: customers.count, activity: "clv") }
        return CLVReport(
            runId: run["id"], modelVersion: run["model_version"], summary: try JSONDecoder().decode(CLVSummary.self, from: Data(text.utf8)),
            atRisk: customers)
    }

    /// One customer's value and why; the read is audited.
    public static func customer(_ id: String, in workspace: Workspace, actor: Actor = .cli) throws -> Customer? {
        let row = try workspace.store.writer.read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT customer_id, value, explanation FROM derived_result WHERE activity = 'clv' AND customer_id = ? ORDER BY id DESC LIMIT 1",
                arguments: [id])
        }
        try workspace.audit(actor: actor, action: "clv.read", subject: workspace.store.keys.subjectToken(customerId: id), count: 1, activity: "clv")
        return try row.map(Self.customer)
    }

    static func customer(_ row: Row) throws -> Customer {
        Customer(
            customerId: row["customer_id"], result: try JSONDecoder().decode(CLVResult.self, from: Data((row["value"] as String).utf8)),
            explanation: try JSONDecoder().decode(Explanation.self, from: Data((row["explanation"] as String).utf8)))
    }

    public func render(in l: Language) -> String {
        guard let runId, let s = summary else {
            return Localized(
                de: "Noch kein Kundenwert. Erst: obhut preflight clv, dann obhut run clv.",
                en: "No lifetime values yet. First: obhut preflight clv, then obhut run clv.")[l]
        }
        func num(_ x: Double, _ d: Int = 3) -> String { l.decimal(x, digits: d) }
        var lines = [
            Localized(
                de: "Kundenwert aus Lauf \(runId) (Modell \(modelVersion ?? "?")): \(s.customers) Kunden mit Käufen",
                en: "Lifetime value from run \(runId) (model \(modelVersion ?? "?")): \(s.customers) customers with purchases")[l],
            "  BG/NBD: r = \(num(s.r)), alpha = \(num(s.alpha)), a = \(num(s.a)), b = \(num(s.b))",
            "  Gamma-Gamma: p = \(num(s.p)), q = \(num(s.q)), v = \(num(s.v)) (\(s.spendModelCustomers) \(l == .de ? "Kunden mit Wiederholungskauf" : "customers with repeat purchases"))",
            Localized(
                de:
                    "  Summe über \(s.horizonMonths) Monate (abgezinst mit \(num(s.monthlyDiscountRate * 100, 1)) % je Monat): \(CLVAnalysis.euro(s.totalValue, .de))",
                en:
                    "  Total over \(s.horizonMonths) months (discounted at \(num(s.monthlyDiscountRate * 100, 1)) % a month): \(CLVAnalysis.euro(s.totalValue, .en))"
            )[l],
            Localized(
                de: "  Abwanderungsrisiko (noch aktiv < \(Int(s.churnThreshold * 100)) %): \(s.atRisk) Kunden",
                en: "  Churn risk (still active < \(Int(s.churnThreshold * 100)) %): \(s.atRisk) customers")[l],
        ]
        if !atRisk.isEmpty {
            lines.append(Localized(de: "Mit Risiko und höchstem Wert:", en: "At risk with the highest value:")[l])
            for c in atRisk { lines.append("  \(c.customerId)  \(CLVAnalysis.euro(c.result.value, l))  \(c.explanation.summary[l])") }
        }
        return lines.joined(separator: "\n")
    }
}
