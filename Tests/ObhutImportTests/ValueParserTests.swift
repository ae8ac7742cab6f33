import Foundation
import Testing

@testable import ObhutImport

@Suite("Decimal parser")
struct DecimalParserTests {
    @Test(arguments: [
        ("1234.56", Int64(123_456)), ("1.234,56", 123_456), ("1,234.56", 123_456), ("12,5", 1250),
        ("-3,10", -310), ("+7", 700), ("0.5", 50), (" 12.00 ", 1200), ("1.234.567", 123_456_700),
        ("1,234,567", 123_456_700), ("1'234.50", 123_450), ("12.500", 1250), ("\u{00A0}9,99\u{00A0}", 999),
        (",5", 50),
    ])
    func parsesMoneyToExactCents(text: String, cents: Int64) {
        let result = DecimalParser().minorUnits(text)
        #expect(result == .success(cents), "\(text): expected \(cents), got \(result)")
    }

    @Test(arguments: [
        ("", ValueError.Kind.empty), ("abc", .malformed), ("12,34,5", .malformed), ("1.2.3,4,5", .malformed),
        ("12.345", .tooPrecise), ("1e5", .malformed), ("12 €", .malformed), ("1-2", .malformed),
        ("12,", .malformed), ("1,23.4", .malformed), ("99999999999999999999", .outOfRange), ("-", .malformed),
        ("1.234", .tooPrecise),
    ])
    func rejectsMalformedMoneyWithReason(text: String, kind: ValueError.Kind) {
        let result = DecimalParser().minorUnits(text)
        guard case .failure(let error) = result else {
            Issue.record("\(text): expected \(kind), got \(result)")
            return
        }
        #expect(error.kind == kind, "\(text): expected \(kind), got \(error.kind) (\(error.reason))")
        #expect(!error.reason.isEmpty)
    }

    @Test func honoursCurrencyMinorUnits() {
        #expect(DecimalParser().minorUnits("1.234", fractionDigits: 3) == .success(1234))
        #expect(DecimalParser().minorUnits("1500", fractionDigits: 0) == .success(1500))
        #expect(DecimalParser().minorUnits("15,5", fractionDigits: 0).isFailure)
    }

    @Test func explicitStyleSettlesAmbiguousSeparators() {
        #expect(DecimalParser(style: .comma).minorUnits("1.234") == .success(123_400))
        #expect(DecimalParser(style: .point).minorUnits("1,234") == .success(123_400))
        #expect(DecimalParser(style: .comma).minorUnits("1,234.56").isFailure)
        #expect(DecimalParser(style: .point).minorUnits("12,5").isFailure)
    }

    @Test(arguments: [("2.5", 2.5), ("1.234,5", 1234.5), ("-0,001", -0.001), ("12345678901234567890.5", 12_345_678_901_234_567_890.5), ("0.1", 0.1)])
    func parsesQuantitiesToDouble(text: String, value: Double) throws {
        let parsed = try DecimalParser().double(text).get()
        // Tolerance: exact (the parser promises correct rounding, so the literal's Double must match).
        #expect(parsed == value, "\(text): expected \(value), got \(parsed)")
    }

    @Test func infersStyleFromDecidingValues() {
        #expect(DecimalParser.inferStyle(from: ["1.234", "12,5"]) == .comma)
        #expect(DecimalParser.inferStyle(from: ["1,234", "1,234.50"]) == .point)
        #expect(DecimalParser.inferStyle(from: ["1.234.567"]) == .comma)
        #expect(DecimalParser.inferStyle(from: ["1.234", "7"]) == nil)
    }
}

@Suite("Timestamp parser")
struct TimestampParserTests {
    static let berlin = ZoneRules(TimeZone(identifier: "Europe/Berlin") ?? .gmt)

