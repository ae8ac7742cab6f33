import Foundation

/// A fitted Gamma-Gamma model with what the fit found.
public struct GammaGammaFit: Sendable, Equatable {
    public var model: GammaGammaModel
    public var logLikelihood: Double
    /// Customers used: x > 0 and a positive mean spend.
    public var customers: Int
    /// Customers with x > 0 left out because their mean spend was zero or negative.
    public var excludedNonPositiveSpend: Int
    public var iterations: Int
}

extension GammaGammaModel {
    /// The fewest customers with repeat purchases the fit accepts.
    public static let minimumCustomers = 10

    /// Maximum-likelihood fit of p, q, v on the customers with x > 0 and m̄ > 0 (others are
    /// skipped: x = 0 carries no spend information; m̄ ≤ 0 has no likelihood, e.g. CDNOW master's
    /// free items, the anchor drops them too).
    ///
    /// BFGS on (ln p, ln q, ln v) with the analytic gradient from p = q = v = 1 (lifetimes'
    /// `GammaGammaFitter` start), then fixed other starts if that fails. Deterministic.
    ///
    /// - Throws: ``CLVError/tooFewForSpendModel(found:needed:)``,
    ///   ``CLVError/invalidSummary(customer:reason:)`` for a negative or non-finite x,
    ///   ``CLVError/invalidSummary(customer:reason:)`` for a non-finite spend,
    ///   ``CLVError/fitFailed(model:)``.
    public static func fit(frequency: [Double], meanSpend: [Double]) throws(CLVError) -> GammaGammaFit {
        guard frequency.count == meanSpend.count else {
            throw .mismatchedLengths(persons: frequency.count, days: frequency.count, amounts: meanSpend.count)
        }
        var xs: [Double] = [], logXs: [Double] = [], ms: [Double] = [], logMs: [Double] = []
        var excluded = 0
        for i in frequency.indices {
            let x = frequency[i], m = meanSpend[i]
            guard x >= 0, x.isFinite else { throw .invalidSummary(customer: i, reason: .summaryNotFinite) }
            guard m.isFinite else { throw .invalidSummary(customer: i, reason: .notFinite) }
            guard x > 0 else { continue }
            guard m > 0 else {
                excluded += 1
                continue
            }
            xs.append(x)
            logXs.append(log(x))
            ms.append(m)
            logMs.append(log(m))
        }
        guard xs.count >= minimumCustomers else { throw .tooFewForSpendModel(found: xs.count, needed: minimumCustomers) }
        let n = Double(xs.count)
        let objective: Minimizer.Objective = { logParameters, gradient in
            let p = exp(logParameters[0]), q = exp(logParameters[1]), v = exp(logParameters[2])
            guard p.isFinite, q.isFinite, v.isFinite, p > 0, q > 0, v > 0 else { return .infinity }
            let lg = SpecialFunctions.logGamma, psi = SpecialFunctions.digamma
            let lgQ = lg(q), psiQ = psi(q), logV = log(v)
            var total = 0.0, gp = 0.0, gq = 0.0, gv = 0.0
            for i in xs.indices {
                let x = xs[i], m = ms[i], px = p * x
                let logDenominator = log(v + x * m)
                let psiPXQ = psi(px + q)
                total += lg(px + q) - lg(px) - lgQ + q * logV + (px - 1) * logMs[i] + px * logXs[i] - (px + q) * logDenominator
                gp += x * (psiPXQ - psi(px) + logMs[i] + logXs[i] - logDenominator)
                gq += psiPXQ - psiQ + logV - logDenominator
                gv += q / v - (px + q) / (v + x * m)
            }
            gradient[0] = -gp * p / n
            gradient[1] = -gq * q / n
            gradient[2] = -gv * v / n
            return -total / n
        }
        let meanSpend = ms.reduce(0, +) / n
        let starts: [[Double]] = [[0, 0, 0], [log(2), log(3), log(max(1e-3, meanSpend))], [log(0.5), log(1.5), 0]]
        let minimizer = Minimizer()
        var best: Minimizer.Result?
        for start in starts {
            let result = minimizer.minimize(objective, from: start)
            if result.converged, result.value.isFinite {
                best = result
                break
            }
        }
        guard let best else { throw .fitFailed(model: "Gamma-Gamma") }
        let parameters = best.point.map { exp($0) }
        let model = try GammaGammaModel(p: parameters[0], q: parameters[1], v: parameters[2])
        return GammaGammaFit(
            model: model, logLikelihood: -best.value * n, customers: xs.count, excludedNonPositiveSpend: excluded,
            iterations: best.iterations)
    }

    /// Fits to a ``TransactionSummary`` (its `frequency` and `meanRepeatSpend`).
    public static func fit(_ summary: TransactionSummary) throws(CLVError) -> GammaGammaFit {
        try fit(frequency: summary.frequency, meanSpend: summary.meanRepeatSpend)
    }
}
