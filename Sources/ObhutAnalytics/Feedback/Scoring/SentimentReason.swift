import ObhutCore

/// One phrase that moved a score and the rules that shaped it: "'nicht gut' → negativ: Verneinung".
public struct SentimentReason: Sendable, Hashable, Codable {
    /// The words as written (after redaction), e.g. "nicht gut"; "!!" for punctuation.
    public var phrase: String
    /// Signed contribution to the valence sum, in VADER units (before normalisation).
    public var contribution: Double
    public var rules: SentimentRules

    public init(phrase: String, contribution: Double, rules: SentimentRules) {
        self.phrase = phrase
        self.contribution = contribution
        self.rules = rules
    }

    /// "'nicht gut' → negativ: Verneinung" / "'not good' → negative: negation".
    public var text: Localized {
        let label: SentimentLabel = contribution > 0 ? .positive : (contribution < 0 ? .negative : .neutral)
        let names = rules.subtracting(.shopWord).names
        func line(_ l: Language) -> String {
            let head = "'\(phrase)' → \(label.name[l])"
            return names.isEmpty ? head : head + ": " + names.map { $0[l] }.joined(separator: ", ")
        }
        return Localized(de: line(.de), en: line(.en))
    }
}

extension SentimentRules: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(UInt16.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}
