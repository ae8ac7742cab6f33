import Foundation

/// The regularised incomplete gamma functions P(a, x) and Q(a, x) = 1 - P(a, x).
///
/// Why here: the chi-square tail probability is `Q(df / 2, x / 2)`, and no package we may use
/// provides it. The method is the classic pair from Press et al., *Numerical Recipes* (3rd ed.,
/// §6.2): the power series `P = e^{-x} x^a / Γ(a+1) · Σ x^n / ((a+1)…(a+n))` where `x < a + 1`,
/// and Legendre's continued fraction for Q, evaluated by the modified Lentz method, elsewhere.
/// Each is used where it converges fast (O(√a) terms) and where its result is not a difference
/// of two nearly equal numbers, so small tail probabilities keep their relative accuracy.
///
/// Edge cases: `x <= 0` gives P = 0, Q = 1; `x = +∞` gives P = 1, Q = 0; `a <= 0` or a NaN
/// argument gives NaN. Tails below about 1e-308 underflow to 0.
public enum IncompleteGamma {
    /// P(a, x), the lower regularised incomplete gamma function, in [0, 1].
    public static func lower(_ a: Double, _ x: Double) -> Double {
        guard a > 0, !x.isNaN else { return .nan }
        if x <= 0 { return 0 }
        if x == .infinity { return 1 }
        return x < a + 1 ? series(a, x) : 1 - continuedFraction(a, x)
    }

    /// Q(a, x), the upper regularised incomplete gamma function, in [0, 1].
    public static func upper(_ a: Double, _ x: Double) -> Double {
        guard a > 0, !x.isNaN else { return .nan }
        if x <= 0 { return 1 }
        if x == .infinity { return 0 }
        return x < a + 1 ? 1 - series(a, x) : continuedFraction(a, x)
    }

    /// `log(e^{-x} x^a / Γ(a))`, the common prefactor.
    private static func logPrefactor(_ a: Double, _ x: Double) -> Double {
        -x + a * log(x) - lgamma(a)
    }

    /// P(a, x) by its power series; converges for all x, fast for x < a + 1.
    private static func series(_ a: Double, _ x: Double) -> Double {
        var denominator = a
        var term = 1 / a
        var sum = term
        for _ in 0..<100_000 {
            denominator += 1
            term *= x / denominator
            sum += term
            if abs(term) < abs(sum) * 1e-16 { break }
        }
        return min(1, sum * exp(logPrefactor(a, x)))
    }

    /// Q(a, x) by Legendre's continued fraction (modified Lentz); fast for x >= a + 1.
    private static func continuedFraction(_ a: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1..<100_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            h *= step
            if abs(step - 1) < 1e-16 { break }
        }
        return min(1, exp(logPrefactor(a, x)) * h)
    }
}

/// Tail probabilities of the distributions the pattern tests refer to.
public enum TailProbability {
    /// P(X >= x) for X chi-square distributed with `degreesOfFreedom` (>= 1): `Q(df / 2, x / 2)`.
    ///
    /// Edge cases: `x <= 0` gives 1; fewer than one degree of freedom or NaN gives NaN.
    public static func chiSquare(_ x: Double, degreesOfFreedom: Int) -> Double {
        guard degreesOfFreedom >= 1 else { return .nan }
        return IncompleteGamma.upper(Double(degreesOfFreedom) / 2, x / 2)
    }

    /// P(|Z| >= |z|) for a standard normal Z: `erfc(|z| / √2)`.
    public static func normalTwoSided(_ z: Double) -> Double {
        guard !z.isNaN else { return .nan }
        return erfc(abs(z) / 2.0.squareRoot())
    }
}
