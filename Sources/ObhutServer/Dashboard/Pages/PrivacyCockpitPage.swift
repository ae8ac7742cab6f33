import Foundation
import GRDB
import Hummingbird
import Obhut
import ObhutCore
import ObhutStore

/// `GET /privacy`: the data-protection officer's cockpit on one page. Consent coverage per
/// purpose, the register with approval and pre-flight status of every activity, subject
/// requests with their deadlines (overdue in red), what retention would delete now (dry run),
/// the state of the audit chain, access alerts and open breach cases with the hours left of
/// their 72 hours (Art. 33). Each part names the CLI command that goes deeper.
enum PrivacyCockpitPage {
    static func render(_ request: Request, _ context: AppContext, _ services: ServerServices) async throws -> Response {
        let principal = try context.require(.privacyCockpit)
        let v = DashboardRoutes.view(request, context)
        let workspace = services.workspace
        let now = workspace.clock()

        let requests = try SubjectRights(workspace: workspace, actor: principal.actor).requests()
        let open = requests.filter { $0.completedAt == nil }
        let overdue = open.filter { $0.deadline < now }
        // The expensive checks (seconds each at a million customers) are kept for two minutes;
        // the page says when they ran and offers a refresh. The register's file date is part
        // of the key, so an approval shows at once.
        let refresh = request.uri.queryParameters["refresh"] == "1"
        let registerDate =
            (try? FileManager.default.attributesOfItem(atPath: workspace.directory.appendingPathComponent(ProcessingRegister.fileName).path)[
                .modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        // The checks read the whole audit log and every table (seconds at a million customers):
        // off the cooperative threads, which serve every other request meanwhile.
        let (verification, checkedAt, retention, preflights) = try await Offload.run {
            let (verification, checkedAt) = try services.cache.value("verify", now: now, refresh: refresh) { try workspace.store.verifyAudit() }
            let (retention, _) = try services.cache.value("retention", now: now, refresh: refresh) {
                try Retention(workspace: workspace, actor: principal.actor).run(dryRun: true)
            }
            let (preflights, _) = services.cache.value("preflight:\(registerDate)", now: now, refresh: refresh) {
                let register = try? workspace.register()
                return (try? PrivacyKernel(workspace: workspace, actor: principal.actor).preflights(register?.activities.map(\.name) ?? [])) ?? [:]
            }
            return (verification, checkedAt, retention, preflights)
        }
        let alerts = try AccessAlert.list(in: workspace, limit: 20)
        let breaches = try BreachDesk(workspace: workspace, actor: principal.actor).list()

        var body =
            "<p class=\"lead\">\(v.t("Alles, was die/der Datenschutzbeauftragte im Blick haben muss, auf einer Seite. Rot heißt: jetzt handeln.", "Everything the data-protection officer has to keep an eye on, on one page. Red means: act now."))</p>"
            + "<p class=\"small muted\">\(v.t("Prüfungen (Protokollkette, Pre-Flight, Aufbewahrung) von", "Checks (audit chain, pre-flight, retention) as of")) \(v.e(v.dateTime(checkedAt))) · <a href=\"/privacy?refresh=1\">\(v.t("jetzt neu prüfen", "check again now"))</a></p>"
        body += """
            <div class="metrics">
            <div class="metric \(overdue.isEmpty ? (open.isEmpty ? "good" : "warn") : "bad")"><div class="value">\(open.count)</div><div class="label">\(v.t("offene Anfragen", "open requests"))\(overdue.isEmpty ? "" : ", \(overdue.count) \(v.t("überfällig", "overdue"))")</div></div>
            <div class="metric \(verification.isIntact ? "good" : "bad")"><div class="value">\(verification.isIntact ? v.t("intakt", "intact") : v.t("verletzt", "broken"))</div><div class="label">\(v.t("Protokollkette", "Audit chain"))</div></div>
            <div class="metric \(alerts.contains { !$0.acknowledged } ? "bad" : "good")"><div class="value">\(alerts.filter { !$0.acknowledged }.count)</div><div class="label">\(v.t("Zugriffsalarme", "Access alerts"))</div></div>
            <div class="metric \(breaches.isEmpty ? "good" : "bad")"><div class="value">\(breaches.count)</div><div class="label">\(v.t("offene Datenpannen", "open breach cases"))</div></div>
            <div class="metric \(retention.customersErased > 0 ? "warn" : "good")"><div class="value">\(v.count(retention.customersErased))</div><div class="label">\(v.t("Personen zur Löschung fällig", "people due for erasure"))</div></div>
            </div>
            """
        body += try consentSection(v, workspace)
        body += try registerSection(v, workspace, preflights)
        body += requestsSection(v, requests, now: now)
        body += "<div class=\"grid\">"
        body += retentionSection(v, retention)
        body += auditSection(v, verification)
        body += "</div><div class=\"grid\">"
        body += alertsSection(v, alerts)
        body += breachSection(v, breaches, now: now)
        body += "</div>"
        return v.page(Localized(de: "Datenschutz-Cockpit", en: "Privacy cockpit"), body)
    }

    static func consentSection(_ v: DashboardView, _ workspace: Workspace) throws -> String {
        let (granted, total) = try workspace.store.writer.read { db -> ([String: Int], Int) in
            var out: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT purpose, SUM(granted) AS n FROM consent_state GROUP BY purpose") {
                let purpose: String = row["purpose"]
                let n: Int = row["n"] ?? 0
                out[purpose] = n
            }
            return (out, try Int.fetchOne(db, sql: "SELECT count(*) FROM customer") ?? 0)
        }
        let purposes = (try? workspace.register().purposes) ?? Purpose.defaults
        let share = { (n: Int) in Double(n) / Double(max(1, total)) }
        let consentPurposes = purposes.filter { $0.legalBasis.requiresConsent }
        let bars = consentPurposes.map { p in
            BarChart.Bar(
                label: p.title[v.l], value: share(granted[p.id.rawValue] ?? 0) * 100, valueText: v.percent(share(granted[p.id.rawValue] ?? 0)))
        }
        var chart = BarChart(
            title: v.l == .de ? "Anteil der Kunden mit Einwilligung je Zweck" : "Share of customers with consent per purpose", bars: bars,
            maximum: 100)
        chart.colour = Chart.accent
        let rows = purposes.map { p -> [String] in
            let n = granted[p.id.rawValue] ?? 0
            return [
                "<strong>\(v.t(p.title))</strong>", "<span class=\"small\">\(v.t(p.legalBasis.title))</span>",
                p.legalBasis.requiresConsent
                    ? "<span class=\"num\">\(v.count(n))</span>"
                    : "<span class=\"muted small\">\(v.t("keine Einwilligung nötig", "no consent needed"))</span>",
                p.legalBasis.requiresConsent ? FeedbackPage.meter(share(n), v) : "",
            ]
        }
        return "<section class=\"card\" id=\"consent\"><h2>\(v.t("Einwilligungen je Zweck", "Consent coverage per purpose"))</h2>"
            + v.figure(chart.svg(), caption: v.t("Von \(v.count(total)) Kunden.", "Of \(v.count(total)) customers."), table: "")
            + v.table(
                [v.t("Zweck", "Purpose"), v.t("Rechtsgrundlage", "Legal basis"), v.t("mit Einwilligung", "with consent"), v.t("Anteil", "Share")],
                rows)
            + "<p class=\"muted small\">\(v.command("obhut consent grant CUSTOMER marketing"))</p></section>"
    }

    static func registerSection(_ v: DashboardView, _ workspace: Workspace, _ preflights: [String: PreflightReport]) throws -> String {
        let register = try workspace.register()
        let rows = register.activities.map { a -> [String] in
            let approval =
                a.approval.map {
                    "<span class=\"badge ok\">\(v.t("freigegeben", "approved"))</span><div class=\"small muted\">\(v.e($0.by)), \(v.day($0.at))</div>"
                }
                ?? "<span class=\"badge bad\">\(v.t("nicht freigegeben", "not approved"))</span>"
            let preflight: String
            if let report = preflights[a.name] {
                let problems = report.items.filter { $0.status != .ok }
                preflight =
                    (report.passed
                        ? "<span class=\"badge ok\">\(v.t("bestanden", "passed"))</span>"
                        : "<span class=\"badge bad\">\(v.t("nicht bestanden", "failed"))</span>")
                    + " <span class=\"small muted\">\(v.count(report.peopleInScope)) / \(v.count(report.populationTotal)) "
                    + (report.population == .feedbackAuthors
                        ? v.t("Personen mit Feedback im Scope", "people with feedback in scope") : v.t("im Scope", "in scope")) + "</span>"
                    + (problems.isEmpty
                        ? ""
                        : "<ul class=\"factors\">"
                            + problems.prefix(3).map { "<li>\($0.status == .fail ? "✗" : "!") \(v.t($0.message))</li>" }.joined() + "</ul>")
            } else {
                preflight = "<span class=\"badge neutral\">\(v.t("nicht prüfbar", "cannot check"))</span>"
            }
            return [
                "<strong>\(v.e(a.name))</strong><div class=\"small muted\">\(v.t(a.description))</div>",
                "\(v.e(a.purpose.rawValue))<div class=\"small muted\">\(v.t("Art. 6 Abs. 1 lit. ", "Art. 6(1)(") + v.e(a.legalBasis.rawValue) + (v.l == .de ? "" : ")"))</div>",
                approval, preflight, v.command("obhut preflight \(a.name)"),
            ]
        }
        return
            "<section class=\"card\" id=\"register\"><h2>\(v.t("Verzeichnis der Verarbeitungstätigkeiten", "Record of processing activities"))</h2>"
            + v.table(
                [
                    v.t("Tätigkeit", "Activity"), v.t("Zweck", "Purpose"), v.t("Freigabe", "Approval"), v.t("Pre-Flight", "Pre-flight"),
                    v.t("Befehl", "Command"),
                ], rows)
            + "<p class=\"muted small\">\(v.command("obhut register")) · \(v.command("obhut register approve ACTIVITY --by NAME"))</p></section>"
    }

    static func requestsSection(_ v: DashboardView, _ requests: [SubjectRequest], now: Date) -> String {
        let rows = requests.prefix(30).map { r -> String in
            let overdue = r.completedAt == nil && r.deadline < now
            let status: String =
                if let done = r.completedAt {
                    "<span class=\"badge ok\">\(v.t("erledigt", "done"))</span> <span class=\"small muted\">\(v.day(done))</span>"
                } else if overdue {
                    "<span class=\"badge bad\">\(v.t("überfällig", "overdue"))</span>"
                } else {
                    "<span class=\"badge warn\">\(v.t("offen", "open"))</span>"
                }
            // Whole days, counted towards zero: "10 days ago" for 10.2 days, "30 days left" for 30.9.
            let daysLeft = Int(r.deadline.timeIntervalSince(now) / 86_400)
            let deadline =
                r.completedAt == nil
                ? "\(v.day(r.deadline)) <span class=\"\(overdue ? "overdue-text" : "small muted")\">(\(overdue ? v.t("seit \(-daysLeft) Tagen", "\(-daysLeft) days ago") : v.t("noch \(daysLeft) Tage", "\(daysLeft) days left")))</span>"
                : v.day(r.deadline)
            return
                "<tr\(overdue ? " class=\"overdue\"" : "")><td>#\(r.id)</td><td>\(v.t(r.kind.title))</td><td><code>\(v.e(String(r.subject.prefix(12))))…</code></td>"
                + "<td>\(v.day(r.receivedAt))</td><td>\(deadline)</td><td>\(status)</td></tr>"
        }.joined()
        let head = [
            v.t("Nr.", "No."), v.t("Art", "Kind"), v.t("Person (Token)", "Person (token)"), v.t("Eingang", "Received"), v.t("Frist", "Deadline"),
            v.t("Stand", "State"),
        ]
        return "<section class=\"card\" id=\"requests\"><h2>\(v.t("Betroffenenanfragen", "Subject requests"))</h2>"
            + (requests.isEmpty
                ? v.empty(v.t("Noch keine Anfragen.", "No requests yet."))
                : "<div class=\"table-wrap\"><table><thead><tr>" + head.map { "<th scope=\"col\">\($0)</th>" }.joined()
                    + "</tr></thead><tbody>\(rows)</tbody></table></div>")
            + "<p class=\"muted small\">\(v.t("Frist: ein Monat ab Eingang (Art. 12 Abs. 3 DSGVO). Personen erscheinen nur als Token.", "Deadline: one month from receipt (GDPR Art. 12(3)). People appear as tokens only.")) \(v.command("obhut subject requests"))</p></section>"
    }

