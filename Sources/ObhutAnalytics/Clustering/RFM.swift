/// A customer's recency, frequency and monetary scores (each 1-5, 5 best) and segment.
public struct RFMScore: Sendable, Hashable, Codable {
    /// 5 = bought most recently.
    public let recency: Int
    /// 5 = buys most often.
    public let frequency: Int
    /// 5 = spends most.
    public let monetary: Int

    public init(recency: Int, frequency: Int, monetary: Int) {
        self.recency = recency
        self.frequency = frequency
        self.monetary = monetary
    }

    /// The usual three-digit code, recency first ("545").
    public var code: String { "\(recency)\(frequency)\(monetary)" }

    /// The segment of the recency × frequency grid (see ``RFMSegment``).
    public var segment: RFMSegment { RFMSegment(recency: recency, frequency: frequency) }
}

/// RFM scoring: quintile scores of recency, frequency and monetary value.
///
/// Ties share a score: a value scores `1 + ⌊5 × below / n⌋`, where `below` counts the customers
/// with a strictly worse value. So a score reads "at least (score - 1) fifths of customers do
/// worse"; customers with equal values never get different scores (as ranking with ties broken
/// by row order would do), the worst value always scores 1, and with distinct values the five
/// scores have equal sizes (±1). A large tie group can leave a score unused: when 60% of
/// customers bought once, they all get F = 1 and the next value gets F = 4.
public enum RFM {
    /// Scores for each customer.
    ///
    /// - Parameters:
    ///   - recencyDays: days since the last purchase (fewer is better, so it is scored reversed).
    ///   - frequency: number of purchases (or purchase days) in the period.
    ///   - monetary: money spent in the period (or per purchase; the caller chooses).
    /// - Throws: ``ClusteringError/shapeMismatch(expected:actual:)`` when the arrays differ in
    ///   length; ``ClusteringError/notFinite(row:column:)`` for NaN or infinity (column 0, 1, 2 =
    ///   recency, frequency, monetary).
    public static func scores(
        recencyDays: [Double], frequency: [Double], monetary: [Double]
    ) throws(ClusteringError) -> [RFMScore] {
        guard frequency.count == recencyDays.count, monetary.count == recencyDays.count else {
            throw .shapeMismatch(
                expected: "\(recencyDays.count) values per column",
                actual: frequency.count == recencyDays.count ? monetary.count : frequency.count)
        }
        for (column, values) in [recencyDays, frequency, monetary].enumerated() {
            if let bad = values.firstIndex(where: { !$0.isFinite }) { throw .notFinite(row: bad, column: column) }
        }
        let r = try quantileScores(recencyDays.map { -$0 })
        let f = try quantileScores(frequency)
        let m = try quantileScores(monetary)
        return (0..<recencyDays.count).map { RFMScore(recency: r[$0], frequency: f[$0], monetary: m[$0]) }
    }

    /// Scores `1 ... bins` (higher value, higher score) with ties sharing a score:
    /// `1 + ⌊bins × below / n⌋`, computed in integers. An empty input gives an empty output.
    ///
    /// - Throws: ``ClusteringError/notFinite(row:column:)`` (column 0) for a NaN;
    ///   ``ClusteringError/invalidOption(name:value:requirement:)`` when `bins < 1`.
    public static func quantileScores(_ values: [Double], bins: Int = 5) throws(ClusteringError) -> [Int] {
        guard bins >= 1 else { throw .invalidOption(name: "bins", value: "\(bins)", requirement: "at least 1") }
        if let bad = values.firstIndex(where: \.isNaN) { throw .notFinite(row: bad, column: 0) }
        let n = values.count
        let order = values.indices.sorted { a, b in values[a] < values[b] || (values[a] == values[b] && a < b) }
        var scores = [Int](repeating: 1, count: n)
        var start = 0
        while start < n {
            var end = start + 1
            while end < n, values[order[end]] == values[order[start]] { end += 1 }
            let score = min(bins, 1 + bins * start / n)
            for position in start..<end { scores[order[position]] = score }
            start = end
        }
        return scores
    }
}
