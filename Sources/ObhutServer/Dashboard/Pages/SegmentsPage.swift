import Foundation
import Hummingbird
import Obhut
import ObhutCore

/// `GET /segments`: the sizes of the RFM segments and behavioural groups of the latest
/// `segments` run, each described in plain words. Aggregates only.
enum SegmentsPage {
    static func render(_ request: Request, _ context: AppContext, _ services: ServerServices) throws -> Response {
        try context.require(.segments)
        let v = DashboardRoutes.view(request, context)
        let title = Localized(de: "Kundensegmente", en: "Customer segments")
        let report = try SegmentsReport.latest(in: services.workspace)
        guard let runId = report.runId else {
            return v.page(title, v.empty(v.t("Noch keine Segmente.", "No segments yet."), command: "obhut run segments"))
        }
        let total = max(1, report.segments.reduce(0) { $0 + $1.customers })
        var body =
            "<p class=\"lead\">\(v.t("Lauf", "Run")) #\(runId) · \(v.t("Modell", "model")) \(v.e(report.modelVersion ?? "?")) · \(v.count(total)) \(v.t("Kunden mit Bestellungen", "customers with orders"))</p>"
        let bars = report.segments.map {
            BarChart.Bar(
                label: $0.name[v.l], value: Double($0.customers),
                valueText: "\(v.count($0.customers)) · \(v.percent(Double($0.customers) / Double(total)))")
        }
        body += "<section class=\"card\"><h2>\(v.t("RFM-Segmente", "RFM segments"))</h2>"
        body +=
            "<p class=\"muted small\">\(v.t("Nach Aktualität (R), Häufigkeit (F) und Umsatz (M) der Käufe, je 1 bis 5.", "By recency (R), frequency (F) and monetary value (M) of purchases, 1 to 5 each."))</p>"
        body += v.figure(
            BarChart(title: v.l == .de ? "Kunden je RFM-Segment" : "Customers per RFM segment", bars: bars).svg(),
            caption: v.t("Größte Segmente zuerst.", "Largest segments first."),
            table: v.table([v.t("Segment", "Segment"), v.t("Kunden", "Customers")], bars.map { [v.e($0.label), $0.valueText] }))
        body += v.table(
            [v.t("Segment", "Segment"), v.t("Kunden", "Customers"), v.t("Was es bedeutet", "What it means")],
            report.segments.map { ["<strong>\(v.t($0.name))</strong>", "<span class=\"num\">\(v.count($0.customers))</span>", v.t($0.description)] })
        body += "</section>"
        if let clusters = report.clusters, !clusters.isEmpty {
            body += "<section class=\"card\"><h2>\(v.t("Verhaltenssegmente", "Behavioural segments"))</h2>"
            body +=
                "<p class=\"muted small\">k-means, \(clusters.count) \(v.t("Gruppen", "groups")); Silhouette \(v.decimal(report.silhouette ?? 0, 2)), \(v.t("Stabilität", "stability")) \(v.decimal(report.stability ?? 0, 2))</p>"
            if let stability = report.stability, stability < 0.7 {
                body +=
                    "<p class=\"notice warn\">\(v.t("Die Gruppen ändern sich mit dem Startwert deutlich; als Tendenz lesen, nicht als feste Einteilung.", "The groups change noticeably with the seed; read them as a tendency, not a fixed division."))</p>"
            }
            body +=
                "<ul class=\"plain\">"
                + clusters.map { c -> String in
                    "<li><strong>\(v.t(c.name))</strong> <span class=\"badge neutral\">\(v.count(c.customers))</span><br><span class=\"why\">\(v.t(c.description))</span></li>"
                }.joined() + "</ul></section>"
        } else if let note = report.note {
            body += "<section class=\"card\"><p class=\"muted\">\(v.t(note))</p></section>"
        }
        body += "<p class=\"muted small\">\(v.t("Auf der Kommandozeile:", "On the command line:")) \(v.command("obhut segments"))</p>"
        return v.page(title, body)
    }
}
