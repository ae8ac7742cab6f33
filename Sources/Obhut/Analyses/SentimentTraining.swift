import Foundation
import ObhutAnalytics
import ObhutCore

/// `obhut train sentiment`: the analyst's explicit look at "lexicon or the shop's own
/// classifier?". Reads the shop's rated reviews only through the `feedback` activity's scope
/// (pre-flight first, the read audited), redacts them, trains the classifier on all of them and
/// compares it with the lexicon by cross-validation, exactly as the next `feedback` run will.
///
/// Nothing is stored: each `feedback` run recomputes the comparison (the same reviews and seed
/// give the same answer), so the model (about 4 MB of weights) need not be kept.
public struct SentimentTraining: Sendable {
    public let workspace: Workspace
    public let actor: Actor

    public init(workspace: Workspace, actor: Actor = .cli) {
        self.workspace = workspace
        self.actor = actor
    }

    /// What training found.
    public struct Report: Sendable, Codable {
        /// Reviews with a rating of 1-2 or 4-5 (3 is left out) and of each class.
        public var ratedReviews: Int
        public var positive: Int
        public var negative: Int
        public var choice: FeedbackInsights.MethodChoice
        public var classifierVersion: String

        public func render(in l: Language) -> String {
            var lines = [
                Localized(
                    de:
                        "Trainingsdaten: \(ratedReviews) Bewertungen (\(positive) positiv mit 4-5 Sternen, \(negative) negativ mit 1-2 Sternen; 3 Sterne bleiben außen vor), geschwärzt.",
                    en:
                        "Training data: \(ratedReviews) reviews (\(positive) positive with 4-5 stars, \(negative) negative with 1-2 stars; 3 stars left out), redacted."
                )[l]
            ]
            if let c = choice.comparison {
                let pct = { (x: Double) in String(format: "%.1f", x * 100) }
                lines.append(
                    Localized(
                        de: "Lexikon: Genauigkeit \(pct(c.lexicon.accuracy)) %, balanciert \(pct(c.lexicon.balancedAccuracy)) %.",
                        en: "Lexicon: accuracy \(pct(c.lexicon.accuracy))%, balanced \(pct(c.lexicon.balancedAccuracy))%.")[l])
                lines.append(
                    Localized(
                        de:
                            "Klassifikator (\(classifierVersion)): Genauigkeit \(pct(c.classifier.accuracy)) %, balanciert \(pct(c.classifier.balancedAccuracy)) %.",
                        en:
                            "Classifier (\(classifierVersion)): accuracy \(pct(c.classifier.accuracy))%, balanced \(pct(c.classifier.balancedAccuracy))%."
                    )[l])
            }
            lines.append(choice.statement[l])
            let method =
                choice.used == .classifier
                ? Localized(de: "der trainierte Klassifikator", en: "the trained classifier") : Localized(de: "das Lexikon", en: "the lexicon")
            lines.append(Localized(de: "Der nächste Lauf von feedback verwendet \(method.de).", en: "The next feedback run uses \(method.en).")[l])
            return lines.joined(separator: "\n")
        }
    }

    /// Trains and compares on the `feedback` scope. Throws ``KernelError/preflightFailed(_:)``
    /// when the activity may not run (not approved, no legal basis, ...).
    public func run(seed: UInt64 = 1, parameters: FeedbackInsights.Parameters = .init()) throws -> Report {
        let kernel = PrivacyKernel(workspace: workspace, actor: actor)
        let preflight = try kernel.preflight("feedback")
        guard preflight.passed else { throw KernelError.preflightFailed(preflight) }
        let register = try workspace.register()
        let activity = try kernel.activity("feedback", in: register)
        let scope = try ScopeBuilder(workspace: workspace, register: register, activity: activity).build()
        try workspace.audit(actor: actor, action: "scope.read", count: scope.people.count, activity: "feedback", reason: "train sentiment")
        let analyzer = FeedbackAnalyzer()
        let rated = FeedbackInsightsAnalysis.items(scope).compactMap { item in
            item.rating.map { RatedText(text: analyzer.analyze(item.text, language: item.language).redacted.text, rating: $0) }
        }
        let choice = FeedbackInsights.chooseMethod(rated, seed: seed, parameters: parameters)
        let usable = rated.filter { $0.positive != nil }
        let positive = usable.filter { $0.positive == true }.count
        return Report(
            ratedReviews: usable.count, positive: positive, negative: usable.count - positive, choice: choice,
            classifierVersion: SentimentClassifier.modelVersion)
    }
}
