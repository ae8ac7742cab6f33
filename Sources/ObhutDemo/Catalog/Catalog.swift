import Foundation
import ObhutCore

/// The product range with everything the order simulation needs precomputed: which articles a
/// category offers in a given month (seasons, trends, introductions, discontinuations) as
/// cumulative weight tables, the bundle partners, prices and sale discounts.
///
/// The catalogue does not depend on the seed: "Kaffeebohnen Espresso Classico 1 kg" is P0001 in
/// every demo, which keeps examples in documentation stable.
struct Catalog: Sendable {
    struct Partner: Sendable {
        let product: Int
        let probability: Double
    }

    let specs: [ProductSpec]
    let products: [Product]
    let ids: [String]
    let category: [Int]
    let inCategory: [[Int]]
    let partners: [[Partner]]
    let bundles: [DemoBundle]
    /// Sale discount in percent (0 if never reduced).
    let salePercent: [Int]
    /// 0 good, 1 average, 2 weak: shifts the star ratings of reviews.
    let qualityTier: [Int]
    let firstMonth: [Int]
    let lastMonth: [Int]
    /// [monthIndex][category][boost] → cumulative weights over `inCategory[category]`.
    /// boost 1 favours sale articles (bargain hunters in a sale).
    private let tables: [[[[Double]]]]
    /// Articles a coffee or tea rebuyer reorders, with weights.
    let rebuyItems: [Int]
    let rebuyCumulative: [Double]
    let filterProduct: Int

    init(timeline: Timeline) {
        let specs = CatalogData.specs
        self.specs = specs
        let n = specs.count
        let months = timeline.months
        let ids = (0..<n).map { FastText.code("P", UInt64($0 + 1), width: 4) }
        self.ids = ids
        category = specs.map { $0.category.rawValue }
        let inCategory = CategoryID.allCases.map { c in (0..<n).filter { specs[$0].category == c } }
        self.inCategory = inCategory

        var firstMonth = [Int](repeating: 0, count: n)
        var lastMonth = [Int](repeating: months - 1, count: n)
        var products: [Product] = []
        var salePercent = [Int](repeating: 0, count: n)
        var tier = [Int](repeating: 0, count: n)
        for (i, s) in specs.enumerated() {
            let h = SplitMix64.hash(0xCA7A_1095, 1, UInt64(i))
            // Before every order, stale customers' old ones included.
            var created = timeline.archiveDay - 600 - Int(h % 900)
            if let f = s.introduced {
                let day = timeline.startDay + Int(f * Double(timeline.days))
                firstMonth[i] = timeline.monthIndex(day)
                created = CivilDate.day(
                    year: timeline.startYear + (timeline.startMonth - 1 + firstMonth[i]) / 12,
                    month: (timeline.startMonth - 1 + firstMonth[i]) % 12 + 1, day: 1)
            }
            if let f = s.discontinued {
                lastMonth[i] = timeline.monthIndex(timeline.startDay + Int(f * Double(timeline.days)))
            }
            if s.traits.contains(.sale) { salePercent[i] = [20, 25, 30, 40][Int((h >> 20) % 4)] }
            let u = SplitMix64.unit(SplitMix64.mix(h))
            tier[i] = u < 0.6 ? 0 : (u < 0.9 ? 1 : 2)
            products.append(
                Product(
                    id: ids[i], name: s.name, category: s.category.name, priceMinor: s.price, currency: "EUR",
                    forSale: s.discontinued == nil,
                    createdAt: Date(timeIntervalSince1970: Double(created * 86_400 + 9 * 3600))))
        }
        self.products = products
        self.firstMonth = firstMonth
        self.lastMonth = lastMonth
        self.salePercent = salePercent
        qualityTier = tier

        // Bundles by name or name prefix.
        var partners = [[Partner]](repeating: [], count: n)
        var bundles: [DemoBundle] = []
        let byName = Dictionary(uniqueKeysWithValues: specs.enumerated().map { ($0.element.name, $0.offset) })
        for b in CatalogData.bundles {
            guard let partner = byName[b.partner] else { preconditionFailure("demo bundle partner missing: \(b.partner)") }
            var anchors: [Int] = []
            if let c = b.anchorCategory { anchors = inCategory[c.rawValue] }
            for a in b.anchors {
                if let i = byName[a] { anchors.append(i) } else { anchors += (0..<n).filter { specs[$0].name.hasPrefix(a) } }
            }
            anchors.removeAll { $0 == partner }
            precondition(!anchors.isEmpty, "demo bundle without anchors: \(b.anchors)")
            for a in anchors { partners[a].append(Partner(product: partner, probability: b.probability)) }
            bundles.append(
                DemoBundle(
                    anchorProductIds: anchors.map { ids[$0] }, partnerProductId: ids[partner],
                    probability: b.probability))
        }
        self.partners = partners
        self.bundles = bundles

        // Monthly pick tables.
        var tables: [[[[Double]]]] = []
        for m in 0..<months {
            let calendarMonth = (timeline.startMonth - 1 + m) % 12
            let t = Double(m) / Double(max(1, months - 1))
            var perCategory: [[[Double]]] = []
            for members in inCategory {
                var plain: [Double] = []
                var boosted: [Double] = []
                for i in members {
                    let s = specs[i]
                    var w = s.weight * s.season.monthly[calendarMonth]
                    if s.traits.contains(.rising) { w *= 0.3 + 1.4 * t }
                    if s.traits.contains(.falling) { w *= 1.6 - 1.3 * t }
                    if m < firstMonth[i] || m > lastMonth[i] { w = 0 }
                    // A newly introduced article ramps up over its first three months.
                    if m >= firstMonth[i] && s.introduced != nil { w *= min(1, Double(m - firstMonth[i] + 1) / 3) }
                    plain.append(w)
                    boosted.append(salePercent[i] > 0 ? 4 * w : w)
                }
                perCategory.append([cumulative(plain), cumulative(boosted)])
            }
            tables.append(perCategory)
        }
        self.tables = tables

        let rebuy = inCategory[CategoryID.coffeeTea.rawValue].filter {
            specs[$0].traits.contains(.consumable) && specs[$0].discontinued == nil && specs[$0].introduced == nil
                && (specs[$0].name.hasPrefix("Kaffee") || specs[$0].name.hasPrefix("Filterkaffee")
                    || specs[$0].name.hasPrefix("Espresso") || specs[$0].name.contains("Tee")
                    || specs[$0].name.hasPrefix("Earl") || specs[$0].name.hasPrefix("Rooibos"))
                && !specs[$0].name.hasPrefix("Kaffeefilter") && !specs[$0].name.hasPrefix("Teefilter")
                && specs[$0].season == .flat
        }
        rebuyItems = rebuy
        rebuyCumulative = cumulative(rebuy.map { specs[$0].weight })
        filterProduct = byName["Kaffeefilter Größe 4, 100 Stück"] ?? 0
    }

    /// An article of a category for a month; nil if the category has nothing on offer.
    @inline(__always)
    func pick(category c: Int, monthIndex m: Int, boost: Bool, rng: inout SplitMix64) -> Int? {
        let table = tables[m][c][boost ? 1 : 0]
        guard let total = table.last, total > 0 else { return nil }
        return inCategory[c][rng.index(cumulative: table)]
    }

    @inline(__always)
    func isAvailable(_ product: Int, monthIndex m: Int) -> Bool {
        m >= firstMonth[product] && m <= lastMonth[product]
    }
}
