import ObhutCore
import Testing

@testable import ObhutAnalytics

struct TimeSlotNamesTests {
    @Test(
        arguments: [
            (6, 19, 21, "Sonntagabend 19-21 Uhr", "Sunday evening 7-9 pm"),
            (0, 11, 13, "Montagvormittag 11-13 Uhr", "Monday late morning 11 am-1 pm"),
            (4, 12, 14, "Freitagmittag 12-14 Uhr", "Friday midday 12-2 pm"),
            (5, 22, 24, "Samstagnacht 22-24 Uhr", "Saturday night 10 pm-12 am"),
            (2, 7, 9, "Mittwochmorgen 7-9 Uhr", "Wednesday morning 7-9 am"),
        ] as [(Int, Int, Int, String, String)])
    func windowsNameTheDayPartAndHours(weekday: Int, start: Int, end: Int, de: String, en: String) {
        #expect(TimeSlotNames.window(weekday: weekday, startHour: start, endHour: end) == Localized(de: de, en: en))
    }

    @Test func monthsAndSeasons() {
        #expect(TimeSlotNames.month(3) == Localized(de: "März", en: "March"))
        #expect(TimeSlotNames.season(1).during == Localized(de: "im Frühjahr", en: "in spring"))
    }
}
