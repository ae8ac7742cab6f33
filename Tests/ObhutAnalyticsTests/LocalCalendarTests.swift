import Testing

@testable import ObhutAnalytics

struct LocalCalendarTests {
    @Test(
        arguments: [
            (0, 1970, 1, 1, 3),  // a Thursday
            (-1, 1969, 12, 31, 2),
            (19_782, 2024, 2, 29, 3),  // leap day, a Thursday
            (20_089, 2025, 1, 1, 2),  // a Wednesday
            (11_016, 2000, 2, 29, 1),  // century leap year, a Tuesday
        ] as [(Int64, Int, Int, Int, Int)])
    func civilDatesAndWeekdaysOfKnownDays(day: Int64, year: Int, month: Int, dayOfMonth: Int, weekday: Int) {
        let civil = LocalCalendar.civil(day: day)
        #expect(civil.year == year && civil.month == month && civil.day == dayOfMonth, "day \(day): observed \(civil)")
        #expect(LocalCalendar.day(year: year, month: month, day: dayOfMonth) == day)
        #expect(LocalCalendar.weekday(day: day) == weekday)
    }

    @Test func timesBefore1970RoundDown() {
        #expect(LocalCalendar.day(-1) == -1)
        #expect(LocalCalendar.hour(-1) == 23)
        #expect(LocalCalendar.day(86_399) == 0 && LocalCalendar.hour(86_399) == 23)
    }

    @Test func monthAndWeekIndexesRoundTrip() {
        for day in stride(from: Int64(-800), to: 30_000, by: 13) {
            let month = LocalCalendar.monthIndex(day: day)
            #expect(LocalCalendar.firstDay(monthIndex: month) <= day && day < LocalCalendar.firstDay(monthIndex: month + 1))
            let week = LocalCalendar.weekIndex(day: day)
            let monday = LocalCalendar.firstDay(weekIndex: week)
            #expect(monday <= day && day < monday + 7 && LocalCalendar.weekday(day: monday) == 0, "day \(day)")
        }
    }

    @Test func meteorologicalSeasons() {
        #expect((1...12).map { LocalCalendar.season(month: $0) } == [0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 0])
    }
}
