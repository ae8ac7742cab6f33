import Foundation

/// Quality measures of probabilities for a yes/no outcome.
public enum BinaryMetrics {
    /// Area under the ROC curve: the probability that a random positive scores above a random
    /// negative, ties counting half (Mann-Whitney U / (n₊ n₋), computed from ranks with average
    /// ranks for ties). nil without both classes.
    public static func auc(scores: [Double], outcomes: [Bool]) -> Double? {
        let positives = outcomes.filter { $0 }.count
        let negatives = outcomes.count - positives
        guard positives > 0, negatives > 0, scores.count == outcomes.count else { return nil }
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var rankSum = 0.0
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, scores[order[end]] == scores[order[start]] { end += 1 }
            let averageRank = Double(start + 1 + end) / 2  // ranks start..end-1 are 1-based start+1...end
            for k in start..<end where outcomes[order[k]] { rankSum += averageRank }
            start = end
        }
        let u = rankSum - Double(positives) * Double(positives + 1) / 2
        return u / (Double(positives) * Double(negatives))
    }

    /// Mean squared difference between probability and outcome (0 perfect, 0.25 a coin).
    public static func brier(probabilities: [Double], outcomes: [Bool]) -> Double {
        guard !probabilities.isEmpty else { return 0 }
        return zip(probabilities, outcomes).reduce(0) { $0 + ($1.0 - ($1.1 ? 1 : 0)) * ($1.0 - ($1.1 ? 1 : 0)) } / Double(probabilities.count)
    }

    /// Mean negative log-likelihood, probabilities clipped to [1e-15, 1 - 1e-15].
    public static func logLoss(probabilities: [Double], outcomes: [Bool]) -> Double {
        guard !probabilities.isEmpty else { return 0 }
        var sum = 0.0
        for (p, y) in zip(probabilities, outcomes) {
            let q = min(max(p, 1e-15), 1 - 1e-15)
            sum -= y ? log(q) : log(1 - q)
        }
        return sum / Double(probabilities.count)
    }

    /// One bin of a reliability table: predictions in [lower, upper), how many, their mean, and
    /// how often the outcome happened.
    public struct ReliabilityBin: Sendable, Codable, Equatable {
        public var lower: Double
        public var upper: Double
        public var count: Int
        public var meanPredicted: Double
        public var observedRate: Double
    }

    /// Reliability (calibration) table with `bins` equal-width bins; empty bins are left out.
    public static func reliability(probabilities: [Double], outcomes: [Bool], bins: Int = 10) -> [ReliabilityBin] {
        var count = [Int](repeating: 0, count: bins)
        var predicted = [Double](repeating: 0, count: bins)
        var observed = [Double](repeating: 0, count: bins)
        for (p, y) in zip(probabilities, outcomes) {
            let b = min(bins - 1, max(0, Int(p * Double(bins))))
            count[b] += 1
            predicted[b] += p
            observed[b] += y ? 1 : 0
        }
        return (0..<bins).filter { count[$0] > 0 }.map { b in
            ReliabilityBin(
                lower: Double(b) / Double(bins), upper: Double(b + 1) / Double(bins), count: count[b],
                meanPredicted: predicted[b] / Double(count[b]), observedRate: observed[b] / Double(count[b]))
        }
    }
}

/// Population stability index: how far a feature's distribution moved between training and now.
///
/// `PSI = Σ (aᵢ − eᵢ) · ln(aᵢ / eᵢ)` over bins, with expected shares `e` from the training data
/// and actual shares `a` now; empty bins get a share of 0.0001 so the logarithm stays finite.
/// Usual reading (Siddiqi 2006): below 0.1 stable, 0.1-0.25 moved, above 0.25 shifted.
public enum PopulationStability {
    /// Bin edges at the training data's deciles (distinct values only), for a numeric feature.
    public static func edges(training: [Double], bins: Int = 10) -> [Double] {
        let sorted = training.sorted()
        guard !sorted.isEmpty else { return [] }
        var edges: [Double] = []
        for k in 1..<bins {
            let q = sorted[min(sorted.count - 1, k * sorted.count / bins)]
            if edges.last != q { edges.append(q) }
        }
        return edges
    }

    /// Shares of `values` in the bins that `edges` delimit (value < edges[0] is bin 0, ...).
    public static func shares(_ values: [Double], edges: [Double]) -> [Double] {
        var counts = [Double](repeating: 0, count: edges.count + 1)
        for v in values {
            var lo = 0, hi = edges.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if v < edges[mid] { hi = mid } else { lo = mid + 1 }
            }
            counts[lo] += 1
        }
        let n = Double(max(1, values.count))
        return counts.map { $0 / n }
    }

    public static func index(expected: [Double], actual: [Double]) -> Double {
        zip(expected, actual).reduce(0) { sum, pair in
            let e = max(pair.0, 0.0001), a = max(pair.1, 0.0001)
            return sum + (a - e) * log(a / e)
        }
    }
}
