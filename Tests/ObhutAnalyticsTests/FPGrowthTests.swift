import Foundation
import Testing

@testable import ObhutAnalytics

/// The Groceries file in the shared data folder next to the repository (not shipped: GPL-3).
private let groceriesPath: String = {
    let repo = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return repo.deletingLastPathComponent().appendingPathComponent("shared/data/public/groceries/groceries.csv").path
}()
private let hasGroceries = FileManager.default.fileExists(atPath: groceriesPath)

private func loadGroceries() throws -> BasketText.Parsed {
    let data = try Data(contentsOf: URL(fileURLWithPath: groceriesPath))
    return try BasketText.parse(utf8: data)
}

/// The five transactions of Han, Pei & Yin (SIGMOD 2000), Table 1.
private let hanPeiYin = """
    f,a,c,d,g,i,m,p
    a,b,c,f,l,m,o
    b,f,h,j,o
    b,c,k,s,p
    a,f,c,e,l,p,m,n
    """

private func named(_ result: FrequentItemsets, _ catalog: ItemCatalog) -> [String: Int] {
    var out: [String: Int] = [:]
    for itemset in result.itemsets {
        out[catalog.names(of: itemset.items).sorted().joined(separator: "")] = itemset.count
    }
    return out
}

/// Every itemset with its count by brute force: all subsets of every basket.
private func bruteForce(_ baskets: Baskets, minCount: Int) -> [[Int32]: Int] {
    var counts: [[Int32]: Int] = [:]
    for b in 0..<baskets.count {
        let items = Array(baskets[b])
        let n = items.count
        for mask in 1..<(1 << n) {
            var subset: [Int32] = []
            for bit in 0..<n where mask & (1 << bit) != 0 { subset.append(items[bit]) }
            counts[subset, default: 0] += 1
        }
    }
    return counts.filter { $0.value >= minCount }
}

private func randomBaskets(seed: UInt64, baskets: Int, items: Int, maxLength: Int) throws -> Baskets {
    var rng = SplitMix64(seed: seed)
    var rows: [[Int32]] = []
    for _ in 0..<baskets {
        let length = rng.next(below: maxLength + 1)
        // Skewed item popularity so that long itemsets are frequent.
        rows.append((0..<length).map { _ in Int32(min(rng.next(below: items), rng.next(below: items))) })
    }
    return try Baskets(rows, itemCount: items)
}

struct FPGrowthTests {
    @Test func findsTheEighteenItemsetsOfTheHanPeiYinExample() throws {
        let parsed = try BasketText.parse(hanPeiYin)
        let result = try FPGrowth.frequentItemsets(in: parsed.baskets, minSupport: 0.6)
        let expected: [String: Int] = [
            "f": 4, "c": 4, "a": 3, "b": 3, "m": 3, "p": 3,
            "cp": 3, "am": 3, "cm": 3, "fm": 3, "ac": 3, "af": 3, "cf": 3,
            "acm": 3, "afm": 3, "cfm": 3, "acf": 3, "acfm": 3,
        ]
        let observed = named(result, parsed.catalog)
        #expect(observed == expected, "expected \(expected.sorted { $0.key < $1.key }), observed \(observed.sorted { $0.key < $1.key })")
        #expect(result.minCount == 3)
        #expect(result.countsByLength() == [0, 6, 7, 4, 1])
    }

    @Test func respectsMaxLength() throws {
        let parsed = try BasketText.parse(hanPeiYin)
        let result = try FPGrowth.frequentItemsets(in: parsed.baskets, minSupport: 0.6, maxLength: 2)
        #expect(result.countsByLength() == [0, 6, 7])
    }

    @Test(arguments: [(0.07, 100, 7), (0.01, 9835, 99), (0.001, 9835, 10), (1.0, 5, 5), (0.6, 5, 3), (1e-9, 10, 1)])
    func minimumCountIsTheSmallestCountReachingTheFraction(support: Double, baskets: Int, expected: Int) {
        let observed = FPGrowth.minimumCount(minSupport: support, basketCount: baskets)
        #expect(observed == expected, "minSupport \(support) of \(baskets): expected \(expected), observed \(observed)")
        #expect(Double(observed) / Double(baskets) >= support)
        #expect(observed == 1 || Double(observed - 1) / Double(baskets) < support)
    }

