import Foundation
import Hummingbird
import Obhut
import ObhutAnalytics
import ObhutCore

/// `GET /behaviour`: when people buy (hour × weekday heat map, months, categories by month),
/// sales over time, rising and falling products and what is bought together — from the latest
/// `purchase-patterns` run. Aggregates only: no person appears here.
enum BehaviourPage {
    static let weekdays = Localized(de: "Mo Di Mi Do Fr Sa So", en: "Mon Tue Wed Thu Fri Sat Sun")
    static let months = Localized(de: "Jan Feb Mär Apr Mai Jun Jul Aug Sep Okt Nov Dez", en: "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec")

    static func render(_ request: Request, _ context: AppContext, _ services: ServerServices) throws -> Response {
        try context.require(.aggregates)
        let v = DashboardRoutes.view(request, context)
        let title = Localized(de: "Kaufverhalten", en: "Buying behaviour")
        let report = try PatternsReport.latest(in: services.workspace)
        guard let runId = report.runId, let s = report.summary else {
            return v.page(title, v.empty(v.t("Noch keine Kaufmuster.", "No purchase patterns yet."), command: "obhut run purchase-patterns"))
        }
        let dayNames = weekdays[v.l].split(separator: " ").map(String.init)
        let monthNames = months[v.l].split(separator: " ").map(String.init)
        var body = """
            <p class="lead">\(v.t("Lauf", "Run")) #\(runId) · \(v.t("Modell", "model")) \(v.e(report.modelVersion ?? "?")) · \(v.count(s.lineCount)) \(v.t("Bestellpositionen", "order lines")), \(v.count(s.personCount)) \(v.t("Kunden (pseudonym)", "customers (pseudonymous)")), \(v.count(s.productCount)) \(v.t("Produkte", "products"))</p>
            """
        if !s.highlights.isEmpty {
            body +=
                "<section class=\"card\"><h2>\(v.t("Das Wichtigste", "Highlights"))</h2><ul>"
                + s.highlights.prefix(6).map { "<li>\(v.t($0))</li>" }.joined() + "</ul></section>"
        }
        // Hour × weekday.
        let hw = s.timingByProduct.overall.hourByWeekday
        let hours = (0..<24).map { String($0) }
        let heat = HeatMap(
            title: v.l == .de ? "Bestellpositionen nach Wochentag und Stunde" : "Order lines by weekday and hour", rowLabels: dayNames,
            columnLabels: hours, values: hw.counts.map(Double.init), labelEvery: 3
        ).svg()
        let heatRows = dayNames.enumerated().map { d, name in
            [v.e(name)] + (0..<24).map { h in "<span class=\"num\">\(d * 24 + h < hw.counts.count ? hw.counts[d * 24 + h] : 0)</span>" }
        }
        body += "<section class=\"card\"><h2>\(v.t("Wann gekauft wird", "When people buy"))</h2><p>\(v.t(hw.statement))</p>"
        body += v.heatLegend()
        body += v.figure(
            heat,
            caption: v.t(
                "Dunkler = mehr Bestellpositionen. Stunden in Ortszeit des Shops.", "Darker = more order lines. Hours in the shop's local time."),
            table: v.table([v.t("Tag", "Day")] + hours, heatRows, classes: "compact"))
        // Months.
        let month = s.timingByProduct.overall.month
        let monthBars = monthNames.enumerated().map { i, name in
            BarChart.Bar(
                label: name, value: Double(i < month.counts.count ? month.counts[i] : 0),
                valueText: v.count(i < month.counts.count ? month.counts[i] : 0))
        }
        body +=
            "<h3>\(v.t("Monate und Jahreszeiten", "Months and seasons"))</h3><p>\(v.t(month.statement)) \(v.t(s.timingByProduct.overall.season.statement))</p>"
        body += v.figure(
            BarChart(title: v.l == .de ? "Bestellpositionen je Monat" : "Order lines per month", bars: monthBars).svg(),
            caption: v.t("Alle Jahre im Datenbestand zusammengezählt.", "All years in the data added up."),
            table: v.table([v.t("Monat", "Month"), v.t("Positionen", "Lines")], monthBars.map { [v.e($0.label), $0.valueText] }))
        body += "</section>"
        // Categories × months.
        if let categories = s.timingByCategory, !categories.groups.isEmpty {
            let groups = categories.groups.sorted { $0.lineCount > $1.lineCount }.prefix(12)
            var values: [Double] = []
            for g in groups {
                let total = Double(max(1, g.month.counts.reduce(0, +)))
                values += (0..<12).map { $0 < g.month.counts.count ? Double(g.month.counts[$0]) / total : 0 }
            }
            let svg = HeatMap(
                title: v.l == .de ? "Anteil jedes Monats an den Verkäufen einer Kategorie" : "Each month's share of a category's sales",
                rowLabels: groups.map(\.name), columnLabels: monthNames, values: values
            ).svg()
            let rows = groups.map { g -> [String] in
                [v.e(g.name), verdict(g.season.verdict, v), v.t(g.season.statement)]
            }
            body += "<section class=\"card\"><h2>\(v.t("Saison je Kategorie", "Season per category"))</h2>"
            body += v.figure(
                svg,
                caption: v.t(
                    "Je Zeile: Anteil des Monats an der Kategorie (dunkler = höherer Anteil).",
                    "Per row: the month's share of the category (darker = larger share)."),
                table: v.table(
                    [v.t("Kategorie", "Category")] + monthNames,
                    groups.map { g in
                        [v.e(g.name)] + (0..<12).map { "<span class=\"num\">\($0 < g.month.counts.count ? g.month.counts[$0] : 0)</span>" }
                    }))
            body += v.table([v.t("Kategorie", "Category"), v.t("Befund", "Finding"), v.t("Aussage", "Statement")], rows)
            body +=
                "<p class=\"muted small\">\(v.t("„Echtes Muster“ heißt: nach Benjamini-Hochberg-Korrektur über alle Tests signifikant.", "\"Real pattern\" means: significant after Benjamini-Hochberg correction over all tests."))</p></section>"
        }
        body += trendsSection(v, s, monthNames: monthNames)
        if let baskets = s.baskets {
            let rows = baskets.rules.prefix(15).map { r -> [String] in
                [
                    v.t(r.statement), "<span class=\"num\">\(v.percent(r.support, 1))</span>",
                    "<span class=\"num\">\(v.percent(r.confidence))</span>", "<span class=\"num\">\(v.decimal(r.lift, 1))</span>",
                ]
            }
            body += "<section class=\"card\"><h2>\(v.t("Was zusammen gekauft wird", "Bought together"))</h2>"
            body +=
                "<p class=\"muted small\">\(v.count(baskets.orderCount)) \(v.t("Bestellungen", "orders")); \(v.t("Support = Anteil der Bestellungen mit allen Produkten; Konfidenz = wie oft die Folge mitgekauft wird; Lift > 1 = häufiger als zufällig.", "support = share of orders with all products; confidence = how often the consequent is bought too; lift > 1 = more often than chance."))</p>"
            body +=
                rows.isEmpty
                ? v.empty(v.t("Keine Regeln über der Mindestschwelle.", "No rules above the minimum threshold."))
                : v.table([v.t("Regel", "Rule"), "Support", v.t("Konfidenz", "Confidence"), "Lift"], rows)
            body += "</section>"
        }
        body += "<p class=\"muted small\">\(v.t("Auf der Kommandozeile:", "On the command line:")) \(v.command("obhut patterns"))</p>"
        return v.page(title, body)
    }

    static func verdict(_ verdict: PatternVerdict, _ v: DashboardView) -> String {
        switch verdict {
        case .realPattern: "<span class=\"badge ok\">\(v.t("echtes Muster", "real pattern"))</span>"
        case .couldBeNoise: "<span class=\"badge neutral\">\(v.t("könnte Zufall sein", "could be noise"))</span>"
        case .tooLittleData: "<span class=\"badge neutral\">\(v.t("zu wenig Daten", "too little data"))</span>"
        }
    }

    /// Sales per period as a line, then the rising and falling products with their statements.
    static func trendsSection(_ v: DashboardView, _ s: PurchasePatternSummary, monthNames: [String]) -> String {
        let trends = s.trendsByProduct
        var out = "<section class=\"card\"><h2>\(v.t("Steigende und fallende Produkte", "Rising and falling products"))</h2>"
        let counts = trends.overall.counts
        if counts.count > 1, let first = trends.firstPeriodStartDay {
            let labels = periodLabels(firstDay: first, count: counts.count, period: trends.period, monthNames: monthNames)
            let top = Double(counts.max() ?? 1)
            let chart = LineChart(
                title: v.l == .de ? "Bestellpositionen je Zeitraum" : "Order lines per period", labels: labels,
                series: [.init(name: v.l == .de ? "Positionen" : "Lines", values: counts.map(Double.init), colour: Chart.accent)],
                range: 0...max(1, top * 1.1), ticks: [0, (top / 2).rounded(), top.rounded()], format: { Chart.n($0) })
            out += "<p>\(v.t(trends.overall.statement))</p>"
            out += v.figure(
                chart.svg(),
                caption: v.t("Unvollständige erste und letzte Zeiträume sind weggelassen.", "Incomplete first and last periods are left out."),
                table: v.table(
                    [v.t("Zeitraum", "Period"), v.t("Positionen", "Lines")],
                    zip(labels, counts).map { [v.e($0), "<span class=\"num\">\($1)</span>"] }))
        }
        let byGroup = Dictionary(trends.groups.map { ($0.group, $0) }, uniquingKeysWith: { a, _ in a })
        func list(_ ids: [Int], _ badge: String) -> String {
            let items = ids.compactMap { byGroup[$0] }.map { g -> String in
                "<li>\(badge) <strong>\(v.e(g.name))</strong>\(g.relativeChangePerYear.map { " (" + String(format: "%+.0f", $0 * 100) + v.t(" % je Jahr", "% a year") + ")" } ?? "")<br><span class=\"why\">\(v.t(g.statement))</span></li>"
            }.joined()
            return items.isEmpty ? v.empty(v.t("Keine.", "None.")) : "<ul class=\"plain\">\(items)</ul>"
        }
        out += "<div class=\"grid\"><div><h3>\(v.t("Steigend", "Rising"))</h3>\(list(trends.topRising, "<span class=\"badge ok\">↑</span>"))</div>"
        out += "<div><h3>\(v.t("Fallend", "Falling"))</h3>\(list(trends.topFalling, "<span class=\"badge warn\">↓</span>"))</div></div></section>"
        return out
    }

    /// "Mär 2026" per month (or "2026-W12" per week) from the first period's day number.
    static func periodLabels(firstDay: Int64, count: Int, period: TrendPeriod, monthNames: [String]) -> [String] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let start = Date(timeIntervalSince1970: TimeInterval(firstDay * 86_400))
        return (0..<count).map { i in
            switch period {
            case .month:
                let d = calendar.date(byAdding: .month, value: i, to: start) ?? start
                let c = calendar.dateComponents([.year, .month], from: d)
                return "\(monthNames[((c.month ?? 1) - 1 + 12) % 12]) \(c.year ?? 0)"
            case .week:
                let d = calendar.date(byAdding: .day, value: 7 * i, to: start) ?? start
                return DateText.day(d)
            }
        }
    }
}
