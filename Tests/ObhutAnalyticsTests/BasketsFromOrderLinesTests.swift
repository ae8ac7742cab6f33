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

struct BasketSupportChoiceTests {
    @Test func targetCountIsTheCountOfTheNthMostFrequentSingleOrPair() throws {
        // Singles: 0 in 4, 1 in 3, 2 in 2; pairs: {0,1} in 3, {0,2} in 1, {1,2} in 1.
        let baskets = try Baskets([[0, 1], [0, 1], [0, 1, 2], [0, 2]].map { $0.map(Int32.init) })
        #expect(BasketSummary.targetCount(baskets, target: 1) == 4)
        #expect(BasketSummary.targetCount(baskets, target: 3) == 3)
        #expect(BasketSummary.targetCount(baskets, target: 4) == 2)
        #expect(BasketSummary.targetCount(baskets, target: 100) == 1, "fewer candidates than the target: the smallest count")
    }
}

struct FPGrowthOnOrdersTests {
    /// Many short random orders over 60 products: the initial tree is built from packed,
    /// sorted paths (the long Groceries baskets take the comparison sort; FPGrowthTests).
    @Test func itemsetsMatchBruteForceCounts() throws {
        var random = SplitMix64(seed: 11)
        var orders: [Int32] = [], products: [Int32] = []
        for order in 0..<20_000 {
            for _ in 0...random.next(below: 4) {
                orders.append(Int32(order))
                products.append(Int32(min(random.next(below: 60), random.next(below: 60))))  // skewed to small ids
            }
        }
        let baskets = try Baskets(orders: orders, products: products, productCount: 60)
        let found = try FPGrowth.frequentItemsets(in: baskets, minSupport: 0.002)
        var singles = [Int](repeating: 0, count: 60)
        var pairs = [Int](repeating: 0, count: 60 * 60)
        for basket in 0..<baskets.count {
            let items = Array(baskets[basket])
            for (i, a) in items.enumerated() {
                singles[Int(a)] += 1
                for b in items[(i + 1)...] { pairs[Int(a) * 60 + Int(b)] += 1 }
            }
        }
        let minCount = found.minCount
        var expected: [[Int32]: Int] = [:]
        for a in 0..<60 where singles[a] >= minCount { expected[[Int32(a)]] = singles[a] }
        for a in 0..<60 {
            for b in a + 1..<60 where pairs[a * 60 + b] >= minCount { expected[[Int32(a), Int32(b)]] = pairs[a * 60 + b] }
        }
        var observed: [[Int32]: Int] = [:]
        for itemset in found.itemsets where itemset.items.count <= 2 { observed[itemset.items] = itemset.count }
        #expect(observed == expected, "\(observed.count) itemsets of one or two items, expected \(expected.count)")
        #expect(expected.count > 100)
    }
}
