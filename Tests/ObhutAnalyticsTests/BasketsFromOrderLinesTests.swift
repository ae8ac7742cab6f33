import Testing

@testable import ObhutAnalytics

struct BasketsFromOrderLinesTests {
    @Test func linesOfOneOrderFormOneBasket() throws {
        let baskets = try Baskets(orders: [2, 0, 0, 1, 2, 2, 0], products: [0, 3, 1, 1, 0, 2, 3])
        #expect(baskets.count == 3)
        #expect(Array(baskets[0]) == [1, 3], "sorted, the repeated 3 once")
        #expect(Array(baskets[1]) == [1])
        #expect(Array(baskets[2]) == [0, 2])
        #expect(baskets.itemCount == 4)
        let itemsets = try FPGrowth.frequentItemsets(in: baskets, minSupport: 0.6)
        #expect(itemsets.itemsets.map(\.items) == [[1]], "only product 1 is in two of three orders")
    }

    @Test func negativeIndexesAreSkippedAndGapsBecomeEmptyBaskets() throws {
        let baskets = try Baskets(orders: [0, -1, 2], products: [1, 1, -1], productCount: 5)
        #expect(baskets.count == 1, "order 2's only line has no product")
        #expect(baskets.itemCount == 5)
        let gap = try Baskets(orders: [0, 2], products: [1, 1])
        #expect(gap.count == 3 && gap[1].isEmpty)
    }

    @Test func mismatchedColumnsAndUnknownProductsThrow() {
        #expect(throws: BasketError.self) { try Baskets(orders: [0, 1], products: [0]) }
        #expect(throws: BasketError.itemOutOfRange(basket: 0, item: 4, itemCount: 3)) {
            try Baskets(orders: [0], products: [4], productCount: 3)
        }
    }

    @Test func emptyColumnsGiveNoBaskets() throws {
        let baskets = try Baskets(orders: [], products: [], productCount: 2)
        #expect(baskets.count == 0 && baskets.itemCount == 2)
    }
}
