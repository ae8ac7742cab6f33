import ObhutCore

/// The layout an input file follows: Obhut's own generic columns, or a shop system's standard
/// export. `--mapping FILE` adds the shop's own header names on top of any of them.
public enum ImportFormat: String, Sendable, CaseIterable, Codable {
    case generic
    case shopify
    case woocommerce
}

/// What is imported.
public enum ImportEntity: String, Sendable, CaseIterable, Codable {
    case customers, products, orders, feedback, consents, leads
}

/// One field Obhut reads for an entity: its canonical (generic) column name, whether it is
/// required, and the header names each format uses for it. Matching is case-insensitive.
public struct FieldSpec: Sendable {
    public let name: String
    public let required: Bool
    public let aliases: [ImportFormat: [String]]
    public let help: Localized

    init(
        _ name: String, required: Bool = false, generic: [String] = [], shopify: [String] = [],
        woocommerce: [String] = [], help: Localized
    ) {
        self.name = name
        self.required = required
        self.aliases = [.generic: generic, .shopify: shopify, .woocommerce: woocommerce]
        self.help = help
    }

    /// Header names accepted for this field in `format`: the canonical name, the format's own
    /// names, and the generic synonyms (German and English) as a fallback.
    public func headerNames(for format: ImportFormat) -> [String] {
        [name] + (aliases[format] ?? []) + (format == .generic ? [] : aliases[.generic] ?? [])
    }
}
