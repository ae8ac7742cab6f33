import Foundation
import Hummingbird
import Obhut
import ObhutCore

/// The customer pages: search (`/customers`), one record (`/customers/{id}`) and the forms that
/// carry out a person's rights from it (export, restriction, objection, erasure).
///
/// The search is a POST form so that an e-mail address never lands in a URL, a browser history
/// or a proxy log. Reading goes through `CustomerAccess` (role masking, audit entry, access
/// monitor); the rights go through `SubjectRights` with the signed-in person as actor.
enum CustomerPages {
    static func register(on router: Router<AppContext>, services: ServerServices) {
        router.get("/customers") { request, context -> Response in
            let principal = try context.require(.customerDetail)
            return searchPage(DashboardRoutes.view(request, context), principal, query: "", results: nil, error: nil)
        }
        router.post("/customers") { request, context -> Response in
            let principal = try context.require(.customerDetail)
            let v = DashboardRoutes.view(request, context)
            let query = try await DashboardRoutes.form(request, context)["q"] ?? ""
            do {
                let results = try await CustomerAccess(services: services).search(query, principal: principal)
                return searchPage(v, principal, query: query, results: results, error: nil)
            } catch let e as APIError where e.status == .badRequest {
                return searchPage(v, principal, query: query, results: nil, error: e.message[v.l], status: .badRequest)
            }
        }
        router.get("/customers/{id}") { request, context -> Response in
            let principal = try context.require(.customerDetail)
            let id = try context.parameters.require("id")
            let detail = try await CustomerAccess(services: services).detail(id, principal: principal)
            let purposes = (try? services.workspace.register().purposes) ?? Purpose.defaults
            let done = request.uri.queryParameters["done"].map(String.init)
            return CustomerDetailPage.render(DashboardRoutes.view(request, context), principal, detail, purposes: purposes, done: done)
        }
        CustomerRightsForms.register(on: router, services: services)
    }

    static func searchPage(
        _ v: DashboardView, _ principal: Principal, query: String, results: [CustomerView]?, error: String?, status: HTTPResponse.Status = .ok
    ) -> Response {
        let broad = principal.may(.customerSearch)
        let hint =
            broad
            ? v.t(
                "Kundennummer, E-Mail-Adresse oder Anfang einer Kundennummer (höchstens 20 Treffer). Namen sind verschlüsselt gespeichert; nach ihnen wird nicht gesucht.",
                "Customer id, e-mail address or the start of a customer id (at most 20 hits). Names are stored encrypted and cannot be searched.")
            : v.t(
                "Genau eine Kundennummer oder E-Mail-Adresse: Ihre Rolle sieht eine Person auf einmal, keine Listen.",
                "Exactly one customer id or e-mail address: your role sees one person at a time, no lists.")
        var body = """
            <section class="card"><form class="search" method="post" action="/customers">\(v.csrfField)
            <div><label for="q">\(broad ? v.t("Suche", "Search") : v.t("Nachschlagen", "Look up"))</label>\
            <input type="search" id="q" name="q" value="\(v.e(query))" autocomplete="off" required aria-describedby="q-hint"></div>
            <button type="submit">\(broad ? v.t("Suchen", "Search") : v.t("Nachschlagen", "Look up"))</button></form>
            <p class="muted small" id="q-hint">\(hint) \(v.t("Jede Anzeige einer Person wird protokolliert.", "Every person shown is logged."))</p></section>
            """
        if let error { body += "<p class=\"notice bad\" role=\"alert\">\(v.e(error))</p>" }
        if let results {
            if results.isEmpty {
                body += "<section class=\"card\">" + v.empty(v.t("Keine Person gefunden.", "Nobody found.")) + "</section>"
            } else {
                let rows = results.map { c -> [String] in
                    [
                        "<a href=\"\(v.e(path(c.id)))\">\(v.e(c.id))</a>",
                        shown(
                            [c.firstName, c.lastName].compactMap { $0 }.joined(separator: " "),
                            masked: c.masked.contains("lastName") || c.masked.contains("firstName"), c, principal, v),
                        shown(c.email ?? "", masked: c.masked.contains("email"), c, principal, v),
                        v.e(c.country ?? "–"),
                        consentBadges(c.consents, v),
                    ]
                }
                body += "<section class=\"card\"><h2>\(v.t("Treffer", "Results")) (\(results.count))</h2>"
                body += v.table(
                    [
                        v.t("Kundennummer", "Customer id"), v.t("Name", "Name"), v.t("E-Mail", "E-mail"), v.t("Land", "Country"),
                        v.t("Einwilligungen", "Consents"),
                    ], rows)
                body += "</section>"
            }
        }
        return v.page(Localized(de: "Kunden", en: "Customers"), body, status: status)
    }

    /// A field's value, or why it is hidden.
    static func shown(_ value: String, masked: Bool, _ c: CustomerView, _ principal: Principal, _ v: DashboardView) -> String {
        if masked { return "<span class=\"hidden-field\">\(hiddenReason(c, principal, v))</span>" }
        return value.isEmpty ? "<span class=\"muted\">–</span>" : v.e(value)
    }

    /// "hidden: no marketing consent" for marketing, "hidden for your role" for the others.
    static func hiddenReason(_ c: CustomerView, _ principal: Principal, _ v: DashboardView) -> String {
        if principal.may(.marketingContacts) && c.consents["marketing"] != true {
            return v.t("verborgen: keine Marketing-Einwilligung", "hidden: no marketing consent")
        }
        return v.t("verborgen für Ihre Rolle", "hidden for your role")
    }

    static func consentBadges(_ consents: [String: Bool], _ v: DashboardView) -> String {
        consents.keys.sorted().map { purpose -> String in
            consents[purpose] == true
                ? "<span class=\"badge ok\">\(v.e(purpose))</span>" : "<span class=\"badge neutral\">\(v.e(purpose)) ✕</span>"
        }.joined(separator: " ")
    }

    /// The path of a customer's page; ids are percent-encoded as one path segment.
    static func path(_ id: String, _ suffix: String = "") -> String {
        "/customers/" + (id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? id) + suffix
    }
}
