import Foundation

/// Calendar arithmetic on day numbers (days since 1970-01-01), without Foundation's `Calendar`,
/// which is far too slow to call millions of times. Proleptic Gregorian calendar.
///
/// The algorithms are Howard Hinnant's `days_from_civil` / `civil_from_days`
/// (http://howardhinnant.github.io/date_algorithms.html).
enum CivilDate {
    /// The day number of a civil date (month 1-12, day 1-31).
    static func day(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day number.
    static func civil(_ dayNumber: Int) -> (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Weekday of a day number: 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday).
    @inline(__always)
    static func weekday(_ dayNumber: Int) -> Int {
        let w = (dayNumber + 3) % 7
        return w < 0 ? w + 7 : w
    }

    /// The last Sunday of a month, as a day number.
    static func lastSunday(year: Int, month: Int) -> Int {
        let next = month == 12 ? day(year: year + 1, month: 1, day: 1) : day(year: year, month: month + 1, day: 1)
        let last = next - 1
        return last - (weekday(last) + 1) % 7
    }

    /// Seconds to subtract from German local time to get UTC: 7200 in summer time (CEST, from the
    /// last Sunday of March 02:00 to the last Sunday of October 03:00 local), else 3600 (CET).
    /// Inside the switching hours the earlier offset is taken; that hour is ambiguous anyway.
    static func berlinOffset(localDay: Int, secondOfDay: Int) -> Int {
        let year = civil(localDay).year
        let start = lastSunday(year: year, month: 3)
        let end = lastSunday(year: year, month: 10)
        if localDay > start && localDay < end { return 7200 }
        if localDay == start { return secondOfDay >= 3 * 3600 ? 7200 : 3600 }
        if localDay == end { return secondOfDay < 3 * 3600 ? 7200 : 3600 }
        return 3600
    }

    /// `yyyy-mm-dd` (ISO 8601 calendar date) for years 1000-9999.
    static func iso(_ dayNumber: Int) -> String {
        let (y, m, d) = civil(dayNumber)
        return String(unsafeUninitializedCapacity: 10) { buffer in
            var i = 0
            func put(_ value: Int, _ width: Int) {
                var v = value
                var j = width - 1
                while j >= 0 {
                    buffer[i + j] = UInt8(48 + v % 10)
                    v /= 10
                    j -= 1
                }
                i += width
            }
            put(y, 4)
            buffer[i] = 45
            i += 1
            put(m, 2)
            buffer[i] = 45
            i += 1
            put(d, 2)
            return 10
        }
    }
}
