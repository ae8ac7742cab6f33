import Foundation

/// String building without Foundation formatting: the generator makes millions of identifiers,
/// and `String(format:)` costs microseconds each.
enum FastText {
    /// `prefix` followed by `value` in decimal, zero-padded to `width` digits (more if needed).
    static func code(_ prefix: String, _ value: UInt64, width: Int) -> String {
        var digits = 1
        var probe = value / 10
        while probe > 0 {
            digits += 1
            probe /= 10
        }
        let n = max(width, digits)
        let head = Array(prefix.utf8)
        return String(unsafeUninitializedCapacity: head.count + n) { buffer in
            for (i, b) in head.enumerated() { buffer[i] = b }
            var v = value
            var j = head.count + n - 1
            while j >= head.count {
                buffer[j] = UInt8(48 + v % 10)
                v /= 10
                j -= 1
            }
            return head.count + n
        }
    }

    /// `value` in decimal without padding.
    @inline(__always)
    static func decimal(_ value: Int) -> String { code("", UInt64(max(0, value)), width: 1) }

    /// The lower-case ASCII form of a name for e-mail addresses and slugs: umlauts and ß spelled
    /// out (ä → ae, ß → ss), other accents dropped (é → e, ş → s, ł → l), anything else removed.
    static func asciiSlug(_ text: String) -> String {
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9": out.unicodeScalars.append(scalar)
            case "ä": out += "ae"
            case "ö": out += "oe"
            case "ü": out += "ue"
            case "ß": out += "ss"
            case "é", "è", "ê", "ë": out += "e"
            case "á", "à", "â", "ã", "å", "ą": out += "a"
            case "í", "ì", "î", "ï", "ı": out += "i"
            case "ó", "ò", "ô", "õ", "ø": out += "o"
            case "ú", "ù", "û": out += "u"
            case "ç", "ć", "č": out += "c"
            case "ş", "ś", "š": out += "s"
            case "ğ": out += "g"
            case "ł": out += "l"
            case "ñ", "ń": out += "n"
            case "ž", "ź", "ż": out += "z"
            case "ý": out += "y"
            case "ř": out += "r"
            default: break
            }
        }
        return out
    }

    /// The text with its first letter in lower case ("Die Lieferung" → "die Lieferung").
    static func lowerFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }

    /// The text with its first letter in upper case.
    static func upperFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
