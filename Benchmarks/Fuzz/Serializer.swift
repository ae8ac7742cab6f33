/// Writes generated tables as CSV or JSON Lines bytes, the way real exports vary: separator,
/// quoting, line ends, byte-order mark, Windows-1252, and for JSON deep nesting and escapes.
enum Serializer {
    static func csv(columns: [String], rows: [[String?]], _ r: inout FuzzRandom) -> [UInt8] {
        let sep = r.pick([",", ";", "\t", ",", ";"])
        let eol = r.pick(["\n", "\r\n", "\r", "\n"])
        let quoting = r.below(3)  // 0: when needed, 1: always, 2: never (breaks on separators)
        func field(_ s: String?) -> String {
            guard let s else { return "" }
            let needs = s.contains(sep) || s.contains("\"") || s.contains("\n") || s.contains("\r")
            switch quoting {
            case 1: return "\"" + s.replacingAll("\"", "\"\"") + "\""
            case 2: return s
            default: return needs ? "\"" + s.replacingAll("\"", "\"\"") + "\"" : s
            }
        }
        var text = ""
        if r.chance(0.05) { text += eol + eol }  // blank lines before the header
        text += columns.map(field).joined(separator: sep) + eol
        for row in rows {
            text += row.map(field).joined(separator: sep)
            if r.chance(0.97) { text += eol }
        }
        var bytes = Array(text.utf8)
        if r.chance(0.15) { bytes = windows1252(bytes) }
        if r.chance(0.1) { bytes = [0xEF, 0xBB, 0xBF] + bytes }
        if r.chance(0.01) { bytes = [0xFF, 0xFE] + bytes }
        return bytes
    }

    static func jsonLines(columns: [String], rows: [[String?]], _ r: inout FuzzRandom) -> [UInt8] {
        let eol = r.pick(["\n", "\r\n", "\n"])
        var text = ""
        for row in rows {
            var members: [String] = []
            for (name, value) in zip(columns, row) where !name.isEmpty {
                let v: String
                if let value {
                    if Double(value) != nil && r.chance(0.5) && value.first != "+" && !value.hasPrefix("0") && value.allSatisfy({ $0.isASCII }) {
                        v = value  // as a JSON number (it may still be invalid JSON: the reader says so)
                    } else {
                        v = quote(value, unicodeEscapes: r.chance(0.2))
                    }
                } else {
                    v = r.chance(0.5) ? "null" : r.pick(["true", "false", "{}", "[]", "{\"a\":1}"])
                }
                members.append(quote(name, unicodeEscapes: false) + ":" + v)
            }
            if r.chance(0.02) {
                let depth = r.pick([10, 1000, 100_000])
                members.append("\"deep\":" + String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
            }
            if r.chance(0.03), let first = members.first { members.append(first) }  // duplicate key
            text += "{" + members.joined(separator: r.pick([",", ", ", " ,"])) + "}" + eol
            if r.chance(0.03) { text += r.pick(["", "   ", "[1,2]", "\"text\"", "42", "{", "}", "nul"]) + eol }
        }
        var bytes = Array(text.utf8)
        if r.chance(0.05) { bytes = [0xEF, 0xBB, 0xBF] + bytes }
        return bytes
    }

    static func quote(_ s: String, unicodeEscapes: Bool) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || (unicodeEscapes && scalar.value > 0x7E) {
                    for unit in String(scalar).utf16 {
                        let hex = String(unit, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// UTF-8 to Windows-1252 for the Latin-1 range (what German Excel writes); other characters
    /// keep their UTF-8 bytes, so the result is a mixture, as files edited twice often are.
    static func windows1252(_ utf8: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var i = 0
        while i < utf8.count {
            let b = utf8[i]
            if (b == 0xC2 || b == 0xC3) && i + 1 < utf8.count {
                out.append(b == 0xC2 ? utf8[i + 1] : utf8[i + 1] + 0x40)
                i += 2
            } else {
                out.append(b)
                i += 1
            }
        }
        return out
    }
}

extension String {
    func replacingAll(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
