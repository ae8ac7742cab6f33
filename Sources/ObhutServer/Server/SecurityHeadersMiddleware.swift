import HTTPTypes
import Hummingbird

/// Security headers on every answer (issue 7, hardening): a strict Content-Security-Policy (no
/// scripts at all, styles and images from the server itself, no framing), nosniff, no referrer to other sites,
/// no caching of pages that may hold personal data, and HSTS when served behind TLS.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = AppContext
    var behindTLS: Bool

    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        // same-origin, not no-referrer: under no-referrer a browser sends `Origin: null` with a
        // form post, and AuthMiddleware's same-origin check then refuses every dashboard form
        // (found by scripts/browser-check). Other sites still get no referrer at all.
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        response.headers[HTTPField.Name("Permissions-Policy")!] = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
        response.headers[HTTPField.Name("Cross-Origin-Opener-Policy")!] = "same-origin"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        if behindTLS { response.headers[.strictTransportSecurity] = "max-age=31536000; includeSubDomains" }
        return response
    }
}
