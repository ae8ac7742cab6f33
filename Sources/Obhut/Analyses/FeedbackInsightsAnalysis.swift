import Foundation
import ObhutAnalytics
import ObhutCore

/// The `feedback` activity: sentiment and aspects of reviews, e-mails, chats and survey answers,
/// every text redacted before it is scored or quoted (``FeedbackAnalyzer``). Aggregates only:
/// its purpose (feedback, legitimate interest) allows no profile of a person, so the run stores
/// no result about anyone, just the ``FeedbackInsights`` as its summary.
public struct FeedbackInsightsAnalysis: Analysis {
    public let modelVersion = FeedbackInsights.modelVersion
    public var aspects: [Aspect]
    public var parameters: FeedbackInsights.Parameters

    public init(aspects: [Aspect] = Aspect.standard, parameters: FeedbackInsights.Parameters = .init()) {
        self.aspects = aspects
        self.parameters = parameters
    }

    public func run(scope: Scope, seed: UInt64) throws -> AnalysisOutput {
        let items = Self.items(scope)
        let insights = FeedbackInsights.analyse(
            items, asOf: Int64(scope.asOf.timeIntervalSince1970), seed: seed, aspects: aspects, parameters: parameters)
        return AnalysisOutput(perPerson: [], summaryJSON: try JSON.encode(insights))
    }

    /// The scope's feedback as the insights read it (empty when texts were not declared).
    static func items(_ scope: Scope) -> [FeedbackItem] {
        guard let table = scope.feedback, let texts = table.text else { return [] }
        return texts.indices.map { i in
            FeedbackItem(
                text: texts[i], rating: table.rating?[i], createdAt: table.createdAt?[i],
                language: table.language?[i].flatMap { TextLanguage(rawValue: $0) }.flatMap { $0 == .auto ? nil : $0 } ?? .auto)
        }
    }
}
