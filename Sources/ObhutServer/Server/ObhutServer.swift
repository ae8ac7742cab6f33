import Foundation
import Hummingbird
import Logging
import Obhut
import ObhutCore
import ObhutStore

/// How the server runs.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Served behind a TLS-terminating proxy: cookies get `Secure`, answers get HSTS.
    public var behindTLS: Bool
    /// A user who reads more distinct people than this within one hour raises an access alert.
    public var accessAlertPeoplePerHour: Int
    /// The largest import upload accepted, in bytes.
    public var maxImportBytes: Int
    /// How audit entries of reads reach the disk (see `AuditReadDurability`; `.durable` unless
    /// the operator chose otherwise).
    public var auditReads: AuditReadDurability

    public init(
        host: String = "127.0.0.1", port: Int = 8080, behindTLS: Bool = false, accessAlertPeoplePerHour: Int = 200,
        maxImportBytes: Int = 256 << 20, auditReads: AuditReadDurability = .durable
    ) {
        self.host = host
        self.port = port
        self.behindTLS = behindTLS
        self.accessAlertPeoplePerHour = accessAlertPeoplePerHour
        self.maxImportBytes = maxImportBytes
        self.auditReads = auditReads
    }
}

/// Everything the routes share: the workspace, the user directory, throttles and monitors.
public struct ServerServices: Sendable {
    public let workspace: Workspace
    public let users: UserDirectory
    public let configuration: ServerConfiguration
    public let throttle: LoginThrottle
    public let monitor: AccessMonitor
    /// Short-lived results of expensive checks for the cockpit (see `TimedCache`).
    public let cache = TimedCache()

    public init(workspace: Workspace, configuration: ServerConfiguration = .init(), bcryptCost: UInt8 = 12) {
        self.workspace = workspace
        self.users = UserDirectory(workspace: workspace, bcryptCost: bcryptCost)
        self.configuration = configuration
        self.throttle = LoginThrottle()
        self.monitor = AccessMonitor(workspace: workspace, threshold: configuration.accessAlertPeoplePerHour)
    }
}

/// The HTTP server: API under `/api`, the dashboard's pages, `/openapi.json`. Built on
/// Hummingbird; every route calls the same use cases as the CLI.
public enum ObhutServer {
    public static func router(_ services: ServerServices) -> Router<AppContext> {
        let router = Router(context: AppContext.self)
        // Outermost first: security headers also go on error answers.
        router.add(middleware: SecurityHeadersMiddleware(behindTLS: services.configuration.behindTLS))
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: LanguageMiddleware())
        router.add(middleware: AuthMiddleware(users: services.users))
        HealthRoutes.register(on: router)
        SessionRoutes.register(on: router, services: services)
        CustomerRoutes.register(on: router, services: services)
        APIRoutes.register(on: router, services: services)
        DashboardRoutes.register(on: router, services: services)
        return router
    }

    /// Runs the server until it is stopped (SIGINT/SIGTERM), with the WAL checkpointed in the
    /// background instead of inside audited reads' commits (see `BackgroundCheckpointer`).
    /// Audit entries of reads are committed as `configuration.auditReads` says; on the way out,
    /// whatever a `.batched` commit left unsynced is fsync'd.
    public static func run(_ services: ServerServices) async throws {
        let batcher = services.workspace.store.auditBatcher
        try batcher.configure(durability: services.configuration.auditReads)
        let checkpointer = try BackgroundCheckpointer(store: services.workspace.store)
        try checkpointer.start()
        do {
            try await application(services).runService()
        } catch {
            try? await checkpointer.stop()
            try? batcher.configure(durability: .durable)
            throw error
        }
        try await checkpointer.stop()
        try batcher.configure(durability: .durable)
    }

    public static func application(_ services: ServerServices, logger: Logger? = nil) -> some ApplicationProtocol {
        var log = logger ?? Logger(label: "obhut.server")
        if logger == nil { log.logLevel = .info }
        return Application(
            router: router(services),
            configuration: .init(
                address: .hostname(services.configuration.host, port: services.configuration.port), serverName: "Obhut"),
            logger: log)
    }
}

/// `GET /api/health`: the trivial route (no database, no sign-in) that load tests compare with.
enum HealthRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/api/health", .api, .open, Localized(de: "Lebenszeichen des Servers", en: "Server liveness"))
    ]

    struct Health: Codable, ResponseEncodable {
        var status: String
        var version: String
    }

    static func register(on router: Router<AppContext>) {
        router.get("/api/health") { _, _ in Health(status: "ok", version: ObhutVersion.string) }
    }
}
