import Foundation
import ObhutCore
import Testing

@testable import ObhutAnalytics

struct RepeatIntervalsTests {
    /// Person 0 buys product 0 on days 0, 10 (twice), 30; person 1 on days 5 and 25; person 1
    /// buys product 1 once. Gaps of product 0: 10, 20, 20.
    static func handExample(asOfDay: Int64 = 40) -> PurchaseDays {
        let days: [Int64] = [0, 10, 10, 30, 5, 25, 7]
        return PurchaseDays(
            person: [0, 0, 0, 0, 1, 1, 1], product: [0, 0, 0, 0, 0, 0, 1], localSeconds: days.map { $0 * 86_400 + 3600 },
            asOf: asOfDay * 86_400, productCount: 2)
    }

    @Test func sameDayLinesCountOnceAndQuartilesInterpolate() throws {
        let days = Self.handExample()
        #expect(days.count == 6, "the second line on day 10 is the same purchase")
        let result = RepeatIntervals.analyse(days: days, productNames: ["Kaffee", "Tee"], parameters: .init(minimumGaps: 3))
        let coffee = try #require(result.products.first { $0.product == 0 })
        #expect(coffee.gapCount == 3 && coffee.buyers == 2 && coffee.repeatBuyers == 2)
        #expect(coffee.lowerQuartileDays == 15 && coffee.medianDays == 20 && coffee.upperQuartileDays == 20)
        #expect(
            coffee.statement
                == Localized(
                    de: "Kaffee wird nach etwa 20 Tagen nachgekauft (die Hälfte der Nachkäufe nach 15 bis 20 Tagen; 3 Abstände).",
                    en: "Kaffee is bought again after about 20 days (half of the repeat purchases after 15 to 20 days; 3 intervals)."))
        let tea = try #require(result.products.first { $0.product == 1 })
        #expect(tea.gapCount == 0 && tea.medianDays == nil && tea.statement == nil)
    }

    @Test func productsWithTooFewGapsGetNoStatement() {
        let result = RepeatIntervals.analyse(days: Self.handExample(), productNames: ["Kaffee", "Tee"])
        #expect(result.products.allSatisfy { $0.statement == nil }, "20 gaps are needed by default")
        #expect(result.minimumGaps == 20)
    }

    @Test func plantedCoffeeIntervalIsFound() throws {
        let lines = PatternFixture.lines()
        let days = PurchaseDays(
            person: lines.person, product: lines.product, localSeconds: lines.localSeconds, asOf: PatternFixture.asOf, productCount: 8)
        let result = RepeatIntervals.analyse(days: days, productNames: lines.productNames)
        let coffee = try #require(result.products.first { $0.product == 1 })
        #expect(coffee.medianDays == 26, "observed \(coffee.medianDays ?? -1)")
        #expect(coffee.statement?.de.hasPrefix("Kaffee wird nach etwa 26 Tagen nachgekauft") == true)
        #expect(coffee.repeatBuyers == 150)
    }

    @Test func linesAtOrAfterAsOfAreLeftOut() {
        let days = PurchaseDays(
            person: [0, 0, 0], product: [0, 0, 0], localSeconds: [0, 86_400 * 5, 86_400 * 9], asOf: 86_400 * 9, productCount: 1)
        #expect(days.day == [0, 5])
        let empty = PurchaseDays(person: [], product: [], localSeconds: [], asOf: 0, productCount: 3)
        #expect(empty.count == 0 && empty.productCount == 3)
        #expect(RepeatIntervals.analyse(days: empty, productNames: []).products.isEmpty)
    }

    @Test func dueListFlagsDueSoonAndOverdue() throws {
        let days = Self.handExample(asOfDay: 50)
        let intervals = RepeatIntervals.analyse(days: days, productNames: ["Kaffee", "Tee"], parameters: .init(minimumGaps: 3))
        // Median 20: person 0 last bought on day 30 -> due day 50 (today); person 1 on day 25 -> due 45, 5 days overdue.
        let due = DueList.find(days: days, intervals: intervals, parameters: .init(lookAheadDays: 7, overdueDays: 14))
        #expect(due.map(\.person) == [0, 1])
        #expect(due.map(\.status) == [.dueSoon, .overdue])
        #expect(due.map(\.daysUntilDue) == [0, -5])
        #expect(due.allSatisfy { $0.product == 0 && $0.intervalSource == .product })
        // Only two days overdue allowed: person 1 drops out.
        #expect(DueList.find(days: days, intervals: intervals, parameters: .init(overdueDays: 2)).map(\.person) == [0])
    }

    @Test func personalMedianIsUsedWithEnoughOwnGaps() throws {
        // Person 0 buys every 10 days (4 gaps); others every 30 days, so the product median is 30.
        var person: [Int32] = [], day: [Int64] = []
        for d in stride(from: 0, through: 40, by: 10) {
            person.append(0)
            day.append(Int64(d))
        }
        for buyer in 1...5 {
            for d in stride(from: 0, through: 60, by: 30) {
                person.append(Int32(buyer))
                day.append(Int64(d))
            }
        }
        let days = PurchaseDays(
            person: person, product: [Int32](repeating: 0, count: person.count), localSeconds: day.map { $0 * 86_400 }, asOf: 48 * 86_400,
            productCount: 1)
        let intervals = RepeatIntervals.analyse(days: days, productNames: ["Kaffee"], parameters: .init(minimumGaps: 3))
        let due = DueList.find(days: days, intervals: intervals)
        let first = try #require(due.first)
        #expect(first.person == 0 && first.intervalSource == .personal && first.intervalDays == 10 && first.dueDay == 50)
    }
}
