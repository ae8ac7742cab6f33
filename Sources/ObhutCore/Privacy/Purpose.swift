import Foundation

/// The name of a purpose of processing ("analytics", "personalization", ...).
public struct PurposeID: RawRepresentable, Sendable, Hashable, Codable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: PurposeID, rhs: PurposeID) -> Bool { lhs.rawValue < rhs.rawValue }

    public static let service: PurposeID = "service"
    public static let analytics: PurposeID = "analytics"
    public static let personalization: PurposeID = "personalization"
    public static let marketing: PurposeID = "marketing"
    public static let sales: PurposeID = "sales"
    public static let feedback: PurposeID = "feedback"
}

/// The legal basis of a processing, GDPR Art. 6(1) (a)-(f).
public enum LegalBasis: String, Sendable, Codable, CaseIterable {
    case consent = "a"
    case contract = "b"
    case legalObligation = "c"
    case vitalInterests = "d"
    case publicTask = "e"
    case legitimateInterest = "f"

    /// Whether each person must have granted consent (Art. 6(1)(a)).
    public var requiresConsent: Bool { self == .consent }
    /// Whether people may object (Art. 21 applies to (e) and (f)).
    public var allowsObjection: Bool { self == .legitimateInterest || self == .publicTask }

    public var title: Localized {
        switch self {
        case .consent: Localized(de: "Einwilligung (Art. 6 Abs. 1 lit. a DSGVO)", en: "Consent (GDPR Art. 6(1)(a))")
        case .contract: Localized(de: "Vertragserfüllung (Art. 6 Abs. 1 lit. b DSGVO)", en: "Contract (GDPR Art. 6(1)(b))")
        case .legalObligation: Localized(de: "Rechtliche Verpflichtung (Art. 6 Abs. 1 lit. c DSGVO)", en: "Legal obligation (GDPR Art. 6(1)(c))")
        case .vitalInterests: Localized(de: "Lebenswichtige Interessen (Art. 6 Abs. 1 lit. d DSGVO)", en: "Vital interests (GDPR Art. 6(1)(d))")
        case .publicTask: Localized(de: "Öffentliche Aufgabe (Art. 6 Abs. 1 lit. e DSGVO)", en: "Public task (GDPR Art. 6(1)(e))")
        case .legitimateInterest: Localized(de: "Berechtigtes Interesse (Art. 6 Abs. 1 lit. f DSGVO)", en: "Legitimate interest (GDPR Art. 6(1)(f))")
        }
    }
}

/// A purpose for which personal data is processed, with its legal basis.
public struct Purpose: Sendable, Hashable, Codable {
    public var id: PurposeID
    public var legalBasis: LegalBasis
    public var title: Localized
    public var usedFor: Localized
    /// Whether profiling (automated evaluation of personal aspects) is allowed under this purpose.
    public var allowsProfiling: Bool

    public init(id: PurposeID, legalBasis: LegalBasis, title: Localized, usedFor: Localized, allowsProfiling: Bool) {
        self.id = id
        self.legalBasis = legalBasis
        self.title = title
        self.usedFor = usedFor
        self.allowsProfiling = allowsProfiling
    }

    /// The default purposes of a new workspace (DESIGN.md, "Default purposes").
    public static let defaults: [Purpose] = [
        Purpose(
            id: .service, legalBasis: .contract,
            title: Localized(de: "Service", en: "Service"),
            usedFor: Localized(de: "Bestellabwicklung, Kundendienst; keine Profilbildung", en: "Order handling, support; no profiling"),
            allowsProfiling: false),
        Purpose(
            id: .analytics, legalBasis: .legitimateInterest,
            title: Localized(de: "Analyse", en: "Analytics"),
            usedFor: Localized(de: "Pseudonymisierte Kaufanalyse, Datenqualität", en: "Pseudonymised purchase analysis, quality"),
            allowsProfiling: false),
        Purpose(
            id: .personalization, legalBasis: .consent,
            title: Localized(de: "Personalisierung", en: "Personalisation"),
            usedFor: Localized(
                de: "Empfehlungen, individuelle Segmente, Kundenwert je Person", en: "Recommendations, individual segments, CLV per person"),
            allowsProfiling: true),
        Purpose(
            id: .marketing, legalBasis: .consent,
            title: Localized(de: "Marketing", en: "Marketing"),
            usedFor: Localized(de: "Kampagnen und Kontaktaufnahme", en: "Campaigns and contact"),
            allowsProfiling: true),
        Purpose(
            id: .sales, legalBasis: .legitimateInterest,
            title: Localized(de: "Vertrieb", en: "Sales"),
            usedFor: Localized(de: "Lead-Bewertung, ein Mensch entscheidet", en: "Lead scoring, with a human deciding"),
            allowsProfiling: true),
        Purpose(
            id: .feedback, legalBasis: .legitimateInterest,
            title: Localized(de: "Feedback", en: "Feedback"),
            usedFor: Localized(de: "Stimmung und Aspekte, personenbezogene Daten geschwärzt", en: "Sentiment and aspects, personal data redacted"),
            allowsProfiling: false),
    ]
}
