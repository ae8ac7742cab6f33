import ObhutCore

/// Negative, neutral or positive.
///
/// Thresholds (VADER's, Hutto & Gilbert 2014): positive from a score of +0.05, negative up to
/// -0.05, neutral between. For two-class evaluation (the benchmark) "positive" means score ≥ 0.05
/// and everything else counts as negative, as in the VADER anchor.
public enum SentimentLabel: String, Sendable, Hashable, Codable, CaseIterable {
    case negative, neutral, positive

    public static let threshold = 0.05

    public init(score: Double) {
        self = score >= Self.threshold ? .positive : (score <= -Self.threshold ? .negative : .neutral)
    }

    public var name: Localized {
        switch self {
        case .negative: Localized(de: "negativ", en: "negative")
        case .neutral: Localized(de: "neutral", en: "neutral")
        case .positive: Localized(de: "positiv", en: "positive")
        }
    }
}
