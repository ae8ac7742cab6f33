/// A fitted implicit ALS model: user and item factors, and the items' Gram matrix YᵀY for
/// explanations. Score of user u for item i = x_uᵀ y_i (a preference estimate, not a probability).
///
/// Memory: (users + items) × stride floats plus stride² for the Gram matrix.
public struct ALSModel: Sendable {
    public let configuration: ALSConfiguration
    public let layout: FactorLayout
    public let users: Int
    public let items: Int
    /// `users × layout.stride`, row-major.
    public let userFactors: [Float]
    /// `items × layout.stride`, row-major.
    public let itemFactors: [Float]
    /// YᵀY (`stride × stride`) of the final item factors, without λ.
    public let itemGram: [Float]

    /// The factor vector of `user` (``ALSConfiguration/factors`` values).
    public func userVector(_ user: Int) -> ArraySlice<Float> {
        userFactors[(user * layout.stride)..<(user * layout.stride + layout.factors)]
    }

    /// The factor vector of `item`.
    public func itemVector(_ item: Int) -> ArraySlice<Float> {
        itemFactors[(item * layout.stride)..<(item * layout.stride + layout.factors)]
    }

    /// x_uᵀ y_i.
    public func score(user: Int, item: Int) -> Float {
        let n = layout.stride
        return userFactors.withUnsafeBufferPointer { u in
            itemFactors.withUnsafeBufferPointer { v in
                guard let ub = u.baseAddress, let vb = v.baseAddress else { return 0 }
                return dotProduct(ub + user * n, vb + item * n, n)
            }
        }
    }

    /// Scores of every item for `user`, written into `out` (length ``items``).
    public func scores(user: Int, into out: inout [Float]) {
        let n = layout.stride
        if out.count != items { out = [Float](repeating: 0, count: items) }
        userFactors.withUnsafeBufferPointer { u in
            itemFactors.withUnsafeBufferPointer { v in
                out.withUnsafeMutableBufferPointer { o in
                    guard let ub = u.baseAddress, let vb = v.baseAddress else { return }
                    let x = ub + user * n
                    for i in 0..<items { o[i] = dotProduct(x, vb + i * n, n) }
                }
            }
        }
    }

    /// Attributes the score of `item` to the user's history items, as `implicit`'s `explain`
    /// (Hu, Koren & Volinsky 2008, section 5): with W_u = (YᵀC_uY + λI)⁻¹ the exact solution is
    /// x_u = W_u YᵀC_u p_u, so x_uᵀy_i = Σ_j c_uj (y_iᵀ W_u y_j): item j contributes c_uj · y_iᵀW_u y_j.
    ///
    /// `history` is the user's row (item, weight) as used for fitting. Solved in Double by
    /// Cholesky. Returns the contributions in history order; their sum is the exact-solve score
    /// (close to, not equal to, ``score(user:item:)`` after a few CG steps). Empty when the history is.
    public func contributions(item: Int, history: [(item: Int, weight: Float)]) -> [Double] {
        guard !history.isEmpty else { return [] }
        let f = layout.factors
        let n = layout.stride
        var a = [Double](repeating: 0, count: f * f)
        for r in 0..<f {
            for c in 0..<f { a[r * f + c] = Double(itemGram[r * n + c]) }
            a[r * f + r] += Double(configuration.regularization)
        }
        for (j, w) in history {
            let c = Double(configuration.alpha * w) - 1
            let base = j * n
            for r in 0..<f {
                let yr = c * Double(itemFactors[base + r])
                for col in 0..<f { a[r * f + col] += yr * Double(itemFactors[base + col]) }
            }
        }
        var b = (0..<f).map { Double(itemFactors[item * n + $0]) }
        guard Cholesky.solve(&a, &b, n: f) else { return history.map { _ in 0 } }
        return history.map { (j, w) in
            var s = 0.0
            for r in 0..<f { s += b[r] * Double(itemFactors[j * n + r]) }
            return s * Double(configuration.alpha * w)
        }
    }
}

/// Dense symmetric positive definite solve in place (Cholesky–Banachiewicz), for explanations.
enum Cholesky {
    /// Solves `a x = b` (a is `n × n`, row-major); `b` becomes x. False when `a` is not
    /// positive definite (then `a` and `b` hold partial results).
    static func solve(_ a: inout [Double], _ b: inout [Double], n: Int) -> Bool {
        for i in 0..<n {
            for j in 0...i {
                var sum = a[i * n + j]
                for k in 0..<j { sum -= a[i * n + k] * a[j * n + k] }
                if i == j {
                    guard sum > 0 else { return false }
                    a[i * n + i] = sum.squareRoot()
                } else {
                    a[i * n + j] = sum / a[j * n + j]
                }
            }
        }
        for i in 0..<n {
            var sum = b[i]
            for k in 0..<i { sum -= a[i * n + k] * b[k] }
            b[i] = sum / a[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var sum = b[i]
            for k in (i + 1)..<n { sum -= a[k * n + i] * b[k] }
            b[i] = sum / a[i * n + i]
        }
        return true
    }
}
