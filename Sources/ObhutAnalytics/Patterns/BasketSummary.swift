import ObhutCore

/// How baskets are mined inside the purchase-pattern summary.
public struct BasketParameters: Sendable, Hashable, Codable {
    /// Supports tried, largest first, until at least ``targetItemsets`` itemsets come out.
    public var supports: [Double]
    /// Stop lowering the support once this many itemsets are found.
    public var targetItemsets: Int
    /// Never report more than this many itemsets (a lower support that would exceed it is
    /// abandoned and the previous one kept).
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
        supports: [Double] = [0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001, 0.0005, 0.0002, 0.0001], targetItemsets: Int = 300,
        maxItemsets: Int = 2000, minimumOrders: Int = 20, maxLength: Int = 4, minConfidence: Double = 0.1, reported: Int = 50
    ) {
        self.supports = supports
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

    /// Mines the orders at the largest support in `parameters.supports` that yields at least the
    /// target number of itemsets without exceeding the maximum (or the smallest support tried).
    static func mine(orders: [Int32], products: [Int32], names: [String], parameters: BasketParameters) -> BasketSummary? {
        guard let baskets = try? Baskets(orders: orders, products: products, productCount: names.count), baskets.count > 0 else { return nil }
        var chosen: FrequentItemsets?
        for support in parameters.supports.sorted(by: >) where support > 0 && support <= 1 {
            if Double(parameters.minimumOrders) / Double(baskets.count) > support { break }
            do {
                let found = try FPGrowth.frequentItemsets(
                    in: baskets, minSupport: support, maxLength: parameters.maxLength, maxItemsets: parameters.maxItemsets)
                chosen = found
                if found.count >= parameters.targetItemsets { break }
            } catch {
                break
            }
        }
        guard let chosen else {
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
}
