import Foundation
import Hummingbird
import Obhut
import ObhutAnalytics
import ObhutCore

/// `GET /feedback`: sentiment over the weeks, sentiment per aspect (delivery, price, quality,
/// service) and example clauses — from the latest `feedback` run, whose texts were redacted
/// (names, e-mail addresses, phone numbers removed) before the analysis saw them.
enum FeedbackPage {
    static func render(_ request: Request, _ context: AppContext, _ services: ServerServices) throws -> Response {
        try context.require(.feedback)
        let v = DashboardRoutes.view(request, context)
        let title = Localized(de: "Feedback", en: "Feedback")
        let report = try FeedbackReport.latest(in: services.workspace)
        guard let runId = report.runId, let s = report.insights else {
            return v.page(title, v.empty(v.t("Noch keine Feedback-Auswertung.", "No feedback analysis yet."), command: "obhut run feedback"))
        }
        let redacted = s.redactions.values.reduce(0, +)
        var body =
            "<p class=\"lead\">\(v.t("Lauf", "Run")) #\(runId) · \(v.t("Modell", "model")) \(v.e(report.modelVersion ?? "?")) · \(v.count(s.total)) \(v.t("Texte", "texts")), \(v.t("vor der Auswertung geschwärzt", "redacted before analysis")) (\(v.count(redacted)) \(v.t("Angaben entfernt", "values removed")))</p>"
        body += "<p class=\"notice\(s.alert.fired ? " bad" : "")\">\(v.t(s.alert.statement))</p>"
        let labels: [SentimentLabel] = [.negative, .neutral, .positive]
        let bars = labels.map { k in
            BarChart.Bar(label: k.name[v.l], value: Double(s.byLabel[k.rawValue] ?? 0), valueText: v.count(s.byLabel[k.rawValue] ?? 0))
        }
        let weeks = Array(s.weeks.suffix(26))
        let lang = v.l
        if !weeks.isEmpty {
            let chart = LineChart(
                title: v.l == .de ? "Stimmung und Anteil negativer Texte je Woche" : "Sentiment and share of negative texts per week",
                labels: weeks.map(\.week),
                series: [
                    .init(name: v.l == .de ? "Mittlere Stimmung" : "Mean sentiment", values: weeks.map(\.meanScore), colour: Chart.accent),
                    .init(name: v.l == .de ? "Anteil negativ" : "Negative share", values: weeks.map(\.negativeShare), colour: Chart.warn),
                ], range: -1...1, ticks: [-1, -0.5, 0, 0.5, 1], format: { lang.decimal($0, digits: 1) })
            let legend =
                "<div class=\"legend\"><span><span class=\"key key-accent\"></span>\(v.t("mittlere Stimmung (−1 … +1)", "mean sentiment (−1 … +1)"))</span><span><span class=\"key key-warn\"></span>\(v.t("Anteil negativ (0 … 1)", "negative share (0 … 1)"))</span></div>"
            let rows = weeks.map { w in
                [
                    v.e(w.week), "<span class=\"num\">\(w.count)</span>", "<span class=\"num\">\(signed(w.meanScore, v))</span>",
                    "<span class=\"num\">\(v.percent(w.negativeShare))</span>",
                ]
            }
            body += "<section class=\"card\"><h2>\(v.t("Stimmung über die Wochen", "Sentiment over the weeks"))</h2>\(legend)"
            body += v.figure(
                chart.svg(), caption: v.t("Die letzten \(weeks.count) Wochen (ISO-Wochen, UTC).", "The last \(weeks.count) weeks (ISO weeks, UTC)."),
                table: v.table([v.t("Woche", "Week"), v.t("Texte", "Texts"), v.t("Stimmung", "Sentiment"), v.t("negativ", "negative")], rows))
            body += "</section>"
        }
        body += "<section class=\"card\"><h2>\(v.t("Stimmung", "Sentiment"))</h2>"
        body +=
            "<p>\(v.t("Mittelwert", "Mean")) <strong>\(signed(s.meanScore, v))</strong> \(v.t("auf einer Skala von −1 (negativ) bis +1 (positiv).", "on a scale from −1 (negative) to +1 (positive)."))</p>"
        body += v.figure(
            BarChart(title: v.l == .de ? "Texte je Stimmung" : "Texts per sentiment", bars: bars).svg(), caption: "",
            table: v.table([v.t("Stimmung", "Sentiment"), v.t("Texte", "Texts")], bars.map { [v.e($0.label), $0.valueText] }))
        body += "<p class=\"muted small\">\(v.t("Methode:", "Method:")) \(v.t(s.method.statement))</p></section>"
        let aspects = s.aspects.filter { $0.mentions > 0 }.sorted { $0.mentions != $1.mentions ? $0.mentions > $1.mentions : $0.id < $1.id }
        if !aspects.isEmpty {
            body += "<section class=\"card\"><h2>\(v.t("Aspekte", "Aspects"))</h2>"
            body += v.table(
                [v.t("Aspekt", "Aspect"), v.t("Erwähnungen", "Mentions"), v.t("Stimmung", "Sentiment"), v.t("negativ", "negative")],
                aspects.map {
                    [
                        "<strong>\(v.t($0.name))</strong>", "<span class=\"num\">\(v.count($0.mentions))</span>",
                        "<span class=\"num\">\(signed($0.meanScore, v))</span>",
                        meter($0.negativeShare, v),
                    ]
                })
            for a in aspects where !(a.negativeExamples.isEmpty && a.positiveExamples.isEmpty) {
                body += "<h3>\(v.t(a.name))</h3><ul class=\"plain\">"
                body += a.negativeExamples.map { "<li><span class=\"badge bad\">−</span> \(quote($0, v))</li>" }.joined()
                body += a.positiveExamples.map { "<li><span class=\"badge ok\">+</span> \(quote($0, v))</li>" }.joined()
                body += "</ul>"
            }
            if s.examplesWithdrawn == true { body += "<p class=\"notice\" role=\"status\">\(v.e(v.t(FeedbackReport.examplesWithdrawn)))</p>" }
            body +=
                "<p class=\"muted small\">\(v.t("Beispiele sind geschwärzt: Namen, E-Mail-Adressen und Telefonnummern sind durch Platzhalter ersetzt.", "Examples are redacted: names, e-mail addresses and phone numbers are replaced by placeholders."))</p></section>"
        }
        body += "<p class=\"muted small\">\(v.t("Auf der Kommandozeile:", "On the command line:")) \(v.command("obhut feedback"))</p>"
        return v.page(title, body)
    }

    /// A quoted example, with the reader's quotation marks.
    static func quote(_ text: String, _ v: DashboardView) -> String {
        v.l == .de ? "„\(v.e(text))“" : "“\(v.e(text))”"
    }

    static func signed(_ x: Double, _ v: DashboardView) -> String {
        (x >= 0 ? "+" : "−") + v.decimal(abs(x), 2)
    }

    /// A share as a small bar plus its percentage (CSS width classes, no inline style).
    static func meter(_ share: Double, _ v: DashboardView) -> String {
        let step = Int((min(1, max(0, share)) * 10).rounded())
        return "<span class=\"bar-cell\"><span class=\"meter\"><span class=\"w\(step)\"></span></span>\(v.percent(share))</span>"
    }
}
