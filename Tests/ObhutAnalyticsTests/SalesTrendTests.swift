import Foundation
import Testing

@testable import ObhutAnalytics

struct SalesTrendTests {
    @Test func plantedRiserIsFoundAndUniformProductsAreNot() throws {
        let lines = PatternFixture.lines()
        let result = SalesTrend.analyse(
            localSeconds: lines.localSeconds, groups: lines.product, groupNames: lines.productNames, asOf: PatternFixture.asOf)
        #expect(result.periodCount == 36)
        #expect(!result.droppedIncompleteFirstPeriod && !result.droppedIncompleteLastPeriod)
        #expect(result.topRising.first == 2, "rising: \(result.topRising)")
        let riser = try #require(result.groups.first { $0.group == 2 })
        let change = try #require(riser.relativeChangePerYear)
        // Rate 0.2 -> 1.0 over three years: slope 0.267 per year on a mean of 0.6 -> about +44%.
        #expect(change > 0.3 && change < 0.6, "observed \(change)")
        #expect(riser.statement.de.hasPrefix("Neuheit legt zu: etwa +"), "\(riser.statement.de)")
        #expect(riser.statement.en.contains("per year (p < 0.001)"), "\(riser.statement.en)")
        for group in result.groups where group.group >= 3 {
            #expect(group.direction == .none, "\(group.name): \(group.statement.en)")
        }
        #expect(result.topFalling.isEmpty, "falling: \(result.topFalling)")
    }

    @Test func incompletePeriodsAreDroppedAndLaterLinesIgnored() {
        let day = { (y: Int, m: Int, d: Int) in LocalCalendar.day(year: y, month: m, day: d) * 86_400 + 12 * 3600 }
        // History from 15 March: March is incomplete. As-of 10 July: July is incomplete.
        let seconds = [day(2025, 3, 15), day(2025, 4, 1), day(2025, 5, 2), day(2025, 5, 3), day(2025, 6, 30), day(2025, 7, 2), day(2025, 8, 1)]
        let asOf = LocalCalendar.day(year: 2025, month: 7, day: 10) * 86_400
        let result = SalesTrend.analyse(
            localSeconds: seconds, groups: [0, 0, 0, 0, 0, 0, 0], groupNames: ["Kaffee"], asOf: asOf,
            parameters: .init(minimumPeriods: 1, minimumLines: 1))
        #expect(result.droppedIncompleteFirstPeriod && result.droppedIncompleteLastPeriod)
        #expect(result.periodCount == 3)
        #expect(result.firstPeriodStartDay == LocalCalendar.day(year: 2025, month: 4, day: 1))
        #expect(result.overall.counts == [1, 2, 1], "April, May, June")
        #expect(result.linesAfterAsOf == 1)
    }

    @Test func asOfAtAPeriodStartKeepsThePreviousPeriod() {
        let seconds = [LocalCalendar.day(year: 2025, month: 1, day: 1) * 86_400, LocalCalendar.day(year: 2025, month: 1, day: 31) * 86_400]
        let asOf = LocalCalendar.day(year: 2025, month: 2, day: 1) * 86_400
        let result = SalesTrend.analyse(localSeconds: seconds, groups: [0, 0], groupNames: ["Tee"], asOf: asOf)
        #expect(!result.droppedIncompleteLastPeriod && !result.droppedIncompleteFirstPeriod)
        #expect(result.overall.counts == [2])
        #expect(result.overall.verdict == .tooLittleData)
        #expect(result.overall.statement.de == "Alle Käufe: zu wenige Daten für eine Trendaussage (2 Käufe in 1 vollständigen Monat).")
    }

    @Test func weeksRunMondayToSunday() {
        let monday = LocalCalendar.day(year: 2025, month: 3, day: 3)
        let seconds = [monday, monday + 6, monday + 7, monday + 13, monday + 14].map { $0 * 86_400 + 3600 }
        let result = SalesTrend.analyse(
            localSeconds: seconds, groups: [0, 0, 0, 0, 0], groupNames: ["Brot"], asOf: (monday + 21) * 86_400,
            parameters: .init(period: .week, minimumPeriods: 1, minimumLines: 1))
        #expect(result.overall.counts == [2, 2, 1])
        #expect(result.firstPeriodStartDay == monday)
    }

    @Test func emptyInputGivesAClearResult() throws {
        let result = SalesTrend.analyse(localSeconds: [], groups: [], groupNames: ["Kaffee"], asOf: 1_700_000_000)
        #expect(result.periodCount == 0)
        #expect(result.groups.isEmpty)
        #expect(result.overall.verdict == .tooLittleData)
        _ = try JSONEncoder().encode(result)
    }
}
