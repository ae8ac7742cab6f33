import Hummingbird
import ObhutCore

/// The JSON API for every capability besides customers and sessions, one file per capability
/// (imports, activities, analyses, leads, subject rights, oversight, users), and `/openapi.json`.
/// Every handler asks for its permission first (`context.require`), calls the same use case as
/// the CLI with the principal as the audit actor, and answers JSON (errors as `{"error": {...}}`).
enum APIRoutes {
    static var endpoints: [Endpoint] {
        let groups: [[Endpoint]] = [
            ImportRoutes.endpoints, ActivityRoutes.endpoints, AnalysisRoutes.endpoints, LeadRoutes.endpoints, SubjectRoutes.endpoints,
            OversightRoutes.endpoints, UserRoutes.endpoints, OpenAPIRoutes.endpoints,
        ]
        return groups.flatMap { $0 }
    }

    static func register(on router: Router<AppContext>, services: ServerServices) {
        ImportRoutes.register(on: router, services: services)
        ActivityRoutes.register(on: router, services: services)
        AnalysisRoutes.register(on: router, services: services)
        LeadRoutes.register(on: router, services: services)
        SubjectRoutes.register(on: router, services: services)
        OversightRoutes.register(on: router, services: services)
        UserRoutes.register(on: router, services: services)
        OpenAPIRoutes.register(on: router)
    }
}
