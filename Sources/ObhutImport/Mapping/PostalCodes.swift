/// Plausibility of postal codes for the countries a German shop mostly ships to. An implausible
/// code is not rejected (the shop may know better) but marked for the quality report.
public enum PostalCodes {
    public static func isPlausible(_ code: String, country: String) -> Bool {
        let c = code.trimmingCharacters(in: .whitespaces)
        let digits = c.allSatisfy(\.isASCIIDigit)
        switch country.uppercased() {
        case "DE", "FR", "IT", "ES", "FI": return digits && c.count == 5
        case "AT", "CH", "BE", "DK", "LU", "NO", "HU": return digits && c.count == 4
        case "NL":
            let compact = c.filter { $0 != " " }
            return compact.count == 6 && compact.prefix(4).allSatisfy(\.isASCIIDigit) && compact.suffix(2).allSatisfy(\.isLetter)
        case "PL": return c.count == 6 && c.filter(\.isASCIIDigit).count == 5 && c.contains("-")
        case "SE", "CZ", "SK":
            return c.filter { $0 != " " }.count == 5 && c.filter { $0 != " " }.allSatisfy(\.isASCIIDigit)
        case "GB": return (5...8).contains(c.count) && c.contains(" ") && c.allSatisfy { $0.isLetter || $0.isNumber || $0 == " " }
        case "US": return (c.count == 5 && digits) || (c.count == 10 && c.filter(\.isASCIIDigit).count == 9)
        default: return (3...10).contains(c.count) && c.allSatisfy { $0.isLetter || $0.isNumber || $0 == " " || $0 == "-" }
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
