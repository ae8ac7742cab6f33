/// How to read a date or time that carries no zone (`2024-03-01 10:15`, `01.03.2024`).
public enum LocalTimeRule: Sendable, Equatable {
    /// The wall clock is UTC.
    case utc
    /// The wall clock follows these rules, e.g. `ZoneRules(TimeZone(identifier: "Europe/Berlin")!)`
    /// for a German shop's export.
    case zone(ZoneRules)
}

/// Parses dates and timestamps as shops and spreadsheets write them, by hand on bytes.
///
/// Accepted forms (surrounding whitespace ignored):
/// - ISO 8601: `2024-03-01`, `2024-03-01T10:15`, `2024-03-01 10:15:30`, with optional fraction
///   (`.123`, dropped) and zone (`Z`, `+01:00`, `+0100`, `+01`, ` UTC`).
/// - German: `01.03.2024`, `1.3.2024`, `01.03.2024 10:15`, `01.03.2024 10:15:30`.
/// - `2024/03/01`, optionally with ` 10:15[:30]`.
///
/// Rejected with a reason: `03/04/2024` (US or UK order cannot be told apart), two-digit years,
/// impossible dates (31.04.), hours past 23, seconds past 59.
/// Times without a zone are read with `localTime`. Results are seconds since 1970-01-01 UTC, or
/// day numbers (days since 1970-01-01, see `CivilDate`).
public struct TimestampParser: Sendable {
    public var localTime: LocalTimeRule

    public init(localTime: LocalTimeRule = .utc) {
        self.localTime = localTime
    }

    /// Seconds since 1970-01-01 UTC; a date without time is midnight in `localTime`.
    public func seconds(_ text: String) -> Result<Int64, ValueError> {
        ValueBytes.withTrimmedUTF8(text) { bytes in
            switch Self.parse(bytes) {
            case .failure(let error):
                return .failure(error)
            case .success(let parts):
                let wall = parts.days * 86_400 + Int64(parts.secondOfDay)
                if let offset = parts.offsetSeconds { return .success(wall - Int64(offset)) }
                switch localTime {
                case .utc: return .success(wall)
                case .zone(let rules): return .success(rules.utc(fromLocal: wall))
                }
            }
        }
    }

    /// The day number of a date without time (`2024-03-01`, `01.03.2024`, `2024/03/01`).
    public func day(_ text: String) -> Result<Int64, ValueError> {
        ValueBytes.withTrimmedUTF8(text) { bytes in
            switch Self.parse(bytes) {
            case .failure(let error):
                return .failure(error)
            case .success(let parts):
                guard !parts.hasTime else {
                    return .failure(ValueError(.malformed, "expected a date without time"))
                }
                return .success(parts.days)
            }
        }
    }

    // MARK: - Grammar

    private struct Parts {
        var days: Int64 = 0
        var secondOfDay = 0
        var hasTime = false
        var offsetSeconds: Int? = nil
    }

    /// Reads `count` digits at `i`; nil if any is not a digit or the text is too short.
    @inline(__always)
    private static func digits(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ count: Int) -> Int? {
        guard i + count <= b.count else { return nil }
        var value = 0
        for k in i..<(i + count) {
            let d = b[k] &- 0x30
            guard d < 10 else { return nil }
            value = value * 10 + Int(d)
        }
        return value
    }

    /// Number of consecutive digits at `i`.
    @inline(__always)
    private static func digitRun(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        var k = i
        while k < b.count && ValueBytes.isDigit(b[k]) { k += 1 }
        return k - i
    }

    private static func malformed(_ what: String) -> ValueError {
        ValueError(.malformed, what)
    }

