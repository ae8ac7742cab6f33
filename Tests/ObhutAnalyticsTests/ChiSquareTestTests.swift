import Testing

@testable import ObhutAnalytics

/// Reference values from SciPy 1.17.1 (`scipy.stats.chisquare`, `chi2_contingency(correction=False)`).
struct ChiSquareTestTests {
    @Test func goodnessOfFitMatchesSciPy() throws {
        let test = try #require(ChiSquareTest.goodnessOfFit(observed: [30, 14, 34, 45, 57, 20], expectedShares: [1, 1, 1, 1, 1, 1]))
        #expect(abs(test.statistic - 37.78) < 1e-9, "statistic \(test.statistic)")
        #expect(test.degreesOfFreedom == 5)
        #expect(abs(test.pValue - 4.177325475265192e-07) < 1e-15, "p \(test.pValue)")
        #expect(abs(test.cramersV - (37.78 / (200 * 5)).squareRoot()) < 1e-12)
        #expect(test.mergedCells == 0)
    }

    @Test func independenceMatchesSciPy() throws {
        let test = try #require(ChiSquareTest.independence(table: [10, 20, 30, 20, 25, 15], rows: 2, columns: 3))
        #expect(abs(test.statistic - 8.88888888888889) < 1e-9, "statistic \(test.statistic)")
        #expect(test.degreesOfFreedom == 2)
        #expect(abs(test.pValue - 0.011743628457021359) < 1e-12, "p \(test.pValue)")
        #expect(abs(test.cramersV - (8.88888888888889 / 120).squareRoot()) < 1e-12)
    }

    @Test func sparseCellsArePooledAndCounted() throws {
        // 40 observations over 10 equal cells: 4 expected each, all below 5 -> pooled, then
        // the pool alone is one cell, which cannot be tested.
        #expect(ChiSquareTest.goodnessOfFit(observed: [4, 4, 4, 4, 4, 4, 4, 4, 4, 4], expectedShares: [Double](repeating: 1, count: 10)) == nil)
        // Two big cells and three tiny ones: the tiny ones become one pooled cell of 6 expected.
        let test = try #require(ChiSquareTest.goodnessOfFit(observed: [50, 40, 3, 2, 1], expectedShares: [0.47, 0.47, 0.02, 0.02, 0.02]))
        #expect(test.mergedCells == 3)
        #expect(test.degreesOfFreedom == 2)
    }

    @Test func emptyOrImpossibleInputGivesNil() {
        #expect(ChiSquareTest.goodnessOfFit(observed: [0, 0, 0], expectedShares: [1, 1, 1]) == nil)
        #expect(ChiSquareTest.goodnessOfFit(observed: [5, 5], expectedShares: [0, 0]) == nil)
        #expect(ChiSquareTest.goodnessOfFit(observed: [10, 10, 3], expectedShares: [1, 1, 0]) == nil, "a count where none is expected")
        #expect(ChiSquareTest.independence(table: [0, 0, 0, 0], rows: 2, columns: 2) == nil)
        #expect(ChiSquareTest.independence(table: [10, 0, 20, 0], rows: 2, columns: 2) == nil, "one non-empty column is no table")
    }

    @Test func emptyRowsAreDroppedFromIndependence() throws {
        let withEmpty = try #require(ChiSquareTest.independence(table: [10, 20, 30, 0, 0, 0, 20, 25, 15], rows: 3, columns: 3))
        let without = try #require(ChiSquareTest.independence(table: [10, 20, 30, 20, 25, 15], rows: 2, columns: 3))
        #expect(withEmpty.statistic == without.statistic)
        #expect(withEmpty.degreesOfFreedom == 2)
        #expect(withEmpty.mergedCells == 3)
    }
}
