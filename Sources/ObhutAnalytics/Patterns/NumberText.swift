import ObhutCore

/// Numbers as the statements print them: German with decimal comma and "." between thousands
/// ("1.234,5"), English with decimal point and "," ("1,234.5").
///
/// Why hand-made: Foundation's formatters depend on the installed locale data, which differs
/// between Linux images; a statement must read the same everywhere (invariant 7).
///
/// Edge cases: NaN and infinities print as "–" (they should never reach a statement); values are
/// rounded half away from zero; a value that rounds to zero prints without a minus sign.
public enum NumberText {
    /// `value` with exactly `fractionDigits` digits after the separator.
    public static func decimal(_ value: Double, fractionDigits: Int) -> Localized {
        guard value.isFinite, abs(value) < 1e15 else { return Localized(de: "–", en: "–") }
        var scale = 1.0
        for _ in 0..<max(0, fractionDigits) { scale *= 10 }
        let scaled = Int64((abs(value) * scale).rounded(.toNearestOrAwayFromZero))
        let divisor = Int64(scale)
        let whole = scaled / divisor
        let negative = value < 0 && scaled != 0
        var fraction = String(scaled % divisor)
        while fraction.count < fractionDigits { fraction = "0" + fraction }
        let sign = negative ? "-" : ""
        let de = sign + grouped(whole, separator: ".") + (fractionDigits > 0 ? "," + fraction : "")
        let en = sign + grouped(whole, separator: ",") + (fractionDigits > 0 ? "." + fraction : "")
        return Localized(de: de, en: en)
    }

    /// A whole number with thousands separators.
    public static func count(_ value: Int) -> Localized {
        let sign = value < 0 ? "-" : ""
        let magnitude = Int64(value.magnitude)
        return Localized(de: sign + grouped(magnitude, separator: "."), en: sign + grouped(magnitude, separator: ","))
    }

    /// A p-value as statements quote it: "p < 0,001" below 0.001, else three decimals.
    public static func pValue(_ p: Double) -> Localized {
        if p < 0.001 { return Localized(de: "p < 0,001", en: "p < 0.001") }
        let digits = decimal(p, fractionDigits: 3)
        return Localized(de: "p = " + digits.de, en: "p = " + digits.en)
    }

    /// A signed percentage of a fraction (0.35 → "+35 %" / "+35%"), whole percent.
    public static func signedPercent(_ fraction: Double) -> Localized {
        let digits = decimal(abs(fraction) * 100, fractionDigits: 0)
        let sign = fraction > 0 && digits.en != "0" ? "+" : (fraction < 0 && digits.en != "0" ? "−" : "")
        return Localized(de: sign + digits.de + " %", en: sign + digits.en + "%")
    }

    private static func grouped(_ value: Int64, separator: String) -> String {
        let digits = String(value)
        var result = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result += separator }
            result.append(character)
        }
        return result
    }
}
