import Foundation

/// The special functions the lifetime models need: log-gamma (from the C library), digamma and
/// the Gaussian hypergeometric function 2F1.
enum SpecialFunctions {
    /// ln Γ(x) for x > 0.
    @inline(__always)
    static func logGamma(_ x: Double) -> Double { lgamma(x) }

    /// ψ(x) = d/dx ln Γ(x) for x > 0.
    ///
    /// Recurrence ψ(x) = ψ(x + 1) − 1/x up to x ≥ 10, then the asymptotic (Stirling) series to
    /// x⁻¹² (Abramowitz and Stegun 6.3.18); truncation error below 1e-15 there. Edge cases: x → 0⁺ gives −1/x (large and
    /// negative), as it should.
    static func digamma(_ value: Double) -> Double {
        var x = value
        var result = 0.0
        while x < 10 {
            result -= 1 / x
            x += 1
        }
        let f = 1 / (x * x)
        let tail = f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f * (1.0 / 132 - f * (691.0 / 32760))))))
        return result + log(x) - 0.5 / x - tail
    }

    /// The Gauss series 2F1(a, b; c; z) = Σₙ (a)ₙ(b)ₙ / ((c)ₙ n!) zⁿ for 0 ≤ z < 1 and c not
    /// 0, −1, −2, … (where the series is undefined).
    ///
    /// Summed term by term until a rigorous bound on the remaining tail is below 1e-17 of the sum
    /// (the term ratio tends to z < 1 but may exceed 1 for the first terms when a and b are
    /// large, so a small term early on does not stop the sum). Returns
    /// nil when that does not happen within `maxTerms` terms (z very close to 1) or the sum
    /// overflows: the caller reports it rather than return an inaccurate value.
    static func hypergeometric2F1(_ a: Double, _ b: Double, _ c: Double, _ z: Double, maxTerms: Int = 1_000_000) -> Double? {
        guard z >= 0, z < 1, a.isFinite, b.isFinite, c.isFinite, c > 0 || c != c.rounded() else { return nil }
        if z == 0 { return 1 }
        var term = 1.0
        var sum = 1.0
        var n = 0.0
        for _ in 0..<maxTerms {
            let ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * z
            term *= ratio
            sum += term
            n += 1
            guard sum.isFinite else { return nil }
            if term == 0 { return sum }
            // Tail bound: for m ≥ n with n + a ≥ 0, n + b ≥ 0, n + c > 0, (m + a)/(m + c) lies between
            // (n + a)/(n + c) and 1, and (m + b)/(m + 1) between (n + b)/(n + 1) and 1 (both are
            // monotone in m), so every later ratio is at most q and the tail at most |term|·q/(1 − q).
            if n + a >= 0, n + b >= 0, n + c > 0 {
                let q = z * max(1, (n + a) / (n + c)) * max(1, (n + b) / (n + 1))
                if q < 1, abs(term) * q / (1 - q) <= 1e-17 * abs(sum) { return sum }
            }
        }
        return nil
    }
}
