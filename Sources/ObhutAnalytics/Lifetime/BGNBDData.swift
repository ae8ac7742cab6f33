import Foundation

/// Customer summaries grouped for the likelihood: distinct x, T and t_x values and the distinct
/// (x, T, t_x) triples with their counts, sorted by x.
struct BGNBDData {
    struct Triple {
        var x: Int32
        var age: Int32
        var recency: Int32
        var weight: Double
    }

    var xs: [Double] = []
    var ages: [Double] = []
    var recencies: [Double] = []
    var triples: [Triple] = []
    /// Triples of x index i are `triples[xStart[i] ..< xStart[i + 1]]`.
    var xStart: [Int] = []
    var xWeight: [Double] = []
    var totalWeight = 0.0
    var meanAge = 0.0

    init(frequency: [Double], recency: [Double], age: [Double]) throws(CLVError) {
        guard frequency.count == recency.count, recency.count == age.count else {
            throw .mismatchedLengths(persons: frequency.count, days: recency.count, amounts: age.count)
        }
        guard !frequency.isEmpty else { throw .noCustomers }
        var xIndex = DenseIndex(expected: 64), ageIndex = DenseIndex(expected: 256), recencyIndex = DenseIndex(expected: 256)
        var dimensions = [SIMD3<Int32>](repeating: .zero, count: frequency.count)
        var anyRepeat = false
        var ageSum = 0.0
        for i in frequency.indices {
            let x = frequency[i], tx = recency[i], T = age[i]
            guard x >= 0, tx >= 0, T >= 0, x.isFinite, tx.isFinite, T.isFinite else {
                throw .invalidSummary(customer: i, reason: .summaryNotFinite)
            }
            guard x == x.rounded() else { throw .invalidSummary(customer: i, reason: .frequencyNotWhole) }
            guard tx <= T else { throw .invalidSummary(customer: i, reason: .recencyExceedsAge) }
            guard x > 0 || tx == 0 else { throw .invalidSummary(customer: i, reason: .recencyWithoutRepeats) }
            if x > 0 { anyRepeat = true }
            ageSum += T
            // + 0 turns −0.0 into 0.0, so equal values have equal bit patterns.
            dimensions[i] = SIMD3(
                xIndex.index(of: (x + 0).bitPattern), ageIndex.index(of: (T + 0).bitPattern), recencyIndex.index(of: (tx + 0).bitPattern))
        }
        guard anyRepeat else { throw .noRepeatBuyers }
        xs = xIndex.orderedKeys().map(Double.init(bitPattern:))
        ages = ageIndex.orderedKeys().map(Double.init(bitPattern:))
        recencies = recencyIndex.orderedKeys().map(Double.init(bitPattern:))
        // Distinct triples, numbered through one 64-bit key when the three numbers fit (always
        // in practice: each is below the number of distinct values of its kind).
        let xBits = UInt64(Self.bitWidth(xs.count)), ageBits = UInt64(Self.bitWidth(ages.count))
        var tripleIndex = DenseIndex(expected: 1024)
        var weights: [Double] = []
        var tripleDimensions: [SIMD3<Int32>] = []
        if xBits + ageBits + UInt64(Self.bitWidth(recencies.count)) <= 64 {
            for d in dimensions {
                let key = UInt64(d.x) | UInt64(d.y) << xBits | UInt64(d.z) << (xBits + ageBits)
                let t = Int(tripleIndex.index(of: key))
                if t == weights.count {
                    weights.append(0)
                    tripleDimensions.append(d)
                }
                weights[t] += 1
            }
        } else {
            var counts: [SIMD3<Int32>: Int] = [:]
            for d in dimensions {
                if let t = counts[d] {
                    weights[t] += 1
                } else {
                    counts[d] = weights.count
                    weights.append(1)
                    tripleDimensions.append(d)
                }
            }
        }
        // Deterministic order: by x value, then age, then recency.
        let xRank = Self.ranks(xs), ageRank = Self.ranks(ages), recencyRank = Self.ranks(recencies)
        triples = tripleDimensions.indices.map {
            let d = tripleDimensions[$0]
            return Triple(x: xRank[Int(d.x)], age: ageRank[Int(d.y)], recency: recencyRank[Int(d.z)], weight: weights[$0])
        }
        triples.sort { ($0.x, $0.age, $0.recency) < ($1.x, $1.age, $1.recency) }
        xs.sort()
        ages.sort()
        recencies.sort()
        xStart = [Int](repeating: triples.count, count: xs.count + 1)
        xWeight = [Double](repeating: 0, count: xs.count)
        for (position, triple) in triples.enumerated().reversed() {
            xStart[Int(triple.x)] = position
            xWeight[Int(triple.x)] += triple.weight
        }
        totalWeight = Double(frequency.count)
        meanAge = ageSum / totalWeight
    }

    private static func bitWidth(_ count: Int) -> Int { max(1, Int.bitWidth - max(0, count - 1).leadingZeroBitCount) }

