/// Implicit-feedback matrix factorisation by alternating least squares.
///
/// Model (Hu, Koren & Volinsky, "Collaborative Filtering for Implicit Feedback Datasets", ICDM
/// 2008): preference p_ui = 1 where the user interacted, else 0, confidence c_ui = alpha · w_ui
/// (1 where no interaction); minimise Σ c_ui (p_ui − x_uᵀy_i)² + λ(Σ‖x_u‖² + Σ‖y_i‖²).
/// Each half-step solves, for every user u, (YᵀY + λI + Yᵀ(C_u − I)Y) x_u = YᵀC_u p_u, using the
/// shared Gram matrix YᵀY and only the user's own items (the paper's section 4 speed-up).
///
/// Solver: a few conjugate-gradient steps per row, warm-started from the previous iteration's
/// factors, never forming the row's matrix (Takács, Pilászy & Tikk, "Applications of the
/// conjugate gradient method for implicit feedback collaborative filtering", RecSys 2011) — the
/// algorithm of `implicit`'s `least_squares_cg`, so quality compares one to one.
///
/// Determinism: initial factors come from ``SplitMix64`` with the seed; rows are solved
/// independently and the Gram matrix is reduced in fixed block order, so the result is the same
/// for every thread count.
public enum ImplicitALS {
    /// Fits the factors of a users × items matrix (weights are counts or other positive strengths).
    ///
    /// Edge cases: users or items without entries get factors pulled to zero (they score 0);
    /// `iterations = 0` returns the random initial factors.
    public static func fit(_ userItems: InteractionMatrix, configuration: ALSConfiguration = .init()) throws -> ALSModel {
        try configuration.validate()
        let layout = FactorLayout(factors: configuration.factors)
        var rng = SplitMix64(seed: configuration.seed)
        var users = layout.randomRows(userItems.rows, using: &rng)
        var items = layout.randomRows(userItems.columns, using: &rng)
        let itemUsers = userItems.transposed()
        for _ in 0..<configuration.iterations {
            solve(userItems, rows: &users, fixed: items, layout: layout, configuration: configuration)
            solve(itemUsers, rows: &items, fixed: users, layout: layout, configuration: configuration)
        }
        let gram = gramMatrix(items, rows: userItems.columns, layout: layout, threads: configuration.threads)
        return ALSModel(
            configuration: configuration, layout: layout, users: userItems.rows, items: userItems.columns,
            userFactors: users, itemFactors: items, itemGram: gram)
    }

    /// YᵀY of `rows` factor rows, summed per block of 4,096 rows and the partials added in order.
    static func gramMatrix(_ factors: [Float], rows: Int, layout: FactorLayout, threads: Int) -> [Float] {
        let n = layout.stride
        let blocks = ParallelRows(rows: rows, blockSize: 4096)
        var partials = [Float](repeating: 0, count: max(1, blocks.blockCount) * n * n)
        factors.withUnsafeBufferPointer { f in
            partials.withUnsafeMutableBufferPointer { p in
                guard let fBase = f.baseAddress, let pBase = p.baseAddress else { return }
                let out = SharedFloats(base: pBase)
                blocks.forEach(threads: threads) { b, _ in
                    let range = blocks.range(ofBlock: b)
                    addGram(fBase + range.lowerBound * n, count: range.count, out.base + b * n * n, n)
                }
            }
        }
        var gram = [Float](repeating: 0, count: n * n)
        for b in 0..<max(1, blocks.blockCount) {
            for k in 0..<(n * n) { gram[k] += partials[b * n * n + k] }
        }
        return gram
    }

