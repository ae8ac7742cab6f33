import Foundation
import Testing

@testable import ObhutAnalytics

/// Invented leads whose chance to win rises with meetings and a referral, falls with cold calls.
private func syntheticLeads(_ n: Int, seed: UInt64) -> [LeadRecord] {
    var random = SplitMix64(seed: seed)
    let sources = ["referral", "website", "cold-call", "trade-fair"]
    let industries = ["Hotellerie", "Handwerk", "Bildung"]
    return (0..<n).map { i in
        let source = sources[random.next(below: sources.count)]
        let meetings = random.next(below: 6)
        let visits = random.next(below: 20)
        let logit = -1.0 + 0.8 * Double(meetings) + (source == "referral" ? 1.2 : source == "cold-call" ? -1.5 : 0) - 0.02 * Double(visits)
        let won = random.nextDouble() < 1 / (1 + exp(-logit))
        let created = Int64(1_700_000_000 + i * 3_600)
        let closed = i % 5 != 0
        return LeadRecord(
            source: source, industry: industries[random.next(below: industries.count)], size: i % 7 == 0 ? nil : 5 + random.next(below: 200),
            emailsOpened: random.next(below: 30), visits: visits, meetings: meetings, createdAt: created, lastActivityAt: created + 86_400 * 20,
            stage: closed ? "closed" : "proposal", stageSince: created + 86_400, outcome: closed ? (won ? "won" : "lost") : "open")
    }
}

struct LogisticRegressionTests {
    /// Same data, same penalty as scikit-learn's LogisticRegression(C=1) (λ = 1/C), which
    /// gives intercept -0.4381829015782162 and weights 1.2231780826815086, 0.41324071417381353
    /// (scikit-learn 1.x, lbfgs, tol 1e-12).
    @Test func matchesScikitLearnOnASmallExample() throws {
        let x: [Double] = [0.5, 1.0, 1.5, -0.5, -1.0, 0.3, 2.0, 2.0, -0.5, -1.5, 0.0, 0.8, 1.0, 1.2, -2.0, 0.1]
        let y: [Double] = [1, 1, 0, 1, 0, 0, 1, 0]
        let model = try LogisticRegression.fit(values: x, rows: 8, columns: 2, labels: y, lambda: 1)
        #expect(abs(model.intercept - -0.4381829015782162) < 1e-7, "got \(model.intercept)")
        #expect(abs(model.weights[0] - 1.2231780826815086) < 1e-7, "got \(model.weights)")
        #expect(abs(model.weights[1] - 0.41324071417381353) < 1e-7)
        #expect(model.iterations < 15)
    }

    @Test func separableDataStaysFiniteAndBadInputIsRefused() throws {
        let model = try LogisticRegression.fit(values: [-2, -1, 1, 2], rows: 4, columns: 1, labels: [0, 0, 1, 1], lambda: 0.1)
        #expect(model.weights[0].isFinite && model.weights[0] > 1)
        #expect(throws: ScoringError.invalidLabel(row: 1)) {
            try LogisticRegression.fit(values: [1, 2], rows: 2, columns: 1, labels: [0, 2])
        }
        #expect(throws: ScoringError.notFinite(row: 1, column: 0)) {
            try LogisticRegression.fit(values: [1, .nan], rows: 2, columns: 1, labels: [0, 1])
        }
        #expect(throws: ScoringError.self) { try LogisticRegression.fit(values: [1], rows: 2, columns: 1, labels: [0, 1]) }
    }
}

struct BinaryMetricsTests {
    @Test func aucCountsTiesAsHalfAsScikitLearn() {
        // roc_auc_score([1,0,1,0,1], [0.9,0.3,0.3,0.1,0.6]) = 0.9166666666666666
        let auc = BinaryMetrics.auc(scores: [0.9, 0.3, 0.3, 0.1, 0.6], outcomes: [true, false, true, false, true])
        #expect(abs((auc ?? 0) - 0.9166666666666666) < 1e-12)
        #expect(BinaryMetrics.auc(scores: [0.1, 0.2], outcomes: [true, true]) == nil)
    }

    @Test func brierLogLossAndReliability() {
        #expect(abs(BinaryMetrics.brier(probabilities: [0.5, 1, 0], outcomes: [true, true, true]) - (0.25 + 0 + 1) / 3) < 1e-12)
        #expect(abs(BinaryMetrics.logLoss(probabilities: [0.5], outcomes: [false]) - log(2)) < 1e-12)
        let table = BinaryMetrics.reliability(probabilities: [0.05, 0.15, 0.12, 0.95], outcomes: [false, true, false, true])
        #expect(table.map(\.count) == [1, 2, 1])
        #expect(table[1].observedRate == 0.5)
        #expect(abs(table[1].meanPredicted - 0.135) < 1e-12)
    }

