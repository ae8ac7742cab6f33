import Foundation
import Hummingbird
import Obhut
import ObhutCore

/// Customers over the API: search, detail (masked by role), rectification.
///
/// - `GET /api/customers?q=&limit=` search (admin, marketing) or exact look-up (support, DPO).
/// - `GET /api/customers/{id}` one customer with consents, derived results and their "why".
/// - `PATCH /api/customers/{id}` `{"field": "value"|null, ...}` rectifies fields (Art. 16);
///   derived results of the person become stale.
enum CustomerRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(
            .get, "/api/customers", .api, .permission(.customerDetail),
            Localized(
                de: "Kunden suchen (admin, marketing) oder genau einen nachschlagen (support, dpo)",
                en: "Search customers (admin, marketing) or look up exactly one (support, dpo)"),
            masking: Localized(
                de: "marketing: Namen und Kontaktdaten nur mit Marketing-Einwilligung",
                en: "marketing: names and contact data only with marketing consent")),
        Endpoint(
            .get, "/api/customers/{id}", .api, .permission(.customerDetail),
            Localized(
                de: "Ein Kunde mit Einwilligungen und abgeleiteten Ergebnissen samt Begründung",
                en: "One customer with consents and derived results with their why"),
            masking: Localized(
                de: "marketing: Kontaktdaten nur mit Marketing-Einwilligung; support: keine Profiling-Ergebnisse",
                en: "marketing: contact data only with marketing consent; support: no profiling results")),
        Endpoint(
            .patch, "/api/customers/{id}", .api, .permission(.customerUpdate),
            Localized(de: "Felder berichtigen (Art. 16)", en: "Rectify fields (Art. 16)")),
    ]

    struct SearchResult: Codable, ResponseEncodable {
        var customers: [CustomerView]
    }

    static func register(on router: Router<AppContext>, services: ServerServices) {
        let access = CustomerAccess(services: services)
        router.get("/api/customers") { request, context -> SearchResult in
            let principal = try context.signedIn()
            let q = request.uri.queryParameters["q"].map(String.init) ?? ""
            let limit = try APIInput.int(request, "limit", default: 20, in: 1...CustomerAccess.maxResults)
            return SearchResult(customers: try await access.search(q, principal: principal, limit: limit))
        }
        router.get("/api/customers/{id}") { _, context -> CustomerDetailResponse in
            let principal = try context.signedIn()
            let id = try context.parameters.require("id")
            return CustomerDetailResponse(detail: try await access.detail(id, principal: principal))
        }
        router.patch("/api/customers/{id}") { request, context -> CustomerDetailResponse in
            let principal = try context.require(.customerUpdate)
            let id = try context.parameters.require("id")
            guard try services.workspace.store.customerExists(id: id) else { throw APIError.notFound }
            let body = try await request.decode(as: [String: String?].self, context: context)
            guard !body.isEmpty else {
                throw APIError.badRequest(Localized(de: "Keine Felder angegeben.", en: "No fields given."))
            }
            var changes: [(CustomerField, String?)] = []
            for (name, value) in body.sorted(by: { $0.key < $1.key }) {
                guard let field = CustomerField(rawValue: name) ?? CustomerField.allCases.first(where: { camel($0.rawValue) == name }) else {
                    throw APIError.badRequest(
                        Localized(de: "Unbekanntes Feld: \(name.prefix(40))", en: "Unknown field: \(name.prefix(40))"), code: "unknown_field")
                }
                changes.append((field, value))
            }
            let rights = SubjectRights(workspace: services.workspace, actor: principal.actor)
            for (field, value) in changes { try rights.rectify(id, field: field, value: value) }
            return CustomerDetailResponse(detail: try await access.detail(id, principal: principal))
        }
    }

    /// `first_name` → `firstName`, so the API accepts the names it answers with.
    static func camel(_ snake: String) -> String {
        let parts = snake.split(separator: "_")
        return (parts.first.map(String.init) ?? "") + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}

struct CustomerDetailResponse: Codable, ResponseEncodable {
    var detail: CustomerDetail

    func encode(to encoder: Encoder) throws { try detail.encode(to: encoder) }
    init(detail: CustomerDetail) { self.detail = detail }
    init(from decoder: Decoder) throws { detail = try CustomerDetail(from: decoder) }
}
