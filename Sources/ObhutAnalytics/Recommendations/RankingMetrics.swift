import Foundation

/// Offline ranking metrics at cut-off k, averaged over evaluated users, with the definitions of
/// the anchor `a2_recs.py` so figures compare with `implicit`'s:
/// - precision@k = hits / k (k, not the list length, as the anchor);
/// - recall@k = hits / |test_u|;
/// - NDCG@k: binary gain, DCG = Σ hit_r / log2(r + 1) over ranks r = 1…k, IDCG over min(|test_u|, k);
/// - MAP@k: AP = Σ over hit ranks r of precision@r, divided by min(|test_u|, k) (not in the
///   anchor; the usual definition of e.g. `ml_metrics.apk`);
/// - coverage = distinct items in all lists / catalogue size.
public struct RankingMetrics: Sendable, Hashable, Codable {
    public var k: Int
    public var users: Int
    public var precision: Double
    public var recall: Double
    public var ndcg: Double
    public var map: Double
    public var coverage: Double

    /// Evaluates `lists` (row `r` = `limit` items of `users[r]`, −1 padding) against each user's
    /// test items. Users without test items must not be passed (they are skipped if they are).
    public static func evaluate(
        lists: [Int32], limit: Int, users: [Int], test: [Int: Set<Int>], k: Int, catalogue: Int
    ) -> RankingMetrics {
        var sums = (p: 0.0, r: 0.0, n: 0.0, m: 0.0)
        var counted = 0
        var seen = Set<Int32>()
        let depth = min(k, limit)
        for (row, user) in users.enumerated() {
            for r in 0..<limit where lists[row * limit + r] >= 0 { seen.insert(lists[row * limit + r]) }
            guard let truth = test[user], !truth.isEmpty else { continue }
            counted += 1
            var hits = 0.0
            var dcg = 0.0
            var ap = 0.0
            for r in 0..<depth {
                let item = lists[row * limit + r]
                guard item >= 0, truth.contains(Int(item)) else { continue }
                hits += 1
                dcg += 1 / log2(Double(r + 2))
                ap += hits / Double(r + 1)
            }
            let ideal = min(truth.count, k)
            var idcg = 0.0
            for r in 0..<ideal { idcg += 1 / log2(Double(r + 2)) }
            sums.p += hits / Double(k)
            sums.r += hits / Double(truth.count)
            sums.n += dcg / idcg
            sums.m += ap / Double(ideal)
        }
        let c = Double(max(1, counted))
        return RankingMetrics(
            k: k, users: counted, precision: sums.p / c, recall: sums.r / c, ndcg: sums.n / c, map: sums.m / c,
            coverage: catalogue > 0 ? Double(seen.count) / Double(catalogue) : 0)
    }
}
