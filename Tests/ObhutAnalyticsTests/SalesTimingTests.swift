import Foundation
import ObhutCore
import Testing

@testable import ObhutAnalytics

struct SalesTimingTests {
    @Test func plantedSpringPatternIsFoundForGarden() throws {
        let lines = PatternFixture.lines()
        let result = SalesTiming.analyse(localSeconds: lines.localSeconds, groups: lines.product, groupNames: lines.productNames)
        let garden = try #require(result.groups.first { $0.group == 0 })
        #expect(garden.season.verdict == .realPattern)
        let peak = try #require(garden.season.peak)
        #expect(peak.cells == [1], "spring")
        #expect(peak.ratio > 1.4 && peak.ratio < 2.2, "observed ratio \(peak.ratio)")
        #expect(garden.season.statement.de.hasPrefix("Garten wird im Frühjahr "), "\(garden.season.statement.de)")
        #expect(garden.season.statement.de.contains("-mal so oft gekauft"))
        #expect(garden.season.statement.en.contains("sells") && garden.season.statement.en.contains("in spring"), "\(garden.season.statement.en)")
        #expect(garden.month.verdict == .realPattern)
        #expect([3, 4, 5].contains((garden.month.peak?.cells.first ?? -1) + 1), "peak month in spring")
    }

    @Test func uniformSalesAreCalledNoise() {
        var random = SplitMix64(seed: 7)
        let start = LocalCalendar.day(year: 2023, month: 1, day: 1)
        var seconds: [Int64] = [], groups: [Int32] = []
        for line in 0..<40_000 {
            let day = start + Int64(random.next(below: 3 * 365))
            seconds.append(day * 86_400 + Int64(random.next(below: 86_400)))
            groups.append(Int32(line % 10))
        }
        let result = SalesTiming.analyse(localSeconds: seconds, groups: groups, groupNames: (0..<10).map { "Artikel \($0)" })
        let profiles = [result.overall] + result.groups
        for timing in profiles {
            for profile in [timing.hourByWeekday, timing.month, timing.season] {
                #expect(profile.verdict == .couldBeNoise, "\(timing.name) \(profile.kind): q \(profile.adjustedPValue ?? -1)")
            }
        }
        #expect(result.overall.month.statement.en.contains("could be noise"), "\(result.overall.month.statement.en)")
        #expect(result.testCount == 33)
    }

    @Test func peakWindowNamesWeekdayPartAndHours() throws {
        var random = SplitMix64(seed: 3)
        let monday = LocalCalendar.day(year: 2025, month: 1, day: 6)
        var seconds: [Int64] = [], groups: [Int32] = []
        for _ in 0..<20_000 {
            let day = monday + Int64(random.next(below: 7 * 40))
            seconds.append(day * 86_400 + Int64(8 + random.next(below: 14)) * 3600 + Int64(random.next(below: 3600)))
            groups.append(Int32(random.next(below: 2)))
        }
        // Wine: 600 extra lines on Sunday evenings 19-21.
        for _ in 0..<600 {
            let sunday = monday + 6 + 7 * Int64(random.next(below: 40))
            seconds.append(sunday * 86_400 + Int64(19 + random.next(below: 2)) * 3600 + Int64(random.next(below: 3600)))
            groups.append(1)
        }
        let result = SalesTiming.analyse(localSeconds: seconds, groups: groups, groupNames: ["Brot", "Wein"])
        let wine = try #require(result.groups.first { $0.name == "Wein" })
        #expect(wine.hourByWeekday.verdict == .realPattern)
        #expect(wine.hourByWeekday.peak?.label == Localized(de: "Sonntagabend 19-21 Uhr", en: "Sunday evening 7-9 pm"))
        #expect(wine.hourByWeekday.statement.de.hasPrefix("Wein wird am Sonntagabend 19-21 Uhr "), "\(wine.hourByWeekday.statement.de)")
        #expect(result.overall.hourByWeekday.verdict == .realPattern, "the Sunday evening peak changes Sunday's rhythm")
        #expect(result.independenceHourBlock == 1)
    }

    @Test func monthsAreComparedWithTheDaysTheyHadInTheWindow() {
        // Fourteen months of uniform sales: January and February occur twice. Against a flat
        // month profile that would be a strong "pattern"; against the days each month had, noise.
        var random = SplitMix64(seed: 21)
        let start = LocalCalendar.day(year: 2024, month: 1, day: 1)
        let days = Int(LocalCalendar.day(year: 2025, month: 3, day: 1) - start)
        let seconds = (0..<30_000).map { _ in (start + Int64(random.next(below: days))) * 86_400 + 12 * 3600 }
        let result = SalesTiming.analyse(localSeconds: seconds)
        #expect(result.overall.month.verdict == .couldBeNoise, "q \(result.overall.month.adjustedPValue ?? -1)")
        #expect(result.overall.month.counts[0] > 2 * result.overall.month.counts[5] - 400, "January counted twice")
    }

    @Test func sparseHourCellsAreMergedIntoBlocks() throws {
        var random = SplitMix64(seed: 8)
        let monday = LocalCalendar.day(year: 2025, month: 1, day: 6)
        let seconds = (0..<400).map { _ in
            (monday + Int64(random.next(below: 70))) * 86_400 + Int64(8 + random.next(below: 13)) * 3600
        }
        let result = SalesTiming.analyse(localSeconds: seconds)
        #expect(result.independenceHourBlock == 3, "about 4 expected per hourly cell, about 11 per 3-hour cell")
        let test = try #require(result.overall.hourByWeekday.test)
        #expect(test.degreesOfFreedom == 6 * 4, "7 weekdays × 5 blocks of 3 hours holding 8-21 h")
    }

    @Test func emptyInputSaysSoAndEncodes() throws {
        let result = SalesTiming.analyse(localSeconds: [], groups: [], groupNames: ["Kaffee"])
        #expect(result.overall.lineCount == 0)
        #expect(result.groups.isEmpty)
        #expect(result.overall.month.verdict == .tooLittleData)
        #expect(result.overall.month.statement.de.contains("zu wenige Käufe (0)"), "\(result.overall.month.statement.de)")
        #expect(result.testCount == 0)
        _ = try JSONEncoder().encode(result)
    }

    @Test func tinyInputIsNotTestedButDescribed() throws {
        let day = LocalCalendar.day(year: 2025, month: 6, day: 1)
        let seconds = (0..<5).map { day * 86_400 + Int64($0) * 3600 * 30 }
        let result = SalesTiming.analyse(localSeconds: seconds, groups: [0, 0, 0, 0, 0], groupNames: ["Kaffee"])
        let coffee = try #require(result.groups.first)
        #expect(coffee.lineCount == 5)
        for profile in [coffee.hourByWeekday, coffee.month, coffee.season, result.overall.season] {
            #expect(profile.verdict == .tooLittleData)
            #expect(profile.test == nil)
        }
        #expect(coffee.month.statement.en == "Kaffee: too few purchases (5) to test for a pattern by month.")
        let json = try JSONEncoder().encode(result)
        #expect(!String(decoding: json, as: UTF8.self).contains("NaN"))
    }
}
