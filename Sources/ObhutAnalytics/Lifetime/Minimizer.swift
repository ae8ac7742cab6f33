/// Unconstrained minimisation by BFGS with a backtracking (Armijo) line search, for the small
/// maximum-likelihood problems here (3-4 log-parameters).
///
/// Deterministic: no randomness, fixed iteration limits. A point where the objective is not
/// finite counts as worse than any finite one, so the line search backs off from parameter
/// regions where the likelihood overflows. (Nocedal and Wright, "Numerical Optimization",
/// 2nd ed., algorithm 6.1 with the initial scaling of eq. 6.20.)
struct Minimizer {
    /// Objective: returns f(x) and writes ∇f(x) into the gradient argument.
    typealias Objective = ([Double], inout [Double]) -> Double

    struct Result {
        var point: [Double]
        var value: Double
        var gradientNorm: Double
        var iterations: Int
        var converged: Bool
    }

    var gradientTolerance = 1e-10
    var maxIterations = 500

    func minimize(_ objective: Objective, from start: [Double]) -> Result {
        let n = start.count
        var x = start
        var g = [Double](repeating: 0, count: n)
        var f = objective(x, &g)
        var result = Result(point: x, value: f, gradientNorm: Self.maxNorm(g), iterations: 0, converged: false)
        guard f.isFinite, g.allSatisfy(\.isFinite) else { return result }
        // Inverse Hessian approximation, row-major.
        var h = Self.identity(n)
        var newX = x
        var newG = g
        var iteration = 0
        while iteration < maxIterations {
            iteration += 1
            if Self.maxNorm(g) <= gradientTolerance {
                result.converged = true
                break
            }
            var direction = Self.multiply(h, g).map { -$0 }
            var slope = Self.dot(direction, g)
            if !(slope < 0) {
                h = Self.identity(n)
                direction = g.map { -$0 }
                slope = Self.dot(direction, g)
            }
            // Backtracking line search on f(x + step·d) ≤ f + 1e-4·step·slope.
            var step = 1.0
            var newF = Double.infinity
            var accepted = false
            for _ in 0..<80 {
                for i in 0..<n { newX[i] = x[i] + step * direction[i] }
                newF = objective(newX, &newG)
                if newF.isFinite, newG.allSatisfy(\.isFinite), newF <= f + 1e-4 * step * slope {
                    accepted = true
                    break
                }
                step *= newF.isFinite ? 0.5 : 0.1
            }
            guard accepted else { break }
            var s = [Double](repeating: 0, count: n)
            var y = [Double](repeating: 0, count: n)
            for i in 0..<n {
                s[i] = newX[i] - x[i]
                y[i] = newG[i] - g[i]
            }
            let sy = Self.dot(s, y)
            let previous = f
            x = newX
            g = newG
            f = newF
            if sy > 1e-300 {
                if iteration == 1 {
                    let scale = sy / Self.dot(y, y)
                    for i in 0..<(n * n) { h[i] *= scale }
                }
                Self.updateInverse(&h, s: s, y: y, sy: sy)
            }
            // No measurable progress and a small gradient: converged as far as doubles allow.
            if abs(previous - f) <= 1e-15 * max(1, abs(f)), Self.maxNorm(g) <= 1e-6 {
                result.converged = true
                break
            }
        }
        result.point = x
        result.value = f
        result.gradientNorm = Self.maxNorm(g)
        result.iterations = iteration
        if result.gradientNorm <= gradientTolerance { result.converged = true }
        return result
    }

    /// H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ with ρ = 1 / (yᵀ s).
    private static func updateInverse(_ h: inout [Double], s: [Double], y: [Double], sy: Double) {
        let n = s.count
        let rho = 1 / sy
        let hy = multiply(h, y)
        let yhy = dot(y, hy)
        for i in 0..<n {
            for j in 0..<n {
                h[i * n + j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j]
            }
        }
    }

    private static func identity(_ n: Int) -> [Double] {
        var m = [Double](repeating: 0, count: n * n)
        for i in 0..<n { m[i * n + i] = 1 }
        return m
    }

    private static func multiply(_ m: [Double], _ v: [Double]) -> [Double] {
        let n = v.count
        var out = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var sum = 0.0
            for j in 0..<n { sum += m[i * n + j] * v[j] }
            out[i] = sum
        }
        return out
    }

    private static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for i in a.indices { sum += a[i] * b[i] }
        return sum
    }

    private static func maxNorm(_ v: [Double]) -> Double {
        v.reduce(0) { max($0, abs($1)) }
    }
}
