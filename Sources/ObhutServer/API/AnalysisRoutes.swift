import Foundation
import Hummingbird
import Obhut
import ObhutCore

/// The results of the analyses, as the CLI shows them, each filtered for the role.
///
/// - `GET /api/patterns` purchase patterns (aggregates only).
/// - `GET /api/segments` RFM and behavioural segments: names, descriptions, sizes (aggregates only).
/// - `GET /api/clv?limit=10` the fitted model, totals and the customers at churn risk by value;
///   the analyst sees pseudonyms instead of customer ids. Reads are audited.
/// - `GET /api/customers/{id}/recommendations?limit=10` one person's list with reasons. Lists
///   exist only for people with personalization consent; 404 otherwise. Audited and counted by
///   the access monitor.
/// - `GET /api/feedback` sentiment and aspects, every quoted example redacted.
enum AnalysisRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(
            .get, "/api/patterns", .api, .permission(.aggregates), Localized(de: "Kaufmuster (Aggregate)", en: "Purchase patterns (aggregates)")),
        Endpoint(
            .get, "/api/segments", .api, .permission(.segments),
            Localized(de: "Kundensegmente mit Größe und Beschreibung", en: "Customer segments with size and description"),
            masking: Localized(de: "nur Aggregate, keine Personen", en: "aggregates only, no persons")),
        Endpoint(
            .get, "/api/clv", .api, .permission(.clv),
            Localized(de: "Kundenwert: Modell, Summen, gefährdete Kunden", en: "Lifetime value: model, totals, customers at risk"),
            masking: Localized(de: "analyst: Pseudonyme statt Kundennummern", en: "analyst: pseudonyms instead of customer ids")),
        Endpoint(
            .get, "/api/customers/{id}/recommendations", .api, .permission(.recommendations),
            Localized(de: "Empfehlungen einer Person mit Begründung", en: "One person's recommendations with reasons"),
            masking: Localized(de: "nur für Personen mit Einwilligung (personalization)", en: "only for people with personalization consent")),
        Endpoint(
            .get, "/api/feedback", .api, .permission(.feedback),
            Localized(de: "Stimmung und Aspekte des Feedbacks", en: "Feedback sentiment and aspects"),
            masking: Localized(de: "Beispiele geschwärzt", en: "examples redacted")),
    ]

    struct CLVView: Codable {
        struct Person: Codable {
            var customer: String
            var result: CLVResult
            var explanation: Explanation
        }
        var runId: Int64?
        var modelVersion: String?
        var summary: CLVSummary?
        var atRisk: [Person]
        /// True when `customer` holds pseudonyms, not customer ids.
        var pseudonymous: Bool
    }

    struct RecommendationsView: Codable {
        var customerId: String
        var products: [RecommendedProduct]
        var modelVersion: String
        var runId: Int64
        var stale: Bool
    }

    static func register(on router: Router<AppContext>, services: ServerServices) {
        let workspace = services.workspace
        router.get("/api/patterns") { _, context -> Response in
            try context.require(.aggregates)
            return JSON.response(try PatternsReport.latest(in: workspace))
        }
        router.get("/api/segments") { _, context -> Response in
            try context.require(.segments)
            return JSON.response(try SegmentsReport.latest(in: workspace))
        }
        router.get("/api/clv") { request, context -> Response in
            let principal = try context.require(.clv)
            let limit = try APIInput.int(request, "limit", default: 10, in: 1...100)
            let report = try CLVReport.latest(in: workspace, atRiskShown: limit, actor: principal.actor)
            let reference = PersonReference(principal: principal, activity: "clv", workspace: workspace)
            if !report.atRisk.isEmpty {
                let tokens = report.atRisk.map { workspace.store.keys.subjectToken(customerId: $0.customerId) }
                services.monitor.record(principal, subjects: tokens, at: workspace.clock())
            }
            return JSON.response(
                CLVView(
                    runId: report.runId, modelVersion: report.modelVersion, summary: report.summary,
                    atRisk: report.atRisk.map { .init(customer: reference.name($0.customerId), result: $0.result, explanation: $0.explanation) },
                    pseudonymous: reference.pseudonymous))
        }
        router.get("/api/customers/{id}/recommendations") { request, context -> Response in
            let principal = try context.require(.recommendations)
            let id = try context.parameters.require("id")
            let limit = try APIInput.int(request, "limit", default: 10, in: 1...100)
            guard id.count <= 256 else { throw APIError.notFound }
            let subject = workspace.store.keys.subjectToken(customerId: id)
            let answer = try await RecommendationsReport.read(id, subject: subject, in: workspace, actor: principal.actor)
            if case .unknownCustomer = answer { throw APIError.notFound }
            services.monitor.record(principal, subjects: [subject], at: workspace.clock())
            // Lists are stored only for people with personalization consent; no list, no answer.
            guard case .list(let stored) = answer else { throw APIError.notFound }
            if let count = JSONText.arrayCount(stored.productsUTF8), count <= limit {
                // The whole list: the stored JSON goes out as it is (same members as below).
                return JSON.response(
                    buffer: JSONText.object([
                        ("customerId", .text(JSONText.string(stored.customerId))), ("modelVersion", .text(JSONText.string(stored.modelVersion))),
                        ("products", .utf8(stored.productsUTF8)), ("runId", .text(String(stored.runId))),
                        ("stale", .text(stored.stale ? "true" : "false")),
                    ]))
            }
            let list = try stored.decoded()
            return JSON.response(
                RecommendationsView(
                    customerId: list.customerId, products: Array(list.products.prefix(limit)), modelVersion: list.modelVersion, runId: list.runId,
                    stale: list.stale))
        }
        router.get("/api/feedback") { _, context -> Response in
            try context.require(.feedback)
            return JSON.response(try FeedbackReport.latest(in: workspace))
        }
    }
}
