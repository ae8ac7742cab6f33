/// Top-N lists for one customer: a model's scores, the shop's rules (not for sale, excluded items
/// and categories, the customer's own history), diversity (at most M items per group), and a
/// reason per item. Customers without history, or unknown to the model, get popularity.
public struct Recommender: Sendable {
    public let model: RecommendationModel
    public let popularity: Popularity
    public let items: Int

    public init(model: RecommendationModel, popularity: Popularity) {
        self.model = model
        self.popularity = popularity
        items = popularity.scores.count
    }

    /// Writes the scores of every item for the customer into `scores`; false when the customer is
    /// cold for this model (then `scores` holds popularity).
    func scores(user: Int, history: [(item: Int, weight: Float)], into scores: inout [Float]) -> Bool {
        switch model {
        case .als(let als) where user >= 0 && user < als.users && !history.isEmpty:
            als.scores(user: user, into: &scores)
            return true
        case .neighbours(let knn) where !history.isEmpty:
            if scores.count != items { scores = [Float](repeating: 0, count: items) }
            for i in scores.indices { scores[i] = 0 }
            knn.accumulate(history: history, into: &scores)
            return true
        default:
            scores = popularity.scores
            return false
        }
    }

    /// The best `limit` items for a customer.
    ///
    /// - Parameters:
    ///   - user: the customer's row in the model (ALS needs it; others ignore it).
    ///   - history: the customer's items and weights, as in the training matrix.
    ///   - excludeHistory: drop items already in the history (pass false to allow rebuying, and
    ///     list not-yet-due items in `exclusions` instead).
    ///   - reasons: compute a reason per item (ALS: a Cholesky solve per item).
    /// Edge cases: fewer than `limit` items when the rules leave fewer; items with score 0 from a
    /// neighbour model are filled from popularity so the list is not cut short.
    public func recommend(
        user: Int, history: [(item: Int, weight: Float)], limit: Int, rules: CatalogueRules = .none,
        exclusions: CustomerExclusions = .init(), excludeHistory: Bool = true, reasons: Bool = true
    ) -> [Recommendation] {
        guard limit > 0 else { return [] }
        var buffer: [Float] = []
        let personal = scores(user: user, history: history, into: &buffer)
        var excluded = exclusions
        if excludeHistory { for (i, _) in history { excluded.items.insert(i) } }
        var picked = select(buffer, limit: limit, rules: rules, exclusions: excluded, requirePositive: personal && isNeighbours)
        if picked.count < limit && personal && isNeighbours {
            var more = excluded
            for p in picked { more.items.insert(p.item) }
            let fill = select(popularity.scores, limit: limit - picked.count, rules: rules, exclusions: more, requirePositive: false)
            picked += fill.map { (item: $0.item, score: Float(0)) }
        }
        return picked.map { p in
            Recommendation(
                item: p.item, score: p.score,
                reason: reasons && personal && p.score > 0 ? reason(item: p.item, history: history) : nil)
        }
    }

    private var isNeighbours: Bool {
        if case .neighbours = model { return true }
        return false
    }

    /// The history item that contributed most to `item`'s score.
    public func reason(item: Int, history: [(item: Int, weight: Float)]) -> RecommendationReason? {
        switch model {
        case .als(let als):
            let parts = als.contributions(item: item, history: history)
            var best = -1
            var total = 0.0
            for (k, v) in parts.enumerated() where v > 0 {
                total += v
                if best < 0 || v > parts[best] { best = k }
            }
            guard best >= 0, total > 0 else { return nil }
            return RecommendationReason(historyItem: history[best].item, share: parts[best] / total)
        case .neighbours(let knn):
            return knn.strongestContribution(item: item, history: history).map {
                RecommendationReason(historyItem: $0.item, share: $0.share)
            }
        case .popularity:
            return nil
        }
    }

    /// Top `limit` allowed items by score, at most `rules.maxPerGroup` per group.
    func select(
        _ scores: [Float], limit: Int, rules: CatalogueRules, exclusions: CustomerExclusions, requirePositive: Bool
    ) -> [(item: Int, score: Float)] {
        let diverse = !rules.groups.isEmpty && rules.maxPerGroup < limit
        var capacity = diverse ? limit * 4 : limit
        while true {
            var top = TopK(capacity: capacity)
            var allowedCount = 0
            for i in scores.indices where rules.allows(i, exclusions) && (!requirePositive || scores[i] > 0) {
                allowedCount += 1
                top.insert(item: i, score: scores[i])
            }
            let ranked = top.sorted()
            guard diverse else { return ranked }
            var perGroup: [Int32: Int] = [:]
            var out: [(item: Int, score: Float)] = []
            for candidate in ranked where out.count < limit {
                let g = rules.groups[candidate.item]
                if g >= 0 {
                    let used = perGroup[g, default: 0]
                    if used >= rules.maxPerGroup { continue }
                    perGroup[g] = used + 1
                }
                out.append(candidate)
            }
            if out.count == limit || capacity >= allowedCount { return out }
            capacity = min(allowedCount, capacity * 4)
        }
    }
}