    static func retentionSection(_ v: DashboardView, _ r: RetentionReport) -> String {
        var facts = """
            <dt>\(v.t("Kunden zu löschen", "Customers to erase"))</dt><dd>\(v.count(r.customersErased))</dd>
            <dt>\(v.t("Feedback zu löschen", "Feedback to delete"))</dt><dd>\(v.count(r.feedbackDeleted))</dd>
            <dt>\(v.t("Leads zu löschen", "Leads to delete"))</dt><dd>\(v.count(r.leadsDeleted))</dd>
            <dt>\(v.t("Bestellpositionen nach gesetzlicher Frist", "Order lines past the legal period"))</dt><dd>\(v.count(r.orderLinesDeleted))</dd>
            """
        for (activity, n) in r.derivedResultsDeleted.sorted(by: { $0.key < $1.key }) where n > 0 {
            facts += "<dt>\(v.t("Ergebnisse", "Results")) \(v.e(activity))</dt><dd>\(v.count(n))</dd>"
        }
        facts += """
            <dt>\(v.t("Einwilligungen zur Erneuerung", "Consents to renew"))</dt><dd>\(v.count(r.consentsToRenew))</dd>
            <dt>\(v.t("in 90 Tagen fällig", "due within 90 days"))</dt><dd>\(v.count(r.customersDueSoon))</dd>
            """
        return "<section class=\"card\" id=\"retention\"><h2>\(v.t("Aufbewahrung: jetzt fällig", "Retention: due now"))</h2>"
            + "<p class=\"muted small\">\(v.t("Probelauf, nichts wurde gelöscht.", "Dry run, nothing was deleted."))</p><dl class=\"facts\">\(facts)</dl>"
            + "<p class=\"muted small\">\(v.command("obhut retention --dry-run")) · \(v.command("obhut retention"))</p></section>"
    }

