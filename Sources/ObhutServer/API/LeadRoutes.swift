import Foundation
import Hummingbird
import Obhut
import ObhutCore

/// Leads for the sales team (`obhut leads`): open leads by chance to convert with the factors
/// behind each score, and the lead owner's correction (Art. 22: a person decides).
///
/// - `GET /api/leads?limit=20` scored open leads, best first (the read is audited).
/// - `POST /api/leads/{id}/correction` `{"probability": 0.4, "reason": "..."}` records the
///   owner's own estimate, or `{"wrong": true, "reason": "..."}` marks the score as wrong. The
///   signed-in user is recorded as the person who corrected.
/// - `POST /api/leads/{id}/object` the lead's contact objected (Art. 21): never scored again.
/// - `POST /api/leads/{id}/erase` the lead's contact asked to be erased (Art. 17): lead, contact,
///   score and notes deleted, logged for restores.
enum LeadRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(
            .get, "/api/leads", .api, .permission(.leads), Localized(de: "Offene Leads mit Score und Begründung", en: "Open leads with score and why")
        ),
        Endpoint(
            .post, "/api/leads/{id}/correction", .api, .permission(.leads),
            Localized(de: "Eigene Einschätzung zu einem Lead erfassen", en: "Record the owner's own estimate of a lead")),
        Endpoint(
            .post, "/api/leads/{id}/object", .api, .permission(.subjectRights),
            Localized(de: "Widerspruch der Kontaktperson eines Leads (Art. 21)", en: "Objection of a lead's contact (Art. 21)")),
        Endpoint(
            .post, "/api/leads/{id}/erase", .api, .permission(.subjectRights),
            Localized(de: "Löschung der Kontaktperson eines Leads (Art. 17)", en: "Erasure of a lead's contact (Art. 17)")),
    ]

    struct Leads: Codable { var leads: [LeadDesk.ScoredLead] }
    struct Correction: Codable {
        var probability: Double?
        var wrong: Bool?
        var reason: String?
    }
    struct Recorded: Codable {
        var lead: String
        var kind: String
        var by: String
    }

    static func register(on router: Router<AppContext>, services: ServerServices) {
        let workspace = services.workspace
        router.get("/api/leads") { request, context -> Response in
            let principal = try context.require(.leads)
            let limit = try APIInput.int(request, "limit", default: 20, in: 1...500)
            return JSON.response(Leads(leads: try LeadDesk(workspace: workspace, actor: principal.actor).list(limit: limit)))
        }
        router.post("/api/leads/{id}/correction") { request, context -> Response in
            let principal = try context.require(.leads)
            let id = try context.parameters.require("id")
            let body = try await APIInput.body(request, context: context, as: Correction.self, fields: ["probability", "wrong", "reason"])
            guard let reason = try APIInput.text(body.reason, field: "reason", max: 500, required: true) else { throw APIError.notFound }
            let desk = LeadDesk(workspace: workspace, actor: principal.actor)
            let kind: String
            switch (body.probability, body.wrong ?? false) {
            case (let p?, false):
                guard p.isFinite, (0...1).contains(p) else {
                    throw APIError.badRequest(
                        Localized(de: "probability muss zwischen 0 und 1 liegen.", en: "probability must lie between 0 and 1."), code: "invalid_body")
                }
                try DomainErrors.map { try desk.correct(id, probability: p, reason: reason, by: principal.user.name) }
                kind = "correction"
            case (nil, true):
                try DomainErrors.map { try desk.markWrong(id, reason: reason, by: principal.user.name) }
                kind = "wrong"
            default:
                throw APIError.badRequest(
                    Localized(de: "Entweder probability oder wrong: true angeben.", en: "Give either probability or wrong: true."),
                    code: "invalid_body")
            }
            return JSON.response(Recorded(lead: id, kind: kind, by: principal.user.name), status: .created)
        }
        // The contact person's rights, for whoever carries out people's rights (dpo, admin).
        router.post("/api/leads/{id}/object") { _, context -> Response in
            let principal = try context.require(.subjectRights)
            let id = try context.parameters.require("id")
            try DomainErrors.map { try LeadDesk(workspace: workspace, actor: principal.actor).object(id) }
            return JSON.response(Recorded(lead: id, kind: "object", by: principal.user.name), status: .created)
        }
        router.post("/api/leads/{id}/erase") { _, context -> Response in
            let principal = try context.require(.subjectRights)
            let id = try context.parameters.require("id")
            try DomainErrors.map { try LeadDesk(workspace: workspace, actor: principal.actor).erase(id) }
            return JSON.response(Recorded(lead: id, kind: "erase", by: principal.user.name), status: .created)
        }
    }
}
