import Foundation
import Hummingbird
import Obhut
import ObhutCore

/// Signing in and out, for API clients (JSON) and the dashboard (form posts).
///
/// - `POST /api/session` `{"name","password"}` → 200 with the user, role and CSRF token, and
///   the session cookie; 401 on a wrong name or password (the same answer for both); 423 when
///   the account is locked; 429 when the client address made too many failed attempts.
/// - `DELETE /api/session` signs out. `GET /api/me` says who is signed in and what they may do.
enum SessionRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.post, "/api/session", .api, .open, Localized(de: "Anmelden", en: "Sign in")),
        Endpoint(.delete, "/api/session", .api, .open, Localized(de: "Abmelden", en: "Sign out")),
        Endpoint(
            .get, "/api/me", .api, .signedIn, Localized(de: "Wer ist angemeldet, was darf die Rolle", en: "Who is signed in, what the role may do")),
    ]

    struct Credentials: Codable {
        var name: String
        var password: String
    }

    struct Me: Codable, ResponseEncodable {
        var name: String
        var role: Role
        var permissions: [Permission]
        var csrf: String?
        var via: String
    }

    static func register(on router: Router<AppContext>, services: ServerServices) {
        router.post("/api/session") { request, context -> Response in
            let credentials = try await request.decode(as: Credentials.self, context: context)
            let (cookie, csrf, user) = try await signIn(credentials.name, credentials.password, services: services, context: context)
            var response = JSON.response(
                Me(
                    name: user.name, role: user.role, permissions: user.role.permissions.sorted { $0.rawValue < $1.rawValue }, csrf: csrf,
                    via: "session"))
            response.setCookie(sessionCookie(cookie, services: services))
            return response
        }
        router.delete("/api/session") { request, context -> Response in
            if let cookie = request.cookies[AuthMiddleware.sessionCookie] { try services.users.endSession(cookie: cookie.value) }
            var response = Response(status: .noContent)
            response.setCookie(expiredSessionCookie(services: services))
            return response
        }
        router.get("/api/me") { _, context -> Me in
            let p = try context.signedIn()
            let csrf: String? = if case .session(let c) = p.via { c } else { nil }
            let via: String = if case .session = p.via { "session" } else { "token" }
            return Me(name: p.user.name, role: p.role, permissions: p.role.permissions.sorted { $0.rawValue < $1.rawValue }, csrf: csrf, via: via)
        }
    }

    /// Checks the password with throttling per client address and lock-out per account; starts a
    /// new session on success.
    static func signIn(_ name: String, _ password: String, services: ServerServices, context: AppContext) async throws -> (
        String, String, UserAccount
    ) {
        guard await services.throttle.allowed(context.clientAddress) else { throw APIError.tooManyAttempts }
        // bcrypt takes a quarter of a second on purpose: off the request threads, so a flood of
        // sign-ins does not stall everyone else's requests.
        let users = services.users
        let (n, pw) = (String(name.prefix(64)), String(password.prefix(1024)))
        let result = try await Offload.run { try users.verify(name: n, password: pw) }
        switch result {
        case .success(let user):
            await services.throttle.reset(context.clientAddress)
            let (cookie, csrf) = try services.users.startSession(for: user)
            return (cookie, csrf, user)
        case .invalid:
            await services.throttle.recordFailure(context.clientAddress)
            throw APIError(
                .unauthorized, code: "invalid_credentials",
                message: Localized(de: "Name oder Passwort ist falsch.", en: "The name or the password is wrong."))
        case .locked:
            await services.throttle.recordFailure(context.clientAddress)
            throw APIError(
                .tooManyRequests, code: "locked",
                message: Localized(
                    de: "Zu viele Fehlversuche: das Konto ist vorübergehend gesperrt.",
                    en: "Too many failed attempts: the account is locked for a while."))
        }
    }

    static func sessionCookie(_ value: String, services: ServerServices) -> Cookie {
        Cookie(
            name: AuthMiddleware.sessionCookie, value: value, maxAge: Int(services.users.sessionLifetime), path: "/",
            secure: services.configuration.behindTLS, httpOnly: true, sameSite: .strict)
    }

    static func expiredSessionCookie(services: ServerServices) -> Cookie {
        Cookie(
            name: AuthMiddleware.sessionCookie, value: "", maxAge: 0, path: "/", secure: services.configuration.behindTLS, httpOnly: true,
            sameSite: .strict)
    }
}
