import Foundation

/// A fitted BG/NBD model with what the fit found.
public struct BGNBDFit: Sendable, Equatable {
    public var model: BGNBDModel
    /// Total log-likelihood at the fitted parameters.
    public var logLikelihood: Double
    public var customers: Int
    /// Distinct (x, t_x, T) triples: the likelihood was evaluated once per triple.
    public var distinctHistories: Int
    public var iterations: Int
}

extension BGNBDModel {
    /// Maximum-likelihood fit of r, α, a, b to customer summaries (all three arrays alike long).
    ///
    /// Works on log-parameters (so every parameter stays positive) with BFGS and the analytic
    /// gradient (digamma terms), minimising the mean negative log-likelihood, as lifetimes does
    /// (its `BetaGeoFitter` with `penalizer_coef = 0`). Starts from r = α = a = b = 1 (lifetimes'
    /// start); if that does not converge, from a few fixed other points in turn, and the first
    /// that converges wins. Deterministic.
    ///
    /// Speed: customers with the same (x, t_x, T) are evaluated once, with their count as weight;
    /// ln Γ and ψ terms are evaluated once per distinct x, logarithms once per distinct T and t_x.
    ///
    /// - Throws: ``CLVError/invalidSummary(customer:reason:)`` for negative or non-finite values,
    ///   a non-integer x, t_x > T or t_x > 0 with x = 0; ``CLVError/noCustomers``;
    ///   ``CLVError/noRepeatBuyers`` when every x is 0 (the likelihood then has no maximum);
    ///   ``CLVError/fitFailed(model:)`` when no start converges.
    public static func fit(frequency: [Double], recency: [Double], age: [Double]) throws(CLVError) -> BGNBDFit {
        let data = try BGNBDData(frequency: frequency, recency: recency, age: age)
        let minimizer = Minimizer()
        let starts: [[Double]] = [
            [0, 0, 0, 0],
            [log(0.5), log(max(1, data.meanAge)), log(0.5), log(2)],
            [log(2), log(max(1, data.meanAge) * 4), 0, log(4)],
            [log(0.1), log(0.1), log(0.1), log(0.1)],
        ]
        var best: Minimizer.Result?
        for start in starts {
            let result = minimizer.minimize({ data.meanNegativeLogLikelihood($0, gradient: &$1) }, from: start)
            if result.converged, result.value.isFinite {
                best = result
                break
            }
        }
        guard let best else { throw .fitFailed(model: "BG/NBD") }
        let p = best.point.map { exp($0) }
        let model = try BGNBDModel(r: p[0], alpha: p[1], a: p[2], b: p[3])
        return BGNBDFit(
            model: model, logLikelihood: -best.value * data.totalWeight, customers: frequency.count,
            distinctHistories: data.triples.count, iterations: best.iterations)
    }

    /// Fits to a ``TransactionSummary``.
    public static func fit(_ summary: TransactionSummary) throws(CLVError) -> BGNBDFit {
        try fit(frequency: summary.frequency, recency: summary.recency, age: summary.age)
    }
}