    @Test func populationStabilityIsZeroForTheSameDataAndGrowsWithAShift() {
        let training = (0..<1000).map { Double($0 % 100) }
        let edges = PopulationStability.edges(training: training)
        let same = PopulationStability.index(
            expected: PopulationStability.shares(training, edges: edges), actual: PopulationStability.shares(training, edges: edges))
        #expect(same == 0)
        let shifted = PopulationStability.index(
            expected: PopulationStability.shares(training, edges: edges),
            actual: PopulationStability.shares(training.map { $0 + 30 }, edges: edges))
        #expect(shifted > 0.25)
        // Known value: expected [0.5, 0.5], actual [0.7, 0.3]: 0.2 ln(7/5) + (-0.2) ln(3/5) = 0.1695...
        #expect(abs(PopulationStability.index(expected: [0.5, 0.5], actual: [0.7, 0.3]) - (0.2 * log(1.4) - 0.2 * log(0.6))) < 1e-12)
    }
}

struct LeadScoringTests {
    @Test func learnsTheDirectionOfEveryPlantedEffectAndMeasuresItselfOnHeldOutLeads() throws {
        let leads = syntheticLeads(1_500, seed: 3)
        let model = try LeadScoring.train(leads, now: 1_800_000_000)
        let columns = model.encoder.columns.map(\.key)
        func weight(_ key: String) throws -> Double { model.regression.weights[try #require(columns.firstIndex(of: key))] }
        #expect(try weight("meetings") > 0.3)
        let referral = try weight("source:referral"), website = try weight("source:website"), coldCall = try weight("source:cold-call")
        #expect(referral > website)
        #expect(coldCall < website)
        let card = model.card
        #expect(card.closedLeads == 1_200 && card.won + card.lost == 1_200)
        #expect(card.heldOut == 300)
        #expect(try #require(card.heldOutAUC) > 0.75)
        #expect(card.heldOutBrier < 0.22)
        #expect(card.reliability.reduce(0) { $0 + $1.count } == 300)
        // Calibration: in bins with enough leads the observed rate is near the predicted one.
        for bin in card.reliability where bin.count >= 40 {
            #expect(abs(bin.observedRate - bin.meanPredicted) < 0.15, "\(bin)")
        }
        #expect(card.specialCategoriesStatement.en.contains("No special category"))
        #expect(!columns.contains { $0.contains("stage") }, "stage is never a feature")
    }

    @Test func explanationsNameTheFactorsInBothLanguages() throws {
        let leads = syntheticLeads(1_000, seed: 4)
        let model = try LeadScoring.train(leads, now: 1_800_000_000)
        var hot = leads[0]
        hot.meetings = 5
        hot.source = "referral"
        let (p, why) = model.explain(hot)
        #expect(p > model.card.baseRate)
        #expect(why.summary.de.contains("Dafür spricht: ") && why.summary.de.contains("Termine 5"), "got \(why.summary.de)")
        #expect(why.summary.en.contains("Meetings 5") && why.summary.en.contains("not a decision"))
        #expect(why.factors.first?.contribution ?? 0 > 0)
        var cold = leads[0]
        cold.meetings = 0
        cold.source = "cold-call"
        #expect(model.explain(cold).explanation.summary.en.contains("Lowered by: "))
    }

    @Test func refusesToTrainOnTooFewClosedLeadsAndSaysWhy() {
        let leads = syntheticLeads(60, seed: 5)
        #expect(throws: ScoringError.self) { try LeadScoring.train(leads, now: 0) }
        do {
            _ = try LeadScoring.train(leads, now: 0)
        } catch {
            #expect(error.description.contains("won") && error.description.contains("lost"))
        }
    }

    @Test func correctionsEnterTrainingAsSoftLabelsAndOutcomesWin() throws {
        var leads = syntheticLeads(800, seed: 6)
        let before = try LeadScoring.train(leads, now: 0)
        for i in leads.indices where leads[i].outcome == "open" && leads[i].source == "cold-call" { leads[i].correctedProbability = 0.95 }
        leads[1].correctedProbability = 0.0  // closed lead: its outcome counts, not the correction
        let after = try LeadScoring.train(leads, now: 0)
        #expect(after.card.correctionsUsed == leads.filter { !$0.isClosed && $0.correctedProbability != nil }.count)
        #expect(after.card.correctionsUsed > 0)
        let column = try #require(after.encoder.columns.firstIndex { $0.key == "source:cold-call" })
        #expect(after.regression.weights[column] > before.regression.weights[column], "corrections raised cold calls")
        #expect(after.card.closedLeads == before.card.closedLeads)
    }

    @Test func driftIsFlaggedWhenTheScoredLeadsDifferFromTraining() throws {
        let leads = syntheticLeads(1_000, seed: 7)
        let model = try LeadScoring.train(leads, now: 0)
        let same = model.drift(leads.filter(\.isClosed))
        #expect(same.allSatisfy { $0.status == .stable }, "\(same)")
        let shifted = leads.map { r -> LeadRecord in
            var r = r
            r.meetings += 8
            r.source = "newsletter"
            return r
        }
        let drift = model.drift(shifted)
        #expect(drift.first { $0.key == "meetings" }?.status == .shifted)
        #expect(drift.first { $0.key == "source" }?.status == .shifted)
    }

    @Test func sameDataSameModel() throws {
        let leads = syntheticLeads(700, seed: 8)
        let a = try LeadScoring.train(leads, now: 5), b = try LeadScoring.train(leads, now: 5)
        #expect(a == b)
    }
}
