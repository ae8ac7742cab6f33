import Foundation
import Testing

@testable import ObhutAnalytics

struct RankingMetricsTests {
    @Test func matchesHandComputedValues() {
        // User 0: list [1, 2, 3], test {1, 3, 9}: hits at ranks 1 and 3.
        // User 1: list [5, -1, -1], test {4}: no hit.
        let lists: [Int32] = [1, 2, 3, 5, -1, -1]
        let m = RankingMetrics.evaluate(lists: lists, limit: 3, users: [0, 1], test: [0: [1, 3, 9], 1: [4]], k: 3, catalogue: 10)
        let dcg = 1.0 + 1 / log2(4.0)
        let idcg = 1.0 + 1 / log2(3.0) + 1 / log2(4.0)
        #expect(abs(m.precision - (2.0 / 3) / 2) < 1e-12)
        #expect(abs(m.recall - (2.0 / 3) / 2) < 1e-12)
        #expect(abs(m.ndcg - (dcg / idcg) / 2) < 1e-12)
        #expect(abs(m.map - ((1.0 + 2.0 / 3) / 3) / 2) < 1e-12)
        #expect(abs(m.coverage - 0.4) < 1e-12)
        #expect(m.users == 2)
    }

    @Test func idealDCGCountsAtMostKTestItems() {
        // 5 test items, k = 2, both recommendations hit: NDCG = 1, recall = 2/5.
        let m = RankingMetrics.evaluate(lists: [0, 1], limit: 2, users: [7], test: [7: [0, 1, 2, 3, 4]], k: 2, catalogue: 5)
        #expect(abs(m.ndcg - 1) < 1e-12)
        #expect(abs(m.recall - 0.4) < 1e-12)
        #expect(abs(m.map - 1) < 1e-12)
    }
}
