import Foundation
import ObhutCore

/// Turns lead records into the model's columns: standardised logarithms of size and engagement,
/// and one column per source and industry seen often enough in training.
///
/// Not features, on purpose: the stage and the time in it (a closed lead's stage is "closed" by
/// definition, so the model would learn the answer from the question), and anything about the
/// contact person. Size unknown gets its own column, so a missing value is not read as average.
public struct LeadFeatureEncoder: Sendable, Codable, Equatable {
    /// Categories with fewer training leads than this fall into "other".
    public static let minimumLevelCount = 5

    public var sources: [String]
    public var industries: [String]
    /// Mean and deviation of the numeric columns (log values) in training.
    public var numericMeans: [Double]
    public var numericScales: [Double]

    public static let numericKeys = ["size", "emailsOpened", "visits", "meetings"]

    /// Learns levels and scales from the training leads.
    public init(fitting records: [LeadRecord]) {
        func levels(_ values: [String?]) -> [String] {
            var counts: [String: Int] = [:]
            for v in values { counts[v ?? "", default: 0] += 1 }
            return counts.filter { !$0.key.isEmpty && $0.value >= Self.minimumLevelCount }.keys.sorted()
        }
        sources = levels(records.map(\.source))
        industries = levels(records.map(\.industry))
        let raw = records.map(Self.numeric)
        var means = [Double](repeating: 0, count: Self.numericKeys.count)
        var scales = means
        for k in means.indices {
            let values = raw.compactMap { $0[k] }
            let mean = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
            let variance = values.isEmpty ? 0 : values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
            means[k] = mean
            scales[k] = variance > 1e-12 ? variance.squareRoot() : 1
        }
        numericMeans = means
        numericScales = scales
    }

    /// Raw numeric values (logarithms), nil where unknown.
    static func numeric(_ r: LeadRecord) -> [Double?] {
        [
            r.size.map { log1p(Double(max(0, $0))) }, log1p(Double(max(0, r.emailsOpened))), log1p(Double(max(0, r.visits))),
            log1p(Double(max(0, r.meetings))),
        ]
    }

    public var columnCount: Int { Self.numericKeys.count + 1 + sources.count + 1 + industries.count + 1 }

    /// The columns of one lead.
    public func encode(_ r: LeadRecord) -> [Double] {
        var row = [Double]()
        row.reserveCapacity(columnCount)
        let raw = Self.numeric(r)
        for k in raw.indices { row.append(raw[k].map { ($0 - numericMeans[k]) / numericScales[k] } ?? 0) }
        row.append(r.size == nil ? 1 : 0)
        let s = r.source.flatMap { sources.firstIndex(of: $0) }
        for i in sources.indices { row.append(s == i ? 1 : 0) }
        row.append(s == nil ? 1 : 0)
        let ind = r.industry.flatMap { industries.firstIndex(of: $0) }
        for i in industries.indices { row.append(ind == i ? 1 : 0) }
        row.append(ind == nil ? 1 : 0)
        return row
    }

    /// The feature behind each column, for model cards, explanations and drift.
    public var columns: [Column] {
        var out: [Column] = [
            Column(key: "size", label: Localized(de: "Unternehmensgröße (Mitarbeitende)", en: "Company size (employees)")),
            Column(key: "emailsOpened", label: Localized(de: "Geöffnete E-Mails", en: "E-mails opened")),
            Column(key: "visits", label: Localized(de: "Website-Besuche", en: "Website visits")),
            Column(key: "meetings", label: Localized(de: "Termine", en: "Meetings")),
            Column(key: "sizeUnknown", label: Localized(de: "Größe unbekannt", en: "Size unknown")),
        ]
        out += sources.map { Column(key: "source:" + $0, label: Localized(de: "Quelle: \($0)", en: "Source: \($0)")) }
        out.append(Column(key: "source:other", label: Localized(de: "Quelle: andere/unbekannt", en: "Source: other/unknown")))
        out += industries.map { Column(key: "industry:" + $0, label: Localized(de: "Branche: \($0)", en: "Industry: \($0)")) }
        out.append(Column(key: "industry:other", label: Localized(de: "Branche: andere/unbekannt", en: "Industry: other/unknown")))
        return out
    }

    public struct Column: Sendable, Codable, Equatable {
        public var key: String
        public var label: Localized
    }

    /// The feature groups the columns belong to, for explanations: a lead's source is one
    /// factor, however many source columns there are.
    enum Group: Int, CaseIterable {
        case size, emailsOpened, visits, meetings, source, industry
    }

    func group(ofColumn k: Int) -> Group {
        switch k {
        case 0, 4: return .size
        case 1: return .emailsOpened
        case 2: return .visits
        case 3: return .meetings
        default: return k < 5 + sources.count + 1 ? .source : .industry
        }
    }

    /// The label and person-readable value of a feature group for a lead.
    func describe(_ g: Group, _ r: LeadRecord) -> (label: Localized, value: String) {
        switch g {
        case .size: return (Localized(de: "Unternehmensgröße", en: "Company size"), r.size.map(String.init) ?? "?")
        case .emailsOpened: return (Localized(de: "Geöffnete E-Mails", en: "E-mails opened"), String(r.emailsOpened))
        case .visits: return (Localized(de: "Website-Besuche", en: "Website visits"), String(r.visits))
        case .meetings: return (Localized(de: "Termine", en: "Meetings"), String(r.meetings))
        case .source: return (Localized(de: "Quelle", en: "Source"), r.source ?? "?")
        case .industry: return (Localized(de: "Branche", en: "Industry"), r.industry ?? "?")
        }
    }
}
