import ObhutCore

/// What the lexicon scorer found in one text, with the reasons and the per-token detail the aspect
/// finder needs.
public struct LexiconAnalysis: Sendable, Hashable {
    public var score: Double
    public var label: SentimentLabel
    /// The phrases that moved the score, strongest first (at most ``LexiconScorer/maxReasons``).
    public var reasons: [SentimentReason]
}

/// A token's text and what the rules made of it (for aspects and explanations).
struct AnalysedToken: Sendable, Hashable {
    var key: [UInt8]
    var range: Range<Int>
    var sentiment: Float
    var weight: Float
    var roles: WordRoles
    var endsClause: Bool
    var endsSentence: Bool
    var rules: SentimentRules
    var phraseStart: Int
}

extension LexiconScorer {
    public static let maxReasons = 6

    /// Score, label and the reasons behind them.
    public static func analyze(_ text: String, language: Language) -> LexiconAnalysis {
        analyzeTokens(text, language: language).analysis
    }

    static func analyzeTokens(_ text: String, language: Language) -> (analysis: LexiconAnalysis, tokens: [AnalysedToken], bytes: [UInt8]) {
        withTokens(text, language: language) { tokens, bytes, sum in
            var out: [AnalysedToken] = []
            out.reserveCapacity(tokens.count)
            let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: 2 * bytes.count + 8)
            defer { scratch.deallocate() }
            for t in tokens {
                let k = CanonicalBytes.fold(bytes, from: Int(t.start), to: Int(t.end), into: scratch)
                out.append(
                    AnalysedToken(
                        key: Array(UnsafeBufferPointer(start: scratch, count: k)), range: Int(t.start)..<Int(t.end),
                        sentiment: t.sentiment, weight: t.weight, roles: t.roles, endsClause: t.endsClause,
                        endsSentence: t.flags.contains(.sentenceBreak), rules: t.rules, phraseStart: Int(t.phraseStart)))
            }
            let allBytes = Array(bytes)
            var reasons: [SentimentReason] = []
            for (i, t) in out.enumerated() where t.sentiment != 0 {
                let from = out[min(t.phraseStart, i)].range.lowerBound
                let phrase = String(decoding: allBytes[from..<t.range.upperBound], as: UTF8.self)
                reasons.append(SentimentReason(phrase: phrase, contribution: Double(t.sentiment * t.weight), rules: t.rules))
            }
            var plain: Float = 0
            for t in out { plain += t.sentiment * t.weight }
            let punctuation = sum - plain
            if punctuation != 0 {
                let marks = String(decoding: allBytes.filter { $0 == 0x21 || $0 == 0x3F }.prefix(4), as: UTF8.self)
                reasons.append(SentimentReason(phrase: marks, contribution: Double(punctuation), rules: .punctuation))
            }
            reasons.sort { abs($0.contribution) > abs($1.contribution) }
            if reasons.count > maxReasons { reasons.removeLast(reasons.count - maxReasons) }
            let score = Double(normalize(sum))
            return (LexiconAnalysis(score: score, label: SentimentLabel(score: score), reasons: reasons), out, allBytes)
        }
    }
}
