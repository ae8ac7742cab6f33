import Foundation
import Hummingbird
import Obhut
import ObhutCore

/// Rights of the people concerned (`obhut subject`), for the DPO (and admin). Each call is
/// recorded as a request with its deadline and audited with the signed-in user as actor.
///
/// - `GET /api/subject-requests` every request with its one-month deadline.
/// - `POST /api/customers/{id}/export` everything stored about the person (Art. 15, 20), JSON.
/// - `POST /api/customers/{id}/erase` erasure (Art. 17): key destroyed, rows deleted, orders anonymised.
/// - `POST /api/customers/{id}/restrict` `{"purpose": "marketing"}` (optional) restriction (Art. 18).
/// - `POST /api/customers/{id}/object` `{"purpose": ...}` or `{"category": ...}` objection (Art. 21).
///
/// Export is a POST although it reads: it records a request and must not be cached, prefetched
/// or repeated by a crawler.
enum SubjectRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(
            .get, "/api/subject-requests", .api, .permission(.subjectRequests),
            Localized(de: "Anfragen Betroffener mit Fristen", en: "Subject requests with deadlines")),
        Endpoint(
            .post, "/api/customers/{id}/export", .api, .permission(.subjectRights),
            Localized(de: "Auskunft: alles über eine Person (Art. 15, 20)", en: "Access: everything about a person (Art. 15, 20)")),
        Endpoint(
            .post, "/api/customers/{id}/erase", .api, .permission(.subjectRights), Localized(de: "Löschung (Art. 17)", en: "Erasure (Art. 17)")),
        Endpoint(
            .post, "/api/customers/{id}/restrict", .api, .permission(.subjectRights),
            Localized(de: "Einschränkung der Verarbeitung (Art. 18)", en: "Restriction of processing (Art. 18)")),
        Endpoint(
            .post, "/api/customers/{id}/object", .api, .permission(.subjectRights), Localized(de: "Widerspruch (Art. 21)", en: "Objection (Art. 21)")),
    ]

    struct Requests: Codable { var requests: [SubjectRequest] }
    struct Scope: Codable {
        var purpose: String?
        var category: String?
    }
    struct Recorded: Codable {
        var customerId: String
        var kind: String
        var purpose: String?
        var category: String?
    }

    static func register(on router: Router<AppContext>, services: ServerServices) {
        let workspace = services.workspace
        @Sendable func rights(_ p: Principal) -> SubjectRights { SubjectRights(workspace: workspace, actor: p.actor) }
        router.get("/api/subject-requests") { _, context -> Response in
            let principal = try context.require(.subjectRequests)
            return JSON.response(Requests(requests: try rights(principal).requests()))
        }
        router.post("/api/customers/{id}/export") { _, context -> Response in
            let principal = try context.require(.subjectRights)
            let id = try customerId(context)
            let export = try DomainErrors.map { try rights(principal).export(id) }
            services.monitor.record(principal, subjects: [workspace.store.keys.subjectToken(customerId: id)], at: workspace.clock())
            return JSON.response(export)
        }
        router.post("/api/customers/{id}/erase") { _, context -> Response in
            let principal = try context.require(.subjectRights)
            let id = try customerId(context)
            return JSON.response(try DomainErrors.map { try rights(principal).erase(id) })
        }
        router.post("/api/customers/{id}/restrict") { request, context -> Response in
            let principal = try context.require(.subjectRights)
            let id = try customerId(context)
            let body = try await APIInput.body(request, context: context, as: Scope.self, fields: ["purpose"])
            let purpose = try purposeID(body.purpose)
            try DomainErrors.map { try rights(principal).restrict(id, kind: .restrict, purpose: purpose) }
            return JSON.response(Recorded(customerId: id, kind: "restrict", purpose: purpose?.rawValue, category: nil), status: .created)
        }
        router.post("/api/customers/{id}/object") { request, context -> Response in
            let principal = try context.require(.subjectRights)
            let id = try customerId(context)
            let body = try await APIInput.body(request, context: context, as: Scope.self, fields: ["purpose", "category"])
            if body.category != nil {
                let category = try APIInput.text(body.category, field: "category", max: 120, required: true) ?? ""
                guard body.purpose == nil else {
                    throw APIError.badRequest(
                        Localized(de: "Entweder purpose oder category angeben.", en: "Give either purpose or category."), code: "invalid_body")
                }
                try DomainErrors.map { try rights(principal).objectToCategory(id, category: category) }
                return JSON.response(Recorded(customerId: id, kind: "object", purpose: nil, category: category), status: .created)
            }
            let purpose = try purposeID(body.purpose)
            try DomainErrors.map { try rights(principal).restrict(id, kind: .object, purpose: purpose) }
            return JSON.response(Recorded(customerId: id, kind: "object", purpose: purpose?.rawValue, category: nil), status: .created)
        }
    }

    static func customerId(_ context: AppContext) throws -> String {
        let id = try context.parameters.require("id")
        guard id.count <= 256 else { throw APIError.notFound }
        return id
    }

    /// A purpose of the default set, or nil for "all purposes".
    static func purposeID(_ text: String?) throws -> PurposeID? {
        guard let text else { return nil }
        guard Purpose.defaults.contains(where: { $0.id.rawValue == text }) else {
            let list = Purpose.defaults.map(\.id.rawValue).joined(separator: ", ")
            throw APIError.badRequest(
                Localized(de: "purpose muss eines von \(list) sein.", en: "purpose must be one of \(list)."), code: "invalid_body")
        }
        return PurposeID(text)
    }
}
