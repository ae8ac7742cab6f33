import Testing

@testable import ObhutAnalytics

struct BenjaminiHochbergTests {
    @Test func adjustsAsRsPAdjustBH() {
        // By hand (R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2), "BH")):
        // sorted 0.005 0.01 0.03 0.04 0.2 -> ×5/rank: 0.025 0.025 0.05 0.05 0.2, monotone from the top.
        let observed = BenjaminiHochberg.adjusted([0.01, 0.04, 0.03, 0.005, 0.2])
        let expected = [0.025, 0.05, 0.05, 0.025, 0.2]
        for (o, e) in zip(observed, expected) { #expect(abs(o - e) < 1e-15, "expected \(expected), observed \(observed)") }
    }

    @Test func stepUpLetsALargerPValueLiftSmallerOnes() {
        // 0.04 × 2 / 1 = 0.08 alone, but the step-up takes min over larger ranks: 0.045 × 2 / 2.
        let observed = BenjaminiHochberg.adjusted([0.04, 0.045])
        #expect(observed == [0.045, 0.045], "observed \(observed)")
    }

    @Test func untestedValuesStayOutOfTheFamily() {
        let observed = BenjaminiHochberg.adjusted([0.01, .nan, 0.02])
        #expect(observed[1].isNaN)
        #expect(observed[0] == 0.02 && observed[2] == 0.02, "m = 2, not 3: observed \(observed)")
        #expect(BenjaminiHochberg.adjusted([]).isEmpty)
    }
}
