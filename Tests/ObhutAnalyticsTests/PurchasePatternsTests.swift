import Foundation
import Testing

@testable import ObhutAnalytics

struct PurchasePatternsTests {
    @Test func summaryFindsThePlantedPatternsAndEncodes() throws {
        let lines = PatternFixture.lines()
        let summary = PurchasePatterns.analyse(lines, asOf: PatternFixture.asOf)
        #expect(summary.lineCount == lines.count && summary.linesAfterAsOf == 0)
        #expect(summary.productCount == 8)
        let garden = try #require(summary.timingByCategory?.groups.first { $0.name == "Garten & Outdoor" })
        #expect(garden.season.verdict == .realPattern && garden.season.peak?.cells == [1])
        #expect(summary.trendsByProduct.topRising.first == 2)
        let statements = summary.highlights.map(\.de)
        #expect(statements.contains { $0.hasPrefix("Garten & Outdoor wird im Frühjahr") }, "\(statements)")
        #expect(statements.contains { $0.hasPrefix("Neuheit legt zu") }, "\(statements)")
        #expect(statements.contains { $0.hasPrefix("Kaffee wird nach etwa 26 Tagen nachgekauft") }, "\(statements)")
        let baskets = try #require(summary.baskets)
        #expect(baskets.orderCount == lines.count - 5 * 3000 / 5)
        #expect(baskets.itemsetCount > 0 && baskets.minSupport > 0)
        let json = try JSONEncoder().encode(summary)
        let text = String(decoding: json, as: UTF8.self)
        #expect(!text.contains("\"person\""), "aggregates only")
        _ = try JSONDecoder().decode(PurchasePatternSummary.self, from: json)
    }

    @Test func emptyLinesGiveAnEmptySummary() throws {
        let lines = PurchaseLines(person: [], order: [], product: [], localSeconds: [], productNames: ["Kaffee"])
        let summary = PurchasePatterns.analyse(lines, asOf: 1_700_000_000)
        #expect(summary.lineCount == 0 && summary.personCount == 0)
        #expect(summary.timingByCategory == nil)
        #expect(summary.baskets == nil)
        #expect(summary.highlights.isEmpty)
        _ = try JSONEncoder().encode(summary)
        #expect(PurchasePatterns.dueList(lines, asOf: 1_700_000_000).isEmpty)
    }

    @Test func dueListNamesCoffeeBuyersByIndex() {
        let lines = PatternFixture.lines()
        let due = PurchasePatterns.dueList(lines, asOf: PatternFixture.asOf)
        let coffee = due.filter { $0.product == 1 }
        // Each of the 150 buyers last bought 1-28 days before as-of and rebuys after about 26
        // days, so due dates spread over about -2 ... 25 days: some 10 in 28 fall in -14 ... 7.
        #expect(coffee.count > 20 && coffee.count < 100, "observed \(coffee.count)")
        #expect(coffee.allSatisfy { $0.person < 150 && abs($0.daysUntilDue) <= 14 })
        #expect(due == due.sorted { ($0.person, $0.product) < ($1.person, $1.product) })
    }

    @Test func sameSeedSameSummary() {
        let a = PurchasePatterns.analyse(PatternFixture.lines(seed: 5, linesPerProduct: 400, people: 300), asOf: PatternFixture.asOf)
        let b = PurchasePatterns.analyse(PatternFixture.lines(seed: 5, linesPerProduct: 400, people: 300), asOf: PatternFixture.asOf)
        #expect(a == b)
    }
}
