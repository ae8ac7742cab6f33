import Foundation
import ObhutCore

/// One piece of feedback as the insights read it: the original text (redacted before anything
/// else looks at it), its star rating if the channel has one, when it was written (seconds since
/// 1970, UTC) and the language the shop recorded, if any.
public struct FeedbackItem: Sendable, Hashable {
    public var text: String
    public var rating: Int?
    public var createdAt: Int64?
    public var language: TextLanguage

    public init(text: String, rating: Int? = nil, createdAt: Int64? = nil, language: TextLanguage = .auto) {
        self.text = text
        self.rating = rating
        self.createdAt = createdAt
        self.language = language
    }
}

/// Aggregate sentiment of a shop's feedback: labels and languages, the trend per ISO week, each
/// aspect with its sentiment and redacted examples, an alert when criticism rises, and which
/// method scored the texts. Aggregates only: nothing in it is about a person, and every text it
/// quotes is the redacted one (``FeedbackAnalyzer`` redacts before scoring).
public struct FeedbackInsights: Sendable, Hashable, Codable {
    public var total: Int
    /// Texts per label ("negative", "neutral", "positive").
    public var byLabel: [String: Int]
    /// Texts per detected language ("de", "en").
    public var byLanguage: [String: Int]
    public var meanScore: Double
    /// Personal values removed, by kind ("email", "phone", "name", ...).
    public var redactions: [String: Int]
    public var weeks: [WeekSentiment]
    public var aspects: [AspectSummary]
    public var alert: NegativeShareAlert
    public var method: MethodChoice
    /// True once the quoted examples were withdrawn because feedback was deleted (erasure or
    /// retention) after this run; nil in a run as it was made.
    public var examplesWithdrawn: Bool?

    public static let modelVersion = "feedback-insights-1; " + FeedbackAnalysis.modelVersion + "; " + SentimentClassifier.modelVersion

    /// Feedback of one ISO week (Monday to Sunday, UTC).
    public struct WeekSentiment: Sendable, Hashable, Codable {
        /// "2026-W44".
        public var week: String
        /// Monday 00:00 UTC, seconds since 1970.
        public var start: Int64
        public var count: Int
        public var meanScore: Double
        public var negativeShare: Double
    }

    /// One aspect over all texts that mention it.
    public struct AspectSummary: Sendable, Hashable, Codable {
        public var id: String
        public var name: Localized
        /// Texts that mention it.
        public var mentions: Int
        /// Mean of the aspect's own score in those texts, in [-1, 1].
        public var meanScore: Double
        public var negativeShare: Double
        /// Up to three redacted clauses each: the most negative and the most positive mentions.
        public var negativeExamples: [String]
        public var positiveExamples: [String]
    }

    /// Which method labelled the texts, and why.
    public struct MethodChoice: Sendable, Hashable, Codable {
        public var used: MethodComparison.Method
        /// Reviews with a rating of 1-2 or 4-5.
        public var ratedReviews: Int
        /// The cross-validated comparison, when there were enough rated reviews.
        public var comparison: MethodComparison?
        public var statement: Localized
    }

    public struct Parameters: Sendable, Hashable, Codable {
        /// Rated reviews (1-2 or 4-5 stars) needed before a classifier is trained and compared.
        public var minimumRatedReviews: Int
        public var folds: Int
        public var examplesPerAspect: Int
        /// Longest example quoted, in characters (longer ones are cut with "…").
        public var exampleLength: Int

        public init(minimumRatedReviews: Int = 200, folds: Int = 5, examplesPerAspect: Int = 3, exampleLength: Int = 160) {
            self.minimumRatedReviews = minimumRatedReviews
            self.folds = folds
            self.examplesPerAspect = examplesPerAspect
            self.exampleLength = exampleLength
        }
    }

