#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which character separates the decimals in a column of numbers.
public enum DecimalStyle: Sendable, Equatable {
    /// Per value: if both `.` and `,` occur, the last one is the decimal separator; a single
    /// separator that occurs once is the decimal separator (`12,5`, `1234.56`, and so `1.234` is
    /// 1.234); one that occurs more than once groups thousands (`1.234.567`). Use
    /// `DecimalParser.inferStyle(from:)` on a column to settle `1.234` by the other rows.
    case automatic
    /// English: `1,234.56`.
    case point
    /// German: `1.234,56`.
    case comma
}

/// Parses decimal numbers as shops and spreadsheets write them, to exact minor units or Double.
///
/// Accepted: an optional sign (`-` or `+`), digits, thousands groups of three separated by the
/// grouping character (`.` or `,` by style, or an apostrophe as in Swiss `1'234.50`), one decimal
/// separator. Surrounding whitespace and no-break spaces are ignored. Not accepted: exponents,
/// currency symbols, spaces inside the number, `NaN`.
public struct DecimalParser: Sendable {
    public var style: DecimalStyle

    public init(style: DecimalStyle = .automatic) {
        self.style = style
    }

    /// The amount in minor units (cents for `fractionDigits` 2), exactly, no floating point.
    ///
    /// More decimal places than `fractionDigits` are an error (`tooPrecise`) unless the extra
    /// digits are zeros (`12.500` is 1250 cents); nothing is rounded silently.
    public func minorUnits(_ text: String, fractionDigits: Int = 2) -> Result<Int64, ValueError> {
        ValueBytes.withTrimmedUTF8(text) { bytes in
            switch scan(bytes) {
            case .failure(let error): return .failure(error)
            case .success(let number): return number.minorUnits(fractionDigits: fractionDigits, bytes: bytes)
            }
        }
    }

    /// The number as a Double (quantities, weights), correctly rounded.
    public func double(_ text: String) -> Result<Double, ValueError> {
        ValueBytes.withTrimmedUTF8(text) { bytes in
            switch scan(bytes) {
            case .failure(let error): return .failure(error)
            case .success(let number): return .success(number.double(bytes: bytes))
            }
        }
    }

    /// The style a column's values reveal, or `nil` if none of them decides it.
    ///
    /// A value decides when it has both separators (the last is decimal), a separator that
    /// occurs more than once (grouping), or a single separator not followed by exactly three
    /// digits (decimal). `1.234` and `1,234` alone decide nothing.
    public static func inferStyle(from samples: some Sequence<String>) -> DecimalStyle? {
        for sample in samples {
            let decided: DecimalStyle? = ValueBytes.withTrimmedUTF8(sample) { bytes in
                var points = 0
                var commas = 0
                var last: UInt8 = 0
                var lastIndex = 0
                for (i, b) in bytes.enumerated() where b == 0x2E || b == 0x2C {
                    if b == 0x2E { points += 1 } else { commas += 1 }
                    last = b
                    lastIndex = i
                }
                if points > 0 && commas > 0 { return last == 0x2E ? .point : .comma }
                if points > 1 { return .comma }
                if commas > 1 { return .point }
                if points + commas == 1 {
                    var digitsAfter = 0
                    for b in bytes[(lastIndex + 1)...] where ValueBytes.isDigit(b) { digitsAfter += 1 }
                    if digitsAfter != 3 { return last == 0x2E ? .point : .comma }
                }
                return nil
            }
            if let decided { return decided }
        }
        return nil
    }

    // MARK: - Scanner

    /// A scanned number: sign, and where the integer and fraction digits are in the bytes.
    private struct Scanned {
        var negative = false
        /// Index range of the integer part (may include grouping characters).
        var integerStart = 0
        var integerEnd = 0
        /// Index range of the fraction digits (empty when there is no decimal separator).
        var fractionStart = 0
        var fractionEnd = 0

        func minorUnits(fractionDigits: Int, bytes: UnsafeBufferPointer<UInt8>) -> Result<Int64, ValueError> {
            guard fractionDigits >= 0 && fractionDigits <= 18 else {
                return .failure(ValueError(.outOfRange, "unsupported number of decimal places"))
            }
            var value: Int64 = 0
            func push(_ digit: UInt8) -> Bool {
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int64(digit - 0x30))
                value = a
                return !(o1 || o2)
            }
            let tooLarge = ValueError(.outOfRange, "number too large")
            for i in integerStart..<integerEnd where ValueBytes.isDigit(bytes[i]) {
                guard push(bytes[i]) else { return .failure(tooLarge) }
            }
            let given = fractionEnd - fractionStart
            for k in 0..<fractionDigits {
                let digit: UInt8 = k < given ? bytes[fractionStart + k] : 0x30
                guard push(digit) else { return .failure(tooLarge) }
            }
            if given > fractionDigits {
                for i in (fractionStart + fractionDigits)..<fractionEnd where bytes[i] != 0x30 {
                    return .failure(ValueError(.tooPrecise, "has \(given) decimal places, at most \(fractionDigits) allowed"))
                }
            }
            return .success(negative ? -value : value)
        }

