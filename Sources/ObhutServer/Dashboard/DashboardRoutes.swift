import Hummingbird

/// The dashboard: server-rendered HTML pages in German and English, charts as SVG, no scripts.
enum DashboardRoutes {
    static func register(on router: Router<AppContext>, services: ServerServices) {}
}
