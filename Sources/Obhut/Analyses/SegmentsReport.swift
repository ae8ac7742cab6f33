import Foundation
import GRDB
import ObhutAnalytics
import ObhutCore
import ObhutStore

/// What `obhut segments` shows: the segments of the latest run with their sizes and meaning, or
/// one customer's segment with its explanation.
public struct SegmentsReport: Sendable, Codable {
    public struct Segment: Sendable, Codable {
        public var id: String
        public var name: Localized
        public var description: Localized
        public var customers: Int
    }

    /// A behavioural segment (k-means) with what sets it apart.
    public struct Cluster: Sendable, Codable {
        public var index: Int
        public var name: Localized
        public var description: Localized
        public var customers: Int
    }

    public var runId: Int64?
    public var modelVersion: String?
    /// RFM segments, largest first.
    public var segments: [Segment]
    /// Behavioural segments, largest first (nil when the run had too few customers or an older model).
    public var clusters: [Cluster]?
    /// Silhouette of the chosen number of behavioural segments, and their stability across seeds
    /// (mean adjusted Rand index, 1 = identical).
    public var silhouette: Double?
    public var stability: Double?
    /// Why there are no behavioural segments, if there are none.
    public var note: Localized?

    /// The segments of the latest completed `segments` run (aggregates only, no person).
    public static func latest(in workspace: Workspace) throws -> SegmentsReport {
        let row = try workspace.store.writer.read { db in
            try Row.fetchOne(
                db,
                sql:
                    "SELECT id, model_version, summary FROM activity_run WHERE activity = 'segments' AND status = 'completed' ORDER BY id DESC LIMIT 1"
            )
        }
        guard let row, let text = row["summary"] as String?,
            let summary = try? JSONDecoder().decode(SegmentsSummary.self, from: Data(text.utf8))
        else {
            return SegmentsReport(runId: nil, modelVersion: nil, segments: [])
        }
        let segments = summary.segments.compactMap { id, n -> Segment? in
            guard let s = RFMSegment(rawValue: id) else { return nil }
            return Segment(
                id: id, name: Localized(de: s.germanName, en: s.englishName),
                description: Localized(de: s.germanDescription, en: s.englishDescription), customers: n)
        }.sorted { $0.customers > $1.customers || ($0.customers == $1.customers && $0.id < $1.id) }
        let clusters = summary.clusters?.map {
            Cluster(index: $0.index, name: $0.name, description: $0.description, customers: $0.profile.customers)
        }
        let chosen = summary.clusters.flatMap { c in summary.candidates?.first { $0.clusters == c.count } }
        return SegmentsReport(
            runId: row["id"], modelVersion: row["model_version"], segments: segments, clusters: clusters, silhouette: chosen?.silhouette,
            stability: summary.stability, note: summary.note)
    }

    /// One customer's segment with its explanation; the read is audited.
    public static func customer(_ id: String, in workspace: Workspace, actor: Actor = .cli) throws -> SubjectExport.DerivedRecord? {
        let token = workspace.store.keys.subjectToken(customerId: id)
        let row = try workspace.store.writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM derived_result WHERE customer_id = ? AND activity = 'segments' ORDER BY id DESC LIMIT 1", arguments: [id])
        }
        try workspace.audit(actor: actor, action: "segments.read", subject: token, count: 1, activity: "segments")
        guard let row else { return nil }
        return SubjectExport.DerivedRecord(
            activity: row["activity"], purpose: row["purpose"], kind: row["kind"], value: row["value"],
            explanation: try JSONDecoder().decode(Explanation.self, from: Data((row["explanation"] as String).utf8)),
            modelVersion: row["model_version"], runId: row["run_id"],
            createdAt: Date(timeIntervalSince1970: TimeInterval(row["created_at"] as Int64)),
            stale: (row["stale"] as Int) == 1)
    }

    /// "14.4" or, in German, "14,4", padded to four characters.
    static func percent(_ part: Int, of total: Int, _ l: Language) -> String {
        let text = l.decimal(100 * Double(part) / Double(max(1, total)), digits: 1)
        return String(repeating: " ", count: max(0, 4 - text.count)) + text
    }

    public func render(in l: Language) -> String {
        guard let runId else {
            return Localized(
                de: "Noch keine Segmente. Erst: obhut preflight segments, dann obhut run segments.",
                en: "No segments yet. First: obhut preflight segments, then obhut run segments.")[l]
        }
        var lines = [
            Localized(
                de: "Segmente aus Lauf \(runId) (Modell \(modelVersion ?? "?")):", en: "Segments from run \(runId) (model \(modelVersion ?? "?")):")[
                    l]
        ]
        let total = max(1, segments.reduce(0) { $0 + $1.customers })
        lines.append(Localized(de: "RFM-Segmente (Aktualität, Häufigkeit, Umsatz):", en: "RFM segments (recency, frequency, monetary):")[l])
        for s in segments {
            lines.append(
                String(
                    format: "  %@ %6d (%@ %%)  %@", s.name[l].padding(toLength: 28, withPad: " ", startingAt: 0), s.customers,
                    Self.percent(s.customers, of: total, l), s.description[l]))
        }
        if let clusters, !clusters.isEmpty {
            let quality = l.decimal(silhouette ?? 0, digits: 2)
            let stable = l.decimal(stability ?? 0, digits: 2)
            lines.append("")
            lines.append(
                Localized(
                    de: "Verhaltenssegmente (k-means, \(clusters.count) Gruppen; Silhouette \(quality), Stabilität \(stable)):",
                    en: "Behavioural segments (k-means, \(clusters.count) groups; silhouette \(quality), stability \(stable)):")[l])
            for c in clusters {
                lines.append(
                    String(
                        format: "  %@ %6d (%@ %%)", c.name[l].padding(toLength: 40, withPad: " ", startingAt: 0), c.customers,
                        Self.percent(c.customers, of: total, l)))
                lines.append("      " + c.description[l])
            }
            if let stability, stability < 0.7 {
                lines.append(
                    Localized(
                        de: "  Hinweis: Die Gruppen ändern sich mit dem Startwert deutlich; als Tendenz lesen, nicht als feste Einteilung.",
                        en: "  Note: the groups change noticeably with the seed; read them as a tendency, not a fixed division.")[l])
            }
        } else if let note {
            lines.append(note[l])
        }
        return lines.joined(separator: "\n")
    }
}
