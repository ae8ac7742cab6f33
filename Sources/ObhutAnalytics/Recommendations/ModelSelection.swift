/// Chooses the recommendation model for a workspace by offline evaluation on its own
/// interactions: a temporal split (per user, the last ⌈10 %⌉ by time as test, as `a2_recs.py`),
/// every candidate fitted on train and ranked by NDCG@k on test; the winner is refitted on all
/// interactions by the caller (``ModelCandidate/fit(_:threads:)``).
///
/// The grid is chosen on the test split itself (no separate validation split), like the anchor's
/// alpha grid; with a handful of candidates the optimism is small, and the alternative (a
/// validation split) would leave less history for the customers with few purchases.
public enum ModelSelection {
    /// One evaluated candidate.
    public struct Evaluated: Sendable {
        public let candidate: ModelCandidate
        public let metrics: RankingMetrics
    }

    /// The default grid: popularity, cosine and BM25 neighbours (k = 20 and 100), and ALS with
    /// alpha ∈ {1, 5, 20}, factors ∈ {32, 64}, λ ∈ {0.01, 1} (15 iterations).
    public static func defaultCandidates(seed: UInt64 = 42) -> [ModelCandidate] {
        var out: [ModelCandidate] = [.popularity]
        for k in [20, 100] {
            out.append(.neighbours(k: k, weighting: .cosine))
            out.append(.neighbours(k: k, weighting: .bm25(k1: 1.2, b: 0.75)))
        }
        for alpha: Float in [1, 5, 20] {
            for factors in [32, 64] {
                for regularization: Float in [0.01, 1] {
                    out.append(.als(ALSConfiguration(factors: factors, regularization: regularization, alpha: alpha, seed: seed)))
                }
            }
        }
        return out
    }

    /// Evaluates every candidate on `train` against `test` (user → items) for `users`
    /// and returns them best first (by NDCG@k, ties keep the candidate order).
    public static func evaluate(
        candidates: [ModelCandidate], train: InteractionMatrix, test: [Int: Set<Int>], users: [Int], k: Int = 10, threads: Int = 2
    ) throws -> [Evaluated] {
        var results: [Evaluated] = []
        let popularity = Popularity(train)
        for candidate in candidates {
            let recommender = try candidate.fit(train, popularity: popularity, threads: threads)
            let lists = recommender.topN(for: users, userItems: train, limit: k, threads: threads)
            let metrics = RankingMetrics.evaluate(lists: lists, limit: k, users: users, test: test, k: k, catalogue: train.columns)
            results.append(Evaluated(candidate: candidate, metrics: metrics))
        }
        return results.enumerated().sorted { a, b in
            a.element.metrics.ndcg > b.element.metrics.ndcg || (a.element.metrics.ndcg == b.element.metrics.ndcg && a.offset < b.offset)
        }.map(\.element)
    }

    /// Splits a workspace's interactions per user by time (last ⌈`testFraction` · n⌉ as test),
    /// evaluates the candidates on users with both train and test rows, and returns them best first.
    public static func select(
        users: [Int], items: [Int], timestamps: [Double], userCount: Int, itemCount: Int,
        candidates: [ModelCandidate] = defaultCandidates(), testFraction: Double = 0.1, k: Int = 10, threads: Int = 2
    ) throws -> [Evaluated] {
        let isTest = TemporalSplit.perUser(users: users, items: items, timestamps: timestamps, fraction: testFraction)
        var trainUsers: [Int] = []
        var trainItems: [Int] = []
        var test: [Int: Set<Int>] = [:]
        for r in users.indices {
            if isTest[r] {
                test[users[r], default: []].insert(items[r])
            } else {
                trainUsers.append(users[r])
                trainItems.append(items[r])
            }
        }
        let train = try InteractionMatrix(
            rows: userCount, columns: itemCount, rowIndices: trainUsers, columnIndices: trainItems,
            weights: [Float](repeating: 1, count: trainUsers.count)
        ).binarized()
        let evaluated = test.keys.filter { $0 < train.rows && !train.range(ofRow: $0).isEmpty }.sorted()
        return try evaluate(candidates: candidates, train: train, test: test, users: evaluated, k: k, threads: threads)
    }
}

/// A model and its parameters, before fitting.
public enum ModelCandidate: Sendable, Hashable, Codable {
    case popularity
    case neighbours(k: Int, weighting: ItemNeighbours.Weighting)
    case als(ALSConfiguration)

    /// Fits the model on a users × items matrix.
    public func fit(_ userItems: InteractionMatrix, popularity: Popularity? = nil, threads: Int = 2) throws -> Recommender {
        let pop = popularity ?? Popularity(userItems)
        switch self {
        case .popularity:
            return Recommender(model: .popularity, popularity: pop)
        case .neighbours(let k, let weighting):
            return Recommender(model: .neighbours(try ItemNeighbours.fit(userItems, k: k, weighting: weighting, threads: threads)), popularity: pop)
        case .als(var configuration):
            configuration.threads = threads
            return Recommender(model: .als(try ImplicitALS.fit(userItems, configuration: configuration)), popularity: pop)
        }
    }

    /// A short label, e.g. `als(f=64, alpha=5, lambda=0.01)`, `cosine(k=20)`.
    public var label: String {
        switch self {
        case .popularity: "popularity"
        case .neighbours(let k, .cosine): "cosine(k=\(k))"
        case .neighbours(let k, .bm25(let k1, let b)): "bm25(k=\(k), k1=\(k1), b=\(b))"
        case .neighbours(let k, .cooccurrence): "cooccurrence(k=\(k))"
        case .als(let c): "als(f=\(c.factors), alpha=\(c.alpha), lambda=\(c.regularization), it=\(c.iterations))"
        }
    }
}

extension InteractionMatrix {
    /// The same pattern with every weight 1 (the anchors' binary interactions).
    public func binarized() -> InteractionMatrix {
        InteractionMatrix(
            rows: rows, columns: columns, rowStarts: rowStarts, columnIndices: columnIndices,
            values: [Float](repeating: 1, count: values.count))
    }
}
