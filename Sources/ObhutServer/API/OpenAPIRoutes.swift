import Hummingbird
import ObhutCore

/// `GET /openapi.json`: the OpenAPI 3.1 description of the JSON API (open to anyone: it holds
/// no data, and clients and checkers need it before they sign in).
enum OpenAPIRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/openapi.json", .api, .open, Localized(de: "OpenAPI-3.1-Beschreibung der API", en: "OpenAPI 3.1 description of the API"))
    ]

    static func register(on router: Router<AppContext>) {
        // Built once: the catalog does not change while the server runs.
        let document = OpenAPIDocument.build()
        router.get("/openapi.json") { _, _ -> Response in
            var response = JSON.response(document)
            response.headers[.cacheControl] = "public, max-age=300"
            return response
        }
    }
}
