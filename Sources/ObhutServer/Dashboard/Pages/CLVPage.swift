import Foundation
import Hummingbird
import Obhut
import ObhutCore

/// `GET /clv`: the fitted lifetime-value model and the customers at churn risk with the highest
/// value, each with the reason. Roles that may open customers see ids that link to the record;
/// the analyst sees keyed pseudonyms (stable per activity, no way back to the person), the same
/// ones `GET /api/clv` gives. The read of the listed people is audited under the reader.
enum CLVPage {
    static func render(_ request: Request, _ context: AppContext, _ services: ServerServices) async throws -> Response {
        let principal = try context.require(.clv)
        let v = DashboardRoutes.view(request, context)
        let workspace = services.workspace
        let title = Localized(de: "Kundenwert", en: "Customer lifetime value")
        let report = try CLVReport.latest(in: workspace, atRiskShown: 20)
        guard let runId = report.runId, let s = report.summary else {
            return v.page(title, v.empty(v.t("Noch kein Kundenwert.", "No lifetime values yet."), command: "obhut run clv"))
        }
        let showIds = principal.may(.customerDetail)
        if !report.atRisk.isEmpty {
            let tokens = report.atRisk.map { workspace.store.keys.subjectToken(customerId: $0.customerId) }
            // One entry per person, committed together; counted by the access monitor.
            try await workspace.auditReads(actor: principal.actor, action: "clv.read", subjects: tokens, count: tokens.count, activity: "clv")
            services.monitor.record(principal, subjects: tokens, at: workspace.clock())
        }
        var body =
            "<p class=\"lead\">\(v.t("Lauf", "Run")) #\(runId) · \(v.t("Modell", "model")) \(v.e(report.modelVersion ?? "?")) · BG/NBD + Gamma-Gamma</p>"
        body += """
            <div class="metrics">
            <div class="metric"><div class="value">\(v.count(s.customers))</div><div class="label">\(v.t("Kunden mit Käufen", "Customers with purchases"))</div></div>
            <div class="metric"><div class="value">\(v.euro(s.totalValue))</div><div class="label">\(v.t("Erwarteter Wert in \(s.horizonMonths) Monaten", "Expected value over \(s.horizonMonths) months"))</div></div>
            <div class="metric warn"><div class="value">\(v.count(s.atRisk))</div><div class="label">\(v.t("mit Abwanderungsrisiko (noch aktiv < \(Int(s.churnThreshold * 100)) %)", "at churn risk (still active < \(Int(s.churnThreshold * 100))%)"))</div></div>
            </div>
            """
        let rows = report.atRisk.map { c -> [String] in
            let who =
                showIds
                ? "<a href=\"\(v.e(CustomerPages.path(c.customerId)))\">\(v.e(c.customerId))</a>"
                : "<code>\(v.e(pseudonym(c.customerId, workspace)))</code>"
            return [
                who, "<span class=\"num\">\(v.euro(c.result.value))</span>", "<span class=\"num\">\(v.percent(c.result.probabilityAlive))</span>",
                "<span class=\"num\">\(v.decimal(c.result.expectedPurchases, 1))</span>", "<span class=\"why\">\(v.t(c.explanation.summary))</span>",
            ]
        }
        body += "<section class=\"card\"><h2>\(v.t("Mit Risiko und höchstem Wert", "At risk with the highest value"))</h2>"
        if !showIds {
            body +=
                "<p class=\"muted small\">\(v.t("Ihre Rolle sieht Pseudonyme statt Kundennummern.", "Your role sees pseudonyms instead of customer ids."))</p>"
        }
        body +=
            rows.isEmpty
            ? v.empty(v.t("Niemand mit Abwanderungsrisiko.", "Nobody at churn risk."))
            : v.table(
                [
                    showIds ? v.t("Kunde", "Customer") : v.t("Pseudonym", "Pseudonym"), v.t("Wert", "Value"), v.t("Noch aktiv", "Still active"),
                    v.t("Erw. Käufe", "Exp. purchases"), v.t("Warum", "Why"),
                ], rows)
        body += "</section><p class=\"muted small\">\(v.t("Auf der Kommandozeile:", "On the command line:")) \(v.command("obhut clv"))</p>"
        return v.page(title, body)
    }

    /// The keyed pseudonym of a customer for the `clv` activity, as the API names it
    /// ("p_…", `PersonReference`): the same person has the same pseudonym on both.
    static func pseudonym(_ customerId: String, _ workspace: Workspace) -> String {
        workspace.store.keys.pseudonymiser(activity: "api:clv").pseudonym(customerId)
    }
}
