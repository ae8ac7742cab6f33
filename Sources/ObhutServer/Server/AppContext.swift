import Foundation
import Hummingbird
import ObhutCore

/// What a request carries through middleware to its handler: who asks (after sign-in) and in
/// which language the answer is written.
public struct AppContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `AuthMiddleware` from a session cookie or a bearer token; nil for anonymous requests.
    public var principal: Principal?
    /// From `?lang=`, the `obhut_lang` cookie or Accept-Language (`LanguageMiddleware`).
    public var language: Language = .en

    /// The client's IP address (for throttling sign-ins), "local" when unknown.
    public var clientAddress: String

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.clientAddress = source.channel.remoteAddress?.ipAddress ?? "local"
    }

    /// JSON answers with ISO 8601 dates and sorted keys (stable for clients, tests and diffs).
    public var responseEncoder: JSONEncoder { JSON.encoder }

    /// Request bodies decoded as JSON may be at most 1 MiB; imports stream up to their own limit.
    public var maxUploadSize: Int { 1 << 20 }

    /// The principal, or 401 when nobody signed in.
    public func signedIn() throws -> Principal {
        guard let principal else { throw APIError.unauthenticated }
        return principal
    }

    /// The principal if it has `permission`; 401 when nobody signed in, 403 otherwise.
    @discardableResult
    public func require(_ permission: Permission) throws -> Principal {
        let p = try signedIn()
        guard p.may(permission) else { throw APIError.forbidden }
        return p
    }
}
