/// A JSON value for documents built in code (the OpenAPI description). Written with literals:
/// `["type": "object", "required": ["id"]]`.
public indirect enum JSONValue: Sendable, Equatable, Encodable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])
    case null

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .int(let i): try c.encode(i)
        case .double(let d): try c.encode(d)
        case .bool(let b): try c.encode(b)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        case .null: try c.encodeNil()
        }
    }

    /// The member `key` of an object, nil otherwise.
    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    /// This object with `key` set to `value` (unchanged if not an object).
    func setting(_ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(var o) = self else { return self }
        o[key] = value
        return .object(o)
    }
}

/// Schema shorthands (JSON Schema 2020-12, as OpenAPI 3.1 uses it).
enum Schema {
    static let string: JSONValue = ["type": "string"]
    static let integer: JSONValue = ["type": "integer"]
    static let number: JSONValue = ["type": "number"]
    static let boolean: JSONValue = ["type": "boolean"]
    static let dateTime: JSONValue = ["type": "string", "format": "date-time"]
    /// An object whose members are not described further.
    static let anyObject: JSONValue = ["type": "object"]
    /// German and English text of the same message.
    static let localized = object(["de": string, "en": string], required: ["de", "en"])

    static func object(_ properties: [String: JSONValue], required: [String] = []) -> JSONValue {
        var o: [String: JSONValue] = ["type": "object", "properties": .object(properties)]
        if !required.isEmpty { o["required"] = .array(required.sorted().map { .string($0) }) }
        return .object(o)
    }
    /// An object with exactly these members allowed (the server refuses unknown ones).
    static func strict(_ properties: [String: JSONValue], required: [String] = []) -> JSONValue {
        object(properties, required: required).setting("additionalProperties", false)
    }
    /// Text with at least one character that is not white space.
    static func text(max: Int) -> JSONValue { ["type": "string", "minLength": 1, "maxLength": .int(max), "pattern": "\\S"] }
    static func array(_ items: JSONValue) -> JSONValue { ["type": "array", "items": items] }
    static func enumeration(_ values: [String]) -> JSONValue { ["type": "string", "enum": .array(values.map { .string($0) })] }
    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/" + name)] }
    static func nullable(_ type: String) -> JSONValue { ["type": [.string(type), "null"]] }
}
