import Foundation
import ObhutCore

/// Settings of lead scoring.
public struct LeadScoringOptions: Sendable, Equatable {
    /// Fewest won and fewest lost closed leads to learn from; below, training is refused.
    public var minimumPerClass: Int
    /// Share of the closed leads, newest by creation, held out to measure the model.
    public var holdoutShare: Double
    /// Regularisation strengths tried by cross-validation on the training part.
    public var lambdas: [Double]
    public var folds: Int
    /// Weight of an open lead whose owner corrected its score, as a soft-labelled example.
    public var correctionWeight: Double
    public var seed: UInt64

    public init(
        minimumPerClass: Int = 30, holdoutShare: Double = 0.25, lambdas: [Double] = [0.01, 0.1, 1, 10, 100], folds: Int = 5,
        correctionWeight: Double = 0.5, seed: UInt64 = 1
    ) {
        self.minimumPerClass = minimumPerClass
        self.holdoutShare = holdoutShare
        self.lambdas = lambdas
        self.folds = folds
        self.correctionWeight = correctionWeight
        self.seed = seed
    }
}

/// A trained lead-scoring model with its card.
public struct LeadScoringModel: Sendable, Codable, Equatable {
    public var encoder: LeadFeatureEncoder
    public var regression: LogisticRegression
    /// Mean of every column in training: explanations measure against the average lead.
    public var columnMeans: [Double]
    public var card: ModelCard
    /// Training distribution of every feature, for drift.
    public var trainingProfile: [FeatureProfile]

    public struct FeatureProfile: Sendable, Codable, Equatable {
        public var key: String
        /// Numeric: decile edges; categorical: empty (shares are per column).
        public var edges: [Double]
        public var shares: [Double]
    }

    /// The chance that a lead converts, in [0, 1].
    public func probability(_ r: LeadRecord) -> Double { regression.probability(encoder.encode(r)[...]) }

    /// The lead's score with the factors that raised and lowered it most (contributions in
    /// log-odds against the average training lead), strongest first.
    public func explain(_ r: LeadRecord, factors: Int = 3) -> (probability: Double, explanation: Explanation) {
        let x = encoder.encode(r)
        var byGroup = [Double](repeating: 0, count: LeadFeatureEncoder.Group.allCases.count)
        for k in x.indices { byGroup[encoder.group(ofColumn: k).rawValue] += regression.weights[k] * (x[k] - columnMeans[k]) }
        let contributions = LeadFeatureEncoder.Group.allCases.map { (g: $0, c: byGroup[$0.rawValue]) }.filter { abs($0.c) > 1e-9 }
        let up = contributions.filter { $0.c > 0 }.sorted { $0.c > $1.c }.prefix(factors)
        let down = contributions.filter { $0.c < 0 }.sorted { $0.c < $1.c }.prefix(factors)
        let p = regression.probability(x[...])
        let percent = Int((p * 100).rounded())
        let average = Int((card.baseRate * 100).rounded())
        func words(_ list: ArraySlice<(g: LeadFeatureEncoder.Group, c: Double)>, _ l: Language) -> String {
            list.map {
                let d = encoder.describe($0.g, r); return "\(d.label[l]) \(d.value)"
            }.joined(separator: ", ")
        }
        var de = "Abschlusschance \(percent) % (Durchschnitt \(average) %)."
        var en = "Chance to convert \(percent) % (average \(average) %)."
        if !up.isEmpty {
            de += " Dafür spricht: \(words(up, .de))."
            en += " Raised by: \(words(up, .en))."
        }
        if !down.isEmpty {
            de += " Dagegen: \(words(down, .de))."
            en += " Lowered by: \(words(down, .en))."
        }
        de += " Ein Vorschlag für die Reihenfolge, keine Entscheidung."
        en += " A suggested order, not a decision."
        let factorList = (Array(up) + Array(down)).map {
            let d = encoder.describe($0.g, r)
            return Explanation.Factor(name: d.label, value: d.value, contribution: $0.c)
        }
        return (p, Explanation(summary: Localized(de: de, en: en), factors: factorList))
    }

    /// Population stability of every feature between training and `records` (the leads scored now).
    public func drift(_ records: [LeadRecord]) -> [FeatureDrift] {
        let now = LeadScoring.profile(records, encoder: encoder, edgesFrom: trainingProfile)
        return zip(trainingProfile, now).map { training, current in
            let psi = PopulationStability.index(expected: training.shares, actual: current.shares)
            return FeatureDrift(key: training.key, psi: psi, status: psi >= 0.25 ? .shifted : psi >= 0.1 ? .moved : .stable)
        }
    }
}

/// How far one feature moved between training and now.
public struct FeatureDrift: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable { case stable, moved, shifted }
    public var key: String
    public var psi: Double
    public var status: Status
}