    @Test(arguments: [0.0, -0.1, 1.5, Double.nan])
    func rejectsSupportOutsideTheUnitInterval(support: Double) throws {
        let baskets = try Baskets([[0, 1]])
        #expect(throws: BasketError.self) { try FPGrowth.frequentItemsets(in: baskets, minSupport: support) }
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func matchesBruteForceOnRandomBaskets(seed: UInt64) throws {
        let baskets = try randomBaskets(seed: seed, baskets: 300, items: 14, maxLength: 9)
        for support in [0.02, 0.05, 0.2] {
            let result = try FPGrowth.frequentItemsets(in: baskets, minSupport: support)
            var observed: [[Int32]: Int] = [:]
            for itemset in result.itemsets { observed[itemset.items] = itemset.count }
            let expected = bruteForce(baskets, minCount: result.minCount)
            #expect(observed.count == result.count, "duplicate itemsets reported")
            #expect(observed == expected, "seed \(seed) support \(support): expected \(expected.count) itemsets, observed \(observed.count)")
        }
    }

    @Test func stopsWhenMoreItemsetsThanAllowed() throws {
        let baskets = try Baskets(Array(repeating: Array(0..<20), count: 3))
        #expect(throws: BasketError.tooManyItemsets(limit: 1000)) {
            try FPGrowth.frequentItemsets(in: baskets, minSupport: 0.5, maxItemsets: 1000)
        }
    }

    @Test func countsEmptyBasketsInTheDenominator() throws {
        let baskets = try Baskets([[0, 1], [0], [], []])
        let result = try FPGrowth.frequentItemsets(in: baskets, minSupport: 0.5)
        #expect(result.itemsets == [FrequentItemset(items: [0], count: 2)])
        #expect(result.support(of: result.itemsets[0]) == 0.5)
    }

    @Test func isDeterministic() throws {
        let baskets = try randomBaskets(seed: 9, baskets: 500, items: 30, maxLength: 8)
        let first = try FPGrowth.frequentItemsets(in: baskets, minSupport: 0.01)
        let second = try FPGrowth.frequentItemsets(in: baskets, minSupport: 0.01)
        #expect(first.itemsets == second.itemsets)
    }

    // MARK: rules

    @Test func computesRuleMeasuresByHand() throws {
        let parsed = try BasketText.parse(hanPeiYin)
        let itemsets = try FPGrowth.frequentItemsets(in: parsed.baskets, minSupport: 0.6)
        let rules = try itemsets.associationRules(minConfidence: 0.7)
        let c = try #require(parsed.catalog.id(of: "c")), p = try #require(parsed.catalog.id(of: "p"))
        let cp = try #require(rules.first { $0.antecedent == [c] && $0.consequent == [p] })
        // c in 4 of 5 baskets, p in 3, both in 3.
        #expect(abs(cp.support - 0.6) < 1e-15)
        #expect(abs(cp.confidence - 0.75) < 1e-15)
        #expect(abs(cp.lift - 1.25) < 1e-15, "lift expected 1.25, observed \(cp.lift)")
        #expect(abs(cp.leverage - 0.12) < 1e-15, "leverage expected 0.12, observed \(cp.leverage)")
        #expect(abs(cp.conviction - 1.6) < 1e-12, "conviction expected 1.6, observed \(cp.conviction)")
        let pc = try #require(rules.first { $0.antecedent == [p] && $0.consequent == [c] })
        #expect(pc.confidence == 1 && pc.conviction == .infinity)
    }

