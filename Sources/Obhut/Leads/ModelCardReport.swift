import Foundation
import ObhutAnalytics
import ObhutCore

/// The model card of a `lead-scores` run as text for the sales team and the DPO.
public enum ModelCardReport {
    public static func render(_ s: LeadScoresSummary, runId: Int64, in l: Language) -> String {
        let c = s.card
        func day(_ t: Int64) -> String { DateText.day(Date(timeIntervalSince1970: TimeInterval(t))) }
        func num(_ x: Double, _ digits: Int = 3) -> String { l.decimal(x, digits: digits) }
        var lines: [String] = []
        lines.append(
            Localized(
                de: "Modellkarte lead-scores (Lauf \(runId), Modell \(c.modelVersion))",
                en: "Model card lead-scores (run \(runId), model \(c.modelVersion))")[l])
        lines.append(
            Localized(
                de: "  Trainiert am \(day(c.trainedAt)) auf \(c.closedLeads) abgeschlossenen Leads, angelegt \(day(c.dataFrom)) bis \(day(c.dataTo))",
                en: "  Trained on \(day(c.trainedAt)) on \(c.closedLeads) closed leads created \(day(c.dataFrom)) to \(day(c.dataTo))")[l])
        lines.append(
            Localized(
                de:
                    "  Klassen: \(c.won) gewonnen, \(c.lost) verloren (Quote \(num(c.baseRate * 100, 1)) %); Korrekturen der Vertriebs als weiche Labels: \(c.correctionsUsed)",
                en:
                    "  Classes: \(c.won) won, \(c.lost) lost (rate \(num(c.baseRate * 100, 1)) %); sales corrections used as soft labels: \(c.correctionsUsed)"
            )[l])
        lines.append(
            Localized(
                de:
                    "  Zurückgehalten (neueste \(c.heldOut) Leads): AUC \(c.heldOutAUC.map { num($0) } ?? "–"), Brier-Score \(num(c.heldOutBrier)), Log-Loss \(num(c.heldOutLogLoss)); Regularisierung λ = \(num(c.lambda, 2))",
                en:
                    "  Held out (newest \(c.heldOut) leads): AUC \(c.heldOutAUC.map { num($0) } ?? "–"), Brier score \(num(c.heldOutBrier)), log loss \(num(c.heldOutLogLoss)); regularisation λ = \(num(c.lambda, 2))"
            )[l])
        lines.append(Localized(de: "  Kalibrierung (vorhergesagt → eingetreten):", en: "  Calibration (predicted → observed):")[l])
        for b in c.reliability {
            lines.append("    \(num(b.lower, 1))–\(num(b.upper, 1)): n = \(b.count), \(num(b.meanPredicted, 2)) → \(num(b.observedRate, 2))")
        }
        lines.append(Localized(de: "  Merkmale (Gewicht in Log-Odds):", en: "  Features (weight in log-odds):")[l])
        for (f, w) in zip(c.features, c.weights).sorted(by: { abs($0.1) > abs($1.1) }) {
            lines.append("    \(w >= 0 ? "+" : "")\(num(w, 2))  \(f.label[l])")
        }
        lines.append("  " + c.specialCategoriesStatement[l])
        lines.append(Localized(de: "  Grenzen:", en: "  Limits:")[l])
        for limit in c.limits { lines.append("    – " + limit[l]) }
        let moved = s.drift.filter { $0.status != .stable }
        if moved.isEmpty {
            lines.append(
                Localized(
                    de: "  Drift: die bewerteten Leads gleichen den Trainingsdaten (PSI < 0,1 bei allen Merkmalen).",
                    en: "  Drift: the scored leads resemble the training data (PSI < 0.1 for every feature).")[l])
        } else {
            for d in moved {
                lines.append(
                    Localized(
                        de:
                            "  Warnung Drift: \(d.key) hat sich \(d.status == .shifted ? "deutlich verschoben" : "bewegt") (PSI \(num(d.psi, 2))); Bewertungen mit Vorsicht lesen.",
                        en:
                            "  Drift warning: \(d.key) has \(d.status == .shifted ? "shifted" : "moved") (PSI \(num(d.psi, 2))); read scores with care."
                    )[l])
            }
        }
        return lines.joined(separator: "\n")
    }
}