        func double(bytes: UnsafeBufferPointer<UInt8>) -> Double {
            // Exact when the significand fits 2^53 and the power of ten is exact (<= 1e22): one
            // correctly rounded division. Otherwise let the standard library parse the digits.
            var mantissa: UInt64 = 0
            var significant = 0
            for i in integerStart..<integerEnd where ValueBytes.isDigit(bytes[i]) {
                mantissa = mantissa &* 10 &+ UInt64(bytes[i] - 0x30)
                if mantissa > 0 { significant += 1 }
            }
            for i in fractionStart..<fractionEnd {
                mantissa = mantissa &* 10 &+ UInt64(bytes[i] - 0x30)
                if mantissa > 0 { significant += 1 }
            }
            let scale = fractionEnd - fractionStart
            var result: Double
            if significant <= 15 && scale <= 22 {
                result = Double(mantissa) / DecimalParser.powersOfTen[scale]
            } else {
                var plain: [UInt8] = []
                for i in integerStart..<integerEnd where ValueBytes.isDigit(bytes[i]) { plain.append(bytes[i]) }
                if plain.isEmpty { plain.append(0x30) }
                if scale > 0 {
                    plain.append(0x2E)
                    plain.append(contentsOf: bytes[fractionStart..<fractionEnd])
                }
                result = Double(String(decoding: plain, as: UTF8.self)) ?? .nan
            }
            return negative ? -result : result
        }
    }

    static let powersOfTen: [Double] = (0...22).map { pow(10.0, Double($0)) }

    private func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Scanned, ValueError> {
        let n = bytes.count
        guard n > 0 else { return .failure(.empty) }
        var number = Scanned()
        var i = 0
        if bytes[0] == 0x2D || bytes[0] == 0x2B {
            number.negative = bytes[0] == 0x2D
            i = 1
        }
        let bodyStart = i
        var points = 0
        var commas = 0
        var lastSeparator: UInt8 = 0
        var digits = 0
        for k in bodyStart..<n {
            let b = bytes[k]
            if ValueBytes.isDigit(b) {
                digits += 1
            } else if b == 0x2E {
                points += 1
                lastSeparator = b
            } else if b == 0x2C {
                commas += 1
                lastSeparator = b
            } else if b == 0x27 {
                // apostrophe: always grouping
            } else {
                if b == 0x2D || b == 0x2B {
                    return .failure(ValueError(.malformed, "sign in the middle at position \(k + 1)"))
                }
                if b == 0x65 || b == 0x45 {
                    return .failure(ValueError(.malformed, "exponent notation is not accepted (position \(k + 1))"))
                }
                return .failure(ValueError(.malformed, "not a number: unexpected character at position \(k + 1)"))
            }
        }
        guard digits > 0 else { return .failure(ValueError(.malformed, "not a number: no digits")) }

        // Decide the decimal separator (0 = none).
        let decimal: UInt8
        switch style {
        case .point:
            decimal = points > 0 ? 0x2E : 0
        case .comma:
            decimal = commas > 0 ? 0x2C : 0
        case .automatic:
            if points > 0 && commas > 0 {
                decimal = lastSeparator
            } else if points == 1 {
                decimal = 0x2E
            } else if commas == 1 {
                decimal = 0x2C
            } else {
                decimal = 0
            }
        }
        let decimalCount = decimal == 0x2E ? points : (decimal == 0x2C ? commas : 0)
        if decimalCount > 1 {
            return .failure(ValueError(.malformed, "more than one decimal separator"))
        }
        let grouping: UInt8 =
            decimal == 0x2E ? 0x2C : (decimal == 0x2C ? 0x2E : (style == .comma ? 0x2E : (style == .point ? 0x2C : (points > 0 ? 0x2E : 0x2C))))

        // Split at the decimal separator.
        var split = n
        if decimal != 0 {
            for k in bodyStart..<n where bytes[k] == decimal {
                split = k
                break
            }
        }
        number.integerStart = bodyStart
        number.integerEnd = split
        number.fractionStart = split == n ? n : split + 1
        number.fractionEnd = n
        for k in number.fractionStart..<number.fractionEnd where !ValueBytes.isDigit(bytes[k]) {
            return .failure(ValueError(.malformed, "separator after the decimal separator at position \(k + 1)"))
        }
        if decimal != 0 && number.fractionStart == number.fractionEnd {
            return .failure(ValueError(.malformed, "no digits after the decimal separator"))
        }

        // Integer part: digits, optionally grouped by threes with one grouping character.
        var groupLength = 0
        var sawGrouping = false
        var groupingChar: UInt8 = 0
        for k in number.integerStart..<number.integerEnd {
            let b = bytes[k]
            if ValueBytes.isDigit(b) {
                groupLength += 1
                continue
            }
            guard b == grouping || b == 0x27 else {
                return .failure(ValueError(.malformed, "unexpected separator at position \(k + 1)"))
            }
            if groupingChar != 0 && b != groupingChar {
                return .failure(ValueError(.malformed, "mixed thousands separators"))
            }
            groupingChar = b
            if (!sawGrouping && (groupLength == 0 || groupLength > 3)) || (sawGrouping && groupLength != 3) {
                return .failure(ValueError(.malformed, "thousands separator at position \(k + 1) does not split groups of three digits"))
            }
            sawGrouping = true
            groupLength = 0
        }
        if sawGrouping && groupLength != 3 {
            return .failure(ValueError(.malformed, "thousands groups must have three digits"))
        }
        return .success(number)
    }
}
