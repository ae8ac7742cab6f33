import Hummingbird
import ObhutCore

/// The JSON API for every capability besides customers and sessions (quality, activities,
/// pre-flight, runs, patterns, segments, CLV, recommendations, feedback, leads, subject requests,
/// audit, register, users), and `/openapi.json`.
enum APIRoutes {
    static let endpoints: [Endpoint] = []

    static func register(on router: Router<AppContext>, services: ServerServices) {}
}
