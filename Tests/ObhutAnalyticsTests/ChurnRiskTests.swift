import Testing

@testable import ObhutAnalytics

@Suite struct ChurnRiskTests {
    let model: BGNBDModel

    init() throws {
        model = try BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
    }

    @Test func flagsALongSilentRegularBuyerWithAReason() throws {
        // Four repeat purchases in the first 8 weeks, then 30 weeks of silence.
        let risk = try ChurnRisk(model: model, frequency: 4, recency: 8, age: 38, threshold: 0.5)
        #expect(risk.atRisk && risk.probabilityAlive < 0.5)
        #expect(risk.reason.en.contains("last purchase 30 weeks ago, usually every 2.0 weeks"), "\(risk.reason.en)")
        #expect(risk.reason.de.contains("letzter Kauf vor 30 Wochen, sonst etwa alle 2,0 Wochen"), "\(risk.reason.de)")
    }

    @Test func neverFlagsACustomerWithoutRepeatPurchases() throws {
        let risk = try ChurnRisk(model: model, frequency: 0, recency: 0, age: 38)
        #expect(!risk.atRisk && risk.probabilityAlive == 1)
    }

    @Test func rejectsBadThresholdsAndSummaries() {
        #expect(throws: CLVError.invalidArgument(name: "threshold", reason: .notProbability)) {
            try ChurnRisk(model: model, frequency: 1, recency: 1, age: 2, threshold: 1)
        }
        #expect(throws: CLVError.self) { try ChurnRisk(model: model, frequency: .nan, recency: 1, age: 2) }
        #expect(throws: CLVError.self) { try ChurnRisk(model: model, frequency: 1, recency: 3, age: 2) }
    }
}
