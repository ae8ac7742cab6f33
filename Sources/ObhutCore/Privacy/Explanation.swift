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
