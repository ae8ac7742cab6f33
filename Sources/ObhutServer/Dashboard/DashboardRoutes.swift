import Hummingbird
import ObhutCore

/// The dashboard: server-rendered HTML pages in German and English, charts as SVG, no scripts.
enum DashboardRoutes {
    static let endpoints: [Endpoint] = []

    static func register(on router: Router<AppContext>, services: ServerServices) {}
}
