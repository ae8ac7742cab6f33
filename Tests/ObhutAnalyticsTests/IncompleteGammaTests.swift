import Testing

@testable import ObhutAnalytics

/// Reference values from SciPy 1.17.1 (`scipy.special.gammainc`, `gammaincc`, `scipy.stats.chi2.sf`,
/// `2 * scipy.stats.norm.sf`), computed once with the anchor venv on 2026-11-23.
struct IncompleteGammaTests {
    @Test(
        arguments: [
            (0.5, 0.1, 0.34527915398142317, 0.6547208460185768),
            (1.0, 1.0, 0.6321205588285577, 0.36787944117144245),
            (3.0, 2.5, 0.45618688411667035, 0.5438131158833297),
            (10.0, 15.0, 0.9301463393005901, 0.06985366069940986),
            (83.5, 100.0, 0.9586062133179707, 0.041393786682029275),
            (0.5, 20.0, 0.9999999997460371, 2.5396285894708634e-10),
        ] as [(Double, Double, Double, Double)])
    func lowerAndUpperMatchSciPy(a: Double, x: Double, p: Double, q: Double) {
        let lower = IncompleteGamma.lower(a, x), upper = IncompleteGamma.upper(a, x)
        #expect(abs(lower - p) <= 1e-12 * max(1, p), "P(\(a), \(x)): expected \(p), observed \(lower)")
        #expect(abs(upper - q) <= 1e-10 * q, "Q(\(a), \(x)): expected \(q), observed \(upper) (relative accuracy in the tail)")
    }

    @Test(
        arguments: [
            (3.841458820694124, 1, 0.05),
            (3.84, 1, 0.05004352124870519),
            (6.635, 1, 0.009999419574042536),
            (0.5, 2, 0.7788007830714049),
            (10.0, 5, 0.07523524614651217),
            (30.0, 3, 1.3800570312932553e-06),
            (150.0, 167, 0.8230295252129413),
            (200.0, 167, 0.041393786682029275),
            (1000.0, 6, 8.941414636224561e-213),
        ] as [(Double, Int, Double)])
    func chiSquareTailMatchesSciPy(x: Double, df: Int, expected: Double) {
        let observed = TailProbability.chiSquare(x, degreesOfFreedom: df)
        #expect(abs(observed - expected) <= 1e-9 * expected, "chi2.sf(\(x), \(df)): expected \(expected), observed \(observed)")
    }

    @Test func normalTwoSidedTailAt196IsFivePercent() {
        let observed = TailProbability.normalTwoSided(-1.96)
        #expect(abs(observed - 0.04999579029644087) < 1e-14, "observed \(observed)")
    }

    @Test func edgeCasesGiveBoundsNotNaN() {
        #expect(IncompleteGamma.lower(2, 0) == 0)
        #expect(IncompleteGamma.upper(2, 0) == 1)
        #expect(IncompleteGamma.upper(2, -1) == 1)
        #expect(IncompleteGamma.upper(2, .infinity) == 0)
        #expect(TailProbability.chiSquare(0, degreesOfFreedom: 3) == 1)
        #expect(TailProbability.chiSquare(1e6, degreesOfFreedom: 3) == 0)
        #expect(IncompleteGamma.lower(0, 1).isNaN, "a = 0 is outside the domain")
        #expect(TailProbability.chiSquare(1, degreesOfFreedom: 0).isNaN)
    }
}
