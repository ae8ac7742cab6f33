import Foundation
import Hummingbird
import Obhut
import ObhutCore
import ObhutStore

/// What the DPO oversees: the audit chain, the record of processing activities, access alerts
/// and breach cases.
///
/// - `GET /api/audit/verify` verifies the hash-chained audit log (`obhut audit verify`); seals
///   the chain when intact. `intact: false` says where it breaks (200 either way: the check ran).
/// - `GET /api/register?format=json|md|html` the register as data, or the Art. 30 record as
///   Markdown or HTML in the request's language.
/// - `GET /api/alerts?limit=50` access alerts (a user read more people per hour than allowed).
/// - `GET /api/breaches?closed=false` breach cases with their 72-hour clock.
enum OversightRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/api/audit/verify", .api, .permission(.audit), Localized(de: "Protokollkette prüfen", en: "Verify the audit chain")),
        Endpoint(
            .get, "/api/register", .api, .permission(.register),
            Localized(de: "Verzeichnis von Verarbeitungstätigkeiten (Art. 30)", en: "Record of processing activities (Art. 30)")),
        Endpoint(.get, "/api/alerts", .api, .permission(.privacyCockpit), Localized(de: "Zugriffsalarme", en: "Access alerts")),
        Endpoint(.get, "/api/breaches", .api, .permission(.breach), Localized(de: "Datenpannen (Art. 33, 34)", en: "Data breaches (Art. 33, 34)")),
    ]

    enum RegisterFormat: String, CaseIterable {
        case json, md, html
    }

    struct Verification: Codable {
        var intact: Bool
        var message: String
        var details: AuditVerification
    }
    struct Alerts: Codable { var alerts: [AccessAlert] }
    struct Breaches: Codable { var breaches: [BreachCase] }

    static func register(on router: Router<AppContext>, services: ServerServices) {
        let workspace = services.workspace
        router.get("/api/audit/verify") { _, context -> Response in
            let principal = try context.require(.audit)
            // Reads the whole log (millions of entries in a busy shop): off the cooperative threads.
            let v = try await Offload.run {
                let v = try workspace.store.verifyAudit()
                if v.isIntact { try workspace.store.sealAuditChain() }
                return v
            }
            try workspace.audit(actor: principal.actor, action: "audit.verify", count: 0, reason: v.isIntact ? "intact" : "broken")
            return JSON.response(Verification(intact: v.isIntact, message: v.message(de: context.language == .de), details: v))
        }
        router.get("/api/register") { request, context -> Response in
            try context.require(.register)
            let format = try APIInput.choice(request, "format", default: RegisterFormat.json, RegisterFormat.allCases)
            let register = try workspace.register()
            switch format {
            case .json: return JSON.response(register)
            case .md:
                let text = RecordOfProcessing(register: register, generatedAt: workspace.clock()).render(.md, language: context.language)
                return Response(
                    status: .ok, headers: [.contentType: "text/markdown; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
            case .html:
                return HTML.response(RecordOfProcessing(register: register, generatedAt: workspace.clock()).render(.html, language: context.language))
            }
        }
        router.get("/api/alerts") { request, context -> Response in
            try context.require(.privacyCockpit)
            let limit = try APIInput.int(request, "limit", default: 50, in: 1...500)
            return JSON.response(Alerts(alerts: try AccessAlert.list(in: workspace, limit: limit)))
        }
        router.get("/api/breaches") { request, context -> Response in
            let principal = try context.require(.breach)
            let closed = try APIInput.bool(request, "closed", default: false)
            return JSON.response(Breaches(breaches: try BreachDesk(workspace: workspace, actor: principal.actor).list(includeClosed: closed)))
        }
    }
}
