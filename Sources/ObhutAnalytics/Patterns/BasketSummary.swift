import ObhutCore

/// How baskets are mined inside the purchase-pattern summary.
///
/// The support is not fixed: a shop with 500 orders and one with 5 million need very different
/// ones. It is chosen from the exact counts of single products and of pairs (one pass over the
/// baskets) as the count of the ``targetItemsets``-th most frequent single or pair, so that about
/// that many itemsets of up to two products come out (larger itemsets add a few more), never
/// below ``minimumOrders`` orders. If FP-growth still finds more than ``maxItemsets``, the support
/// is doubled and mining repeated.
public struct BasketParameters: Sendable, Hashable, Codable {
    /// About this many itemsets are aimed for.
    public var targetItemsets: Int
    /// Never report more than this many itemsets.
    public var maxItemsets: Int
    /// An itemset must occur in at least this many orders, whatever the support.
    public var minimumOrders: Int
    /// Largest itemset size.
    public var maxLength: Int
    /// Minimum confidence of a rule.
    public var minConfidence: Double
    /// Rules (by lift, lift above 1 only) and itemsets (by count) kept in the summary.
    public var reported: Int

    public init(
        targetItemsets: Int = 300, maxItemsets: Int = 2000, minimumOrders: Int = 20, maxLength: Int = 4, minConfidence: Double = 0.1,
        reported: Int = 50
    ) {
        self.targetItemsets = targetItemsets
        self.maxItemsets = maxItemsets
        self.minimumOrders = minimumOrders
        self.maxLength = maxLength
        self.minConfidence = minConfidence
        self.reported = reported
    }
}

/// Frequent itemsets and association rules of the orders, with the support that was chosen.
public struct BasketSummary: Sendable, Hashable, Codable {
    public struct Itemset: Sendable, Hashable, Codable {
        public let products: [Int32]
        public let names: [String]
        /// Orders that hold all of them.
        public let count: Int
        public let support: Double
    }

    public struct Rule: Sendable, Hashable, Codable {
        public let antecedent: [Int32]
        public let consequent: [Int32]
        public let support: Double
        public let confidence: Double
        public let lift: Double
        public let statement: Localized
    }

    public let orderCount: Int
    /// The support chosen so that about the target number of itemsets came out.
    public let minSupport: Double
    /// All frequent itemsets at that support (the summary lists only the largest ones).
    public let itemsetCount: Int
    /// Itemsets of two or more products, by count.
    public let itemsets: [Itemset]
    /// Rules with lift above 1, by lift.
    public let rules: [Rule]

    /// Mines the orders at the support chosen as ``BasketParameters`` describes.
    static func mine(orders: [Int32], products: [Int32], names: [String], parameters: BasketParameters) -> BasketSummary? {
        guard let baskets = try? Baskets(orders: orders, products: products, productCount: names.count), baskets.count > 0 else { return nil }
        let floor = max(1, parameters.minimumOrders)
        var minCount = max(floor, targetCount(baskets, target: max(1, parameters.targetItemsets)))
        var chosen: FrequentItemsets?
        while chosen == nil, minCount <= baskets.count {
            let support = Double(minCount) / Double(baskets.count)
            do {
                chosen = try FPGrowth.frequentItemsets(
                    in: baskets, minSupport: support, maxLength: parameters.maxLength, maxItemsets: parameters.maxItemsets)
            } catch {
                minCount *= 2
            }
        }
        guard let chosen, chosen.count > 0 else {
            return BasketSummary(orderCount: baskets.count, minSupport: 0, itemsetCount: 0, itemsets: [], rules: [])
        }
        let itemsets = chosen.itemsets.filter { $0.items.count >= 2 }.sorted(by: Self.byCount)
        let mined = (try? chosen.associationRules(minConfidence: parameters.minConfidence, maxConsequentLength: 1)) ?? []
        let rules = mined.filter { $0.lift > 1 }.sorted(by: Self.byLift)
        func label(_ items: [Int32]) -> [String] { items.map { Int($0) < names.count ? names[Int($0)] : "#\($0)" } }
        return BasketSummary(
            orderCount: baskets.count, minSupport: chosen.minSupport, itemsetCount: chosen.count,
            itemsets: itemsets.prefix(parameters.reported).map {
                Itemset(products: $0.items, names: label($0.items), count: $0.count, support: chosen.support(of: $0))
            },
            rules: rules.prefix(parameters.reported).map { rule in
                let a = label(rule.antecedent).joined(separator: " + "), c = label(rule.consequent).joined(separator: " + ")
                let confidence = NumberText.decimal(rule.confidence * 100, fractionDigits: 0)
                let lift = NumberText.decimal(rule.lift, fractionDigits: 1)
                return Rule(
                    antecedent: rule.antecedent, consequent: rule.consequent, support: rule.support, confidence: rule.confidence, lift: rule.lift,
                    statement: Localized(
                        de: "Bestellungen mit \(a) enthalten in \(confidence.de) % der Fälle auch \(c), \(lift.de)-mal so oft wie im Durchschnitt.",
                        en: "Orders with \(a) also contain \(c) in \(confidence.en)% of cases, \(lift.en) times as often as average."))
            })
    }

    /// Larger count first, then item ids (deterministic).
    private static func byCount(_ a: FrequentItemset, _ b: FrequentItemset) -> Bool {
        a.count != b.count ? a.count > b.count : a.items.lexicographicallyPrecedes(b.items)
    }

    /// Larger lift first, then antecedent and consequent ids (deterministic).
    private static func byLift(_ a: AssociationRule, _ b: AssociationRule) -> Bool {
        if a.lift != b.lift { return a.lift > b.lift }
        if a.antecedent != b.antecedent { return a.antecedent.lexicographicallyPrecedes(b.antecedent) }
        return a.consequent.lexicographicallyPrecedes(b.consequent)
    }

    /// The basket count of the `target`-th most frequent single product or pair (exact counts;
    /// pairs only while the pair table stays below 16 million cells, singles otherwise).
    static func targetCount(_ baskets: Baskets, target: Int) -> Int {
        var counts = baskets.itemCounts().filter { $0 > 0 }
        let items = baskets.itemCount
        if items > 1, items <= 4000 {
            var pairs = [Int32](repeating: 0, count: items * items)
            for basket in 0..<baskets.count {
                let basketItems = baskets[basket]
                var first = basketItems.startIndex
                while first < basketItems.endIndex {
                    let row = Int(basketItems[first]) * items
                    var second = first + 1
                    while second < basketItems.endIndex {
                        pairs[row + Int(basketItems[second])] += 1
                        second += 1
                    }
                    first += 1
                }
            }
            for count in pairs where count > 0 { counts.append(Int(count)) }
        }
        guard !counts.isEmpty else { return 1 }
        counts.sort(by: >)
        return counts[min(target, counts.count) - 1]
    }
}
