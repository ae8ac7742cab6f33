import Foundation
import Hummingbird
import Obhut
import ObhutAnalytics
import ObhutCore

/// One customer's record as the role may see it: personal fields (or why they are hidden),
/// consent per purpose, restrictions, orders, and every derived result with its "why" and
/// model version; for roles with `subjectRights`, the forms that carry out the person's rights.
enum CustomerDetailPage {
    static func render(_ v: DashboardView, _ principal: Principal, _ d: CustomerDetail, purposes: [Purpose], done: String?) -> Response {
        let c = d.customer
        var body = ""
        switch done {
        case "restrict":
            body +=
                "<p class=\"notice\" role=\"status\">\(v.t("Die Verarbeitung ist eingeschränkt; Ergebnisse wurden entfernt.", "Processing is restricted; results were removed."))</p>"
        case "object":
            body +=
                "<p class=\"notice\" role=\"status\">\(v.t("Der Widerspruch ist vermerkt; Ergebnisse dieses Zwecks wurden entfernt.", "The objection is recorded; results of that purpose were removed."))</p>"
        default: break
        }
        func field(_ name: String, _ value: String?) -> String { CustomerPages.shown(value ?? "", masked: c.masked.contains(name), c, principal, v) }
        let name = [c.firstName, c.lastName].compactMap { $0 }.joined(separator: " ")
        let address = [c.street, [c.postalCode, c.city].compactMap { $0 }.joined(separator: " ")].compactMap { $0 }.filter { !$0.isEmpty }
            .joined(separator: ", ")
        let addressMasked = c.masked.contains("street") || c.masked.contains("city")
        body += """
            <div class="grid"><section class="card"><h2>\(v.t("Person", "Person"))</h2><dl class="facts">
            <dt>\(v.t("Kundennummer", "Customer id"))</dt><dd><code>\(v.e(c.id))</code></dd>
            <dt>\(v.t("Name", "Name"))</dt><dd>\(CustomerPages.shown(name, masked: c.masked.contains("firstName") || c.masked.contains("lastName"), c, principal, v))</dd>
            <dt>\(v.t("E-Mail", "E-mail"))</dt><dd>\(field("email", c.email))</dd>
            <dt>\(v.t("Telefon", "Phone"))</dt><dd>\(field("phone", c.phone))</dd>
            <dt>\(v.t("Anschrift", "Address"))</dt><dd>\(CustomerPages.shown(address, masked: addressMasked, c, principal, v))</dd>
            <dt>\(v.t("Geburtsdatum", "Birth date"))</dt><dd>\(field("birthDate", c.birthDate))</dd>
            <dt>\(v.t("Land, Sprache", "Country, language"))</dt><dd>\(v.e(c.country ?? "–")), \(v.e(c.language ?? "–"))</dd>
            <dt>\(v.t("Kunde seit", "Customer since"))</dt><dd>\(c.createdAt.map(v.day) ?? "–")</dd>
            </dl></section>
            """
        let purposeRows = purposes.map { p -> [String] in
            let state: String
            switch c.consents[p.id.rawValue] {
            case true?: state = "<span class=\"badge ok\">\(v.t("erteilt", "granted"))</span>"
            case false?: state = "<span class=\"badge bad\">\(v.t("widerrufen", "withdrawn"))</span>"
            case nil:
                state =
                    p.legalBasis.requiresConsent
                    ? "<span class=\"badge neutral\">\(v.t("nie erteilt", "never given"))</span>"
                    : "<span class=\"muted small\">\(v.t("nicht nötig", "not needed"))</span>"
            }
            return [v.t(p.title), state, "<span class=\"small muted\">\(v.t(p.legalBasis.title))</span>"]
        }
        let restrictions =
            d.restrictions.isEmpty
            ? "<p class=\"muted\">\(v.t("Keine Einschränkung, kein Widerspruch.", "No restriction, no objection."))</p>"
            : "<ul class=\"plain\">"
                + d.restrictions.map { r -> String in
                    let parts = r.split(separator: ":", maxSplits: 1).map(String.init)
                    let kind = parts.first == "restrict" ? v.t("Einschränkung", "Restriction") : v.t("Widerspruch", "Objection")
                    return
                        "<li><span class=\"badge warn\">\(kind)</span> \(parts.count > 1 ? v.e(parts[1]) : v.t("alle Zwecke", "all purposes"))</li>"
                }.joined() + "</ul>"
        body += """
            <section class="card"><h2>\(v.t("Einwilligungen je Zweck", "Consent per purpose"))</h2>\
            \(v.table([v.t("Zweck", "Purpose"), v.t("Stand", "State"), v.t("Rechtsgrundlage", "Legal basis")], purposeRows))
            <h3>\(v.t("Einschränkungen und Widersprüche", "Restrictions and objections"))</h3>\(restrictions)
            <h3>\(v.t("Bestellungen", "Orders"))</h3><p>\(v.count(d.orders.orders)) \(d.orders.orders == 1 ? v.t("Bestellung", "order") : v.t("Bestellungen", "orders")), \(v.count(d.orders.lines)) \(d.orders.lines == 1 ? v.t("Position", "line") : v.t("Positionen", "lines"))\
            \(d.orders.first.map { " · " + v.day($0) } ?? "")\(d.orders.last.map { " – " + v.day($0) } ?? "")</p></section></div>
            """
        body += derivedSection(v, d.derived)
        if let feedback = d.feedback, !feedback.isEmpty {
            let items = feedback.prefix(10).map { f -> String in
                "<li><span class=\"badge neutral\">\(v.e(f.kind))</span>\(f.rating.map { " \($0)/5" } ?? "") · \(v.day(f.createdAt))<br>\(v.e(f.text))</li>"
            }.joined()
            body +=
                "<section class=\"card\"><h2>\(v.t("Nachrichten und Bewertungen", "Messages and reviews"))</h2><ul class=\"plain\">\(items)</ul></section>"
        }
        if principal.may(.subjectRights) { body += CustomerRightsForms.section(v, customerId: c.id, purposes: purposes) }
        return v.page(Localized(de: "Kunde \(c.id)", en: "Customer \(c.id)"), body)
    }

