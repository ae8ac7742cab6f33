import Hummingbird
import ObhutCore

/// An error the server answers with: a status, a stable machine-readable code and a message in
/// both languages. Never internals, never personal data, never the request's own values.
public struct APIError: Error, Sendable, Equatable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: Localized

    public init(_ status: HTTPResponse.Status, code: String, message: Localized) {
        self.status = status
        self.code = code
        self.message = message
    }

    public static let unauthenticated = APIError(
        .unauthorized, code: "unauthenticated", message: Localized(de: "Bitte anmelden.", en: "Please sign in."))
    public static let forbidden = APIError(
        .forbidden, code: "forbidden",
        message: Localized(de: "Ihre Rolle erlaubt das nicht.", en: "Your role does not allow this."))
    public static let notFound = APIError(.notFound, code: "not_found", message: Localized(de: "Nicht gefunden.", en: "Not found."))
    public static let csrf = APIError(
        .forbidden, code: "csrf",
        message: Localized(
            de: "Sicherheitsprüfung des Formulars fehlgeschlagen; Seite neu laden und erneut versuchen.",
            en: "The form's security check failed; reload the page and try again."))
    public static let tooManyAttempts = APIError(
        .tooManyRequests, code: "too_many_attempts",
        message: Localized(de: "Zu viele Versuche; bitte später erneut versuchen.", en: "Too many attempts; please try again later."))
    public static func badRequest(_ message: Localized, code: String = "bad_request") -> APIError {
        APIError(.badRequest, code: code, message: message)
    }
    public static let tooLarge = APIError(
        .contentTooLarge, code: "too_large", message: Localized(de: "Die Anfrage ist zu groß.", en: "The request is too large."))
}

/// The JSON body of every error answer: `{"error": {"code": ..., "message": ...}}`.
struct ErrorBody: Codable, ResponseEncodable {
    struct Inner: Codable {
        var code: String
        var message: String
    }
    var error: Inner
}
