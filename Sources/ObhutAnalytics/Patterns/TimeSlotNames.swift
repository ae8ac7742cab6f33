import ObhutCore

/// German and English names of the calendar slots the statements mention: weekdays, parts of the
/// day with their hours ("Sonntagabend 19-21 Uhr" / "Sunday evening 7-9 pm"), months, seasons.
public enum TimeSlotNames {
    static let weekdaysDE = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
    static let weekdaysEN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let monthsDE = [
        "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember",
    ]
    static let monthsEN = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]

    /// Weekday 0 = Monday … 6 = Sunday.
    public static func weekday(_ weekday: Int) -> Localized {
        Localized(de: weekdaysDE[weekday % 7], en: weekdaysEN[weekday % 7])
    }

    /// Month 1 … 12.
    public static func month(_ month: Int) -> Localized {
        Localized(de: monthsDE[(month - 1) % 12], en: monthsEN[(month - 1) % 12])
    }

    /// Meteorological season 0 winter … 3 autumn, as the noun ("Winter") and as "in …"
    /// ("im Winter" / "in winter").
    public static func season(_ season: Int) -> (name: Localized, during: Localized) {
        switch season % 4 {
        case 0: (Localized(de: "Winter", en: "winter"), Localized(de: "im Winter", en: "in winter"))
        case 1: (Localized(de: "Frühjahr", en: "spring"), Localized(de: "im Frühjahr", en: "in spring"))
        case 2: (Localized(de: "Sommer", en: "summer"), Localized(de: "im Sommer", en: "in summer"))
        default: (Localized(de: "Herbst", en: "autumn"), Localized(de: "im Herbst", en: "in autumn"))
        }
    }

    /// A window of hours on a weekday, `startHour ..< endHour` (endHour up to 24): the weekday
    /// joined with the part of the day its start falls in, and the hours: "Sonntagabend 19-21 Uhr",
    /// "Sunday evening 7-9 pm". Parts: night 22-5, morning 5-10, late morning 10-12, midday 12-14,
    /// afternoon 14-18, evening 18-22.
    public static func window(weekday: Int, startHour: Int, endHour: Int) -> Localized {
        let part: (de: String, en: String) =
            switch startHour {
            case 5..<10: ("morgen", "morning")
            case 10..<12: ("vormittag", "late morning")
            case 12..<14: ("mittag", "midday")
            case 14..<18: ("nachmittag", "afternoon")
            case 18..<22: ("abend", "evening")
            default: ("nacht", "night")
            }
        let day = self.weekday(weekday)
        let de = "\(day.de)\(part.de) \(startHour)-\(endHour) Uhr"
        let start = twelveHour(startHour), end = twelveHour(endHour)
        let hours =
            start.suffix == end.suffix ? "\(start.number)-\(end.number) \(end.suffix)" : "\(start.number) \(start.suffix)-\(end.number) \(end.suffix)"
        return Localized(de: de, en: "\(day.en) \(part.en) \(hours)")
    }

    private static func twelveHour(_ hour: Int) -> (number: Int, suffix: String) {
        let h = hour % 24
        let number = h % 12 == 0 ? 12 : h % 12
        return (number, h < 12 ? "am" : "pm")
    }
}
