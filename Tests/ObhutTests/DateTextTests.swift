import Foundation
import Testing

@testable import Obhut

/// `DateText` computes dates by integer arithmetic; it must write exactly what Foundation's ISO
/// 8601 formatter (UTC) writes with the same options.
@Suite("Date text")
struct DateTextTests {
    static func formatter(_ options: ISO8601DateFormatter.Options) -> ISO8601DateFormatter {
        let f = ISO8601DateFormatter()
        f.formatOptions = options
        return f
    }

    @Test func agreesWithTheISOFormatterOverCenturies() {
        let day = Self.formatter([.withFullDate])
        let dateTime = Self.formatter([.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime])
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var checked = 0
        // Fixed edges (epoch, leap days, year ends, before 1970) and 2,000 seeded instants 1900-2100.
        var instants: [Double] = [0, -1, 86_399, 86_400, 951_782_400, 951_868_799, 1_709_164_800, 4_102_444_799, -2_208_988_800, -86_401]
        for _ in 0..<2000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            instants.append(Double(Int64(state >> 33) % 6_311_390_400) - 2_208_988_800 + 0.75)
        }
        for t in instants {
            let date = Date(timeIntervalSince1970: t)
            #expect(DateText.day(date) == day.string(from: date), "\(t)")
            #expect(DateText.dateTime(date) == dateTime.string(from: date), "\(t)")
            checked += 1
        }
        #expect(checked == 2010)
        #expect(DateText.dateTime(Date(timeIntervalSince1970: 1_795_478_400)) == "2026-11-24 00:00:00")
    }
}
