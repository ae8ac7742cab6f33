/// How a header cell may appear in an error message.
///
/// Why: a file without a header row makes its first data row the header, and errors about the
/// header (missing columns, a repeated name) would then print a person's name, e-mail address or
/// phone number (found by fuzzing, issue 9). Header names are shown only where they look like
/// names of columns; anything that looks like a value is named by its position instead.
public enum HeaderText {
    /// True when `name` looks like a value rather than a column name: an `@` (e-mail address),
    /// three or more digits (phone number, postal code, date, id), or more than 40 characters.
    /// Edge cases: real headers with one or two digits (`Address1`, `billing_address_1`) pass.
    public static func looksLikeData(_ name: String) -> Bool {
        if name.contains("@") || name.count > 40 { return true }
        return name.unicodeScalars.reduce(0) { $0 + ($1.properties.numericType != nil ? 1 : 0) } >= 3
    }

    /// `name` as it may appear in a message: itself, or "column N" (1-based) when it looks like data.
    public static func shown(_ name: String, position: Int) -> String {
        looksLikeData(name) ? "column \(position + 1)" : name
    }

    /// The header cells to list when required columns are missing: none when no cell names a known
    /// column (the header row is probably missing: every cell may be personal data); else the cells
    /// that are column names Obhut knows (any entity, any format), and the others by position, since
    /// a surname cannot be told from a shop's own column name by its letters.
    public static func listed(_ names: [String], anyKnown: Bool) -> [String] {
        guard anyKnown else { return [] }
        return names.enumerated().map { knownNames.contains(Columns.fold($0.element)) ? $0.element : "column \($0.offset + 1)" }
    }

    /// Every header name of every field, entity and format, folded as `Columns` matches them.
    static let knownNames: Set<String> = Set(
        ImportEntity.allCases.flatMap { entity in
            FieldCatalog.fields(for: entity).flatMap { spec in ImportFormat.allCases.flatMap { spec.headerNames(for: $0) } }
        }.map(Columns.fold))
}
