/// Days since 1970-01-01 for proleptic Gregorian dates, without Foundation's calendars.
public enum CivilDate {
    /// Days since 1970-01-01 of a date (Howard Hinnant's `days_from_civil`); negative before 1970.
    public static func days(year: Int, month: Int, day: Int) -> Int {
        Int(LocalCalendar.day(year: year, month: month, day: day))
    }

    /// Days since 1970-01-01 of an ISO date `YYYY-MM-DD`, optionally followed by `T` or a space
    /// and a time (ignored: the day is the date as written). Nil when it is no valid date.
    public static func days(iso text: Substring) -> Int? {
        var text = text
        return text.withUTF8 { days(isoBytes: $0) }
    }

    /// ``days(iso:)`` on UTF-8 bytes.
    static func days(isoBytes bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 else { return nil }
                value = value * 10 + Int(bytes[i] - 0x30)
            }
            return value
        }
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes.count == 10 || bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
            let year = digits(0..<4), let month = digits(5..<7), let day = digits(8..<10),
            (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month)
        else { return nil }
        return days(year: year, month: month, day: day)
    }

    /// Days of a month (1-12) in a year, leap years included.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The ISO text `YYYY-MM-DD` of a day since 1970 (Hinnant's `civil_from_days`).
    public static func isoText(days: Int) -> String {
        let (year, month, day) = LocalCalendar.civil(day: Int64(days))
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}
