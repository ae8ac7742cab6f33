import Foundation
import Hummingbird
import ObhutCore

/// Reading what a request brings: query parameters with their ranges, optional JSON bodies.
/// Every problem is a 400 that names the parameter, never echoes its value.
enum APIInput {
    /// A query parameter as text, nil when absent.
    static func string(_ request: Request, _ name: String) -> String? {
        request.uri.queryParameters[Substring(name)].map(String.init)
    }

    /// An integer query parameter within `range`; `fallback` when absent.
    static func int(_ request: Request, _ name: String, default fallback: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = string(request, name) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw APIError.badRequest(
                Localized(
                    de: "\(name) muss eine ganze Zahl von \(range.lowerBound) bis \(range.upperBound) sein.",
                    en: "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)."), code: "invalid_parameter")
        }
        return value
    }

    /// A boolean query parameter (`true`/`false`); `fallback` when absent.
    static func bool(_ request: Request, _ name: String, default fallback: Bool) throws -> Bool {
        guard let text = string(request, name) else { return fallback }
        switch text {
        case "true", "1": return true
        case "false", "0": return false
        default:
            throw APIError.badRequest(
                Localized(de: "\(name) muss true oder false sein.", en: "\(name) must be true or false."), code: "invalid_parameter")
        }
    }

    /// One of `allowed` (by raw value); `fallback` when absent.
    static func choice<T: RawRepresentable>(_ request: Request, _ name: String, default fallback: T, _ allowed: [T]) throws -> T
    where T.RawValue == String {
        guard let text = string(request, name) else { return fallback }
        guard let value = allowed.first(where: { $0.rawValue == text }) else {
            let list = allowed.map(\.rawValue).joined(separator: ", ")
            throw APIError.badRequest(
                Localized(de: "\(name) muss eines von \(list) sein.", en: "\(name) must be one of \(list)."), code: "invalid_parameter")
        }
        return value
    }

    /// A JSON object body decoded as `T`, with no members besides `fields` (a misspelt member is
    /// an error, not silently ignored); an empty body counts as `{}` (for bodies whose members
    /// are all optional).
    static func body<T: Decodable>(_ request: Request, context: AppContext, as type: T.Type, fields: Set<String>) async throws -> T {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let data = buffer.readableBytes == 0 ? Data("{}".utf8) : Data(buffer: buffer)
        guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? [String: Any] else {
            throw APIError.badRequest(Localized(de: "Erwartet wird ein JSON-Objekt.", en: "Expected a JSON object."), code: "invalid_body")
        }
        if let empty = object.keys.sorted().first(where: { object[$0] is NSNull }) {
            // Absent and null are not the same: null is refused, leave the member out instead.
            throw APIError.badRequest(
                Localized(de: "\(empty.prefix(40)) darf nicht null sein; weglassen.", en: "\(empty.prefix(40)) may not be null; leave it out."),
                code: "invalid_body")
        }
        if let unknown = object.keys.sorted().first(where: { !fields.contains($0) }) {
            throw APIError.badRequest(
                Localized(de: "Unbekanntes Feld: \(unknown.prefix(40))", en: "Unknown field: \(unknown.prefix(40))"), code: "unknown_field")
        }
        do {
            return try JSON.decoder().decode(T.self, from: data)
        } catch {
            throw APIError.badRequest(
                Localized(de: "Der JSON-Inhalt passt nicht zum erwarteten Format.", en: "The JSON body does not match the expected shape."),
                code: "invalid_body")
        }
    }

    /// Trims text fields and bounds their length (names, reasons, labels).
    static func text(_ value: String?, field: String, max: Int, required: Bool) throws -> String? {
        let t = value?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let t, !t.isEmpty {
            guard t.count <= max else {
                throw APIError.badRequest(
                    Localized(de: "\(field) darf höchstens \(max) Zeichen haben.", en: "\(field) may have at most \(max) characters."),
                    code: "invalid_body")
            }
            return t
        }
        if required {
            throw APIError.badRequest(Localized(de: "\(field) fehlt.", en: "\(field) is missing."), code: "invalid_body")
        }
        return nil
    }
}

/// Answers with details beside the error (the failing pre-flight items, the rejected import
/// rows): `{"error": {"code", "message"}, "details": [...]}`. Details never hold cell values.
struct DetailedError: Error {
    var error: APIError
    var details: [String]

    func response(language: Language) -> Response {
        struct Body: Encodable {
            var error: ErrorBody.Inner
            var details: [String]
        }
        return JSON.response(Body(error: .init(code: error.code, message: error.message[language]), details: details), status: error.status)
    }
}
