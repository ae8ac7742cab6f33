import Foundation
import GRDB
import Hummingbird
import Obhut
import ObhutCore
import ObhutStore

/// `GET /`: the first screen after sign-in. Counts, data quality, last runs, open subject
/// requests and access alerts, each shown only to roles that hold the matching permission
/// (counts are aggregates, never people).
enum OverviewPage {
    static func render(_ request: Request, _ context: AppContext, _ services: ServerServices) throws -> Response {
        let principal = try context.require(.overview)
        let v = DashboardRoutes.view(request, context)
        let workspace = services.workspace
        var body =
            "<p class=\"lead\">\(v.t("Willkommen, ", "Welcome, "))\(v.e(principal.user.name)). \(v.t("Hier sehen Sie, was Ihre Rolle sehen darf", "Here is what your role may see")) (\(v.t(principal.role.title))).</p>"

        let counts = try workspace.store.counts()
        var metrics: [String] = []
        func metric(_ value: String, _ label: String, _ tone: String = "") {
            metrics.append("<div class=\"metric \(tone)\"><div class=\"value\">\(value)</div><div class=\"label\">\(label)</div></div>")
        }
        if principal.may(.aggregates) || principal.may(.customerDetail) {
            metric(v.count(counts[.customers] ?? 0), v.t("Kunden", "Customers"))
            metric(v.count(counts[.orders] ?? 0), v.t("Bestellpositionen", "Order lines"))
        }
        if principal.may(.feedback) { metric(v.count(counts[.feedback] ?? 0), v.t("Feedback-Texte", "Feedback texts")) }
        if principal.may(.leads) { metric(v.count(counts[.leads] ?? 0), v.t("Leads", "Leads")) }
        if principal.may(.quality) {
            let score = try QualityReport.compute(for: workspace).score
            metric(
                "\(score)<span class=\"muted small\">/100</span>", v.t("Datenqualität", "Data quality"),
                score >= 80 ? "good" : score >= 60 ? "warn" : "bad")
        }
        var openRequests: [SubjectRequest] = []
        if principal.may(.subjectRequests) {
            openRequests = try SubjectRights(workspace: workspace, actor: principal.actor).requests().filter { $0.completedAt == nil }
            metric(v.count(openRequests.count), v.t("Offene Betroffenenanfragen", "Open subject requests"), openRequests.isEmpty ? "good" : "warn")
        }
        var alerts: [AccessAlert] = []
        if principal.may(.privacyCockpit) {
            alerts = try AccessAlert.list(in: workspace, limit: 5).filter { !$0.acknowledged }
            metric(v.count(alerts.count), v.t("Zugriffsalarme", "Access alerts"), alerts.isEmpty ? "good" : "bad")
        }
        if !metrics.isEmpty { body += "<div class=\"metrics\">\(metrics.joined())</div>" }

        var cards: [String] = []
        if principal.may(.runs) || principal.may(.aggregates) {
            let runs = try WorkspaceStatus(workspace: workspace).recentRuns
            let rows = runs.map { run -> [String] in
                [
                    "#\(run.id)", v.e(run.activity), v.dateTime(run.startedAt), status(run.status, v),
                    "<span class=\"num\">\(v.count(run.people))</span>",
                ]
            }
            cards.append(
                "<section class=\"card wide\"><h2>\(v.t("Letzte Auswertungsläufe", "Last analysis runs"))</h2>"
                    + (rows.isEmpty
                        ? v.empty(v.t("Noch keine Läufe.", "No runs yet."), command: "obhut run ACTIVITY")
                        : v.table(
                            [
                                v.t("Lauf", "Run"), v.t("Tätigkeit", "Activity"), v.t("Beginn (UTC)", "Started (UTC)"), v.t("Status", "Status"),
                                v.t("Personen", "People"),
                            ],
                            rows)) + "</section>")
        }
        if principal.may(.subjectRequests) {
            let now = workspace.clock()
            let items = openRequests.prefix(5).map { r -> String in
                "<li>\(v.t(r.kind.title)) · \(v.t("Frist", "due")) \(v.day(r.deadline))\(r.deadline < now ? " <span class=\"badge bad\">\(v.t("überfällig", "overdue"))</span>" : "")</li>"
            }.joined()
            cards.append(
                "<section class=\"card\"><h2>\(v.t("Offene Betroffenenanfragen", "Open subject requests"))</h2>"
                    + (items.isEmpty ? v.empty(v.t("Keine offenen Anfragen.", "No open requests.")) : "<ul class=\"plain\">\(items)</ul>")
                    + "<p class=\"small\"><a href=\"/privacy#requests\">\(v.t("Zum Datenschutz-Cockpit", "To the privacy cockpit"))</a></p></section>"
            )
        }
        if principal.may(.privacyCockpit) {
            let items = alerts.map { a -> String in
                "<li><span class=\"badge bad\">\(v.t("Alarm", "Alert"))</span> \(v.e(a.user)) (\(v.e(a.role))): \(v.count(a.people)) \(v.t("Personen in einer Stunde", "people within one hour")) · \(v.dateTime(a.raisedAt))</li>"
            }.joined()
            cards.append(
                "<section class=\"card\"><h2>\(v.t("Zugriffsalarme", "Access alerts"))</h2>"
                    + (items.isEmpty
                        ? v.empty(
                            v.t(
                                "Keine Alarme: niemand hat ungewöhnlich viele Personen gelesen.",
                                "No alerts: nobody read an unusual number of people.")) : "<ul class=\"plain\">\(items)</ul>")
                    + "</section>")
        }
        let shortcuts = DashboardNavigation.entries(for: principal.role).filter { $0.path != "/" }.map { entry -> String in
            "<li><a href=\"\(entry.path)\">\(v.t(entry.title))</a> <span class=\"muted\">— \(v.t(entry.summary))</span></li>"
        }.joined()
        if !shortcuts.isEmpty {
            cards.append("<section class=\"card\"><h2>\(v.t("Ihre Seiten", "Your pages"))</h2><ul class=\"plain\">\(shortcuts)</ul></section>")
        }
        body += "<div class=\"grid\">\(cards.joined())</div>"
        return v.page(Localized(de: "Übersicht", en: "Overview"), body)
    }

    static func status(_ s: String, _ v: DashboardView) -> String {
        switch s {
        case "completed": "<span class=\"badge ok\">\(v.t("abgeschlossen", "completed"))</span>"
        case "refused": "<span class=\"badge warn\">\(v.t("abgelehnt (Pre-Flight)", "refused (pre-flight)"))</span>"
        case "failed": "<span class=\"badge bad\">\(v.t("fehlgeschlagen", "failed"))</span>"
        case "running": "<span class=\"badge neutral\">\(v.t("läuft", "running"))</span>"
        case "interrupted": "<span class=\"badge bad\">\(v.t("abgebrochen (Prozess beendet)", "interrupted (process ended)"))</span>"
        default: "<span class=\"badge neutral\">\(v.e(s))</span>"
        }
    }
}
