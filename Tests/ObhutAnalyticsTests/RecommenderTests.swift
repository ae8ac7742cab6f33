import Testing

@testable import ObhutAnalytics

/// Six items in two families (0-2 garden, 3-5 kitchen); customers who bought item 0 also bought 1 and 2.
private func shop() throws -> InteractionMatrix {
    let rows: [(Int, [Int])] = [(0, [0, 1, 2]), (1, [0, 1]), (2, [0, 2]), (3, [3, 4]), (4, [0, 3]), (5, [1, 2, 5]), (6, [0])]
    var users: [Int] = []
    var items: [Int] = []
    for (u, list) in rows {
        for i in list {
            users.append(u)
            items.append(i)
        }
    }
    return try InteractionMatrix(rows: 7, columns: 6, rowIndices: users, columnIndices: items)
}

private func history(_ m: InteractionMatrix, _ u: Int) -> [(item: Int, weight: Float)] {
    m.range(ofRow: u).map { (item: Int(m.columnIndices[$0]), weight: m.values[$0]) }
}

struct RecommenderTests {
    @Test func neverRecommendsBoughtUnavailableOrExcludedItems() throws {
        let m = try shop()
        let rec = try ModelCandidate.neighbours(k: 6, weighting: .cosine).fit(m)
        let rules = CatalogueRules(forSale: [true, true, false, true, true, true], categories: [0, 0, 0, 1, 1, 1])
        let list = rec.recommend(user: 6, history: history(m, 6), limit: 6, rules: rules, exclusions: CustomerExclusions(items: [1]))
        let items = list.map(\.item)
        #expect(!items.contains(0))  // bought
        #expect(!items.contains(1))  // excluded
        #expect(!items.contains(2))  // not for sale
        #expect(items.sorted() == [3, 4, 5])
        let noKitchen = rec.recommend(
            user: 6, history: history(m, 6), limit: 6, rules: rules, exclusions: CustomerExclusions(categories: [1]))
        #expect(noKitchen.map(\.item) == [1])
    }

    @Test func diversityCapsItemsPerGroup() throws {
        let m = try shop()
        let rec = Recommender(model: .popularity, popularity: Popularity(m))
        // Popularity: 0 (5), 1 (3), 2 (3), 3 (2), 4 (1), 5 (1).
        let free = rec.recommend(user: 0, history: [], limit: 3)
        #expect(free.map(\.item) == [0, 1, 2])
        let rules = CatalogueRules(groups: [0, 0, 0, 1, 1, -1], maxPerGroup: 1)
        let diverse = rec.recommend(user: 0, history: [], limit: 4, rules: rules)
        #expect(diverse.map(\.item) == [0, 3, 5])
    }

    @Test func neighbourReasonNamesTheBoughtItemThatContributedMost() throws {
        let m = try shop()
        let rec = try ModelCandidate.neighbours(k: 6, weighting: .cosine).fit(m)
        // Customer with items 3 and 1: item 4 is a neighbour of 3 only; item 2 mostly of 1.
        let list = rec.recommend(user: 99, history: [(item: 3, weight: 1), (item: 1, weight: 1)], limit: 4)
        let four = try #require(list.first { $0.item == 4 })
        #expect(four.reason?.historyItem == 3)
        #expect(four.reason.map { abs($0.share - 1) < 1e-9 } == true)
        let two = try #require(list.first { $0.item == 2 })
        #expect(two.reason?.historyItem == 1)
    }

    @Test func alsReasonSharesAreFractionsOfThePositiveContributions() throws {
        let m = try shop()
        let rec = try ModelCandidate.als(ALSConfiguration(factors: 4, regularization: 0.1, alpha: 5, iterations: 8)).fit(m)
        let list = rec.recommend(user: 6, history: history(m, 6), limit: 3)
        #expect(list.count == 3)
        for r in list {
            if let reason = r.reason {
                #expect(reason.historyItem == 0)  // the customer's only item
                #expect(abs(reason.share - 1) < 1e-9)
            }
        }
    }

    @Test func customersWithoutHistoryGetPopularity() throws {
        let m = try shop()
        let rec = try ModelCandidate.als(ALSConfiguration(factors: 4, iterations: 3)).fit(m)
        let list = rec.recommend(user: 42, history: [], limit: 2)
        #expect(list.map(\.item) == [0, 1])
        #expect(list.allSatisfy { $0.reason == nil })
    }

    @Test func batchListsMatchSingleListsAndSkipSeenItems() throws {
        let m = try shop()
        for candidate in [ModelCandidate.popularity, .neighbours(k: 6, weighting: .cosine), .als(ALSConfiguration(factors: 4, iterations: 4))] {
            let rec = try candidate.fit(m)
            let batch = rec.topN(for: Array(0..<7), userItems: m, limit: 2, threads: 2)
            for u in 0..<7 {
                let single = rec.recommend(user: u, history: history(m, u), limit: 2, reasons: false).map { Int32($0.item) }
                #expect(Array(batch[(u * 2)..<(u * 2 + 2)]) == single, "\(candidate.label) user \(u)")
                for item in batch[(u * 2)..<(u * 2 + 2)] where item >= 0 { #expect(!m.contains(row: u, column: Int(item))) }
            }
        }
    }

    @Test func modelSelectionRanksCandidatesByNDCG() throws {
        // 40 users in two tastes; the last item of each user (by time) is the test item.
        var users: [Int] = [], items: [Int] = [], times: [Double] = []
        for u in 0..<40 {
            let base = u % 2 == 0 ? 0 : 10
            for k in 0..<8 {
                users.append(u)
                items.append(base + (u + k) % 10)
                times.append(Double(k))
            }
        }
        let ranked = try ModelSelection.select(
            users: users, items: items, timestamps: times, userCount: 40, itemCount: 20,
            candidates: [.popularity, .neighbours(k: 20, weighting: .cosine)], k: 5, threads: 2)
        #expect(ranked.count == 2)
        #expect(ranked[0].metrics.ndcg >= ranked[1].metrics.ndcg)
        #expect(ranked[0].candidate == .neighbours(k: 20, weighting: .cosine))
    }
}
