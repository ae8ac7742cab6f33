import Foundation
import ObhutCore

/// An interaction file for the offline evaluation: a header row naming the columns `user`,
/// `item` and optionally `timestamp` (any order, case-insensitive, other columns ignored), then
/// one interaction per row; comma-, semicolon- or tab-separated (from the header); fields may be
/// double-quoted. Timestamps are numbers (e.g. Unix seconds) or ISO dates `YYYY-MM-DD` with an
/// optional time `HH:MM[:SS]` after a space or `T` (read as UTC; only their order matters).
struct InteractionFile {
    var users: [String] = []
    var items: [String] = []
    /// nil when the file has no timestamp column.
    var timestamps: [Double]?

    /// Reads and validates the file; errors name the file, line and field, never the value.
    static func read(_ url: URL) throws -> InteractionFile {
        let name = url.lastPathComponent
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw EvaluationError.unreadable(name)
        }
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" }).makeIterator()
        guard let headerLine = lines.next() else { throw EvaluationError.unreadable(name) }
        let header = headerLine.trimmingCharacters(in: .whitespacesAndNewlines)
        let separator: Character = header.contains("\t") ? "\t" : header.contains(";") ? ";" : ","
        let columns = fields(Substring(header), separator).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let userColumn = columns.firstIndex(of: "user") else { throw missing(name, "user") }
        guard let itemColumn = columns.firstIndex(of: "item") else { throw missing(name, "item") }
        let timeColumn = columns.firstIndex(of: "timestamp")
        var file = InteractionFile(timestamps: timeColumn == nil ? nil : [])
        var lineNumber = 1
        while let raw = lines.next() {
            lineNumber += 1
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            let f = fields(line, separator)
            let needed = max(userColumn, itemColumn, timeColumn ?? 0)
            guard f.count > needed else {
                throw EvaluationError.line(
                    file: name, line: lineNumber, field: columns.indices.contains(f.count) ? columns[f.count] : "item",
                    reason: Localized(de: "Feld fehlt", en: "field missing"))
            }
            let user = f[userColumn].trimmingCharacters(in: .whitespaces)
            let item = f[itemColumn].trimmingCharacters(in: .whitespaces)
            guard !user.isEmpty else { throw empty(name, lineNumber, "user") }
            guard !item.isEmpty else { throw empty(name, lineNumber, "item") }
            if let timeColumn {
                guard let t = timestamp(f[timeColumn].trimmingCharacters(in: .whitespaces)) else {
                    throw EvaluationError.line(
                        file: name, line: lineNumber, field: "timestamp",
                        reason: Localized(
                            de: "keine Zahl und kein Datum JJJJ-MM-TT[ HH:MM[:SS]]", en: "neither a number nor a date YYYY-MM-DD[ HH:MM[:SS]]"))
                }
                file.timestamps?.append(t)
            }
            file.users.append(user)
            file.items.append(item)
        }
        guard !file.users.isEmpty else {
            throw EvaluationError.tooLittleData(Localized(de: "\(name) enthält keine Interaktionen.", en: "\(name) holds no interactions."))
        }
        return file
    }

    static func missing(_ file: String, _ column: String) -> EvaluationError {
        .line(file: file, line: 1, field: column, reason: Localized(de: "Spalte fehlt in der Kopfzeile", en: "column missing from the header"))
    }

    static func empty(_ file: String, _ line: Int, _ column: String) -> EvaluationError {
        .line(file: file, line: line, field: column, reason: Localized(de: "leer", en: "empty"))
    }

    /// Fields of one line; double quotes group, `""` inside quotes is a quote.
    static func fields(_ line: Substring, _ separator: Character) -> [String] {
        var out: [String] = []
        var field = ""
        var quoted = false
        var previousQuote = false
        for c in line {
            if quoted {
                if c == "\"" {
                    quoted = false
                    previousQuote = true
                } else {
                    field.append(c)
                }
                continue
            }
            if c == "\"" {
                if previousQuote { field.append("\"") }
                quoted = true
            } else if c == separator {
                out.append(field)
                field = ""
            } else {
                field.append(c)
            }
            previousQuote = false
        }
        out.append(field)
        return out
    }

    /// A number, or an ISO date with optional time, as seconds since 1970 (UTC).
    static func timestamp(_ s: String) -> Double? {
        if let x = Double(s), x.isFinite { return x }
        let parts = s.split(whereSeparator: { $0 == " " || $0 == "T" })
        guard let datePart = parts.first, parts.count <= 2 else { return nil }
        let ymd = datePart.split(separator: "-")
        guard ymd.count == 3, let y = Int(ymd[0]), let m = Int(ymd[1]), let d = Int(ymd[2]), (1...12).contains(m), (1...31).contains(d) else {
            return nil
        }
        var seconds = 0.0
        if parts.count == 2 {
            let hms = parts[1].split(separator: ":")
            guard (2...3).contains(hms.count), let h = Int(hms[0]), let mi = Int(hms[1]), (0...23).contains(h), (0...59).contains(mi) else {
                return nil
            }
            let sec = hms.count == 3 ? Double(hms[2].prefix { $0 != "Z" && $0 != "+" }) : 0
            guard let sec, sec >= 0, sec < 61 else { return nil }
            seconds = Double(h * 3600 + mi * 60) + sec
        }
        // Days from civil (Howard Hinnant's algorithm).
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return Double(days) * 86_400 + seconds
    }
}