    @Test(arguments: [0.0, 0.3, 0.6, 0.9, 1.0])
    func levelWiseRulesEqualEverySplit(minConfidence: Double) throws {
        let baskets = try randomBaskets(seed: 4, baskets: 200, items: 10, maxLength: 8)
        let itemsets = try FPGrowth.frequentItemsets(in: baskets, minSupport: 0.05)
        let rules = try itemsets.associationRules(minConfidence: minConfidence)
        var expected = Set<[[Int32]]>()
        for itemset in itemsets.itemsets where itemset.items.count >= 2 {
            let items = itemset.items
            for mask in 1..<(1 << items.count) - 1 {
                let consequent = items.indices.filter { mask & (1 << $0) != 0 }.map { items[$0] }
                let antecedent = items.indices.filter { mask & (1 << $0) == 0 }.map { items[$0] }
                let nA = try #require(itemsets.count(of: antecedent))
                if Double(itemset.count) / Double(nA) >= minConfidence { expected.insert([antecedent, consequent]) }
            }
        }
        let observed = Set(rules.map { [$0.antecedent, $0.consequent] })
        #expect(rules.count == observed.count, "duplicate rules")
        #expect(observed == expected, "confidence \(minConfidence): expected \(expected.count) rules, observed \(observed.count)")
        let single = try itemsets.associationRules(minConfidence: minConfidence, maxConsequentLength: 1)
        #expect(Set(single.map { [$0.antecedent, $0.consequent] }) == expected.filter { $0[1].count == 1 })
    }

    // MARK: parsing

    @Test func parsesQuotesBlankLinesAndRepeats() throws {
        let text = "\u{FEFF}milk, bread ,milk\r\n\n  \n\"bags, paper\",\"say \"\"hi\"\"\"\r\n,,\nbread"
        let parsed = try BasketText.parse(text)
        #expect(parsed.catalog.names == ["milk", "bread", "bags, paper", "say \"hi\""])
        #expect(parsed.baskets.count == 4)
        #expect(Array(parsed.baskets[0]) == [0, 1])
        #expect(Array(parsed.baskets[1]) == [2, 3])
        #expect(Array(parsed.baskets[2]) == [])
        #expect(Array(parsed.baskets[3]) == [1])
    }

    @Test(arguments: ["a,\"b", "a,\"b\"c"])
    func rejectsBrokenQuotes(line: String) {
        #expect(throws: BasketError.self) { try BasketText.parse("x\n" + line) }
    }

    @Test func rejectsItemsOutsideTheIdSpace() {
        #expect(throws: BasketError.itemOutOfRange(basket: 1, item: 5, itemCount: 3)) {
            try Baskets([[0], [5]], itemCount: 3)
        }
    }

    // MARK: Groceries (mlxtend 0.25.0 figures from /work/shared/anchors/RESULTS.md)

    @Test(.enabled(if: hasGroceries)) func readsGroceries() throws {
        let parsed = try loadGroceries()
        #expect(parsed.baskets.count == 9835)
        #expect(parsed.catalog.count == 169)
        let mean = Double(parsed.baskets.items.count) / Double(parsed.baskets.count)
        #expect(abs(mean - 4.409) < 0.0005, "mean basket expected 4.409, observed \(mean)")
    }

    @Test(
        .enabled(if: hasGroceries),
        arguments: [
            (0.01, [0, 88, 213, 32], 15, 15),
            (0.001, [0, 157, 2981, 6831, 3137, 376, 10], 5829, 5668),
        ])
    func matchesMlxtendOnGroceries(support: Double, byLength: [Int], rules: Int, singleRules: Int) throws {
        let parsed = try loadGroceries()
        let result = try FPGrowth.frequentItemsets(in: parsed.baskets, minSupport: support)
        #expect(result.countsByLength() == byLength, "expected \(byLength), observed \(result.countsByLength())")
        let all = try result.associationRules(minConfidence: 0.5)
        let single = try result.associationRules(minConfidence: 0.5, maxConsequentLength: 1)
        #expect(all.count == rules, "rules expected \(rules), observed \(all.count)")
        #expect(single.count == singleRules, "single-item rules expected \(singleRules), observed \(single.count)")
        let catalog = parsed.catalog
        func count(_ names: String...) -> Int? {
            result.count(of: names.compactMap { catalog.id(of: $0) }.sorted())
        }
        #expect(count("whole milk") == 2513)
        #expect(count("other vegetables") == 1903)
        #expect(count("other vegetables", "whole milk") == 736)
        if support == 0.01 {
            let maxLift = all.map(\.lift).max() ?? 0
            #expect(abs(maxLift - 3.03) < 0.0005, "max lift expected 3.030, observed \(maxLift)")
        } else {
            let maxLift = all.map(\.lift).max() ?? 0
            #expect(abs(maxLift - 30.811) < 0.0005, "max lift expected 30.811, observed \(maxLift)")
        }
    }
}
