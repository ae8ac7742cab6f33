import Foundation
import Hummingbird
import Logging
import Obhut
import ObhutCore

/// Turns every error into an answer without internals: JSON under `/api` and for clients that
/// ask for JSON, a small HTML page otherwise. Unexpected errors are logged by type only (their
/// text could hold personal data) and answered with 500 and a request id.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppContext

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let apiError = Self.apiError(for: error, context: context)
            return Self.response(apiError, request: request, language: LanguageMiddleware.language(of: request))
        }
    }

    static func apiError(for error: Error, context: AppContext) -> APIError {
        switch error {
        case let e as APIError: return e
        case let e as HTTPError:
            switch e.status {
            case .notFound: return .notFound
            case .contentTooLarge: return .tooLarge
            case .unauthorized: return .unauthenticated
            case .forbidden: return .forbidden
            case .methodNotAllowed:
                return APIError(
                    .methodNotAllowed, code: "method_not_allowed",
                    message: Localized(de: "Diese Methode ist hier nicht erlaubt.", en: "This method is not allowed here."))
            default:
                if e.status.code < 500 {
                    return APIError(
                        e.status, code: "bad_request",
                        message: Localized(de: "Die Anfrage ist ungültig.", en: "The request is invalid."))
                }
            }
        case let e as UserFacingError:
            // Obhut's own errors say what is wrong without personal data (the CLI prints the same).
            return APIError(.badRequest, code: "rejected", message: Localized(de: e.message(in: .de), en: e.message(in: .en)))
        case is DecodingError:
            return .badRequest(
                Localized(de: "Der JSON-Inhalt passt nicht zum erwarteten Format.", en: "The JSON body does not match the expected shape."))
        default: break
        }
        context.logger.error("request failed", metadata: ["error_type": "\(type(of: error))"])
        return APIError(
            .internalServerError, code: "internal",
            message: Localized(
                de: "Interner Fehler (Anfrage \(context.id)); die Verwaltung findet Einzelheiten im Protokoll.",
                en: "Internal error (request \(context.id)); the administrator finds details in the log."))
    }

    static func response(_ e: APIError, request: Request, language: Language) -> Response {
        if wantsJSON(request) {
            var response = JSON.response(ErrorBody(error: .init(code: e.code, message: e.message[language])), status: e.status)
            if e.status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
            return response
        }
        if e.status == .unauthorized, request.method == .get {
            // A browser that is not signed in goes to the sign-in page and comes back afterwards.
            let back = request.uri.path
            return Response(
                status: .seeOther, headers: [.location: "/login?next=" + (back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")])
        }
        let title = Localized(de: "Fehler", en: "Error")[language]
        let html = """
            <!doctype html><html lang="\(language.rawValue)"><head><meta charset="utf-8"><title>\(title) \(e.status.code)</title>\
            <link rel="stylesheet" href="/static/app.css"></head><body><main class="error"><h1>\(e.status.code)</h1>\
            <p>\(HTML.escape(e.message[language]))</p><p><a href="/">\(Localized(de: "Zur Übersicht", en: "To the overview")[language])</a></p>\
            </main></body></html>
            """
        return HTML.response(html, status: e.status)
    }

    static func wantsJSON(_ request: Request) -> Bool {
        request.uri.path.hasPrefix("/api/") || request.uri.path == "/openapi.json"
            || (request.headers[.accept]?.contains("application/json") ?? false)
    }
}

/// JSON answers: ISO 8601 dates, sorted keys (stable for tests and diffs).
public enum JSON {
    public static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .iso8601
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    public static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// An answer whose JSON text is already written (see `JSONText`).
    static func response(buffer: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: buffer))
    }

    public static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }
}

/// HTML answers and escaping.
public enum HTML {
    public static func response(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// Escapes text for HTML element content and quoted attribute values. Works on UTF-8 bytes
    /// (the five characters are ASCII, and no UTF-8 continuation byte can look like one) and
    /// returns the text itself when nothing needs escaping, the common case on every page.
    public static func escape(_ s: String) -> String {
        var s = s
        let escaped = s.withUTF8 { bytes -> String? in
            guard let first = bytes.firstIndex(where: { needsEscape($0) }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            out.append(contentsOf: bytes[..<first])
            for byte in bytes[first...] {
                switch byte {
                case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        // Nothing to escape: the string itself (no copy; `withUTF8` made it contiguous once).
        return escaped ?? s
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: "'")
    }
}
