/// The Mann-Kendall trend test with Sen's slope, for a short series of counts.
///
/// Why this test and not a Poisson regression: sales counts are overdispersed (promotions,
/// holidays); a Poisson Wald test on five million lines calls nearly every wiggle significant.
/// Mann-Kendall only asks whether later periods tend to exceed earlier ones, so it is robust to
/// outliers and to overdispersion, and Sen's slope (the median of all pairwise slopes) is the
/// matching robust size of the change.
///
/// Mann, "Nonparametric tests against trend", Econometrica 13 (1945); Kendall, *Rank
/// Correlation Methods* (1975) for the variance with ties,
/// `Var S = [n(n-1)(2n+5) - Σ t(t-1)(2t+5)] / 18`; the normal approximation with continuity
/// correction `Z = (S ∓ 1) / √Var S`; Sen, "Estimates of the regression coefficient based on
/// Kendall's tau", JASA 63 (1968). Same conventions as R's `Kendall::MannKendall` and the
/// Python `pymannkendall.original_test`.
///
/// Edge cases: fewer than 3 values or all values equal give S = 0, p = 1, slope 0. Serial
/// correlation (a slow cycle) makes the test too eager; months of one year are few enough that
/// the caller should want at least two years before trusting a verdict.
public struct MannKendall: Sendable, Hashable, Codable {
    /// Σ sign(x_j - x_i) over i < j.
    public let s: Int
    /// Variance of S under no trend, tie-corrected.
    public let variance: Double
    /// The standardised statistic with continuity correction.
    public let z: Double
    /// Two-sided p-value of the normal approximation.
    public let pValue: Double
    /// Sen's slope: the median of (x_j - x_i) / (j - i), in units per period.
    public let senSlope: Double

    /// The test on `values` in time order, one per period.
    public init(_ values: [Double]) {
        let n = values.count
        guard n >= 3 else {
            self.init(s: 0, variance: 0, z: 0, pValue: 1, senSlope: 0)
            return
        }
        var s = 0
        var slopes = [Double]()
        slopes.reserveCapacity(n * (n - 1) / 2)
        for i in 0..<n - 1 {
            for j in i + 1..<n {
                let difference = values[j] - values[i]
                s += difference > 0 ? 1 : (difference < 0 ? -1 : 0)
                slopes.append(difference / Double(j - i))
            }
        }
        // Tie groups.
        let sorted = values.sorted()
        var tieTerm = 0.0
        var start = 0
        while start < n {
            var end = start + 1
            while end < n, sorted[end] == sorted[start] { end += 1 }
            let t = Double(end - start)
            if t > 1 { tieTerm += t * (t - 1) * (2 * t + 5) }
            start = end
        }
        let count = Double(n)
        let variance = max(0, (count * (count - 1) * (2 * count + 5) - tieTerm) / 18)
        let z: Double = variance > 0 ? (s > 0 ? Double(s - 1) : (s < 0 ? Double(s + 1) : 0)) / variance.squareRoot() : 0
        let p = variance > 0 ? min(1, TailProbability.normalTwoSided(z)) : 1
        self.init(s: s, variance: variance, z: z, pValue: p, senSlope: Self.median(&slopes))
    }

    init(s: Int, variance: Double, z: Double, pValue: Double, senSlope: Double) {
        self.s = s
        self.variance = variance
        self.z = z
        self.pValue = pValue
        self.senSlope = senSlope
    }

    /// The median (mean of the two middle values for an even count), reordering `values`.
    static func median(_ values: inout [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        values.sort()
        let middle = values.count / 2
        return values.count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2
    }
}