    @Test(arguments: [
        ("2024-03-01", Int64(1_709_251_200)), ("2024-03-01T10:15:30Z", 1_709_288_130), ("2024-03-01 10:15:30Z", 1_709_288_130),
        ("2024-03-01T10:15:30.987Z", 1_709_288_130), ("2024-03-01T11:15:30+01:00", 1_709_288_130),
        ("2024-03-01T05:15:30-0500", 1_709_288_130), ("2024-03-01T12:15:30+02", 1_709_288_130),
        ("2024-03-01T10:15Z", 1_709_288_100), ("01.03.2024", 1_709_251_200), ("1.3.2024 10:15:30", 1_709_288_130),
        ("01.03.2024 10:15", 1_709_288_100), ("2024/03/01", 1_709_251_200), ("2024/03/01 10:15:30", 1_709_288_130),
        ("2024-03-01 10:15:30 UTC", 1_709_288_130), ("1970-01-01T00:00:00Z", 0), ("1969-12-31T23:59:59Z", -1),
        ("1900-01-01", -2_208_988_800), ("2000-02-29", 951_782_400),
    ])
    func parsesFormatsToUTCSeconds(text: String, seconds: Int64) {
        let result = TimestampParser().seconds(text)
        #expect(result == .success(seconds), "\(text): expected \(seconds), got \(result)")
    }

    @Test(arguments: [
        ("03/04/2024", ValueError.Kind.ambiguous), ("12/31/2024", .ambiguous), ("01.03.24", .ambiguous),
        ("2024-02-30", .outOfRange), ("2023-02-29", .outOfRange), ("31.04.2024", .outOfRange), ("2024-13-01", .outOfRange),
        ("2024-03-01T24:00:00Z", .outOfRange), ("2024-03-01T10:60Z", .outOfRange), ("2024-03-01T10:15:60Z", .outOfRange),
        ("yesterday", .malformed), ("2024-3-1", .malformed), ("2024-03-01X10:00", .malformed), ("", .empty),
        ("2024-03-01T10:15:30+01:0", .malformed), ("01.03.2024T10:15", .malformed),
    ])
    func rejectsWithReason(text: String, kind: ValueError.Kind) {
        let result = TimestampParser().seconds(text)
        guard case .failure(let error) = result else {
            Issue.record("\(text): expected \(kind), got \(result)")
            return
        }
        #expect(error.kind == kind, "\(text): expected \(kind), got \(error.kind) (\(error.reason))")
    }

    @Test func dayNumbersForDatesOnly() {
        #expect(TimestampParser().day("1970-01-02") == .success(1))
        #expect(TimestampParser().day("31.12.1969") == .success(-1))
        #expect(TimestampParser().day("2024-03-01T10:00Z").isFailure)
    }

    @Test func localTimesFollowBerlinDaylightSavingTime() {
        let parser = TimestampParser(localTime: .zone(Self.berlin))
        // Winter (CET, +1), summer (CEST, +2).
        #expect(parser.seconds("15.01.2024 12:00") == .success(1_705_316_400))
        #expect(parser.seconds("15.07.2024 12:00") == .success(1_721_037_600))
        // Spring gap: 02:30 does not exist on 2024-03-31; read with the offset before the gap → 01:30Z.
        #expect(parser.seconds("2024-03-31 02:30") == .success(1_711_848_600))
        // Autumn: 02:30 occurs twice on 2024-10-27; the first (CEST) occurrence → 00:30Z.
        #expect(parser.seconds("2024-10-27 02:30") == .success(1_729_989_000))
        #expect(parser.seconds("2024-10-27 03:30") == .success(1_729_996_200))
        // An explicit zone wins over the rule.
        #expect(parser.seconds("2024-07-15T12:00:00Z") == .success(1_721_044_800))
    }