    /// Analyses `items` (deterministic for the same items, `asOf` and `seed`).
    ///
    /// `aspects`: the standard six plus the shop's own. `asOf` (seconds, UTC) ends the alert's
    /// windows. The analyzer is made here, per call (it is not `Sendable`).
    public static func analyse(
        _ items: [FeedbackItem], asOf: Int64, seed: UInt64, aspects: [Aspect] = Aspect.standard, parameters: Parameters = .init()
    ) -> FeedbackInsights {
        let analyzer = FeedbackAnalyzer(aspects: aspects)
        let analyses = items.map { analyzer.analyze($0.text, language: $0.language) }
        let rated = zip(items, analyses).compactMap { item, a in item.rating.map { RatedText(text: a.redacted.text, rating: $0) } }
        let method = chooseMethod(rated, seed: seed, parameters: parameters)
        var scores = analyses.map(\.score)
        if method.used == .classifier {
            var options = TextLogisticRegression.Options()
            options.seed = seed
            let classifier = SentimentClassifier.train(rated, options: options)
            scores = analyses.map { classifier.score($0.redacted.text) }
        }
        let labels = scores.map { SentimentLabel(score: $0) }

        var byLabel: [String: Int] = [:]
        var byLanguage: [String: Int] = [:]
        var redactions: [String: Int] = [:]
        for (a, label) in zip(analyses, labels) {
            byLabel[label.rawValue, default: 0] += 1
            byLanguage[a.language.language.rawValue, default: 0] += 1
            for (kind, n) in a.redacted.counts { redactions[kind.rawValue, default: 0] += n }
        }
        let times = items.map(\.createdAt)
        let dated = times.indices.filter { times[$0] != nil }
        let alert = NegativeShareAlert.evaluate(
            createdAt: dated.map { times[$0] ?? 0 }, negative: dated.map { labels[$0] == .negative }, asOf: asOf)
        return FeedbackInsights(
            total: items.count, byLabel: byLabel, byLanguage: byLanguage, meanScore: mean(scores), redactions: redactions,
            weeks: weeks(times, scores: scores, labels: labels), aspects: aspectSummaries(analyses, aspects: aspects, parameters: parameters),
            alert: alert, method: method)
    }

    /// Lexicon or classifier: with at least `minimumRatedReviews` rated reviews (and both classes
    /// present) both are compared by k-fold cross-validation (``MethodComparison``) and the better
    /// is used; otherwise the lexicon, with the reason. `rated` must be redacted already.
    public static func chooseMethod(_ rated: [RatedText], seed: UInt64, parameters: Parameters = .init()) -> MethodChoice {
        let usable = rated.filter { $0.positive != nil }
        let positives = usable.filter { $0.positive == true }.count
        let negatives = usable.count - positives
        guard usable.count >= parameters.minimumRatedReviews, positives >= parameters.folds, negatives >= parameters.folds else {
            return MethodChoice(
                used: .lexicon, ratedReviews: usable.count, comparison: nil,
                statement: Localized(
                    de:
                        "Lexikon verwendet: nur \(usable.count) Bewertungen mit 1-2 oder 4-5 Sternen (\(negatives) negativ); ein eigener Klassifikator wird erst ab \(parameters.minimumRatedReviews) trainiert und verglichen.",
                    en:
                        "Lexicon used: only \(usable.count) reviews with 1-2 or 4-5 stars (\(negatives) negative); a shop classifier is trained and compared from \(parameters.minimumRatedReviews) on."
                ))
        }
        var options = TextLogisticRegression.Options()
        options.seed = seed
        let comparison = MethodComparison.compare(usable, folds: parameters.folds, options: options)
        return MethodChoice(used: comparison.winner, ratedReviews: usable.count, comparison: comparison, statement: comparison.summary)
    }

    static func mean(_ xs: [Double]) -> Double { xs.isEmpty ? 0 : xs.reduce(0, +) / Double(xs.count) }