    static func derivedSection(_ v: DashboardView, _ derived: [CustomerDetail.Derived]) -> String {
        guard !derived.isEmpty else {
            return "<section class=\"card\"><h2>\(v.t("Auswertungen", "Analyses"))</h2>"
                + v.empty(
                    v.t(
                        "Keine Ergebnisse, die Ihre Rolle sehen darf (oder die Person ist in keinem Scope).",
                        "No results your role may see (or the person is in no scope)."))
                + "</section>"
        }
        let items = derived.map { r -> String in
            // Recommendations list their reasons per product already.
            let factors = (r.kind == "recommendation" ? [] : r.why.factors.prefix(6)).map { "<li>\(v.t($0.name)): \(v.e($0.value))</li>" }.joined()
            return """
                <li><div><strong>\(v.t(title(r.kind)))</strong>\(r.stale ? " <span class=\"badge warn\">\(v.t("veraltet", "stale"))</span>" : "")</div>\
                \(valueText(r, v))<div class="why"><strong>\(v.t("Warum:", "Why:"))</strong> \(v.t(r.why.summary))</div>\
                \(factors.isEmpty ? "" : "<ul class=\"factors\">\(factors)</ul>")\
                <div class="muted small">\(v.t("Modell", "Model")) \(v.e(r.modelVersion)) · \(v.e(r.activity)) · \(v.day(r.createdAt))</div></li>
                """
        }.joined()
        return
            "<section class=\"card\"><h2>\(v.t("Auswertungen mit Begründung", "Analyses with their reasons"))</h2><ul class=\"plain\">\(items)</ul></section>"
    }

    static func title(_ kind: String) -> Localized {
        switch kind {
        case "segment": Localized(de: "Segment", en: "Segment")
        case "clv": Localized(de: "Kundenwert", en: "Lifetime value")
        case "recommendation": Localized(de: "Empfehlungen", en: "Recommendations")
        case "rebuy-due": Localized(de: "Wiederkauf fällig", en: "Due to buy again")
        default: Localized(de: kind, en: kind)
        }
    }

    /// The value of a derived result in words, where its shape is known (else nothing: the
    /// explanation's summary says it).
    static func valueText(_ r: CustomerDetail.Derived, _ v: DashboardView) -> String {
        // Read with `JSONNode`, not `JSONDecoder`: this ran for every result on every page view.
        guard let json = try? JSONNode(parsing: r.value) else { return "" }
        switch r.kind {
        case "recommendation":
            guard let items = json.array, let list = try? items.prefix(5).map(RecommendedProduct.init(json:)), !list.isEmpty else { return "" }
            return "<ol class=\"small\">"
                + list.map { "<li>\(v.e($0.name)) — <span class=\"muted\">\(v.t($0.reason))</span></li>" }.joined() + "</ol>"
        case "clv":
            guard let c = try? CLVResult(json: json) else { return "" }
            return
                "<p>\(v.euro(c.value)) \(v.t("in \(c.horizonMonths) Monaten", "over \(c.horizonMonths) months")) · \(v.t("noch aktiv", "still active")) \(v.percent(c.probabilityAlive))\(c.churnRisk ? " <span class=\"badge warn\">\(v.t("Abwanderungsrisiko", "churn risk"))</span>" : "")</p>"
        case "segment":
            guard let raw = json["segment"]?.string, let s = RFMSegment(rawValue: raw) else { return "" }
            return "<p><span class=\"badge ok\">\(v.t(s.germanName, s.englishName))</span></p>"
        default: return ""
        }
    }
}
