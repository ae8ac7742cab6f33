/// Why a field's text is not a valid value, in words a person can act on.
///
/// `reason` never repeats the value itself (it may be personal data); it names what is wrong
/// and, where useful, the 1-based character position.
public struct ValueError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem, for code that reacts (counts, localised messages).
    public enum Kind: String, Sendable, Equatable {
        /// Nothing but whitespace.
        case empty
        /// Not in any accepted format.
        case malformed
        /// Well-formed but outside the valid range (month 13, overflow).
        case outOfRange
        /// Could mean more than one thing (e.g. 03/04/2024); the source must be explicit.
        case ambiguous
        /// More decimal places than the unit has (12.345 EUR).
        case tooPrecise
        /// Well-formed but not a known code (currency, country).
        case unknown
        /// Valid but not believable (a date before 1900 or in the future).
        case implausible
    }

    public let kind: Kind
    public let reason: String

    public init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }

    public var description: String { reason }

    static let empty = ValueError(.empty, "empty")
}

/// Byte-level helpers for the value parsers: they work on UTF-8 bytes, not Characters.
enum ValueBytes {
    /// Calls `body` with the UTF-8 bytes of `text` without leading and trailing ASCII whitespace
    /// and no-break spaces (U+00A0, which Excel puts into numbers).
    @inline(__always)
    static func withTrimmedUTF8<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var text = text
        return text.withUTF8 { all in
            var start = 0
            var end = all.count
            while start < end {
                let b = all[start]
                if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                    start += 1
                } else if b == 0xC2 && start + 1 < end && all[start + 1] == 0xA0 {
                    start += 2
                } else {
                    break
                }
            }
            while end > start {
                let b = all[end - 1]
                if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                    end -= 1
                } else if b == 0xA0 && end - 2 >= start && all[end - 2] == 0xC2 {
                    end -= 2
                } else {
                    break
                }
            }
            return body(UnsafeBufferPointer(rebasing: all[start..<end]))
        }
    }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

    /// ASCII lower-casing of one byte.
    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    /// ASCII upper-casing of one byte.
    @inline(__always)
    static func upper(_ b: UInt8) -> UInt8 { b >= 0x61 && b <= 0x7A ? b & 0xDF : b }

    /// True when `bytes` equal `word` ignoring ASCII case (`word` must be lower-case ASCII).
    static func equalsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard bytes.count == n else { return false }
        let w = word.utf8Start
        for i in 0..<n where lower(bytes[i]) != w[i] { return false }
        return true
    }
}
