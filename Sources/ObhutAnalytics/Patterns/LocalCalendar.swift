/// Calendar fields of local timestamps (seconds since 1970-01-01 00:00 *local* time, as the
/// caller produces them by adding the Europe/Berlin offset to UTC), in plain integer arithmetic.
///
/// Why not Foundation's Calendar: it costs about a microsecond per call; five million order
/// lines would spend seconds there. The proleptic Gregorian conversion is Howard Hinnant's
/// `civil_from_days` ("chrono-Compatible Low-Level Date Algorithms", 2013), exact for every day.
///
/// Conventions: weekday 0 = Monday … 6 = Sunday (ISO 8601); month 1 … 12; hour 0 … 23; a day
/// is a local calendar day; a month index counts months since January 1970 (negative before).
public enum LocalCalendar {
    public static let secondsPerDay: Int64 = 86_400

    /// The local day number (days since 1970-01-01), rounding down for times before 1970.
    @inlinable
    public static func day(_ localSeconds: Int64) -> Int64 {
        localSeconds >= 0 ? localSeconds / secondsPerDay : -((-localSeconds - 1) / secondsPerDay) - 1
    }

    /// Hour of the day, 0 … 23.
    @inlinable
    public static func hour(_ localSeconds: Int64) -> Int {
        Int((localSeconds - day(localSeconds) * secondsPerDay) / 3600)
    }

    /// Weekday of a day number, 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
    @inlinable
    public static func weekday(day: Int64) -> Int {
        let shifted = (day + 3) % 7
        return Int(shifted < 0 ? shifted + 7 : shifted)
    }

    /// Year, month (1 … 12) and day of month (1 … 31) of a day number.
    @inlinable
    public static func civil(day: Int64) -> (year: Int, month: Int, day: Int) {
        let z = day + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let dayOfMonth = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(dayOfMonth))
    }

    /// The day number of a civil date (Hinnant's `days_from_civil`).
    @inlinable
    public static func day(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Months since January 1970 of a day number.
    @inlinable
    public static func monthIndex(day: Int64) -> Int {
        let date = civil(day: day)
        return (date.year - 1970) * 12 + date.month - 1
    }

    /// The first day of a month index.
    @inlinable
    public static func firstDay(monthIndex: Int) -> Int64 {
        let year = 1970 + Int((Double(monthIndex) / 12).rounded(.down))
        return day(year: year, month: monthIndex - (year - 1970) * 12 + 1, day: 1)
    }

    /// Weeks (Monday to Sunday) since the week of 1970-01-01 (which began on Monday 1969-12-29).
    @inlinable
    public static func weekIndex(day: Int64) -> Int {
        let shifted = day + 3
        return Int(shifted >= 0 ? shifted / 7 : -((-shifted - 1) / 7) - 1)
    }

    /// The first day (a Monday) of a week index.
    @inlinable
    public static func firstDay(weekIndex: Int) -> Int64 {
        Int64(weekIndex) * 7 - 3
    }

    /// Meteorological season of a month: 0 winter (Dec-Feb), 1 spring (Mar-May), 2 summer
    /// (Jun-Aug), 3 autumn (Sep-Nov).
    @inlinable
    public static func season(month: Int) -> Int {
        (month % 12) / 3
    }
}
