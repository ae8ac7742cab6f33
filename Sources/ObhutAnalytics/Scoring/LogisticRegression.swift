import Foundation

/// L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least
/// squares), for the small, dense feature sets of lead scoring (tens of columns).
///
/// Minimises `Σ wᵢ · logloss(yᵢ, σ(b + xᵢ·β)) + λ/2 · ‖β‖²` (the intercept `b` is not
/// penalised), with sample weights `wᵢ` and labels `yᵢ` in [0, 1]: soft labels let a person's
/// corrected estimate for a lead enter training beside the hard outcomes of closed leads.
/// Newton converges in a handful of steps here and is exact, with no learning rate to tune;
/// each step solves the (p+1)×(p+1) system by Cholesky. Deterministic.
///
/// Edge cases: separable data stays finite thanks to λ > 0; a constant column gets weight 0.
public struct LogisticRegression: Sendable, Codable, Equatable {
    public var intercept: Double
    public var weights: [Double]
    public var lambda: Double
    public var iterations: Int

    public init(intercept: Double, weights: [Double], lambda: Double, iterations: Int = 0) {
        self.intercept = intercept
        self.weights = weights
        self.lambda = lambda
        self.iterations = iterations
    }

    /// Log-odds of row `x`.
    public func logit(_ x: ArraySlice<Double>) -> Double {
        var z = intercept
        for (j, v) in zip(weights.indices, x) { z += weights[j] * v }
        return z
    }

    public func probability(_ x: ArraySlice<Double>) -> Double { Self.sigmoid(logit(x)) }

    public static func sigmoid(_ z: Double) -> Double { z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z)) }

    /// Fits the model to `rows × columns` values (row-major).
    ///
    /// - Throws: ``ScoringError`` for shapes that do not fit, non-finite values, labels outside
    ///   [0, 1] or a non-positive λ.
    public static func fit(
        values: [Double], rows: Int, columns: Int, labels: [Double], sampleWeights: [Double]? = nil, lambda: Double = 1,
        maxIterations: Int = 50, tolerance: Double = 1e-10
    ) throws(ScoringError) -> LogisticRegression {
        guard values.count == rows * columns, labels.count == rows, sampleWeights.map({ $0.count == rows }) ?? true else {
            throw .shapeMismatch("\(rows) rows × \(columns) columns, \(rows) labels and weights")
        }
        guard lambda > 0, lambda.isFinite else { throw .invalidOption("lambda", "positive and finite") }
        if let bad = values.firstIndex(where: { !$0.isFinite }) { throw .notFinite(row: bad / max(1, columns), column: bad % max(1, columns)) }
        if let bad = labels.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) { throw .invalidLabel(row: bad) }
        let w = sampleWeights ?? [Double](repeating: 1, count: rows)
        let p = columns + 1  // index 0 = intercept
        var beta = [Double](repeating: 0, count: p)
        // Start the intercept at the weighted base rate: one fewer Newton step, and sane when λ is large.
        let totalWeight = w.reduce(0, +)
        let rate = min(max(zip(labels, w).reduce(0) { $0 + $1.0 * $1.1 } / max(totalWeight, 1e-300), 1e-6), 1 - 1e-6)
        beta[0] = log(rate / (1 - rate))
        var objective = Double.infinity
        var iteration = 0
        while iteration < maxIterations {
            iteration += 1
            var gradient = [Double](repeating: 0, count: p)
            var hessian = [Double](repeating: 0, count: p * p)
            var loss = 0.0
            for i in 0..<rows {
                let base = i * columns
                var z = beta[0]
                for j in 0..<columns { z += beta[j + 1] * values[base + j] }
                let mu = sigmoid(z)
                loss += w[i] * (softplus(z) - labels[i] * z)
                let g = w[i] * (mu - labels[i])
                let h = w[i] * max(mu * (1 - mu), 1e-12)
                gradient[0] += g
                hessian[0] += h
                for j in 0..<columns {
                    let xj = values[base + j]
                    gradient[j + 1] += g * xj
                    hessian[j + 1] += h * xj
                    for k in 0...j { hessian[(j + 1) * p + k + 1] += h * xj * values[base + k] }
                }
            }
            for j in 1..<p {
                loss += 0.5 * lambda * beta[j] * beta[j]
                gradient[j] += lambda * beta[j]
                hessian[j * p + j] += lambda
            }
            // Row 0 (intercept) was accumulated; copy it to column 0, then mirror the lower triangle.
            for j in 1..<p { hessian[j * p] = hessian[j] }
            for j in 1..<p {
                for k in (j + 1)..<p { hessian[j * p + k] = hessian[k * p + j] }
            }
            guard let step = CholeskySolver.solve(hessian, gradient, size: p) else { throw .singular }
            for j in 0..<p { beta[j] -= step[j] }
            let change = abs(objective - loss)
            objective = loss
            if change <= tolerance * max(1, abs(loss)) { break }
        }
        return LogisticRegression(intercept: beta[0], weights: Array(beta[1...]), lambda: lambda, iterations: iteration)
    }

    /// log(1 + e^z) without overflow.
    static func softplus(_ z: Double) -> Double { z > 0 ? z + log1p(exp(-z)) : log1p(exp(z)) }
}

/// Solves a symmetric positive-definite system by Cholesky decomposition.
enum CholeskySolver {
    /// `x` with `A x = b` for row-major `A` (`size × size`), or nil when `A` is not positive definite.
    static func solve(_ a: [Double], _ b: [Double], size n: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var sum = a[i * n + j]
                for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
                if i == j {
                    guard sum > 0 else { return nil }
                    l[i * n + i] = sum.squareRoot()
                } else {
                    l[i * n + j] = sum / l[j * n + j]
                }
            }
        }
        var y = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var sum = b[i]
            for k in 0..<i { sum -= l[i * n + k] * y[k] }
            y[i] = sum / l[i * n + i]
        }
        var x = [Double](repeating: 0, count: n)
        for i in stride(from: n - 1, through: 0, by: -1) {
            var sum = y[i]
            for k in (i + 1)..<n { sum -= l[k * n + i] * x[k] }
            x[i] = sum / l[i * n + i]
        }
        return x
    }
}

/// Errors of scoring input and options, each saying how to fix it.
public enum ScoringError: Error, Equatable, Sendable, CustomStringConvertible {
    case shapeMismatch(String)
    case notFinite(row: Int, column: Int)
    case invalidLabel(row: Int)
    case invalidOption(String, String)
    case singular
    /// Too few closed leads of a class to learn from.
    case tooFewExamples(won: Int, lost: Int, needed: Int)

    public var description: String {
        switch self {
        case .shapeMismatch(let expected): "Expected \(expected)."
        case .notFinite(let row, let column): "Row \(row), column \(column) is not a finite number."
        case .invalidLabel(let row): "Label of row \(row) lies outside [0, 1]."
        case .invalidOption(let name, let requirement): "\(name) must be \(requirement)."
        case .singular: "The features are degenerate (the Newton system is singular); raise the regularisation."
        case .tooFewExamples(let won, let lost, let needed):
            "Needs at least \(needed) won and \(needed) lost leads to learn from, has \(won) won and \(lost) lost."
        }
    }
}