    /// One half-iteration: new `rows` factors given the `fixed` side, conjugate gradient per row.
    static func solve(
        _ matrix: InteractionMatrix, rows: inout [Float], fixed: [Float], layout: FactorLayout, configuration: ALSConfiguration
    ) {
        let n = layout.stride
        var gram = gramMatrix(fixed, rows: matrix.columns, layout: layout, threads: configuration.threads)
        for j in 0..<layout.factors { gram[j * n + j] += configuration.regularization }
        let alpha = configuration.alpha
        let steps = configuration.conjugateGradientSteps
        let threads = max(1, configuration.threads)
        let blocks = ParallelRows(rows: matrix.rows, blockSize: 256)
        var scratch = [Float](repeating: 0, count: threads * 3 * n)
        // Non-empty stand-ins keep the base addresses non-nil for a matrix without entries.
        let columns = matrix.columnIndices.isEmpty ? [0] : matrix.columnIndices
        let values = matrix.values.isEmpty ? [0] : matrix.values
        gram.withUnsafeBufferPointer { gBuf in
            fixed.withUnsafeBufferPointer { yBuf in
                rows.withUnsafeMutableBufferPointer { xBuf in
                    scratch.withUnsafeMutableBufferPointer { sBuf in
                        matrix.rowStarts.withUnsafeBufferPointer { starts in
                            columns.withUnsafeBufferPointer { cols in
                                values.withUnsafeBufferPointer { vals in
                                    guard let g = gBuf.baseAddress, let y = yBuf.baseAddress, let xBase = xBuf.baseAddress,
                                        let sBase = sBuf.baseAddress, let colBase = cols.baseAddress, let valBase = vals.baseAddress
                                    else { return }
                                    let x = SharedFloats(base: xBase)
                                    let s = SharedFloats(base: sBase)
                                    blocks.forEach(threads: threads) { b, worker in
                                        let r = s.base + worker * 3 * n
                                        let p = r + n
                                        let ap = p + n
                                        for u in blocks.range(ofBlock: b) {
                                            conjugateGradient(
                                                x: x.base + u * n, g: g, y: y, columns: colBase + starts[u],
                                                values: valBase + starts[u], count: starts[u + 1] - starts[u],
                                                alpha: alpha, steps: steps, r: r, p: p, ap: ap, n: n)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// `implicit`'s `_least_squares_cg` for one row: r = YᵀC_u p_u − A x, then `steps` CG steps on
    /// A = G + Yᵀ(C_u − I)Y with G = YᵀY + λI, applying A through the row's items only.
    @inline(__always)
    static func conjugateGradient(
        x: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>, y: UnsafePointer<Float>,
        columns: UnsafePointer<Int32>, values: UnsafePointer<Float>, count: Int,
        alpha: Float, steps: Int, r: UnsafeMutablePointer<Float>, p: UnsafeMutablePointer<Float>,
        ap: UnsafeMutablePointer<Float>, n: Int
    ) {
        symmetricProduct(g, x, r, n)
        var k = 0
        while k < n {
            storeLane(-loadLane(r, k), r, k)
            k &+= 8
        }
        // Entries with confidence exactly 1 (alpha · weight = 1, e.g. binary data at alpha 1) add
        // nothing to A (their c − 1 is 0): they enter r as +y_i and are skipped in the CG steps.
        var weighted = 0
        for e in 0..<count {
            let yi = y + Int(columns[e]) &* n
            let c = alpha * values[e]
            if c == 1 {
                scaledAdd(1, yi, r, n)
            } else {
                scaledAdd(c - (c - 1) * dotProduct(yi, x, n), yi, r, n)
                weighted += 1
            }
        }
        p.update(from: r, count: n)
        var rsOld = dotProduct(r, r, n)
        if rsOld < 1e-20 { return }
        for _ in 0..<steps {
            symmetricProduct(g, p, ap, n)
            if weighted > 0 {
                for e in 0..<count {
                    let c = alpha * values[e]
                    if c == 1 { continue }
                    let yi = y + Int(columns[e]) &* n
                    scaledAdd((c - 1) * dotProduct(yi, p, n), yi, ap, n)
                }
            }
            let step = rsOld / dotProduct(p, ap, n)
            scaledAdd(step, p, x, n)
            scaledAdd(-step, ap, r, n)
            let rsNew = dotProduct(r, r, n)
            if rsNew < 1e-20 { break }
            let beta = Lane(repeating: rsNew / rsOld)
            k = 0
            while k < n {
                storeLane(loadLane(r, k) + beta * loadLane(p, k), p, k)
                k &+= 8
            }
            rsOld = rsNew
        }
    }
}

/// How factor rows are stored: `factors` values padded with zeros to a multiple of 8 (`stride`).
public struct FactorLayout: Sendable, Hashable {
    public let factors: Int
    public let stride: Int

    init(factors: Int) {
        self.factors = factors
        stride = (factors + 7) / 8 * 8
    }

    /// `count` rows uniform in [0, 0.01) (`implicit`'s initialisation), padding zero.
    func randomRows(_ count: Int, using rng: inout SplitMix64) -> [Float] {
        var rows = [Float](repeating: 0, count: count * stride)
        for r in 0..<count {
            for j in 0..<factors { rows[r * stride + j] = Float(rng.nextDouble() * 0.01) }
        }
        return rows
    }
}
