/// How a reader turns field bytes into text.
public enum TextEncoding: Sendable, Equatable {
    /// UTF-8 (with or without byte-order mark), unless the first non-ASCII bytes of the file are
    /// not valid UTF-8: then Windows-1252 for the whole file. A UTF-8 BOM settles it as UTF-8.
    case automatic
    /// UTF-8; invalid bytes make the record an error.
    case utf8
    /// Windows-1252 (what German Excel writes as "CSV (Trennzeichen-getrennt)"); every byte decodes.
    case windows1252
}

/// Byte-level text helpers shared by the readers; no per-character String work.
enum TextDecoding {
    /// True when `bytes` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b0 = bytes[i]
            if b0 < 0x80 {
                i += 1
                continue
            }
            if b0 < 0xC2 { return false }
            if b0 < 0xE0 {
                guard i + 1 < n, bytes[i + 1] & 0xC0 == 0x80 else { return false }
                i += 2
                continue
            }
            if b0 < 0xF0 {
                guard i + 2 < n else { return false }
                let b1 = bytes[i + 1]
                let b2 = bytes[i + 2]
                guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 else { return false }
                if b0 == 0xE0 && b1 < 0xA0 { return false }  // overlong
                if b0 == 0xED && b1 >= 0xA0 { return false }  // surrogates
                i += 3
                continue
            }
            if b0 < 0xF5 {
                guard i + 3 < n else { return false }
                let b1 = bytes[i + 1]
                guard b1 & 0xC0 == 0x80, bytes[i + 2] & 0xC0 == 0x80, bytes[i + 3] & 0xC0 == 0x80
                else { return false }
                if b0 == 0xF0 && b1 < 0x90 { return false }  // overlong
                if b0 == 0xF4 && b1 >= 0x90 { return false }  // past U+10FFFF
                i += 4
                continue
            }
            return false
        }
        return true
    }

    /// Unicode scalars of Windows-1252 bytes 0x80-0x9F (WHATWG index; the five unassigned bytes
    /// 0x81, 0x8D, 0x8F, 0x90, 0x9D map to the C1 controls of the same value). 0xA0-0xFF equal
    /// their Latin-1 code points.
    static let windows1252High: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// Decodes Windows-1252 bytes, writing UTF-8 through `scratch` (reused between calls).
    static func decodeWindows1252(_ bytes: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8]) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.reserveCapacity(bytes.count * 3)
        for b in bytes {
            if b < 0x80 {
                scratch.append(b)
                continue
            }
            let scalar: UInt32 = b < 0xA0 ? UInt32(windows1252High[Int(b - 0x80)]) : UInt32(b)
            if scalar < 0x800 {
                scratch.append(UInt8(0xC0 | (scalar >> 6)))
                scratch.append(UInt8(0x80 | (scalar & 0x3F)))
            } else {
                scratch.append(UInt8(0xE0 | (scalar >> 12)))
                scratch.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                scratch.append(UInt8(0x80 | (scalar & 0x3F)))
            }
        }
        return scratch.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }
}

/// The file-wide encoding decision of `.automatic`, taken at the first non-ASCII field.
struct EncodingDecision {
    enum State { case undecided, utf8, windows1252 }
    private(set) var state: State
    let forced: Bool

    init(_ encoding: TextEncoding) {
        switch encoding {
        case .automatic: state = .undecided; forced = false
        case .utf8: state = .utf8; forced = true
        case .windows1252: state = .windows1252; forced = true
        }
    }

    /// A UTF-8 byte-order mark was found: UTF-8 unless the caller forced another encoding.
    mutating func sawByteOrderMark() {
        if !forced { state = .utf8 }
    }

    /// The encoding as reported to callers (undecided files are ASCII so far, i.e. UTF-8).
    var encoding: TextEncoding { state == .windows1252 ? .windows1252 : .utf8 }

    /// Decodes a field that contains at least one byte >= 0x80; `nil` = invalid UTF-8.
    mutating func decodeNonASCII(_ bytes: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8]) -> String? {
        switch state {
        case .utf8:
            guard TextDecoding.isValidUTF8(bytes) else { return nil }
            return String(decoding: bytes, as: UTF8.self)
        case .windows1252:
            return TextDecoding.decodeWindows1252(bytes, scratch: &scratch)
        case .undecided:
            if TextDecoding.isValidUTF8(bytes) {
                state = .utf8
                return String(decoding: bytes, as: UTF8.self)
            }
            state = .windows1252
            return TextDecoding.decodeWindows1252(bytes, scratch: &scratch)
        }
    }
}
