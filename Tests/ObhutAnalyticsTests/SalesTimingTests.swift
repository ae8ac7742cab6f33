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