    @Test func zoneRulesAgreeWithFoundationOverTwoYears() throws {
        let zone = try #require(TimeZone(identifier: "Europe/Berlin"))
        let rules = ZoneRules(zone)
        var t: Int64 = 1_704_067_200  // 2024-01-01
        while t < 1_767_225_600 {  // 2026-01-01, every 7 hours
            let expected = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t)))
            #expect(rules.offset(atUTC: t) == expected, "at \(t): expected \(expected)")
            t += 7 * 3600
        }
    }

    @Test func civilDateRoundTripsOverFourHundredYears() {
        var day = CivilDate.days(year: 1800, month: 1, day: 1)
        let last = CivilDate.days(year: 2200, month: 12, day: 31)
        var previous = (year: 1799, month: 12, day: 31)
        while day <= last {
            let date = CivilDate.date(fromDays: day)
            let isNext =
                (date.year == previous.year && date.month == previous.month && date.day == previous.day + 1)
                || (date.day == 1 && (date.month == previous.month + 1 || (date.month == 1 && previous.month == 12)))
            #expect(isNext, "day \(day): \(date) after \(previous)")
            #expect(CivilDate.days(year: date.year, month: date.month, day: date.day) == day)
            previous = date
            day += 1
        }
        #expect(CivilDate.isoText(fromDays: 19_783) == "2024-03-01")
    }

    @Test func plausibilityRejectsBefore1900AndFuture() {
        let now: Int64 = 1_763_769_600  // 2025-11-22
        let range = PlausibleTimeRange()
        #expect(range.check(seconds: now, now: now) == nil)
        #expect(range.check(seconds: now + 86_400, now: now) == nil)
        #expect(range.check(seconds: now + 86_401, now: now)?.kind == .implausible)
        #expect(range.check(seconds: -2_208_988_800, now: now) == nil)
        #expect(range.check(seconds: -2_208_988_801, now: now)?.reason == "before 1900-01-01")
        #expect(range.check(day: CivilDate.days(year: 1899, month: 12, day: 31), now: now) != nil)
    }
}

@Suite("E-mail, codes, phone, booleans")
struct SimpleValueTests {
    @Test(arguments: [
        "anna.schmidt@example.de", "a+shop@example.com", "x@sub.example.co.uk", " max@example.org ",
        "o'brien@example.ie", "jürgen@müller-beispiel.de", "a@xn--mller-kva.de", "a@b.xn--p1ai",
    ])
    func acceptsValidAddresses(address: String) {
        #expect(EmailAddress.validate(address).isSuccess, "\(address)")
    }

    @Test(arguments: [
        "", "plain", "a@b", "a@@b.de", "a@b@c.de", "a b@c.de", ".a@b.de", "a.@b.de", "a..b@c.de", "a@-b.de",
        "a@b-.de", "a@b..de", "a@b.d", "a@b.12", "a@[1.2.3.4]", "\"a b\"@c.de", "a@b.de.",
    ])
    func rejectsInvalidAddresses(address: String) {
        #expect(EmailAddress.validate(address).isFailure, "\(address)")
    }

    @Test func validateReturnsTrimmedAddress() {
        #expect(EmailAddress.validate("  Anna@Example.DE ") == .success("Anna@Example.DE"))
    }

    @Test(arguments: [
        (" Anna.Schmidt@Example.DE ", "anna.schmidt@example.de"), ("A.B.C+shop@Gmail.com", "abc@gmail.com"),
        ("a.b+x@googlemail.com", "ab@gmail.com"), ("a.b+x@example.com", "a.b+x@example.com"),
    ])
    func normalizesForMatching(raw: String, normalized: String) {
        #expect(EmailAddress.normalized(raw) == normalized)
    }

    @Test func currencyListIsCompleteAndKnowsMinorUnits() {
        #expect(CurrencyCode.active.count == 177)
        #expect(CurrencyCode.active.isSuperset(of: ["EUR", "USD", "CHF", "GBP", "JPY", "PLN", "SEK", "XCG", "ZWG"]))
        #expect(CurrencyCode.parse(" eur ") == .success("EUR"))
        #expect(CurrencyCode.parse("€") == .success("EUR"))
        #expect(CurrencyCode.parse("HRK") == .success("HRK"))
        #expect(CurrencyCode.parse("HRK", allowWithdrawn: false).isFailure)
        #expect(CurrencyCode.parse("ABC").failureKind == .unknown)
        #expect(CurrencyCode.parse("EURO2").failureKind == .malformed)
        #expect(CurrencyCode.minorUnits(of: "EUR") == 2)
        #expect(CurrencyCode.minorUnits(of: "JPY") == 0)
        #expect(CurrencyCode.minorUnits(of: "KWD") == 3)
        #expect(CurrencyCode.minorUnits(of: "XAU") == nil)
    }

