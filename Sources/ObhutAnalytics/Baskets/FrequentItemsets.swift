/// A set of items bought together in at least the minimum number of baskets.
public struct FrequentItemset: Sendable, Hashable {
    /// Item ids, sorted ascending.
    public let items: [Int32]
    /// Number of baskets that contain every item of ``items`` (the absolute support).
    public let count: Int

    public init(items: [Int32], count: Int) {
        self.items = items
        self.count = count
    }
}

/// The frequent itemsets of a basket collection, with what is needed to turn counts into
/// supports and to look up any itemset's count.
///
/// Order: by length, then lexicographically by item id, so two runs compare element by element.
public struct FrequentItemsets: Sendable {
    /// The itemsets, by length and then by item ids.
    public let itemsets: [FrequentItemset]
    /// Number of baskets mined (the denominator of every support).
    public let basketCount: Int
    /// The smallest count an itemset needed to be frequent.
    public let minCount: Int
    /// The support threshold asked for, as a fraction of baskets.
    public let minSupport: Double
    private let index: [[Int32]: Int]

    init(itemsets: [FrequentItemset], basketCount: Int, minCount: Int, minSupport: Double) {
        self.itemsets = itemsets
        self.basketCount = basketCount
        self.minCount = minCount
        self.minSupport = minSupport
        var index = [[Int32]: Int](minimumCapacity: itemsets.count)
        for itemset in itemsets { index[itemset.items] = itemset.count }
        self.index = index
    }

    /// Number of itemsets.
    public var count: Int { itemsets.count }

    /// The count of an itemset given by sorted item ids, or `nil` if it is not frequent.
    public func count(of items: [Int32]) -> Int? { index[items] }

    /// The support (fraction of baskets) of `itemset`.
    public func support(of itemset: FrequentItemset) -> Double {
        basketCount == 0 ? 0 : Double(itemset.count) / Double(basketCount)
    }

    /// How many itemsets have each length: element `k` counts itemsets of `k` items
    /// (element 0 is always 0).
    public func countsByLength() -> [Int] {
        var counts = [0]
        for itemset in itemsets {
            while counts.count <= itemset.items.count { counts.append(0) }
            counts[itemset.items.count] += 1
        }
        return counts
    }
}
