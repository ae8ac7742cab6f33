import Foundation
import GRDB
import ObhutAnalytics
import ObhutCore
import ObhutStore

/// What `obhut patterns` shows: the latest `purchase-patterns` run (aggregates only).
public struct PatternsReport: Sendable, Codable {
    public var runId: Int64?
    public var modelVersion: String?
    public var summary: PurchasePatternSummary?

    public static func latest(in workspace: Workspace) throws -> PatternsReport {
        let row = try workspace.store.writer.read { db in
            try Row.fetchOne(
                db,
                sql:
                    "SELECT id, model_version, summary FROM activity_run WHERE activity = 'purchase-patterns' AND status = 'completed' ORDER BY id DESC LIMIT 1"
            )
        }
        guard let row, let text = row["summary"] as String? else { return PatternsReport() }
        return PatternsReport(
            runId: row["id"], modelVersion: row["model_version"],
            summary: try JSONDecoder().decode(PurchasePatternSummary.self, from: Data(text.utf8)))
    }

    public func render(in l: Language, limit: Int = 8) -> String {
        guard let runId, let s = summary else {
            return Localized(
                de: "Noch keine Kaufmuster. Erst: obhut preflight purchase-patterns, dann obhut run purchase-patterns.",
                en: "No purchase patterns yet. First: obhut preflight purchase-patterns, then obhut run purchase-patterns.")[l]
        }
        var lines = [
            Localized(
                de:
                    "Kaufmuster aus Lauf \(runId) (Modell \(modelVersion ?? "?")): \(s.lineCount) Bestellzeilen, \(s.personCount) Kunden (pseudonym), \(s.productCount) Produkte",
                en:
                    "Purchase patterns from run \(runId) (model \(modelVersion ?? "?")): \(s.lineCount) order lines, \(s.personCount) customers (pseudonymous), \(s.productCount) products"
            )[l]
        ]
        func section(_ title: Localized, _ items: [String]) {
            guard !items.isEmpty else { return }
            lines.append("")
            lines.append(title[l])
            lines += items.prefix(limit).map { "  – " + $0 }
        }
        section(Localized(de: "Das Wichtigste:", en: "Highlights:"), s.highlights.map { $0[l] })
        section(
            Localized(de: "Wann gekauft wird:", en: "When people buy:"),
            [s.timingByProduct.overall.hourByWeekday.statement[l], s.timingByProduct.overall.season.statement[l]])
        if let categories = s.timingByCategory {
            section(
                Localized(
                    de: "Kategorien mit echtem Saisonmuster (nach Korrektur für viele Tests):",
                    en: "Categories with a real seasonal pattern (corrected for many tests):"),
                categories.groups.filter { $0.season.verdict == .realPattern }.map { $0.season.statement[l] })
        }
        let byGroup = Dictionary(s.trendsByProduct.groups.map { ($0.group, $0) }, uniquingKeysWith: { a, _ in a })
        section(Localized(de: "Steigende Produkte:", en: "Rising products:"), s.trendsByProduct.topRising.compactMap { byGroup[$0]?.statement[l] })
        section(Localized(de: "Fallende Produkte:", en: "Falling products:"), s.trendsByProduct.topFalling.compactMap { byGroup[$0]?.statement[l] })
        section(
            Localized(de: "Wiederkauf:", en: "Repeat purchases:"),
            s.repeatIntervals.products.filter(\.isStated).sorted { $0.gapCount > $1.gapCount }.compactMap { $0.statement?[l] })
        if let baskets = s.baskets {
            section(
                Localized(
                    de:
                        "Was zusammen gekauft wird (\(baskets.orderCount) Bestellungen, Mindest-Support \(String(format: "%.4f", baskets.minSupport).replacingOccurrences(of: ".", with: ","))):",
                    en: "Bought together (\(baskets.orderCount) orders, min support \(String(format: "%.4f", baskets.minSupport))):"),
                baskets.rules.map { $0.statement[l] })
        }
        return lines.joined(separator: "\n")
    }
}

/// What `obhut rebuy` shows: who is due to buy what again (per person: reads are audited).
public enum RebuyReport {
    public struct Entry: Sendable, Codable {
        public var customerId: String
        public var due: RebuyDue
        public var explanation: Explanation
    }

    /// Due products of one customer, or of everyone (up to `limit`), from the latest run.
    public static func entries(in workspace: Workspace, customer: String?, limit: Int) throws -> [Entry] {
        let rows = try workspace.store.writer.read { db in
            if let customer {
                return try Row.fetchAll(
                    db, sql: "SELECT * FROM derived_result WHERE activity = 'rebuy-reminders' AND customer_id = ? ORDER BY id", arguments: [customer])
            }
            return try Row.fetchAll(
                db, sql: "SELECT * FROM derived_result WHERE activity = 'rebuy-reminders' ORDER BY id LIMIT ?", arguments: [limit])
        }
        let entries = try rows.map { row in
            Entry(
                customerId: row["customer_id"], due: try JSONDecoder().decode(RebuyDue.self, from: Data((row["value"] as String).utf8)),
                explanation: try JSONDecoder().decode(Explanation.self, from: Data((row["explanation"] as String).utf8)))
        }
        try workspace.audit(
            actor: .cli, action: "rebuy.read", subject: customer.map { workspace.store.keys.subjectToken(customerId: $0) },
            count: Set(entries.map(\.customerId)).count,
            activity: "rebuy-reminders")
        return entries
    }
}
