import Foundation
import Testing

@testable import ObhutAnalytics

struct ItemNeighboursTests {
    /// Users × items: u0 {0, 1}, u1 {0, 1, 2}, u2 {2, 3}.
    private func matrix() throws -> InteractionMatrix {
        try InteractionMatrix(rows: 3, columns: 4, rowIndices: [0, 0, 1, 1, 1, 2, 2], columnIndices: [0, 1, 0, 1, 2, 2, 3])
    }

    @Test func cosineSimilaritiesMatchHandComputedValues() throws {
        let knn = try ItemNeighbours.fit(matrix(), k: 4, weighting: .cosine, threads: 1)
        // Items 0 and 1 are bought by the same two users: cosine 1; items 1 and 2 share one of 2 × 2: 0.5;
        // items 2 and 3: one shared, |2| = 2, |3| = 1 → 1/√2.
        func s(_ i: Int, _ j: Int) -> Float {
            for e in knn.similarity.range(ofRow: i) where Int(knn.similarity.columnIndices[e]) == j { return knn.similarity.values[e] }
            return 0
        }
        #expect(abs(s(0, 1) - 1) < 1e-6)
        #expect(abs(s(1, 2) - 0.5) < 1e-6)
        #expect(abs(s(2, 3) - Float(1 / 2.0.squareRoot())) < 1e-6)
        #expect(s(0, 3) == 0)
        // Neighbours by descending similarity, the item itself included.
        #expect(Array(knn.similarity.columns(ofRow: 0)).prefix(2).sorted() == [0, 1])
    }

    @Test func keepsTheKMostSimilarItems() throws {
        let knn = try ItemNeighbours.fit(matrix(), k: 2, weighting: .cosine, threads: 2)
        for i in 0..<4 { #expect(knn.similarity.range(ofRow: i).count <= 2) }
    }

    @Test func cooccurrenceCountsCustomersWhoBoughtBoth() throws {
        let knn = try ItemNeighbours.fit(matrix(), k: 4, weighting: .cooccurrence, threads: 1)
        var scores = [Float](repeating: 0, count: 4)
        knn.accumulate(history: [(item: 2, weight: 1)], into: &scores)
        #expect(scores == [1, 1, 2, 1])
    }

    @Test func bm25WeightsFollowImplicitsFormula() throws {
        let m = try matrix()
        let w = ItemNeighbours.weight(m, .bm25(k1: 1.2, b: 0.75))
        // Entry (u0, item 0): item length 2, mean item length 7/4, idf(u0) = ln 4 − ln 3.
        let lengthNorm: Float = 0.25 + 0.75 * 2 / 1.75
        let expected = 2.2 / (1.2 * lengthNorm + 1) * Float(log(4.0) - log(3.0))
        #expect(abs(w.values[0] - expected) < 1e-6)
    }

    @Test func sameNeighboursForEveryThreadCount() throws {
        let one = try ItemNeighbours.fit(matrix(), k: 3, weighting: .bm25(k1: 1.2, b: 0.75), threads: 1)
        let two = try ItemNeighbours.fit(matrix(), k: 3, weighting: .bm25(k1: 1.2, b: 0.75), threads: 2)
        #expect(one.similarity == two.similarity)
    }
}
