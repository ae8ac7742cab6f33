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
        var xs: [Double] = [], ms: [Double] = [], logMs: [Double] = []
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
            ms.append(m)
            logMs.append(log(m))
        }
        guard xs.count >= minimumCustomers else { throw .tooFewForSpendModel(found: xs.count, needed: minimumCustomers) }
        let n = Double(xs.count)
        // Customers ordered by x: the ln Γ and ψ terms depend on x only (through p·x), so they
        // are evaluated once per distinct x (a few dozen) instead of once per customer.
        let order = xs.indices.sorted { (xs[$0], $0) < (xs[$1], $1) }
        let sortedX = order.map { xs[$0] }, sortedM = order.map { ms[$0] }, sortedLogM = order.map { logMs[$0] }
        var groupStart: [Int] = []
        for i in sortedX.indices where i == 0 || sortedX[i] != sortedX[i - 1] { groupStart.append(i) }
        groupStart.append(sortedX.count)
        let objective: Minimizer.Objective = { logParameters, gradient in
            let p = exp(logParameters[0]), q = exp(logParameters[1]), v = exp(logParameters[2])
            guard p.isFinite, q.isFinite, v.isFinite, p > 0, q > 0, v > 0 else { return .infinity }
            let lg = SpecialFunctions.logGamma, psi = SpecialFunctions.digamma
            let lgQ = lg(q), psiQ = psi(q), logV = log(v)
            var total = 0.0, gp = 0.0, gq = 0.0, gv = 0.0
            for group in 0..<(groupStart.count - 1) {
                let start = groupStart[group], end = groupStart[group + 1]
                let x = sortedX[start], px = p * x, logX = log(x), count = Double(end - start)
                let psiPXQ = psi(px + q)
                total += count * (lg(px + q) - lg(px) - lgQ + q * logV + px * logX)
                gp += count * x * (psiPXQ - psi(px) + logX)
                gq += count * (psiPXQ - psiQ + logV)
                gv += count * q / v
                var sumLogM = 0.0, sumLogDenominator = 0.0, sumInverse = 0.0
                for i in start..<end {
                    let denominator = v + x * sortedM[i]
                    sumLogM += sortedLogM[i]
                    sumLogDenominator += log(denominator)
                    sumInverse += 1 / denominator
                }
                total += (px - 1) * sumLogM - (px + q) * sumLogDenominator
                gp += x * (sumLogM - sumLogDenominator)
                gq -= sumLogDenominator
                gv -= (px + q) * sumInverse
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
