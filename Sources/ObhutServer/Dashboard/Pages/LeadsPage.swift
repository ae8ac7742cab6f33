import Foundation
import Hummingbird
import Obhut
import ObhutCore

/// `GET /leads`: open leads by their chance to convert, each with the reasons the model gives
/// (the factors that pushed the score up or down). The score helps; a person decides — and can
/// correct it or mark it wrong (`obhut leads correct|wrong`). The read is audited.
enum LeadsPage {
    static func render(_ request: Request, _ context: AppContext, _ services: ServerServices) throws -> Response {
        let principal = try context.require(.leads)
        let v = DashboardRoutes.view(request, context)
        let title = Localized(de: "Leads", en: "Leads")
        let desk = LeadDesk(workspace: services.workspace, actor: principal.actor)
        let leads = try desk.list(limit: 25)
        guard !leads.isEmpty else {
            return v.page(title, v.empty(v.t("Noch keine bewerteten Leads.", "No scored leads yet."), command: "obhut run lead-scores"))
        }
        var body =
            "<p class=\"lead\">\(v.t("Die 25 offenen Leads mit der höchsten Abschlusschance, mit den Gründen des Modells. Die Bewertung hilft; entscheiden tut ein Mensch.", "The 25 open leads with the best chance to convert, with the model's reasons. The score helps; a person decides."))</p>"
        let rows = leads.map { lead -> [String] in
            let factors = lead.explanation.factors.sorted { abs($0.contribution) > abs($1.contribution) }.prefix(3).map { f -> String in
                "<li>\(f.contribution >= 0 ? "↑" : "↓") \(v.t(f.name)): \(v.e(f.value))</li>"
            }.joined()
            var score = FeedbackPage.meter(lead.probability, v)
            if let corrected = lead.corrected {
                score += "<div class=\"small muted\">\(v.t("korrigiert auf", "corrected to")) \(v.percent(corrected))</div>"
            }
            if lead.markedWrong > 0 { score += "<span class=\"badge warn\">\(v.t("als falsch markiert", "marked wrong"))</span>" }
            return [
                "<strong>\(v.e(lead.company))</strong><div class=\"small muted\">\(v.e(lead.leadId))</div>", v.e(lead.stage), score,
                "<span class=\"why\">\(v.t(lead.explanation.summary))</span>\(factors.isEmpty ? "" : "<ul class=\"factors\">\(factors)</ul>")",
            ]
        }
        body += "<section class=\"card\">"
        body += v.table([v.t("Firma", "Company"), v.t("Phase", "Stage"), v.t("Chance", "Chance"), v.t("Gründe", "Reasons")], rows)
        body +=
            "<p class=\"muted small\">\(v.t("Modell", "Model")) \(v.e(leads[0].modelVersion)) · \(v.t("Lauf", "run")) #\(leads[0].runId) · \(v.t("Korrigieren:", "Correct:")) \(v.command("obhut leads correct LEAD --probability 0.4 --reason … --by …")) · \(v.t("Modellkarte:", "Model card:")) \(v.command("obhut model-card lead-scores"))</p></section>"
        return v.page(title, body)
    }
}
