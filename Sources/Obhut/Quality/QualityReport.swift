import Foundation
import ObhutCore
import ObhutStore

/// The data-quality report: per entity and field completeness and validity, duplicates,
/// staleness, outliers, and a 0-100 score. AI runs call `score(of:)` as their quality gate.
public struct QualityReport: Sendable, Codable {
    public struct FieldQuality: Sendable, Codable {
        public var field: String
        /// Share of rows that have a value, 0...1.
        public var completeness: Double
        /// Share of present values that look plausible, 0...1.
        public var validity: Double
    }

    public struct EntityQuality: Sendable, Codable {
        public var entity: Entity
        public var rows: Int
        public var fields: [FieldQuality]
        public var exactDuplicates: Int
        public var likelyDuplicates: Int
        public var stale: Int
        public var outliers: Int
        public var score: Int
    }

    public var generatedAt: Date
    public var staleAfterDays: Int
    public var entities: [EntityQuality]
    /// Mean of the scores of entities that have rows; 0 for an empty workspace.
    public var score: Int

    /// Weights of the score, documented for the analyst and the DPO.
    /// completeness 30 %, validity 30 %, duplicates 20 % (5 % duplicates cost it all),
    /// staleness 10 %, outliers 10 % (10 % outliers cost it all).
    public static func score(rows: Int, fields: [FieldQuality], duplicates: Int, stale: Int, outliers: Int) -> Int {
        guard rows > 0 else { return 100 }
        let n = Double(rows)
        let completeness = fields.isEmpty ? 1 : fields.map(\.completeness).reduce(0, +) / Double(fields.count)
        let validity = fields.isEmpty ? 1 : fields.map(\.validity).reduce(0, +) / Double(fields.count)
        let dup = 1 - min(1, 20 * Double(duplicates) / n)
        let fresh = 1 - Double(stale) / n
        let clean = 1 - min(1, 10 * Double(outliers) / n)
        let s = 0.3 * completeness + 0.3 * validity + 0.2 * dup + 0.1 * fresh + 0.1 * clean
        return Int((100 * s).rounded())
    }

    public init(facts: QualityFacts, generatedAt: Date, staleAfterDays: Int) {
        self.generatedAt = generatedAt
        self.staleAfterDays = staleAfterDays
        entities = facts.entities.map { e in
            let fields = e.fields.map { f in
                FieldQuality(
                    field: f.field,
                    completeness: e.rows == 0 ? 1 : Double(f.present) / Double(e.rows),
                    validity: f.present == 0 ? 1 : 1 - Double(f.invalid) / Double(f.present))
            }
            return EntityQuality(
                entity: e.entity, rows: e.rows, fields: fields, exactDuplicates: e.exactDuplicates,
                likelyDuplicates: e.likelyDuplicates, stale: e.stale, outliers: e.outliers,
                score: Self.score(
                    rows: e.rows, fields: fields, duplicates: e.exactDuplicates + e.likelyDuplicates, stale: e.stale, outliers: e.outliers))
        }
        let filled = entities.filter { $0.rows > 0 }
        score = filled.isEmpty ? 0 : Int((Double(filled.map(\.score).reduce(0, +)) / Double(filled.count)).rounded())
    }

    /// Computes the report for a workspace.
    public static func compute(for workspace: Workspace, staleAfterDays: Int = 730) throws -> QualityReport {
        let now = workspace.clock()
        let facts = try QualityFacts.read(
            from: workspace.store, staleBefore: now.addingTimeInterval(-Double(staleAfterDays) * 86_400), now: now)
        return QualityReport(facts: facts, generatedAt: now, staleAfterDays: staleAfterDays)
    }

    /// The quality of an activity's input: the lowest score among the entities it reads, so one
    /// bad input cannot hide behind good ones. Entities without rows score 0: no data, no run.
    public func score(of inputs: Set<Entity>) -> Int {
        let relevant = entities.filter { inputs.contains($0.entity) }
        guard !relevant.isEmpty else { return score }
        return relevant.map { $0.rows == 0 ? 0 : $0.score }.min() ?? 0
    }

    public func render(in language: Language) -> String {
        func pct(_ x: Double) -> String { String(format: "%5.1f %%", 100 * x) }
        var lines = [Localized(de: "Datenqualität: \(score)/100", en: "Data quality: \(score)/100")[language]]
        for e in entities {
            lines.append("")
            lines.append(
                "\(e.entity.title[language]) — \(e.rows) \(language == .de ? "Zeilen" : "rows"), \(language == .de ? "Bewertung" : "score") \(e.score)/100"
            )
            if e.rows == 0 { continue }
            lines.append("  " + (language == .de ? "Feld                 Vollständig  Gültig" : "Field                Complete     Valid"))
            for f in e.fields {
                lines.append(
                    "  " + f.field.padding(toLength: 20, withPad: " ", startingAt: 0) + " " + pct(f.completeness) + "     " + pct(f.validity))
            }
            if e.exactDuplicates + e.likelyDuplicates > 0 {
                lines.append(
                    "  "
                        + Localized(
                            de:
                                "Dubletten: \(e.exactDuplicates) gleiche E-Mail, \(e.likelyDuplicates) wahrscheinlich (Name + PLZ) — siehe obhut customers duplicates",
                            en:
                                "Duplicates: \(e.exactDuplicates) same e-mail, \(e.likelyDuplicates) likely (name + postal code) — see obhut customers duplicates"
                        )[language])
            }
            if e.stale > 0 {
                lines.append(
                    "  "
                        + Localized(
                            de: "Veraltet (seit über \(staleAfterDays) Tagen nicht aktualisiert): \(e.stale)",
                            en: "Stale (not updated for over \(staleAfterDays) days): \(e.stale)")[language])
            }
            if e.outliers > 0 {
                lines.append(
                    "  "
                        + Localized(
                            de: "Ausreißer (Positionswert weit außerhalb des Üblichen): \(e.outliers)",
                            en: "Outliers (line value far outside the usual range): \(e.outliers)")[language])
            }
        }
        return lines.joined(separator: "\n")
    }
}
