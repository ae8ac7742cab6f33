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

    public var runId: Int64?
    public var modelVersion: String?
    public var segments: [Segment]

    /// The segments of the latest completed `segments` run (aggregates only, no person).
    public static func latest(in workspace: Workspace) throws -> SegmentsReport {
        let row = try workspace.store.writer.read { db in
            try Row.fetchOne(
                db,
                sql:
                    "SELECT id, model_version, summary FROM activity_run WHERE activity = 'segments' AND status = 'completed' ORDER BY id DESC LIMIT 1"
            )
        }
        guard let row,
            let summary = (row["summary"] as String?).flatMap({ try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }),
            let sizes = summary["segments"] as? [String: Int]
        else {
            return SegmentsReport(runId: nil, modelVersion: nil, segments: [])
        }
        let segments = sizes.compactMap { id, n -> Segment? in
            guard let s = RFMSegment(rawValue: id) else { return nil }
            return Segment(
                id: id, name: Localized(de: s.germanName, en: s.englishName),
                description: Localized(de: s.germanDescription, en: s.englishDescription), customers: n)
        }.sorted { $0.customers > $1.customers }
        return SegmentsReport(runId: row["id"], modelVersion: row["model_version"], segments: segments)
    }

    /// One customer's segment with its explanation; the read is audited.
    public static func customer(_ id: String, in workspace: Workspace) throws -> SubjectExport.DerivedRecord? {
        let token = workspace.store.keys.subjectToken(customerId: id)
        let row = try workspace.store.writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM derived_result WHERE customer_id = ? AND activity = 'segments' ORDER BY id DESC LIMIT 1", arguments: [id])
        }
        try workspace.audit(actor: .cli, action: "segments.read", subject: token, count: 1, activity: "segments")
        guard let row else { return nil }
        return SubjectExport.DerivedRecord(
            activity: row["activity"], purpose: row["purpose"], kind: row["kind"], value: row["value"],
            explanation: try JSONDecoder().decode(Explanation.self, from: Data((row["explanation"] as String).utf8)),
            modelVersion: row["model_version"], runId: row["run_id"],
            createdAt: Date(timeIntervalSince1970: TimeInterval(row["created_at"] as Int64)),
            stale: (row["stale"] as Int) == 1)
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
        for s in segments {
            lines.append(
                String(
                    format: "  %@ %6d (%4.1f %%)  %@", s.name[l].padding(toLength: 28, withPad: " ", startingAt: 0), s.customers,
                    100 * Double(s.customers) / Double(total), s.description[l]))
        }
        return lines.joined(separator: "\n")
    }
}
