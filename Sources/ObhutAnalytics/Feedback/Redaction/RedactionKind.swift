import ObhutCore

/// The kinds of personal data removed from feedback before analysis.
public enum RedactionKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case email, phone, iban, address, name

    /// The placeholder that replaces a value, in the text's language.
    public func placeholder(_ language: Language) -> String {
        switch (self, language) {
        case (.email, _): "[E-MAIL]"
        case (.phone, .de): "[TELEFON]"
        case (.phone, .en): "[PHONE]"
        case (.iban, _): "[IBAN]"
        case (.address, .de): "[ADRESSE]"
        case (.address, .en): "[ADDRESS]"
        case (.name, _): "[NAME]"
        }
    }

    public var title: Localized {
        switch self {
        case .email: Localized(de: "E-Mail-Adressen", en: "e-mail addresses")
        case .phone: Localized(de: "Telefonnummern", en: "phone numbers")
        case .iban: Localized(de: "IBANs", en: "IBANs")
        case .address: Localized(de: "Anschriften", en: "street addresses")
        case .name: Localized(de: "Namen", en: "names")
        }
    }

    public static func < (a: RedactionKind, b: RedactionKind) -> Bool {
        a.rank < b.rank
    }

    private var rank: Int {
        switch self {
        case .email: 0
        case .phone: 1
        case .iban: 2
        case .address: 3
        case .name: 4
        }
    }
}

/// A text with its personal data replaced by placeholders, and how many values of each kind were
/// removed. The removed values themselves are never kept.
public struct RedactedText: Sendable, Hashable, Codable {
    public var text: String
    public var counts: [RedactionKind: Int]

    public var total: Int { counts.values.reduce(0, +) }
}

extension RedactionKind: CodingKeyRepresentable {}
