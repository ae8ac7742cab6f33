import Foundation

/// Why an AI output is what it is: no black box (invariant 5). Every derived result carries one,
/// together with the model version that produced it.
public struct Explanation: Sendable, Hashable, Codable {
    /// One sentence a person understands, in both languages.
    public var summary: Localized
    /// The factors behind it, most important first.
    public var factors: [Factor]

    public init(summary: Localized, factors: [Factor] = []) {
        self.summary = summary
        self.factors = factors
    }

    /// A named quantity that moved the result, with its value and direction.
    public struct Factor: Sendable, Hashable, Codable {
        public var name: Localized
        public var value: String
        /// Signed contribution (positive raises the result), in the model's own units.
        public var contribution: Double

        public init(name: Localized, value: String, contribution: Double) {
            self.name = name
            self.value = value
            self.contribution = contribution
        }
    }
}

extension Localized {
    /// Reads `{"de": ..., "en": ...}` as `Codable` writes it.
    public init(json: JSONNode) throws {
        self.init(de: try json.requiredString("de"), en: try json.requiredString("en"))
    }
}

extension Explanation {
    /// Reads an explanation as its `Codable` form stores it (`summary`, `factors` with `name`,
    /// `value`, `contribution`), without `JSONDecoder` (see `JSONNode` for why). Same result as
    /// `JSONDecoder().decode(Explanation.self, ...)` for every text that decoder accepts.
    public init(json: JSONNode) throws {
        guard let summary = json["summary"] else { throw JSONReadError.shape(member: "summary") }
        guard let factors = json["factors"]?.array else { throw JSONReadError.shape(member: "factors") }
        self.init(
            summary: try Localized(json: summary),
            factors: try factors.map { f in
                guard let name = f["name"] else { throw JSONReadError.shape(member: "name") }
                return Factor(
                    name: try Localized(json: name), value: try f.requiredString("value"), contribution: try f.requiredNumber("contribution"))
            })
    }

    /// The same from JSON text.
    public init(jsonText: String) throws { try self.init(json: JSONNode(parsing: jsonText)) }
}
