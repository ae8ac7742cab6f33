import Foundation

/// The calendar of the demo's history, precomputed per day: month, month index (for trends),
/// and the sales. Days are German local calendar days as day numbers (since 1970-01-01).
struct Timeline: Sendable {
    let nowSeconds: Int
    /// Events happen on local days before this one, which keeps them before `now` in UTC.
    let endDay: Int
    let startDay: Int
    /// Latest day of a stale record: before the history and at least 4 years before `now`.
    let archiveDay: Int
    let days: Int
    let startYear: Int
    let startMonth: Int
    /// Number of calendar months touched by the history.
    let months: Int
    private let monthOfDay: [UInt8]
    private let monthIndexOfDay: [UInt16]
    private let saleOfDay: [Bool]
    /// For each day, the first day of the next sale that starts on or after it (or Int.max).
    private let nextSaleStart: [Int]
    private let saleLength: [Int]

    init(now: Date, years: Int) {
        nowSeconds = Int(now.timeIntervalSince1970.rounded(.down))
        endDay = Int((Double(nowSeconds) / 86_400).rounded(.down))
        days = Int((Double(years) * 365.25).rounded())
        startDay = endDay - days
        archiveDay = min(endDay - 4 * 365 - 60, startDay - 60)
        let start = CivilDate.civil(startDay)
        startYear = start.year
        startMonth = start.month
        let end = CivilDate.civil(endDay - 1)
        months = (end.year - start.year) * 12 + end.month - start.month + 1

        // The sales: Winterschlussverkauf (late January), Sommerschlussverkauf (late July) and
        // Black Week (Monday before Black Friday to Cyber Monday).
        var sales: [(Int, Int)] = []
        for year in (start.year - 1)...(end.year + 1) {
            sales.append((CivilDate.day(year: year, month: 1, day: 15), 17))
            sales.append((CivilDate.day(year: year, month: 7, day: 20), 17))
            let nov1 = CivilDate.day(year: year, month: 11, day: 1)
            let firstThursday = nov1 + (3 - CivilDate.weekday(nov1) + 7) % 7
            let blackFriday = firstThursday + 21 + 1
            sales.append((blackFriday - 4, 8))
        }
        var month = [UInt8](repeating: 0, count: days)
        var index = [UInt16](repeating: 0, count: days)
        var sale = [Bool](repeating: false, count: days)
        var next = [Int](repeating: Int.max, count: days)
        var length = [Int](repeating: 0, count: days)
        for i in 0..<days {
            let c = CivilDate.civil(startDay + i)
            month[i] = UInt8(c.month)
            index[i] = UInt16((c.year - start.year) * 12 + c.month - start.month)
            let d = startDay + i
            for (s, l) in sales {
                if d >= s && d < s + l { sale[i] = true }
                if s >= d && s < next[i] {
                    next[i] = s
                    length[i] = l
                }
            }
        }
        monthOfDay = month
        monthIndexOfDay = index
        saleOfDay = sale
        nextSaleStart = next
        saleLength = length
    }

    @inline(__always)
    private func slot(_ day: Int) -> Int { min(max(day - startDay, 0), days - 1) }

    /// Calendar month 1-12 (outside the history computed directly).
    @inline(__always)
    func month(_ day: Int) -> Int {
        if day >= startDay && day < endDay { return Int(monthOfDay[day - startDay]) }
        return CivilDate.civil(day).month
    }

    /// Months since the first month of the history, clamped to the history.
    @inline(__always)
    func monthIndex(_ day: Int) -> Int { Int(monthIndexOfDay[slot(day)]) }

    @inline(__always)
    func isSale(_ day: Int) -> Bool {
        day >= startDay && day < endDay && saleOfDay[day - startDay]
    }

    /// The next sale starting on or after `day`: its first day and length, if inside the history.
    func nextSale(from day: Int) -> (start: Int, length: Int)? {
        guard day >= startDay && day < endDay else { return nil }
        let s = nextSaleStart[day - startDay]
        guard s < endDay else { return nil }
        return (s, saleLength[day - startDay])
    }

    /// UTC seconds of a German local time.
    @inline(__always)
    func utc(localDay: Int, second: Int) -> Int {
        localDay * 86_400 + second - CivilDate.berlinOffset(localDay: localDay, secondOfDay: second)
    }

    /// The position of a day in the history, 0 at the start, 1 at the end.
    @inline(__always)
    func fraction(_ day: Int) -> Double { Double(day - startDay) / Double(days) }
}
