import Foundation

/// The Gamma-Gamma model of spend per purchase, with its three parameters and predictions.
///
/// Fader, Hardie and Lee (2005), "RFM and CLV: Using Iso-Value Curves for Customer Base
/// Analysis", Journal of Marketing Research 42(4), 415-430, and Fader and Hardie's note "The
/// Gamma-Gamma Model of Monetary Value" (2013). A customer's spends are Gamma(p, ν) with
/// ν ~ Gamma(q, v) across customers; the mean spend of x repeat purchases, m̄, is the input.
/// It assumes spend is independent of purchase frequency (check the correlation before use).
public struct GammaGammaModel: Sendable, Equatable, Codable {
    public var p: Double
    public var q: Double
    public var v: Double

    /// - Throws: ``CLVError/invalidParameter(name:)`` unless all three are positive and finite.
    public init(p: Double, q: Double, v: Double) throws(CLVError) {
        for (name, value) in [("p", p), ("q", q), ("v", v)] where !(value > 0 && value.isFinite) {
            throw .invalidParameter(name: name)
        }
        self.p = p
        self.q = q
        self.v = v
    }

    /// ln f(m̄ | p, q, v, x) = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln v + (px−1) ln m̄ + px ln x
    /// − (px+q) ln(v + x m̄), for x > 0 and m̄ > 0 (the density of the mean spend; lifetimes'
    /// `GammaGammaFitter` uses the same expression).
    public func logLikelihood(frequency x: Double, meanSpend m: Double) -> Double {
        let px = p * x
        let lg = SpecialFunctions.logGamma
        return lg(px + q) - lg(px) - lg(q) + q * log(v) + (px - 1) * log(m) + px * log(x) - (px + q) * log(v + x * m)
    }

    /// The population mean spend per purchase, p·v/(q−1); infinite for q ≤ 1.
    public var populationMeanSpend: Double { q > 1 ? p * v / (q - 1) : .infinity }

    /// E[M | p, q, v, m̄, x] = (1 − w)·p·v/(q−1) + w·m̄ with w = p·x/(p·x + q − 1) (Fader, Hardie
    /// and Lee 2005, eq. 5): a weighted mean of the population mean and the customer's own mean.
    ///
    /// Edge cases: x = 0 (no repeat purchase, m̄ ignored) gives the population mean.
    /// - Throws: ``CLVError/spendMeanUndefined`` when q ≤ 1; ``CLVError/invalidArgument(name:reason:)``
    ///   for a negative or non-finite x or m̄.
    public func expectedMeanSpend(frequency x: Double, meanSpend m: Double) throws(CLVError) -> Double {
        guard q > 1 else { throw .spendMeanUndefined }
        guard x >= 0, x.isFinite else { throw .invalidArgument(name: "x", reason: .negative) }
        guard m.isFinite else { throw .invalidArgument(name: "monetary value", reason: .notFinite) }
        let weight = p * x / (p * x + q - 1)
        return (1 - weight) * populationMeanSpend + weight * (x > 0 ? m : 0)
    }
}
