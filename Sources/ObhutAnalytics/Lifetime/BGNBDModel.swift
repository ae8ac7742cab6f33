import Foundation

/// The BG/NBD ("beta-geometric / negative binomial") model of repeat buying, with its four
/// parameters, per-customer likelihood and predictions.
///
/// Fader, Hardie and Lee (2005), "Counting Your Customers the Easy Way: An Alternative to the
/// Pareto/NBD Model", Marketing Science 24(2), 275-284. While alive, a customer buys as a
/// Poisson process with rate λ ~ Gamma(r, α); after each purchase they drop out with
/// probability p ~ Beta(a, b). A customer is summarised by x (repeat purchases), t_x (time of
/// the last purchase) and T (time since the first), all in the same unit (weeks here: α is in
/// weeks, so r/α is the purchase rate per week).
///
/// Formulas and their edge cases follow lifetimes' `BetaGeoFitter` so results can be compared.
public struct BGNBDModel: Sendable, Equatable, Codable {
    public var r: Double
    public var alpha: Double
    public var a: Double
    public var b: Double

    /// - Throws: ``CLVError/invalidParameter(name:)`` unless all four are positive and finite.
    public init(r: Double, alpha: Double, a: Double, b: Double) throws(CLVError) {
        for (name, value) in [("r", r), ("alpha", alpha), ("a", a), ("b", b)] where !(value > 0 && value.isFinite) {
            throw .invalidParameter(name: name)
        }
        self.r = r
        self.alpha = alpha
        self.a = a
        self.b = b
    }

    /// ln L(r, α, a, b | x, t_x, T) of one customer (Fader, Hardie and Lee 2005, eq. 6 in
    /// the log-sum-exp form of their note "Implementing the BG/NBD Model", 2008):
    /// ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
    ///   + ln[ (α+T)^−(r+x) + 1{x>0} · a/(b+x−1) · (α+t_x)^−(r+x) ].
    public func logLikelihood(frequency x: Double, recency tx: Double, age T: Double) -> Double {
        let lg = SpecialFunctions.logGamma
        let a1 = lg(r + x) - lg(r) + r * log(alpha)
        let a2 = lg(a + b) + lg(b + x) - lg(b) - lg(a + b + x)
        let a3 = -(r + x) * log(alpha + T)
        guard x > 0 else { return a1 + a2 + a3 }
        let a4 = log(a) - log(b + x - 1) - (r + x) * log(alpha + tx)
        let top = max(a3, a4)
        return a1 + a2 + top + log1p(exp(-abs(a3 - a4)))
    }

    /// The total log-likelihood of a summary.
    public func logLikelihood(_ summary: TransactionSummary) -> Double {
        var total = 0.0
        for i in 0..<summary.count {
            total += logLikelihood(frequency: summary.frequency[i], recency: summary.recency[i], age: summary.age[i])
        }
        return total
    }

    /// P(alive | x, t_x, T) = 1 / (1 + 1{x>0} · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x))
    /// (Fader, Hardie and Lee 2005, eq. 11).
    ///
    /// Edge case: a customer without repeat purchases (x = 0) is alive with probability 1 in
    /// this model (drop-out only happens right after a purchase); lifetimes returns the same.
    public func probabilityAlive(frequency x: Double, recency tx: Double, age T: Double) -> Double {
        guard x > 0 else { return 1 }
        let logOdds = (r + x) * log((alpha + T) / (alpha + tx)) + log(a / (b + x - 1))
        return 1 / (1 + exp(logOdds))
    }

    /// E[purchases in (T, T+t] | x, t_x, T] (Fader, Hardie and Lee 2005, eq. 10):
    ///
    ///   (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; t/(α+T+t))]
    ///   / (1 + 1{x>0} · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)).
    ///
    /// The 2F1 grows fast with x while the power shrinks fast; Euler's transformation
    /// 2F1(A, B; C; z) = (1−z)^(C−A−B) · 2F1(C−A, C−B; C; z) turns the product into
    /// (1−z)^(a−1) · 2F1(a+b−1−r, a−1; a+b+x−1; z), whose parameters do not grow with x, so the
    /// series converges quickly and nothing overflows (lifetimes switches to the same identity
    /// when the direct 2F1 overflows). The bracket is taken as −expm1(…) for accuracy at small t.
    ///
    /// Edge cases: t = 0 gives 0. At a = 1 the formula is 0/0; it is then evaluated at
    /// a = 1 ± 1e-7 and averaged (the function is smooth in a).
    ///
    /// - Throws: ``CLVError/invalidArgument(name:reason:)`` for a negative or non-finite t or
    ///   summary; ``CLVError/seriesDidNotConverge`` when t/(α+T+t) is too close to 1.
    public func expectedPurchases(within t: Double, frequency x: Double, recency tx: Double, age T: Double) throws(CLVError) -> Double {
        guard t >= 0, t.isFinite else { throw .invalidArgument(name: "t", reason: .negative) }
        guard x >= 0, tx >= 0, T >= 0, x.isFinite, tx.isFinite, T.isFinite else {
            throw .invalidArgument(name: "x, t_x, T", reason: .summaryNotFinite)
        }
        if t == 0 { return 0 }
        guard abs(a - 1) < 1e-7 else { return try Self.expectedPurchases(r: r, alpha: alpha, a: a, b: b, t: t, x: x, tx: tx, T: T) }
        let below = try Self.expectedPurchases(r: r, alpha: alpha, a: 1 - 1e-7, b: b, t: t, x: x, tx: tx, T: T)
        let above = try Self.expectedPurchases(r: r, alpha: alpha, a: 1 + 1e-7, b: b, t: t, x: x, tx: tx, T: T)
        return (below + above) / 2
    }

    private static func expectedPurchases(
        r: Double, alpha: Double, a: Double, b: Double, t: Double, x: Double, tx: Double, T: Double
    ) throws(CLVError) -> Double {
        let z = t / (alpha + T + t)
        let c = a + b + x - 1
        guard let series = SpecialFunctions.hypergeometric2F1(a + b - 1 - r, a - 1, c, z), series > 0 else {
            throw .seriesDidNotConverge
        }
        // ln[((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; c; z)] = (a−1)·ln(1−z) + ln(series).
        let logProduct = (a - 1) * log1p(-z) + log(series)
        let numerator = c / (a - 1) * -expm1(logProduct)
        guard x > 0 else { return numerator }
        let odds = exp((r + x) * log((alpha + T) / (alpha + tx)) + log(a / (b + x - 1)))
        return numerator / (1 + odds)
    }

    /// E[purchases in (0, t]] of a customer just acquired (Fader, Hardie and Lee 2005, eq. 9):
    /// (a+b−1)/(a−1) · [1 − (α/(α+t))^r · 2F1(r, b; a+b−1; t/(α+t))]; the conditional formula
    /// at x = t_x = T = 0.
    public func expectedPurchasesOfNewCustomer(within t: Double) throws(CLVError) -> Double {
        try expectedPurchases(within: t, frequency: 0, recency: 0, age: 0)
    }
}
