import Hummingbird

/// Hand-written JSON for the few hot answers that embed JSON the store already holds (a stored
/// recommendation list), where decoding it only to encode it again cost a quarter of a
/// request's CPU. Everything else goes through `JSON.response` and `JSONEncoder`.
enum JSONText {
    /// A JSON string literal (RFC 8259 §7): quotes, backslashes and control characters escaped,
    /// everything else as UTF-8, slashes unescaped (as `JSON.encoder` writes them).
    static func string(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A member value that is already JSON: text, or the UTF-8 bytes of text the store holds.
    enum Value {
        case text(String)
        case utf8([UInt8])

        var count: Int {
            switch self {
            case .text(let t): t.utf8.count
            case .utf8(let b): b.count
            }
        }
    }

    /// An object from members whose values are already JSON, keys in the given order (callers
    /// pass them sorted, as `JSON.encoder` sorts them), written straight into the response's
    /// buffer, sized once. Keys are literals of the code: plain ASCII names, written unescaped.
    static func object(_ members: [(key: StaticString, value: Value)]) -> ByteBuffer {
        var size = 2
        for m in members { size += m.key.utf8CodeUnitCount + 4 + m.value.count }
        var buffer = ByteBuffer()
        buffer.reserveCapacity(size)
        buffer.writeInteger(UInt8(ascii: "{"))
        for (i, m) in members.enumerated() {
            if i > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
            buffer.writeInteger(UInt8(ascii: "\""))
            buffer.writeStaticString(m.key)
            buffer.writeInteger(UInt8(ascii: "\""))
            buffer.writeInteger(UInt8(ascii: ":"))
            switch m.value {
            case .text(let t): buffer.writeString(t)
            case .utf8(let b): buffer.writeBytes(b)
            }
        }
        buffer.writeInteger(UInt8(ascii: "}"))
        return buffer
    }

    /// The number of elements of a JSON array, counted by its top-level commas; nil if the text
    /// is not an array (after optional white space). Strings are skipped with their escapes, so a
    /// comma or bracket inside one does not count. Assumes well-formed JSON (text the store wrote).
    static func arrayCount(_ utf8: [UInt8]) -> Int? {
        utf8.withUnsafeBufferPointer { arrayCount(bytes: $0) }
    }

    private static func arrayCount(bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        let n = bytes.count
        var i = 0
        while i < n, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        guard i < n, bytes[i] == UInt8(ascii: "[") else { return nil }
        i += 1
        var depth = 1, count = 0, sawValue = false
        while i < n {
            let byte = bytes[i]
            if byte == quote {
                // A string, skipped in a tight loop of its own (most of the text is in strings):
                // an escape takes the byte after it along, so an escaped quote does not end it.
                sawValue = true
                i += 1
                while i < n, bytes[i] != quote { i += bytes[i] == backslash ? 2 : 1 }
                i += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                sawValue = true
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 { return sawValue ? count + 1 : 0 }
            case UInt8(ascii: ","):
                if depth == 1 { count += 1 }
            case 0x20, 0x0A, 0x0D, 0x09: break
            default: sawValue = true
            }
            i += 1
        }
        return nil
    }
}
