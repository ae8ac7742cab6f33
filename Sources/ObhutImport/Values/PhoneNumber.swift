/// Phone numbers brought to one spelling so the same number matches however it was typed.
public enum PhoneNumber {
    /// Digits with a leading `+` and country code where that can be known, else digits only.
    ///
    /// - Drops spaces, `-`, `/`, `.`, parentheses; `+49 (0)30 ...` loses the bracketed trunk 0.
    /// - `00` starts an international number (`0049 30 ...` → `+4930...`).
    /// - A single leading `0` is the national trunk prefix: replaced by `+` and
    ///   `defaultCallingCode` (49, Germany, by default; 43 Austria, 41 Switzerland).
    /// - Without `+`, `00` or `0` (a local number without area code) the digits come back without
    ///   `+`: the country cannot be known.
    /// Rejected: letters (vanity numbers, "ext."), fewer than 5 or more than 15 digits (E.164).
    public static func normalized(_ text: String, defaultCallingCode: Int = 49) -> Result<String, ValueError> {
        ValueBytes.withTrimmedUTF8(text) { b in
            if b.isEmpty { return .failure(.empty) }
            var digits: [UInt8] = []
            digits.reserveCapacity(b.count)
            var plus = false
            var i = 0
            while i < b.count {
                let c = b[i]
                if ValueBytes.isDigit(c) {
                    digits.append(c)
                } else if c == UInt8(ascii: "+") {
                    guard digits.isEmpty && !plus else {
                        return .failure(ValueError(.malformed, "'+' only at the start"))
                    }
                    plus = true
                } else if c == UInt8(ascii: "(") && i + 2 < b.count && b[i + 1] == 0x30 && b[i + 2] == UInt8(ascii: ")")
                    && (plus || !digits.isEmpty)
                {
                    i += 3  // "(0)": trunk prefix shown inside an international number
                    continue
                } else if c == 0x20 || c == UInt8(ascii: "-") || c == UInt8(ascii: "/") || c == UInt8(ascii: ".")
                    || c == UInt8(ascii: "(") || c == UInt8(ascii: ")") || c == 0x09
                {
                    // layout only
                } else if c == 0xC2 && i + 1 < b.count && b[i + 1] == 0xA0 {
                    i += 2  // no-break space
                    continue
                } else {
                    return .failure(ValueError(.malformed, "character not allowed in a phone number at position \(i + 1)"))
                }
                i += 1
            }
            var international = plus
            var national = digits[...]
            if !plus && national.starts(with: [0x30, 0x30]) {
                national = national.dropFirst(2)
                international = true
            }
            var result: [UInt8] = []
            if international {
                guard let first = national.first, first != 0x30 else {
                    return .failure(ValueError(.malformed, "country code cannot start with 0"))
                }
                result.append(UInt8(ascii: "+"))
                result.append(contentsOf: national)
            } else if national.first == 0x30 {
                guard defaultCallingCode > 0 else {
                    return .failure(ValueError(.malformed, "no country code and no default"))
                }
                result.append(UInt8(ascii: "+"))
                result.append(contentsOf: String(defaultCallingCode).utf8)
                result.append(contentsOf: national.dropFirst())
            } else {
                result.append(contentsOf: national)
            }
            let count = result.count - (result.first == UInt8(ascii: "+") ? 1 : 0)
            guard count >= 5 else { return .failure(ValueError(.malformed, "too few digits for a phone number")) }
            guard count <= 15 else { return .failure(ValueError(.malformed, "more than 15 digits (E.164 limit)")) }
            return .success(String(decoding: result, as: UTF8.self))
        }
    }
}
