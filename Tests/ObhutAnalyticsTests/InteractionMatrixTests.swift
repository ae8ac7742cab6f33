import Testing

@testable import ObhutAnalytics

struct InteractionMatrixTests {
    @Test func sumsDuplicatesAndSortsColumnsWithinRows() throws {
        let m = try InteractionMatrix(
            rows: 2, columns: 3, rowIndices: [1, 0, 1, 1, 0], columnIndices: [2, 1, 0, 2, 1], weights: [1, 2, 3, 4, 5])
        #expect(m.rowStarts == [0, 1, 3])
        #expect(m.columnIndices == [1, 0, 2])
        #expect(m.values == [7, 3, 5])
        #expect(m.contains(row: 1, column: 2))
        #expect(!m.contains(row: 0, column: 2))
    }

    @Test func dropsNonPositiveWeights() throws {
        let m = try InteractionMatrix(rows: 1, columns: 2, rowIndices: [0, 0], columnIndices: [0, 1], weights: [0, -1])
        #expect(m.nonZeroCount == 0)
    }

    @Test func transposeSwapsRowsAndColumns() throws {
        let m = try InteractionMatrix(rows: 3, columns: 2, rowIndices: [0, 2, 1, 2], columnIndices: [1, 0, 1, 1])
        let t = m.transposed()
        #expect(t.rows == 2 && t.columns == 3)
        #expect(Array(t.columns(ofRow: 0)) == [2])
        #expect(Array(t.columns(ofRow: 1)) == [0, 1, 2])
        #expect(t.transposed() == m)
    }

    @Test func rejectsIndicesOutsideTheMatrix() {
        #expect(throws: RecommendationError.indexOutOfRange) {
            try InteractionMatrix(rows: 2, columns: 2, rowIndices: [2], columnIndices: [0])
        }
        #expect(throws: RecommendationError.lengthMismatch) {
            try InteractionMatrix(rows: 2, columns: 2, rowIndices: [0, 1], columnIndices: [0])
        }
    }
}