    private static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Result<Parts, ValueError> {
        guard b.count > 0 else { return .failure(.empty) }
        let lead = digitRun(b, 0)
        guard lead > 0, lead < b.count else {
            return .failure(malformed("not a date: expected yyyy-mm-dd or dd.mm.yyyy"))
        }
        let separator = lead < b.count ? b[lead] : 0
        var year = 0
        var month = 0
        var day = 0
        var i = 0
        var timeSeparatorAllowsT = false
        switch (lead, separator) {
        case (4, UInt8(ascii: "-")), (4, UInt8(ascii: "/")):
            guard let y = digits(b, 0, 4), let m = digits(b, 5, 2), b.count >= 10, b[7] == separator,
                let d = digits(b, 8, 2)
            else {
                return .failure(
                    malformed(
                        separator == UInt8(ascii: "-")
                            ? "not an ISO 8601 date: expected yyyy-mm-dd" : "expected yyyy/mm/dd"))
            }
            (year, month, day) = (y, m, d)
            i = 10
            timeSeparatorAllowsT = separator == UInt8(ascii: "-")
        case (1, UInt8(ascii: ".")), (2, UInt8(ascii: ".")):
            guard let d = digits(b, 0, lead) else { return .failure(malformed("not a date")) }
            let monthStart = lead + 1
            let monthLength = digitRun(b, monthStart)
            guard monthLength == 1 || monthLength == 2, monthStart + monthLength < b.count,
                b[monthStart + monthLength] == UInt8(ascii: "."), let m = digits(b, monthStart, monthLength)
            else { return .failure(malformed("not a German date: expected dd.mm.yyyy")) }
            let yearStart = monthStart + monthLength + 1
            let yearLength = digitRun(b, yearStart)
            if yearLength == 2 {
                return .failure(ValueError(.ambiguous, "two-digit year; write the year with four digits"))
            }
            guard yearLength == 4, let y = digits(b, yearStart, 4) else {
                return .failure(malformed("not a German date: expected dd.mm.yyyy"))
            }
            (year, month, day) = (y, m, d)
            i = yearStart + 4
        case (1, UInt8(ascii: "/")), (2, UInt8(ascii: "/")):
            return .failure(
                ValueError(
                    .ambiguous,
                    "day and month order unclear (US mm/dd/yyyy or UK dd/mm/yyyy); use yyyy-mm-dd or dd.mm.yyyy"))
        default:
            return .failure(malformed("not a date: expected yyyy-mm-dd or dd.mm.yyyy"))
        }
        guard month >= 1 && month <= 12 else { return .failure(ValueError(.outOfRange, "month \(month) does not exist")) }
        guard CivilDate.isValid(year: year, month: month, day: day) else {
            return .failure(ValueError(.outOfRange, "day \(day) does not exist in month \(month) of \(year)"))
        }
        var parts = Parts()
        parts.days = CivilDate.days(year: year, month: month, day: day)
        if i == b.count { return .success(parts) }

        // Time: separated by 'T' (ISO only) or one or more spaces.
        if timeSeparatorAllowsT && (b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t")) {
            i += 1
        } else if b[i] == 0x20 {
            while i < b.count && b[i] == 0x20 { i += 1 }
        } else {
            return .failure(malformed("unexpected character after the date at position \(i + 1)"))
        }
        let hourLength = digitRun(b, i)
        guard hourLength == 2 || (hourLength == 1 && !timeSeparatorAllowsT), let hour = digits(b, i, hourLength),
            i + hourLength < b.count, b[i + hourLength] == UInt8(ascii: ":"),
            let minute = digits(b, i + hourLength + 1, 2)
        else { return .failure(malformed("time not in the form hh:mm or hh:mm:ss")) }
        i += hourLength + 3
        var second = 0
        if i < b.count && b[i] == UInt8(ascii: ":") {
            guard let s = digits(b, i + 1, 2) else { return .failure(malformed("seconds need two digits")) }
            second = s
            i += 3
            if i < b.count && (b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",")) {
                let fraction = digitRun(b, i + 1)
                guard fraction > 0 else { return .failure(malformed("fraction of a second without digits")) }
                i += 1 + fraction
            }
        }
        guard hour <= 23 else { return .failure(ValueError(.outOfRange, "hour \(hour) does not exist")) }
        guard minute <= 59 else { return .failure(ValueError(.outOfRange, "minute \(minute) does not exist")) }
        guard second <= 59 else { return .failure(ValueError(.outOfRange, "second \(second) is not accepted")) }
        parts.hasTime = true
        parts.secondOfDay = hour * 3600 + minute * 60 + second
        if i == b.count { return .success(parts) }

        // Zone: Z, ±hh, ±hhmm, ±hh:mm (optionally after one space).
        if b[i] == 0x20 && i + 1 < b.count { i += 1 }
        let z = b[i]
        if (z == UInt8(ascii: "Z") || z == UInt8(ascii: "z")) && i + 1 == b.count {
            parts.offsetSeconds = 0
            return .success(parts)
        }
        let rest = UnsafeBufferPointer(rebasing: b[i...])
        if ValueBytes.equalsIgnoringCase(rest, "utc") || ValueBytes.equalsIgnoringCase(rest, "gmt") {
            parts.offsetSeconds = 0
            return .success(parts)
        }
        guard z == UInt8(ascii: "+") || z == UInt8(ascii: "-"), let offsetHours = digits(b, i + 1, 2) else {
            return .failure(malformed("unexpected text after the time at position \(i + 1)"))
        }
        var offsetMinutes = 0
        var k = i + 3
        if k < b.count {
            if b[k] == UInt8(ascii: ":") { k += 1 }
            guard let m = digits(b, k, 2), k + 2 == b.count else {
                return .failure(malformed("zone offset not in the form +hh:mm"))
            }
            offsetMinutes = m
        }
        guard offsetHours <= 18 && offsetMinutes <= 59 else {
            return .failure(ValueError(.outOfRange, "zone offset out of range"))
        }
        let offset = offsetHours * 3600 + offsetMinutes * 60
        parts.offsetSeconds = z == UInt8(ascii: "-") ? -offset : offset
        return .success(parts)
    }
}

/// A plausibility check for dates in business data: not before a floor, not in the future.
///
/// Why: a birth year typed as 1024 or an order "in 2042" parses fine and then skews every
/// analysis; the importer rejects such rows with this reason. `now` is passed in (injected
/// clock), so checks are deterministic in tests.
public struct PlausibleTimeRange: Sendable, Equatable {
    /// Earliest accepted instant, seconds since 1970 UTC (default 1900-01-01T00:00Z).
    public var earliest: Int64
    /// How far past `now` is still accepted, in seconds (default one day: exports from other
    /// time zones, clocks a little ahead).
    public var futureTolerance: Int64

    public init(earliest: Int64 = CivilDate.days(year: 1900, month: 1, day: 1) * 86_400, futureTolerance: Int64 = 86_400) {
        self.earliest = earliest
        self.futureTolerance = futureTolerance
    }

    /// `nil` when plausible, else the reason.
    public func check(seconds: Int64, now: Int64) -> ValueError? {
        if seconds < earliest {
            return ValueError(.implausible, "before \(CivilDate.isoText(fromDays: Self.floorDays(earliest)))")
        }
        if seconds > now + futureTolerance {
            return ValueError(.implausible, "in the future")
        }
        return nil
    }

    /// `nil` when the day is plausible (its start counts), else the reason.
    public func check(day: Int64, now: Int64) -> ValueError? {
        check(seconds: day * 86_400, now: now)
    }

    private static func floorDays(_ seconds: Int64) -> Int64 {
        seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    }
}
