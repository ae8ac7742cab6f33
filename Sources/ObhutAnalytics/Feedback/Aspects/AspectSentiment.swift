import ObhutCore

/// The sentiment of one aspect in one text: scored from the clauses that mention it.
public struct AspectSentiment: Sendable, Hashable, Codable {
    /// ``Aspect/id``.
    public var aspect: String
    public var name: Localized
    /// In [-1, 1], VADER's normalisation of the valence sum of the mentioning clauses.
    public var score: Double
    public var label: SentimentLabel
    /// How many clauses mention it.
    public var mentions: Int
    /// The mentioning clauses as written (after redaction), at most three.
    public var evidence: [String]
}