/// What a person needs to judge a trained model (Mitchell et al. 2019, "Model Cards").
public struct ModelCard: Sendable, Codable, Equatable {
    public var modelVersion: String
    public var trainedAt: Int64
    /// Creation times of the oldest and newest closed lead learnt from.
    public var dataFrom: Int64
    public var dataTo: Int64
    public var closedLeads: Int
    public var won: Int
    public var lost: Int
    public var baseRate: Double
    /// Open leads whose owner's correction entered training as a soft label.
    public var correctionsUsed: Int
    public var heldOut: Int
    public var heldOutAUC: Double?
    public var heldOutBrier: Double
    public var heldOutLogLoss: Double
    public var reliability: [BinaryMetrics.ReliabilityBin]
    public var lambda: Double
    public var features: [LeadFeatureEncoder.Column]
    /// Weight of each feature column in log-odds per unit (standardised for numbers).
    public var weights: [Double]
    public var specialCategoriesStatement: Localized
    public var limits: [Localized]
}

/// Lead scoring: a calibrated, regularised logistic regression trained on the closed leads.
///
/// Training: closed leads ordered by creation; the newest `holdoutShare` are held out and only
/// measure the model (AUC, Brier score, reliability table); the regularisation is chosen by
/// k-fold cross-validation (log loss) on the rest; the final model is refitted on all closed
/// leads with that strength, plus open leads whose owner corrected the score, as soft labels
/// with a lower weight. A lead's outcome always beats a correction.
public enum LeadScoring {
    public static let modelVersion = "lead-logreg-1"

    public static func train(_ records: [LeadRecord], now: Int64, options: LeadScoringOptions = .init()) throws(ScoringError)
        -> LeadScoringModel
    {
        let closed = records.filter(\.isClosed).sorted { $0.createdAt < $1.createdAt }
        let won = closed.filter { $0.outcome == "won" }.count
        let lost = closed.count - won
        guard won >= options.minimumPerClass, lost >= options.minimumPerClass else {
            throw .tooFewExamples(won: won, lost: lost, needed: options.minimumPerClass)
        }
        let holdoutCount = max(1, Int((Double(closed.count) * options.holdoutShare).rounded()))
        let trainPart = Array(closed.prefix(closed.count - holdoutCount))
        let heldOut = Array(closed.suffix(holdoutCount))

        // Choose λ on the training part, evaluate on the held-out part.
        let lambda = try chooseLambda(trainPart, options: options)
        let probe = try fit(trainPart, extra: [], lambda: lambda, options: options)
        let heldOutP = heldOut.map { probe.probability($0) }
        let heldOutY = heldOut.map { $0.outcome == "won" }

        // Final model: every closed lead, plus corrected open leads.
        let corrected = records.filter { !$0.isClosed && $0.correctedProbability != nil }
        var model = try fit(closed, extra: corrected, lambda: lambda, options: options)
        model.card = ModelCard(
            modelVersion: modelVersion, trainedAt: now, dataFrom: closed.first?.createdAt ?? now, dataTo: closed.last?.createdAt ?? now,
            closedLeads: closed.count, won: won, lost: lost, baseRate: Double(won) / Double(closed.count), correctionsUsed: corrected.count,
            heldOut: heldOut.count, heldOutAUC: BinaryMetrics.auc(scores: heldOutP, outcomes: heldOutY),
            heldOutBrier: BinaryMetrics.brier(probabilities: heldOutP, outcomes: heldOutY),
            heldOutLogLoss: BinaryMetrics.logLoss(probabilities: heldOutP, outcomes: heldOutY),
            reliability: BinaryMetrics.reliability(probabilities: heldOutP, outcomes: heldOutY), lambda: lambda,
            features: model.encoder.columns, weights: model.regression.weights,
            specialCategoriesStatement: Localized(
                de:
                    "Unter den Merkmalen ist keine besondere Kategorie personenbezogener Daten (Art. 9 DSGVO) und nichts über die Kontaktperson: nur Quelle, Branche, Größe und Interaktionszahlen des Unternehmens.",
                en:
                    "No special category of personal data (GDPR Art. 9) and nothing about the contact person is among the features: only the company's source, industry, size and engagement counts."
            ),
            limits: [
                Localized(
                    de:
                        "Gelernt aus \(closed.count) abgeschlossenen Leads dieses Arbeitsbereichs; neue Quellen oder Branchen kennt das Modell nicht.",
                    en: "Learnt from \(closed.count) closed leads of this workspace; it does not know new sources or industries."),
                Localized(
                    de: "Die Phase und die Zeit in ihr sind keine Merkmale (abgeschlossene Leads stehen immer in „closed“).",
                    en: "Stage and time in stage are not features (closed leads are always in “closed”)."),
                Localized(
                    de: "Wahrscheinlichkeiten schlagen eine Reihenfolge vor; ein Mensch entscheidet (Art. 22 DSGVO).",
                    en: "Probabilities suggest an order; a person decides (GDPR Art. 22)."),
            ])
        return model
    }

