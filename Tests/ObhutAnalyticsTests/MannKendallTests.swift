import Testing

@testable import ObhutAnalytics

/// Reference values from pymannkendall 1.4.3 `original_test` (S, var_s, z, p, slope), computed
/// once on 2026-11-23.
struct MannKendallTests {
    @Test(
        arguments: [
            ([1, 2, 3, 4, 5], 10, 16.666666666666668, 2.2045407685048604, 0.0274863361115103, 1.0),
            ([5, 3, 4, 1, 2, 2, 0], -14, 43.333333333333336, -1.9748417658131499, 0.04828610767668162, -0.6666666666666666),
            ([3, 3, 3, 3], 0, 0, 0, 1, 0),
            ([10, 12, 9, 14, 15, 13, 18, 17, 20, 22, 19, 25], 52, 212.66666666666666, 3.4971999547510824, 0.0004701692793138701, 1.3166666666666667),
        ] as [([Double], Int, Double, Double, Double, Double)])
    func matchesPyMannKendall(values: [Double], s: Int, variance: Double, z: Double, p: Double, slope: Double) {
        let test = MannKendall(values)
        #expect(test.s == s)
        #expect(abs(test.variance - variance) < 1e-9, "variance \(test.variance)")
        #expect(abs(test.z - z) < 1e-12, "z \(test.z)")
        #expect(abs(test.pValue - p) < 1e-12, "p \(test.pValue)")
        #expect(abs(test.senSlope - slope) < 1e-12, "slope \(test.senSlope)")
    }

    @Test func tooShortSeriesHasNoTrend() {
        let test = MannKendall([4, 9])
        #expect(test.s == 0 && test.pValue == 1 && test.senSlope == 0)
        #expect(MannKendall([]).pValue == 1)
    }
}
