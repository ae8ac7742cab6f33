/// The escapes of a JSON string literal (RFC 8259 §7): `\" \\ \/ \b \f \n \r \t` and `\uXXXX`,
/// where a pair of surrogates combines into one scalar and a lone surrogate is an error (as in
/// Foundation's `JSONDecoder`). Shared by the reader of stored values (`JSONNode`) and the
/// JSON Lines importer, which differ only in how they report a problem.
public enum JSONStringEscapes {
    /// What is wrong with an escape, and where its backslash is in the literal's contents.
    public struct Problem: Error, Equatable, Sendable {
        public enum Kind: Sendable, Equatable {
            case loneBackslash, needsFourHexDigits, unpairedSurrogate, invalidScalar, unknownEscape
        }
        public let kind: Kind
        public let offset: Int

        /// The reason in a few words (the importer's error messages).
        public var reason: String {
            switch kind {
            case .loneBackslash: "lone backslash"
            case .needsFourHexDigits: "\\u needs four hex digits"
            case .unpairedSurrogate: "unpaired surrogate in \\u escape"
            case .invalidScalar: "invalid \\u escape"
            case .unknownEscape: "unknown escape"
            }
        }
    }

    /// Appends the UTF-8 of `contents` (the bytes between the quotes) to `out` with every escape
    /// decoded. The caller has already found the closing quote and refused control characters.
    public static func decode(_ contents: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) throws(Problem) {
        var k = 0
        func hex4(at index: Int) -> UInt32? {
            guard index + 4 <= contents.count else { return nil }
            var value: UInt32 = 0
            for j in index..<(index + 4) {
                let c = contents[j]
                let digit: UInt8
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
        while k < contents.count {
            let b = contents[k]
            guard b == UInt8(ascii: "\\") else {
                out.append(b)
                k += 1
                continue
            }
            guard k + 1 < contents.count else { throw Problem(kind: .loneBackslash, offset: k) }
            let e = contents[k + 1]
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard var scalar = hex4(at: k + 2) else { throw Problem(kind: .needsFourHexDigits, offset: k) }
                var consumed = 6
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    guard k + 7 < contents.count, contents[k + 6] == UInt8(ascii: "\\"), contents[k + 7] == UInt8(ascii: "u"),
                        let low = hex4(at: k + 8), low >= 0xDC00 && low < 0xE000
                    else { throw Problem(kind: .unpairedSurrogate, offset: k) }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    consumed = 12
                } else if scalar >= 0xDC00 && scalar < 0xE000 {
                    throw Problem(kind: .unpairedSurrogate, offset: k)
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw Problem(kind: .invalidScalar, offset: k) }
                UTF8.encode(unicode) { out.append($0) }
                k += consumed
                continue
            default:
                throw Problem(kind: .unknownEscape, offset: k)
            }
            k += 2
        }
    }
}