    @Test func countryListHas249Codes() {
        #expect(CountryCode.alpha2.count == 249)
        #expect(CountryCode.alpha2.isSuperset(of: ["DE", "AT", "CH", "LI", "GB", "SS"]))
        #expect(!CountryCode.alpha2.contains("UK"))
    }

    @Test(arguments: [
        ("Deutschland", "DE"), ("Germany", "DE"), ("DE", "DE"), ("de", "DE"), ("DEU", "DE"), ("Österreich", "AT"),
        ("Oesterreich", "AT"), ("osterreich", "AT"), ("Austria", "AT"), ("Schweiz", "CH"), ("Switzerland", "CH"),
        ("UK", "GB"), ("United Kingdom", "GB"), ("Großbritannien", "GB"), ("Vereinigte Staaten", "US"),
        ("Côte d'Ivoire", "CI"), ("cote divoire", "CI"), ("Türkei", "TR"), ("Turkiye", "TR"), ("  france ", "FR"),
    ])
    func mapsNamesToCodes(text: String, code: String) {
        #expect(CountryCode.code(for: text) == .success(code), "\(text)")
    }

    @Test func everyISONameMapsBackToItsOwnCode() {
        for entry in CountryCode.table {
            for name in entry.names {
                #expect(CountryCode.code(for: name) == .success(entry.alpha2), "\(name): expected \(entry.alpha2)")
            }
            #expect(CountryCode.code(for: entry.alpha3) == .success(entry.alpha2))
        }
        for (name, code) in CountryCode.otherNames {
            #expect(CountryCode.code(for: name) == .success(code), "\(name): expected \(code)")
        }
    }

    @Test func unknownCountryIsAnError() {
        #expect(CountryCode.code(for: "Atlantis").failureKind == .unknown)
        #expect(CountryCode.code(for: "XX").failureKind == .unknown)
        #expect(CountryCode.code(for: " ").failureKind == .empty)
    }

    @Test(arguments: [
        ("030 1234567", "+49301234567"), ("+49 (0)30 123 45-67", "+49301234567"), ("0049 30 1234567", "+49301234567"),
        ("(030) 123 45 67", "+49301234567"), ("+43 1 234567", "+431234567"), ("0171/1234567", "+491711234567"),
        ("1234567", "1234567"),
    ])
    func normalizesPhoneNumbers(raw: String, normalized: String) {
        #expect(PhoneNumber.normalized(raw) == .success(normalized), "\(raw)")
    }

    @Test func phoneUsesDefaultCallingCodeAndRejectsJunk() {
        #expect(PhoneNumber.normalized("01 234 5678", defaultCallingCode: 43) == .success("+4312345678"))
        #expect(PhoneNumber.normalized("0800-FLOWERS").isFailure)
        #expect(PhoneNumber.normalized("123").isFailure)
        #expect(PhoneNumber.normalized("+49 30 1234567 890123456").isFailure)
        #expect(PhoneNumber.normalized("12+3456").isFailure)
    }

    @Test(arguments: [
        ("true", true), ("Yes", true), ("ja", true), ("J", true), ("1", true), ("y", true), ("x", true),
        ("false", false), ("NO", false), ("nein", false), ("0", false), ("n", false), (" Nein ", false),
    ])
    func parsesBooleans(text: String, value: Bool) {
        #expect(BooleanValue.parse(text) == .success(value), "\(text)")
    }

    @Test func rejectsOtherBooleans() {
        #expect(BooleanValue.parse("maybe").failureKind == .malformed)
        #expect(BooleanValue.parse("").failureKind == .empty)
    }
}

extension Result {
    var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }

    var isFailure: Bool { !isSuccess }
}

extension Result where Failure == ValueError {
    var failureKind: ValueError.Kind? {
        if case .failure(let error) = self { return error.kind }
        return nil
    }
}
