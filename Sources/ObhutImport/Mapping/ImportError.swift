import ObhutCore

/// Problems with an import as a whole. Row problems are `RowIssue`s, collected in the report.
public enum ImportError: UserFacingError, Equatable {
    /// `available` lists the header cells as `HeaderText.listed` shows them (empty: no known column).
    case missingColumns([String], available: [String])
    case mappedColumnMissing(field: String, header: String)
    case badMapping(file: String, line: Int, reason: Localized)
    case source(file: String, reason: String)
    case rejectedRows(file: String, count: Int, shown: [String], rejectFile: String?)

    public func message(in language: Language) -> String {
        switch (self, language) {
        case (.missingColumns(let m, let a), .de) where a.isEmpty:
            "Pflichtspalten fehlen: \(m.joined(separator: ", ")). Die erste Zeile nennt keine bekannte Spalte: fehlt die Kopfzeile? Sonst mit --format oder --mapping zuordnen."
        case (.missingColumns(let m, let a), .en) where a.isEmpty:
            "Required columns missing: \(m.joined(separator: ", ")). The first line names no known column: is the header row missing? Otherwise map them with --format or --mapping."
        case (.missingColumns(let m, let a), .de):
            "Pflichtspalten fehlen: \(m.joined(separator: ", ")). Vorhandene Spalten: \(a.joined(separator: ", ")). Mit --format oder --mapping zuordnen."
        case (.missingColumns(let m, let a), .en):
            "Required columns missing: \(m.joined(separator: ", ")). Columns present: \(a.joined(separator: ", ")). Map them with --format or --mapping."
        case (.mappedColumnMissing(let f, let h), .de): "Die Zuordnung nennt für '\(f)' die Spalte '\(h)', die es in der Datei nicht gibt."
        case (.mappedColumnMissing(let f, let h), .en): "The mapping names column '\(h)' for '\(f)', which the file does not have."
        case (.badMapping(let file, let line, let reason), _): "\(file):\(line): \(reason[language])"
        case (.source(let file, let reason), _): "\(file): \(reason)"
        case (.rejectedRows(let file, let count, let shown, let reject), .de):
            ([
                "\(file): \(count) fehlerhafte Zeile(n); nichts wurde importiert."
                    + (reject.map { " Abgewiesene Zeilen: \($0)" } ?? " Mit --skip-invalid werden die gültigen Zeilen übernommen.")
            ] + shown).joined(separator: "\n")
        case (.rejectedRows(let file, let count, let shown, let reject), .en):
            ([
                "\(file): \(count) invalid row(s); nothing was imported."
                    + (reject.map { " Rejected rows: \($0)" } ?? " With --skip-invalid the valid rows are imported.")
            ] + shown).joined(separator: "\n")
        }
    }
}