    /// For each first-seen index, the position of its value in sorted order.
    private static func ranks(_ values: [Double]) -> [Int32] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var rank = [Int32](repeating: 0, count: values.count)
        for (position, index) in order.enumerated() { rank[index] = Int32(position) }
        return rank
    }

    /// −(1/N) Σ ln L at log-parameters (ln r, ln α, ln a, ln b), with its gradient.
    ///
    /// Per customer ln L = A1 + A2 + ln(e^A3 + e^A4) (see ``BGNBDModel/logLikelihood(frequency:recency:age:)``);
    /// with w3, w4 the softmax weights of A3 and A4 the partial derivatives are
    /// ∂/∂r = ψ(r+x) − ψ(r) + ln α − w3 ln(α+T) − w4 ln(α+t_x),
    /// ∂/∂α = r/α − (r+x)(w3/(α+T) + w4/(α+t_x)),
    /// ∂/∂a = ψ(a+b) − ψ(a+b+x) + w4/a,
    /// ∂/∂b = ψ(a+b) + ψ(b+x) − ψ(b) − ψ(a+b+x) − w4/(b+x−1);
    /// for log-parameters each is multiplied by its parameter.
    func meanNegativeLogLikelihood(_ logParameters: [Double], gradient: inout [Double]) -> Double {
        let r = exp(logParameters[0]), alpha = exp(logParameters[1]), a = exp(logParameters[2]), b = exp(logParameters[3])
        guard r.isFinite, alpha.isFinite, a.isFinite, b.isFinite, r > 0, alpha > 0, a > 0, b > 0 else { return .infinity }
        let lg = SpecialFunctions.logGamma, psi = SpecialFunctions.digamma
        let logAlpha = log(alpha), logA = log(a)
        let lgR = lg(r), lgB = lg(b), lgAB = lg(a + b)
        let psiR = psi(r), psiB = psi(b), psiAB = psi(a + b)
        var logAge = [Double](repeating: 0, count: ages.count)
        var inverseAge = [Double](repeating: 0, count: ages.count)
        for i in ages.indices {
            logAge[i] = log(alpha + ages[i])
            inverseAge[i] = 1 / (alpha + ages[i])
        }
        var logRecency = [Double](repeating: 0, count: recencies.count)
        var inverseRecency = [Double](repeating: 0, count: recencies.count)
        for i in recencies.indices {
            logRecency[i] = log(alpha + recencies[i])
            inverseRecency[i] = 1 / (alpha + recencies[i])
        }
        var total = 0.0, gr = 0.0, gAlpha = 0.0, ga = 0.0, gb = 0.0
        for xi in xs.indices {
            let x = xs[xi], rx = r + x, weightOfX = xWeight[xi]
            let a1 = lg(rx) - lgR + r * logAlpha
            let a2 = lgAB + lg(b + x) - lgB - lg(a + b + x)
            total += weightOfX * (a1 + a2)
            gr += weightOfX * (psi(rx) - psiR + logAlpha)
            gAlpha += weightOfX * (r / alpha)
            let psiABX = psi(a + b + x)
            ga += weightOfX * (psiAB - psiABX)
            gb += weightOfX * (psiAB + psi(b + x) - psiB - psiABX)
            var sumLL = 0.0, sumLog = 0.0, sumInverse = 0.0, sumW4 = 0.0
            if x == 0 {
                for k in xStart[xi]..<xStart[xi + 1] {
                    let t = triples[k]
                    sumLL -= t.weight * rx * logAge[Int(t.age)]
                    sumLog += t.weight * logAge[Int(t.age)]
                    sumInverse += t.weight * inverseAge[Int(t.age)]
                }
            } else {
                let c4 = logA - log(b + x - 1)
                for k in xStart[xi]..<xStart[xi + 1] {
                    let t = triples[k]
                    let la = logAge[Int(t.age)], lr = logRecency[Int(t.recency)]
                    let a3 = -rx * la
                    let a4 = c4 - rx * lr
                    let e = exp(-abs(a3 - a4))
                    let share = 1 / (1 + e)
                    let w3 = a3 >= a4 ? share : e * share
                    let w4 = 1 - w3
                    // log(1 + e) rather than log1p: e ∈ (0, 1], only the absolute error matters in the sum.
                    sumLL += t.weight * (max(a3, a4) + log(1 + e))
                    sumLog += t.weight * (w3 * la + w4 * lr)
                    sumInverse += t.weight * (w3 * inverseAge[Int(t.age)] + w4 * inverseRecency[Int(t.recency)])
                    sumW4 += t.weight * w4
                }
                ga += sumW4 / a
                gb -= sumW4 / (b + x - 1)
            }
            total += sumLL
            gr -= sumLog
            gAlpha -= rx * sumInverse
        }
        let scale = -1 / totalWeight
        gradient[0] = scale * gr * r
        gradient[1] = scale * gAlpha * alpha
        gradient[2] = scale * ga * a
        gradient[3] = scale * gb * b
        return scale * total
    }
}
