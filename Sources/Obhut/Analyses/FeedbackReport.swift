import Foundation
import GRDB
import ObhutAnalytics
import ObhutCore
import ObhutStore

/// What `obhut feedback` shows: the latest `feedback` run (aggregates only, redacted examples).
public struct FeedbackReport: Sendable, Codable {
    public var runId: Int64?
    public var modelVersion: String?
    public var insights: FeedbackInsights?

    public static func latest(in workspace: Workspace) throws -> FeedbackReport {
        let row = try workspace.store.writer.read { db in
            try Row.fetchOne(
                db,
                sql:
                    "SELECT id, model_version, summary FROM activity_run WHERE activity = 'feedback' AND status = 'completed' ORDER BY id DESC LIMIT 1"
            )
        }
        guard let row, let text = row["summary"] as String? else { return FeedbackReport() }
        return FeedbackReport(
            runId: row["id"], modelVersion: row["model_version"], insights: try JSONDecoder().decode(FeedbackInsights.self, from: Data(text.utf8)))
    }

    /// Eight levels of a text sparkline, lowest first.
    static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// `values` in [lo, hi] as one bar each.
    static func sparkline(_ values: [Double], lo: Double, hi: Double) -> String {
        String(
            values.map { v in
                let t = hi > lo ? (v - lo) / (hi - lo) : 0.5
                return bars[min(bars.count - 1, max(0, Int((t * Double(bars.count)).rounded(.down))))]
            })
    }

    static func signed(_ x: Double, _ l: Language = .en) -> String {
        l == .de ? FeedbackAnalysis.format(x).replacingOccurrences(of: ".", with: ",") : FeedbackAnalysis.format(x)
    }
    static func pct(_ x: Double) -> String { String(format: "%.0f", x * 100) }

    public func render(in l: Language, weeks: Int = 12) -> String {
        guard let runId, let s = insights else {
            return Localized(
                de: "Noch keine Feedback-Auswertung. Erst: obhut preflight feedback, dann obhut run feedback.",
                en: "No feedback analysis yet. First: obhut preflight feedback, then obhut run feedback.")[l]
        }
        let label = { (k: SentimentLabel) in "\(s.byLabel[k.rawValue] ?? 0) \(k.name[l])" }
        let languages = s.byLanguage.keys.sorted().map { "\($0): \(s.byLanguage[$0] ?? 0)" }.joined(separator: ", ")
        let redacted = s.redactions.values.reduce(0, +)
        var lines = [
            Localized(
                de:
                    "Feedback aus Lauf \(runId) (Modell \(modelVersion ?? "?")): \(s.total) Texte, alle vor der Auswertung geschwärzt (\(redacted) Angaben entfernt)",
                en:
                    "Feedback from run \(runId) (model \(modelVersion ?? "?")): \(s.total) texts, all redacted before analysis (\(redacted) values removed)"
            )[l],
            Localized(de: "Stimmung: ", en: "Sentiment: ")[l] + [SentimentLabel.negative, .neutral, .positive].map(label).joined(separator: ", ")
                + Localized(de: "; Mittelwert ", en: "; mean ")[l] + Self.signed(s.meanScore, l),
            Localized(de: "Sprachen: ", en: "Languages: ")[l] + languages,
            "",
            Localized(de: "Methode: ", en: "Method: ")[l] + s.method.statement[l],
            "",
            s.alert.statement[l],
        ]
        let recent = s.weeks.suffix(weeks)
        if !recent.isEmpty {
            lines.append("")
            lines.append(
                Localized(de: "Wochen (Mittelwert der Stimmung │ Anteil negativ):", en: "Weeks (mean sentiment │ negative share):")[l])
            lines.append(
                "  " + Self.sparkline(recent.map(\.meanScore), lo: -1, hi: 1) + "  │  " + Self.sparkline(recent.map(\.negativeShare), lo: 0, hi: 1))
            for w in recent {
                lines.append(
                    "  \(w.week)  n=\(w.count)  \(Self.signed(w.meanScore, l))  "
                        + Localized(de: "\(Self.pct(w.negativeShare)) % negativ", en: "\(Self.pct(w.negativeShare))% negative")[l])
            }
        }
        let aspects = s.aspects.filter { $0.mentions > 0 }.sorted { $0.mentions != $1.mentions ? $0.mentions > $1.mentions : $0.id < $1.id }
        if !aspects.isEmpty {
            lines.append("")
            lines.append(Localized(de: "Aspekte:", en: "Aspects:")[l])
            for a in aspects {
                lines.append(
                    "  – \(a.name[l]): "
                        + Localized(
                            de: "\(a.mentions) Erwähnungen, Stimmung \(Self.signed(a.meanScore, .de)), \(Self.pct(a.negativeShare)) % negativ",
                            en: "\(a.mentions) mentions, sentiment \(Self.signed(a.meanScore)), \(Self.pct(a.negativeShare))% negative")[l])
                for e in a.negativeExamples { lines.append("      − „\(e)“") }
                for e in a.positiveExamples { lines.append("      + „\(e)“") }
            }
            if s.examplesWithdrawn == true { lines.append(Self.examplesWithdrawn[l]) }
        }
        return lines.joined(separator: "\n")
    }

    /// Why a run shows no examples any more (CLI and dashboard).
    public static let examplesWithdrawn = Localized(
        de:
            "Beispiele entfernt: Feedback wurde seit diesem Lauf gelöscht (Löschung oder Aufbewahrungsfrist), und kein Zitat daraus darf bleiben. Der nächste Lauf von „feedback“ zitiert neu.",
        en:
            "Examples withdrawn: feedback was deleted since this run (erasure or retention), and no quote of it may stay. The next run of \"feedback\" quotes anew."
    )
}
