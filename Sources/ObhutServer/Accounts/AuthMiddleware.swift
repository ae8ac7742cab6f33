import Foundation
import HTTPTypes
import Hummingbird
import Obhut

/// Finds who makes the request and guards state-changing requests.
///
/// - `Authorization: Bearer obh_...` → the token's principal (no cookie, so no CSRF risk).
/// - `obhut_session` cookie → the session's principal. A POST, PUT, PATCH or DELETE with a session
///   must carry the session's CSRF token, as `X-CSRF-Token` header or `_csrf` form field.
/// - Any state-changing request whose `Origin` is another site is refused.
/// An invalid or expired cookie or token is treated as anonymous (the route then answers 401).
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let users: UserDirectory
    let touches = TokenTouches()
    static let sessionCookie = "obhut_session"

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        let unsafe: Bool
        switch request.method {
        case .get, .head, .options: unsafe = false
        default: unsafe = true
        }
        if unsafe, let origin = request.headers[.origin], let host = request.head.authority {
            // Same-origin check (defence in depth besides SameSite cookies and CSRF tokens).
            guard Self.sameOrigin(origin, host: host) else { throw APIError.csrf }
        }
        if let auth = request.headers[.authorization], Self.isBearer(auth) {
            let secret = String(Self.trimmed(auth.dropFirst("bearer ".count)))
            guard let principal = try users.principal(token: secret) else { throw APIError.unauthenticated }
            context.principal = principal
            users.touchToken(principal, throttle: touches)
        } else if let cookie = request.cookies[Self.sessionCookie], let principal = try users.principal(sessionCookie: cookie.value) {
            context.principal = principal
            if unsafe, case .session(let csrf) = principal.via {
                let sent: String?
                if let header = request.headers[HTTPField.Name("X-CSRF-Token")!] {
                    sent = header
                } else if request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true {
                    let body = try await request.collectBody(upTo: context.maxUploadSize)
                    sent = FormFields(String(buffer: body))["_csrf"]
                } else {
                    sent = nil
                }
                guard let sent, Self.constantTimeEqual(sent, csrf) else { throw APIError.csrf }
            }
        }
        return try await next(request, context)
    }

    /// Whether an `Origin` header names the host the request was sent to (host and port; a
    /// missing port on either side compares host names only). "null" and garbage never match.
    static func sameOrigin(_ origin: String, host: String) -> Bool {
        guard let url = URL(string: origin), let originHost = url.host?.lowercased(), !originHost.isEmpty else { return false }
        let parts = host.lowercased().split(separator: ":", maxSplits: 1)
        guard let requestHost = parts.first.map(String.init) else { return false }
        guard originHost == requestHost else { return false }
        if let p = url.port, parts.count == 2 { return String(p) == parts[1] }
        return true
    }

    /// White space cut from both ends (Foundation's `trimmingCharacters` bridges through
    /// NSString: a few microseconds on every API call).
    /// Whether an Authorization value starts with the scheme "Bearer " in any case (RFC 9110
    /// §11.1: schemes are case-insensitive), without lowercasing the whole value on every request.
    static func isBearer(_ value: String) -> Bool {
        let scheme = "bearer ".utf8
        var bytes = value.utf8.makeIterator()
        for expected in scheme {
            guard let b = bytes.next() else { return false }
            // ASCII letters fold to lower case; the space must be a space.
            let folded = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b) ? b | 0x20 : b
            guard folded == expected else { return false }
        }
        return true
    }

    static func trimmed(_ s: Substring) -> Substring {
        guard let first = s.firstIndex(where: { !$0.isWhitespace }), let last = s.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return s[first...last]
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in x.indices { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}

/// The fields of an `application/x-www-form-urlencoded` body (the last value wins).
public struct FormFields: Sendable {
    public var values: [String: String] = [:]

    public init(_ body: String) {
        for pair in body.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let k = kv.first else { continue }
            func decode(_ s: Substring) -> String { String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            values[decode(k)] = kv.count > 1 ? decode(kv[1]) : ""
        }
    }

    public subscript(_ key: String) -> String? { values[key] }
}