    /// Fits on `records` (closed: hard labels) plus `extra` (corrected open leads: soft labels).
    static func fit(_ records: [LeadRecord], extra: [LeadRecord], lambda: Double, options: LeadScoringOptions) throws(ScoringError)
        -> LeadScoringModel
    {
        let all = records + extra
        let encoder = LeadFeatureEncoder(fitting: records)
        let columns = encoder.columnCount
        var values = [Double]()
        values.reserveCapacity(all.count * columns)
        for r in all { values += encoder.encode(r) }
        let labels = records.map { $0.outcome == "won" ? 1.0 : 0.0 } + extra.map { min(1, max(0, $0.correctedProbability ?? 0)) }
        let weights = [Double](repeating: 1, count: records.count) + [Double](repeating: options.correctionWeight, count: extra.count)
        let regression = try LogisticRegression.fit(
            values: values, rows: all.count, columns: columns, labels: labels, sampleWeights: weights, lambda: lambda)
        var means = [Double](repeating: 0, count: columns)
        for i in 0..<records.count {
            for k in 0..<columns { means[k] += values[i * columns + k] }
        }
        let n = Double(max(1, records.count))
        let placeholder = ModelCard(
            modelVersion: modelVersion, trainedAt: 0, dataFrom: 0, dataTo: 0, closedLeads: records.count, won: 0, lost: 0,
            baseRate: labels.prefix(records.count).reduce(0, +) / n, correctionsUsed: extra.count, heldOut: 0, heldOutAUC: nil, heldOutBrier: 0,
            heldOutLogLoss: 0, reliability: [], lambda: lambda, features: [], weights: [],
            specialCategoriesStatement: Localized(de: "", en: ""), limits: [])
        return LeadScoringModel(
            encoder: encoder, regression: regression, columnMeans: means.map { $0 / n }, card: placeholder,
            trainingProfile: profile(records, encoder: encoder, edgesFrom: nil))
    }

    /// The λ with the lowest mean cross-validated log loss (the larger λ on ties).
    static func chooseLambda(_ records: [LeadRecord], options: LeadScoringOptions) throws(ScoringError) -> Double {
        guard options.lambdas.count > 1, records.count >= options.folds * 2 else { return options.lambdas.first ?? 1 }
        var random = SplitMix64(seed: options.seed)
        var order = Array(records.indices)
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, random.next(below: i + 1)) }
        var best = (lambda: options.lambdas[0], loss: Double.infinity)
        for lambda in options.lambdas.sorted(by: >) {
            var loss = 0.0
            for fold in 0..<options.folds {
                let test = order.enumerated().filter { $0.offset % options.folds == fold }.map { records[$0.element] }
                let train = order.enumerated().filter { $0.offset % options.folds != fold }.map { records[$0.element] }
                let model = try fit(train, extra: [], lambda: lambda, options: options)
                loss += BinaryMetrics.logLoss(probabilities: test.map { model.probability($0) }, outcomes: test.map { $0.outcome == "won" })
            }
            if loss < best.loss - 1e-12 { best = (lambda, loss) }
        }
        return best.lambda
    }

    /// Distribution of every feature: numeric features by the training deciles, one-hot groups
    /// (size known/unknown, source, industry) by their column shares.
    static func profile(_ records: [LeadRecord], encoder: LeadFeatureEncoder, edgesFrom training: [LeadScoringModel.FeatureProfile]?)
        -> [LeadScoringModel.FeatureProfile]
    {
        var out: [LeadScoringModel.FeatureProfile] = []
        let raw = records.map(LeadFeatureEncoder.numeric)
        for (k, key) in LeadFeatureEncoder.numericKeys.enumerated() {
            let values = raw.compactMap { $0[k] }
            let edges = training?[k].edges ?? PopulationStability.edges(training: values)
            out.append(.init(key: key, edges: edges, shares: PopulationStability.shares(values, edges: edges)))
        }
        func categorical(_ key: String, _ levels: [String], _ value: (LeadRecord) -> String?) {
            var counts = [Double](repeating: 0, count: levels.count + 1)
            for r in records {
                let i = value(r).flatMap { levels.firstIndex(of: $0) } ?? levels.count
                counts[i] += 1
            }
            let n = Double(max(1, records.count))
            out.append(.init(key: key, edges: [], shares: counts.map { $0 / n }))
        }
        categorical("source", encoder.sources) { $0.source }
        categorical("industry", encoder.industries) { $0.industry }
        return out
    }
}