    static func auditSection(_ v: DashboardView, _ a: AuditVerification) -> String {
        "<section class=\"card\" id=\"audit\"><h2>\(v.t("Zugriffsprotokoll", "Audit log"))</h2>"
            + "<p>\(a.isIntact ? "<span class=\"badge ok\">\(v.t("intakt", "intact"))</span>" : "<span class=\"badge bad\">\(v.t("verletzt", "broken"))</span>") \(v.e(a.message(de: v.l == .de)))</p>"
            + "<p class=\"muted small\">\(v.t("Jeder Eintrag enthält den Hash des vorigen; signierte Prüfpunkte erkennen auch ein abgeschnittenes Ende.", "Each entry holds the hash of the one before; signed checkpoints detect a cut-off tail too.")) \(v.command("obhut audit verify")) · \(v.command("obhut audit log"))</p></section>"
    }

    static func alertsSection(_ v: DashboardView, _ alerts: [AccessAlert]) -> String {
        let items = alerts.map { a -> String in
            "<li>\(a.acknowledged ? "<span class=\"badge neutral\">\(v.t("gesehen", "seen"))</span>" : "<span class=\"badge bad\">\(v.t("Alarm", "Alert"))</span>") <strong>\(v.e(a.user))</strong> (\(v.e(a.role))) \(v.t("las", "read")) \(v.count(a.people)) \(v.t("Personen in einer Stunde", "people within one hour")) · \(v.dateTime(a.windowStart))</li>"
        }.joined()
        return "<section class=\"card\" id=\"alerts\"><h2>\(v.t("Zugriffsalarme", "Access alerts"))</h2>"
            + (items.isEmpty
                ? v.empty(v.t("Keine: niemand hat ungewöhnlich viele Personen gelesen.", "None: nobody read an unusual number of people."))
                : "<ul class=\"plain\">\(items)</ul>")
            + "<p class=\"muted small\">\(v.t("Ein Alarm entsteht, wenn jemand mehr Personen je Stunde liest als die Schwelle (obhut serve --alert-people-per-hour).", "An alert is raised when someone reads more people per hour than the threshold (obhut serve --alert-people-per-hour).")) \(v.command("obhut breach open --from … --to …"))</p></section>"
    }

    static func breachSection(_ v: DashboardView, _ cases: [BreachCase], now: Date) -> String {
        let items = cases.map { c -> String in
            let hours = c.hoursLeft(at: now)
            let left =
                hours < 0
                ? "<span class=\"overdue-text\">\(v.t("Frist seit \(Int(-hours)) Stunden abgelaufen", "deadline passed \(Int(-hours)) hours ago"))</span>"
                : "<span class=\"\(hours < 24 ? "overdue-text" : "")\">\(v.t("noch \(Int(hours)) Stunden", "\(Int(hours)) hours left"))</span>"
            return
                "<li><strong>#\(c.id)</strong> \(v.t("eröffnet", "opened")) \(v.dateTime(c.openedAt)) · \(left)<div class=\"small muted\">\(c.findings.peopleIdentified) \(v.t("Personen erkannt", "people identified")), \(c.findings.entries) \(v.t("Protokolleinträge", "audit entries"))</div> \(v.command("obhut breach show \(c.id)"))</li>"
        }.joined()
        return "<section class=\"card\" id=\"breaches\"><h2>\(v.t("Datenpannen (Art. 33: 72 Stunden)", "Breach cases (Art. 33: 72 hours)"))</h2>"
            + (items.isEmpty ? v.empty(v.t("Keine offenen Fälle.", "No open cases.")) : "<ul class=\"plain\">\(items)</ul>")
            + "<p class=\"muted small\">\(v.command("obhut breach list"))</p></section>"
    }
}
