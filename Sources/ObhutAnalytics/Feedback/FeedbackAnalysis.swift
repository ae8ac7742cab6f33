import ObhutCore

/// Which language to read a text in: a fixed one, or detected per text.
public enum TextLanguage: String, Sendable, Hashable, Codable, CaseIterable {
    case de, en, auto

    public var fixed: Language? {
        switch self {
        case .de: .de
        case .en: .en
        case .auto: nil
        }
    }
}

/// Everything the feedback analysis found in one text: redaction first, then language,
/// sentiment with its reasons, and the aspects with their own sentiment.
public struct FeedbackAnalysis: Sendable, Hashable, Codable {
    /// The text after redaction: the only form of it that analysis and display ever see.
    public var redacted: RedactedText
    public var language: LanguageGuess
    public var score: Double
    public var label: SentimentLabel
    public var reasons: [SentimentReason]
    public var aspects: [AspectSentiment]
    public static let modelVersion = "lexicon-1 (VADER 3.3.2 lexicon; German Polarity Lexicon 1.1; Obhut shop words 1)"

    /// The explanation of invariant 5: a summary and the phrases that moved the score.
    public var explanation: Explanation {
        let summary = Localized(
            de: "Stimmung \(label.name.de) (\(Self.format(score))), Sprache \(language.language.rawValue)",
            en: "sentiment \(label.name.en) (\(Self.format(score))), language \(language.language.rawValue)")
        let factors = reasons.map { r in
            Explanation.Factor(name: r.text, value: Self.format(r.contribution), contribution: r.contribution)
        }
        return Explanation(summary: summary, factors: factors)
    }

    /// A score as "+0.62" / "-0.36" (two decimals, sign always shown).
    public static func format(_ x: Double) -> String {
        let r = (x * 100).rounded() / 100
        return r > 0 ? "+\(r)" : "\(r)"
    }
}

/// The feedback pipeline for one text or many: redact, detect the language, score, find aspects.
///
/// Not `Sendable` because the ``Redactor`` inside is not: make one per thread or batch.
public struct FeedbackAnalyzer {
    public let aspects: [Aspect]
    let matcher: AspectMatcher
    /// The language used when detection finds no evidence (a German platform: German).
    public var fallbackLanguage: Language
    let redactor = Redactor()

    /// `aspects`: the standard six plus the shop's own (``Aspect`` explains the keyword patterns).
    public init(aspects: [Aspect] = Aspect.standard, fallbackLanguage: Language = .de) {
        self.aspects = aspects
        self.matcher = AspectMatcher(aspects)
        self.fallbackLanguage = fallbackLanguage
    }

    public func analyze(_ text: String, language: TextLanguage = .auto) -> FeedbackAnalysis {
        let spans = redactor.findSpans(in: text)
        // Placeholders are written in the text's language, so detect on the text with the found
        // values blanked out (no personal value is ever part of the evidence either).
        let guess: LanguageGuess
        if let fixed = language.fixed {
            guess = LanguageGuess(language: fixed, confidence: 1, germanEvidence: 0, englishEvidence: 0)
        } else {
            let blanked = Redactor.apply(spans, to: text, language: fallbackLanguage).text
            guess = LanguageDetector.detect(blanked, fallback: fallbackLanguage)
        }
        let redacted = Redactor.apply(spans, to: text, language: guess.language)
        let (analysis, tokens, bytes) = LexiconScorer.analyzeTokens(redacted.text, language: guess.language)
        let found = AspectFinder.find(tokens: tokens, bytes: bytes, aspects: aspects, matcher: matcher)
        return FeedbackAnalysis(
            redacted: redacted, language: guess, score: analysis.score, label: analysis.label, reasons: analysis.reasons, aspects: found)
    }
}
