import ObhutCore

/// Finds, once per file, the column position of each field of an entity, from the format's
/// header names and the user's own mapping. Missing required columns are reported before any row
/// is read.
public struct ColumnResolver: Sendable {
    public let entity: ImportEntity
    /// Position of each field name in the source, when present.
    public let positions: [String: Int]

    public init(entity: ImportEntity, format: ImportFormat, columns: Columns, mapping: UserMapping?) throws(ImportError) {
        self.entity = entity
        var positions: [String: Int] = [:]
        var missing: [String] = []
        for spec in FieldCatalog.fields(for: entity) {
            var found: Int?
            if let header = mapping?.header(for: spec.name) {
                guard let p = columns.position(of: header) else {
                    throw .mappedColumnMissing(field: spec.name, header: header)
                }
                found = p
            } else {
                found = spec.headerNames(for: format).lazy.compactMap { columns.position(of: $0) }.first
            }
            if let found { positions[spec.name] = found }
        }
        for spec in FieldCatalog.fields(for: entity) where spec.required && positions[spec.name] == nil {
            if !Self.derivable(spec.name, entity: entity, format: format, positions: positions) { missing.append(spec.name) }
        }
        if !missing.isEmpty { throw .missingColumns(missing, available: HeaderText.listed(columns.names, anyKnown: !positions.isEmpty)) }
        self.positions = positions
    }

    /// Required fields that a shop format lets us derive from another column.
    static func derivable(_ field: String, entity: ImportEntity, format: ImportFormat, positions: [String: Int]) -> Bool {
        switch (entity, format, field) {
        case (.customers, .shopify, "customer_id"): positions["email"] != nil
        case (.orders, .shopify, "customer_id"): true  // Shopify orders name the customer by e-mail only
        default: false
        }
    }

    public func position(_ field: String) -> Int? { positions[field] }
}

/// A shop's own header names: `--mapping FILE` with one `field = Header` (or `field: Header`)
/// per line; `#` starts a comment.
public struct UserMapping: Sendable, Equatable {
    public let headers: [String: String]

    public init(headers: [String: String]) { self.headers = headers }

    public init(text: String, entity: ImportEntity, fileName: String) throws(ImportError) {
        var headers: [String: String] = [:]
        let known = Set(FieldCatalog.fields(for: entity).map(\.name))
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            guard let sep = trimmed.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                throw .badMapping(
                    file: fileName, line: index + 1, reason: Localized(de: "erwartet: feld = Spaltenname", en: "expected: field = Column header"))
            }
            let field = trimmed[..<sep].trimmingCharacters(in: .whitespaces)
            var header = trimmed[trimmed.index(after: sep)...].trimmingCharacters(in: .whitespaces)
            if header.count >= 2, header.first == "\"", header.last == "\"" { header = String(header.dropFirst().dropLast()) }
            guard known.contains(field) else {
                throw .badMapping(
                    file: fileName, line: index + 1,
                    reason: Localized(
                        de: "unbekanntes Feld '\(field)'; bekannt: \(known.sorted().joined(separator: ", "))",
                        en: "unknown field '\(field)'; known: \(known.sorted().joined(separator: ", "))"))
            }
            headers[field] = header
        }
        self.headers = headers
    }

    public func header(for field: String) -> String? { headers[field] }
}
