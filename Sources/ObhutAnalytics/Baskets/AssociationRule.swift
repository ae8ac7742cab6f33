/// An association rule "baskets with the antecedent also hold the consequent", with the counts
/// its measures come from.
///
/// Measures follow mlxtend's `association_rules` (Agrawal et al. 1993 for support and confidence,
/// Brin et al. 1997 for lift and conviction, Piatetsky-Shapiro 1991 for leverage). With
/// `N` baskets and counts `nA`, `nC`, `nAC`: support `nAC/N`, confidence `nAC/nA`,
/// lift `confidence / (nC/N)`, leverage `nAC/N - (nA/N)(nC/N)`,
/// conviction `(1 - nC/N) / (1 - confidence)`.
public struct AssociationRule: Sendable, Hashable {
    /// Antecedent item ids, sorted ascending (never empty).
    public let antecedent: [Int32]
    /// Consequent item ids, sorted ascending (never empty, disjoint from the antecedent).
    public let consequent: [Int32]
    /// Baskets holding antecedent and consequent together.
    public let count: Int
    /// Baskets holding the antecedent.
    public let antecedentCount: Int
    /// Baskets holding the consequent.
    public let consequentCount: Int
    /// All baskets mined.
    public let basketCount: Int

    public init(
        antecedent: [Int32], consequent: [Int32], count: Int, antecedentCount: Int,
        consequentCount: Int, basketCount: Int
    ) {
        self.antecedent = antecedent
        self.consequent = consequent
        self.count = count
        self.antecedentCount = antecedentCount
        self.consequentCount = consequentCount
        self.basketCount = basketCount
    }

    /// Fraction of baskets holding antecedent and consequent.
    public var support: Double { Double(count) / Double(basketCount) }
    /// Fraction of baskets holding the antecedent.
    public var antecedentSupport: Double { Double(antecedentCount) / Double(basketCount) }
    /// Fraction of baskets holding the consequent.
    public var consequentSupport: Double { Double(consequentCount) / Double(basketCount) }
    /// Fraction of the antecedent's baskets that also hold the consequent, in [0, 1].
    public var confidence: Double { Double(count) / Double(antecedentCount) }
    /// How much more often the two occur together than if independent (1 = independent).
    public var lift: Double {
        Double(count) * Double(basketCount) / (Double(antecedentCount) * Double(consequentCount))
    }
    /// Joint support minus the support expected under independence, in [-0.25, 0.25].
    public var leverage: Double { support - antecedentSupport * consequentSupport }
    /// How much more often the rule would be wrong if the two were independent; `infinity`
    /// when the confidence is 1 (the rule is never wrong).
    public var conviction: Double {
        count == antecedentCount ? .infinity : (1 - consequentSupport) / (1 - confidence)
    }
}

extension FrequentItemsets {
    /// The association rules among these itemsets with at least `minConfidence`, for every split
    /// of every itemset of two or more items into antecedent and consequent (mlxtend's
    /// `association_rules(metric="confidence")`).
    ///
    /// - Parameters:
    ///   - minConfidence: in [0, 1]; a rule is kept when `count / antecedentCount >= minConfidence`.
    ///   - maxConsequentLength: `1` gives single-item consequents only, as R's arules produces;
    ///     `nil` allows any length.
    /// - Returns: rules grouped by itemset in ``itemsets`` order; within an itemset by
    ///   consequent length, then consequent ids.
    ///
    /// Consequents are grown level by level (Agrawal & Srikant 1994, ap-genrules): moving an item
    /// from antecedent to consequent never raises the confidence, so a consequent is tried only
    /// when all its one-smaller subsets passed. This finds the same rules as trying every split.
    public func associationRules(
        minConfidence: Double, maxConsequentLength: Int? = nil
    ) throws(BasketError) -> [AssociationRule] {
        guard minConfidence >= 0, minConfidence <= 1 else {
            throw .thresholdOutOfRange(name: "minimum confidence", value: minConfidence, range: "[0, 1]")
        }
        let consequentLimit = maxConsequentLength ?? Int.max
        var rules: [AssociationRule] = []
        var antecedent: [Int32] = []
        for itemset in itemsets where itemset.items.count >= 2 {
            let items = itemset.items
            // Level 1: single-item consequents.
            var level: [[Int32]] = []
            for item in items {
                let consequent = [item]
                antecedent.removeAll(keepingCapacity: true)
                for other in items where other != item { antecedent.append(other) }
                if let rule = rule(antecedent, consequent, itemset.count, minConfidence) {
                    rules.append(rule)
                    level.append(consequent)
                }
            }
            var size = 1
            while level.count >= 2, size + 1 < items.count, size + 1 <= consequentLimit {
                let passed = Set(level)
                var next: [[Int32]] = []
                for first in 0..<level.count {
                    for second in first + 1..<level.count {
                        let a = level[first], b = level[second]
                        guard a.dropLast() == b.dropLast() else { break }
                        var candidate = a
                        candidate.append(b[b.count - 1])
                        if !allSubsetsPassed(candidate, passed) { continue }
                        antecedent.removeAll(keepingCapacity: true)
                        var cursor = 0
                        for item in items {
                            if cursor < candidate.count, candidate[cursor] == item {
                                cursor += 1
                            } else {
                                antecedent.append(item)
                            }
                        }
                        if let rule = rule(antecedent, candidate, itemset.count, minConfidence) {
                            rules.append(rule)
                            next.append(candidate)
                        }
                    }
                }
                level = next
                size += 1
            }
        }
        return rules
    }

    private func rule(
        _ antecedent: [Int32], _ consequent: [Int32], _ count: Int, _ minConfidence: Double
    ) -> AssociationRule? {
        guard let antecedentCount = self.count(of: antecedent),
            Double(count) / Double(antecedentCount) >= minConfidence,
            let consequentCount = self.count(of: consequent)
        else { return nil }
        return AssociationRule(
            antecedent: antecedent, consequent: consequent, count: count,
            antecedentCount: antecedentCount, consequentCount: consequentCount,
            basketCount: basketCount)
    }

    private func allSubsetsPassed(_ candidate: [Int32], _ passed: Set<[Int32]>) -> Bool {
        guard candidate.count > 2 else { return true }
        var subset = [Int32]()
        subset.reserveCapacity(candidate.count - 1)
        for skip in 0..<candidate.count - 2 {  // the last two subsets are the joined pair
            subset.removeAll(keepingCapacity: true)
            for (index, item) in candidate.enumerated() where index != skip { subset.append(item) }
            if !passed.contains(subset) { return false }
        }
        return true
    }
}