    /// Per ISO week (UTC): texts without a date are left out.
    static func weeks(_ times: [Int64?], scores: [Double], labels: [SentimentLabel]) -> [WeekSentiment] {
        var groups: [Int64: [Int]] = [:]
        for (i, t) in times.enumerated() {
            guard let t else { continue }
            let day = Int64((Double(t) / 86_400).rounded(.down))
            let weekday = ((day + 3) % 7 + 7) % 7  // 1970-01-01 was a Thursday: Monday = 0
            groups[day - weekday, default: []].append(i)
        }
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return groups.keys.sorted().map { monday in
            let members = groups[monday] ?? []
            let date = Date(timeIntervalSince1970: TimeInterval(monday * 86_400))
            let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
            let label = String(format: "%04d-W%02d", parts.yearForWeekOfYear ?? 0, parts.weekOfYear ?? 0)
            let negatives = members.filter { labels[$0] == .negative }.count
            return WeekSentiment(
                week: label, start: monday * 86_400, count: members.count, meanScore: mean(members.map { scores[$0] }),
                negativeShare: Double(negatives) / Double(max(members.count, 1)))
        }
    }

    /// Per aspect: mentions, mean sentiment, negative share and the most telling redacted clauses.
    static func aspectSummaries(_ analyses: [FeedbackAnalysis], aspects: [Aspect], parameters: Parameters) -> [AspectSummary] {
        aspects.map { aspect in
            var found: [(score: Double, label: SentimentLabel, evidence: String, index: Int)] = []
            for (i, a) in analyses.enumerated() {
                guard let s = a.aspects.first(where: { $0.aspect == aspect.id }) else { continue }
                guard let clause = s.evidence.first else { continue }
                found.append((s.score, s.label, withoutSignature(clause), i))
            }
            func examples(_ label: SentimentLabel, ascending: Bool) -> [String] {
                var seen = Set<String>()
                var out: [String] = []
                let candidates = found.filter { $0.label == label }.sorted {
                    $0.score != $1.score ? (ascending ? $0.score < $1.score : $0.score > $1.score) : $0.index < $1.index
                }
                for c in candidates where out.count < parameters.examplesPerAspect {
                    let text = shorten(c.evidence, to: parameters.exampleLength)
                    if seen.insert(sameness(text)).inserted { out.append(text) }
                }
                return out
            }
            let negatives = found.filter { $0.label == .negative }.count
            return AspectSummary(
                id: aspect.id, name: aspect.name, mentions: found.count, meanScore: mean(found.map { $0.score }),
                negativeShare: Double(negatives) / Double(max(found.count, 1)), negativeExamples: examples(.negative, ascending: true),
                positiveExamples: examples(.positive, ascending: false))
        }
    }

    /// The text without a closing line that looks like a signature ("Anna K.", "Jonas Weber"):
    /// one to three capitalised words alone on the last line. The redactor finds names only after
    /// greetings and sign-offs, so a bare signature would otherwise reach an example.
    static func withoutSignature(_ text: String) -> String {
        var lines = text.split(whereSeparator: \.isNewline)
        guard lines.count > 1, let last = lines.last else { return text }
        let words = last.split(separator: " ")
        let looksLikeName =
            (1...3).contains(words.count)
            && words.allSatisfy { w in
                guard let first = w.first, first.isUppercase else { return false }
                return w.dropLast(w.hasSuffix(".") ? 1 : 0).allSatisfy { $0.isLetter || $0 == "-" }
            }
        if looksLikeName { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// Leading conjunctions that make two examples read the same ("aber schlecht verarbeitet",
    /// "Schlecht verarbeitet").
    static let leadingConjunctions: Set<String> = ["und", "aber", "doch", "jedoch", "sondern", "and", "but", "yet", "though"]

    /// The key under which examples count as the same: lower case, without a leading conjunction.
    static func sameness(_ text: String) -> String {
        var words = text.lowercased().split(separator: " ")
        if let first = words.first, leadingConjunctions.contains(String(first)) { words.removeFirst() }
        return words.joined(separator: " ")
    }

    /// One line of at most `length` characters; a placeholder cut at the clause start ("NAME] zu
    /// teuer") gets its bracket back.
    static func shorten(_ text: String, to length: Int) -> String {
        var flat = text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        if let close = flat.firstIndex(of: "]"), flat.firstIndex(of: "[").map({ $0 > close }) ?? true { flat = "[" + flat }
        return flat.count <= length ? flat : String(flat.prefix(max(length - 1, 1))) + "…"
    }
}
