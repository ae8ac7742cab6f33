import HTTPTypes
import ObhutCore

/// One route of the server as the roles table, the OpenAPI document and the role × endpoint
/// test see it. Every route file lists its routes in `endpoints`; `EndpointCatalog.all` joins them.
public struct Endpoint: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case api, page
    }
    /// Who may call it: `.open` for anyone (health, sign-in), `.signedIn` for any role,
    /// `.permission(p)` for roles holding `p`.
    public enum Access: Sendable, Hashable {
        case open
        case signedIn
        case permission(Permission)

        public func allows(_ role: Role?) -> Bool {
            switch self {
            case .open: true
            case .signedIn: role != nil
            case .permission(let p): role?.permissions.contains(p) ?? false
            }
        }
    }

    public var method: HTTPRequest.Method
    /// Path with `{name}` placeholders, as registered with the router.
    public var path: String
    public var kind: Kind
    public var access: Access
    public var summary: Localized
    /// What is masked for which role, if anything (shown in the roles table).
    public var masking: Localized?

    public init(_ method: HTTPRequest.Method, _ path: String, _ kind: Kind, _ access: Access, _ summary: Localized, masking: Localized? = nil) {
        self.method = method
        self.path = path
        self.kind = kind
        self.access = access
        self.summary = summary
        self.masking = masking
    }
}

public enum EndpointCatalog {
    /// Every route of the server.
    public static var all: [Endpoint] {
        HealthRoutes.endpoints + SessionRoutes.endpoints + CustomerRoutes.endpoints + APIRoutes.endpoints + DashboardRoutes.endpoints
    }
}
