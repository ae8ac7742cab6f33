import HTTPTypes
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
        registerMethodNotAllowed(on: router)
    }

    /// A method the API does not offer on a path it has answers 405 with an `Allow` header (not
    /// 404, which would say the path does not exist). Registered last, for every API path of
    /// the catalog and every method it lacks there.
    static func registerMethodNotAllowed(on router: Router<AppContext>) {
        let methods: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete, .options, .trace] + [HTTPRequest.Method("QUERY")].compactMap { $0 }
        let byPath = Dictionary(grouping: EndpointCatalog.all.filter { $0.kind == .api }, by: \.path)
        for (path, endpoints) in byPath {
            let offered = Set(endpoints.map(\.method))
            let allow = methods.filter { offered.contains($0) }.map(\.rawValue).joined(separator: ", ")
            for method in methods where !offered.contains(method) {
                router.on(RouterPath(path), method: method) { _, context -> Response in
                    let message = Localized(de: "Diese Methode ist hier nicht erlaubt.", en: "This method is not allowed here.")
                    var response = JSON.response(
                        ErrorBody(error: .init(code: "method_not_allowed", message: message[context.language])), status: .methodNotAllowed)
                    response.headers[.allow] = allow
                    return response
                }
            }
        }
    }
}
