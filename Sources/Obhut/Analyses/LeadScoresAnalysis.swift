import Foundation
import ObhutAnalytics
import ObhutCore

/// The `lead-scores` activity: trains the lead-scoring model on the workspace's closed leads
/// (and the owners' corrections), scores every open lead that has not objected, and records the
/// model card and the drift of the scored leads against the training data.
///
/// Scores suggest an order for the sales team; nothing acts on a lead by itself (GDPR Art. 22).
public struct LeadScoresAnalysis: Analysis {
    public let modelVersion = LeadScoring.modelVersion
    public var options: LeadScoringOptions

    public init(options: LeadScoringOptions = .init()) {
        self.options = options
    }

    public func run(scope: Scope, seed: UInt64) throws -> AnalysisOutput {
        guard let leads = scope.leads else { return AnalysisOutput(perPerson: []) }
        let records = Self.records(leads)
        var o = options
        o.seed = seed
        let now = Int64(scope.asOf.timeIntervalSince1970)
        let model: LeadScoringModel
        do {
            model = try LeadScoring.train(records, now: now, options: o)
        } catch {
            throw LeadScoringFailure(error: error)
        }
        var results: [LeadResult] = []
        let open = records.indices.filter { !records[$0].isClosed }
        for i in open {
            let (p, why) = model.explain(records[i])
            results.append(LeadResult(lead: i, probability: p, explanation: why))
        }
        let summary = LeadScoresSummary(
            card: model.card, drift: model.drift(open.map { records[$0] }), scored: results.count, model: model)
        return AnalysisOutput(perPerson: [], perLead: results, summaryJSON: try JSON.encode(summary))
    }

    /// The scope's lead columns as records (missing columns read as unknown or zero).
    static func records(_ t: LeadTable) -> [LeadRecord] {
        t.leadIds.indices.map { i in
            LeadRecord(
                source: t.source?[i], industry: t.industry?[i], size: t.size?[i], emailsOpened: t.emailsOpened?[i] ?? 0, visits: t.visits?[i] ?? 0,
                meetings: t.meetings?[i] ?? 0, createdAt: t.createdAt?[i] ?? 0, lastActivityAt: t.lastActivityAt?[i] ?? nil,
                stage: t.stage?[i] ?? "new", stageSince: t.stageSince?[i] ?? nil, outcome: t.outcome?[i] ?? "open",
                correctedProbability: t.correctedProbability[i])
        }
    }
}

/// What a `lead-scores` run stores as its summary: the model card, the drift, and the model itself.
public struct LeadScoresSummary: Sendable, Codable {
    public var card: ModelCard
    public var drift: [FeatureDrift]
    public var scored: Int
    public var model: LeadScoringModel
}

/// Training refused, in words a sales team can act on.
public struct LeadScoringFailure: UserFacingError {
    public let error: ScoringError

    public func message(in l: Language) -> String {
        switch error {
        case .tooFewExamples(let won, let lost, let needed):
            return Localized(
                de:
                    "Zu wenige abgeschlossene Leads zum Lernen: \(won) gewonnen, \(lost) verloren; nötig sind je mindestens \(needed). Ergebnisse (won/lost) der abgeschlossenen Leads importieren und erneut versuchen.",
                en:
                    "Too few closed leads to learn from: \(won) won, \(lost) lost; at least \(needed) of each are needed. Import the outcomes (won/lost) of closed leads and try again."
            )[l]
        default:
            return Localized(de: "Lead-Bewertung nicht möglich: \(error)", en: "Lead scoring failed: \(error)")[l]
        }
    }
}
