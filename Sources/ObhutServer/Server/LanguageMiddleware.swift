import Hummingbird
import ObhutCore

/// Chooses the language of the answer: `?lang=de|en` (and remembers it in a cookie), else the
/// `obhut_lang` cookie, else the first of German or English in Accept-Language, else English.
struct LanguageMiddleware: RouterMiddleware {
    typealias Context = AppContext
    static let cookieName = "obhut_lang"

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var context = context
        let explicit = request.uri.queryParameters["lang"].flatMap { Language(rawValue: String($0)) }
        context.language = Self.language(of: request)
        var response = try await next(request, context)
        if let explicit {
            response.setCookie(Cookie(name: Self.cookieName, value: explicit.rawValue, maxAge: 365 * 86_400, path: "/", sameSite: .lax))
        }
        return response
    }

    /// The language a request asks for (also used for error answers, which are made outside).
    static func language(of request: Request) -> Language {
        request.uri.queryParameters["lang"].flatMap { Language(rawValue: String($0)) }
            ?? request.cookies[Self.cookieName].flatMap { Language(rawValue: $0.value) }
            ?? Self.fromAcceptLanguage(request.headers[.acceptLanguage]) ?? .en
    }

    /// The highest-weighted of de/en in an Accept-Language header (RFC 9110 §12.5.4).
    static func fromAcceptLanguage(_ header: String?) -> Language? {
        guard let header else { return nil }
        var best: (Language, Double)?
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.lowercased() else { continue }
            let q = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            let lang: Language? = tag.hasPrefix("de") ? .de : tag.hasPrefix("en") ? .en : nil
            if let lang, q > (best?.1 ?? 0) { best = (lang, q) }
        }
        return best?.0
    }
}
