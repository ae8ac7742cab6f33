/// ISO 4217 currency codes and their minor units.
///
/// `active` is ISO 4217 list one as of 2025 (including ZWG, 2024, and XCG, 2025; without
/// withdrawn codes). `recentlyWithdrawn` holds codes that left the list in recent years and
/// still appear in order histories (HRK 2023, BGN 2026 with Bulgaria's euro, ANG 2025, ...).
/// Checked against Debian iso-codes 4.15 plus the amendments since.
public enum CurrencyCode {
    /// Active alphabetic codes (177).
    public static let active: Set<String> = [
        "AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BHD", "BIF", "BMD", "BND",
        "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY",
        "COP", "COU", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP",
        "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD",
        "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP",
        "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN",
        "MXV", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN",
        "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD",
        "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX",
        "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES", "VND", "VUV", "WST", "XAF", "XAG", "XAU", "XBA", "XBB",
        "XBC", "XBD", "XCD", "XCG", "XDR", "XOF", "XPD", "XPF", "XPT", "XSU", "XTS", "XUA", "XXX", "YER", "ZAR", "ZMW",
        "ZWG",
    ]

    /// Codes withdrawn in recent years that old orders may still carry.
    public static let recentlyWithdrawn: Set<String> = ["ANG", "BGN", "CUC", "HRK", "SLL", "ZWL"]

    /// Digits after the decimal point (EUR 2, JPY 0, KWD 3, CLF 4); `nil` for codes without minor
    /// units (gold XAU, special drawing rights XDR, test and fund codes) and unknown codes.
    public static func minorUnits(of code: String) -> Int? {
        guard active.contains(code) || recentlyWithdrawn.contains(code) else { return nil }
        if noMinorUnit.contains(code) { return nil }
        return exceptions[code] ?? 2
    }

    /// The code for a field: trimmed and upper-cased, `€` and `EURO` read as EUR.
    /// Withdrawn codes are accepted unless `allowWithdrawn` is false.
    public static func parse(_ text: String, allowWithdrawn: Bool = true) -> Result<String, ValueError> {
        let code: String? = ValueBytes.withTrimmedUTF8(text) { b in
            if ValueBytes.equalsIgnoringCase(b, "euro") || ValueBytes.equalsIgnoringCase(b, "€") { return "EUR" }
            if b.count == 3 {
                let upper = (ValueBytes.upper(b[0]), ValueBytes.upper(b[1]), ValueBytes.upper(b[2]))
                guard
                    upper.0 >= 0x41 && upper.0 <= 0x5A && upper.1 >= 0x41 && upper.1 <= 0x5A
                        && upper.2 >= 0x41 && upper.2 <= 0x5A
                else { return nil }
                return String(decoding: [upper.0, upper.1, upper.2], as: UTF8.self)
            }
            return b.isEmpty ? "" : nil
        }
        guard let code else {
            return .failure(ValueError(.malformed, "not a currency code: expected three letters like EUR"))
        }
        if code.isEmpty { return .failure(.empty) }
        if active.contains(code) { return .success(code) }
        if recentlyWithdrawn.contains(code) {
            return allowWithdrawn
                ? .success(code) : .failure(ValueError(.unknown, "currency code \(code) has been withdrawn"))
        }
        return .failure(ValueError(.unknown, "unknown currency code \(code)"))
    }

    private static let exceptions: [String: Int] = [
        "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0,
        "RWF": 0, "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
        "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
        "CLF": 4, "UYW": 4,
    ]

    private static let noMinorUnit: Set<String> = [
        "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XDR", "XPD", "XPT", "XSU", "XTS", "XUA", "XXX",
    ]
}
