import Foundation
import Testing

@testable import ObhutAnalytics

@Suite struct GammaGammaModelTests {
    @Test func likelihoodMatchesHandComputation() throws {
        // p = q = v = 1, x = 1, m̄ = 1: ln Γ(2) − ln Γ(1) − ln Γ(1) + 0 + 0 + 0 − 2 ln 2.
        let model = try GammaGammaModel(p: 1, q: 1, v: 1)
        let value = model.logLikelihood(frequency: 1, meanSpend: 1)
        #expect(isClose(value, -2 * log(2.0), relative: 1e-14), "\(value)")
    }

    @Test func expectedSpendWeighsPopulationAndCustomer() throws {
        let model = try GammaGammaModel(p: 6, q: 4, v: 15)
        // Population mean p·v/(q−1) = 30; x = 0 gives it, whatever m̄ says.
        #expect(try model.expectedMeanSpend(frequency: 0, meanSpend: 99) == 30)
        // x = 2: w = 12/(12 + 3) = 0.8, so 0.2·30 + 0.8·50 = 46.
        let value = try model.expectedMeanSpend(frequency: 2, meanSpend: 50)
        #expect(isClose(value, 46, relative: 1e-14), "\(value)")
    }

    @Test func infiniteMeanSpendIsAnError() throws {
        let model = try GammaGammaModel(p: 6, q: 0.9, v: 15)
        #expect(throws: CLVError.spendMeanUndefined) { try model.expectedMeanSpend(frequency: 1, meanSpend: 10) }
    }

    @Test func fitNeedsEnoughRepeatBuyersAndSkipsNonPositiveSpend() throws {
        #expect(throws: CLVError.tooFewForSpendModel(found: 2, needed: GammaGammaModel.minimumCustomers)) {
            try GammaGammaModel.fit(frequency: [1, 2, 0, 3], meanSpend: [10, 20, 0, 0])
        }
        #expect(throws: CLVError.invalidSummary(customer: 1, reason: .notFinite)) {
            try GammaGammaModel.fit(frequency: [1, 2], meanSpend: [10, .nan])
        }
        // Spends from 5 to 210 with a zero-spend customer that must be left out.
        let x: [Double] = [1, 2, 3, 1, 4, 2, 5, 1, 3, 2, 6, 2]
        let m: [Double] = [5, 120, 19, 60, 22, 8, 210, 14, 33, 95, 11, 0]
        let fit = try GammaGammaModel.fit(frequency: x, meanSpend: m)
        #expect(fit.customers == 11 && fit.excludedNonPositiveSpend == 1)
        #expect(fit.model.p.isFinite && fit.model.q.isFinite && fit.model.v.isFinite)
        #expect(try GammaGammaModel.fit(frequency: x, meanSpend: m) == fit)
        // The fit's grouped likelihood equals the per-customer sum at its parameters.
        let direct = x.indices.filter { m[$0] > 0 }.map { fit.model.logLikelihood(frequency: x[$0], meanSpend: m[$0]) }.reduce(0, +)
        #expect(isClose(fit.logLikelihood, direct, relative: 1e-12), "\(fit.logLikelihood) vs \(direct), \(fit.model)")
    }
}
