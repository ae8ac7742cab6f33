import Foundation
import GRDB
import ObhutCore
import ObhutImport
import ObhutStore

/// What `obhut status` reports: counts per entity and the latest imports (and, later, runs).
public struct WorkspaceStatus: Sendable, Codable {
    public var directory: String
    public var keyFingerprint: String
    public var counts: [String: Int]
    public var recentImports: [ImportRunRecord]
    public var recentRuns: [RunRecord]

    /// One run of a processing activity, as listed by `obhut status`.
    public struct RunRecord: Sendable, Codable {
        public var id: Int64
        public var activity: String
        public var startedAt: Date
        public var status: String
        public var people: Int
        public var modelVersion: String?
    }

    public init(workspace: Workspace) throws {
        directory = workspace.directory.path
        keyFingerprint = (try? workspace.store.meta("key_fingerprint")) ?? "?"
        counts = Dictionary(uniqueKeysWithValues: try workspace.store.counts().map { ($0.key.rawValue, $0.value) })
        recentImports = try workspace.store.recentImports()
        recentRuns = try workspace.store.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM activity_run ORDER BY id DESC LIMIT 5").map {
                RunRecord(
                    id: $0["id"], activity: $0["activity"], startedAt: Date(timeIntervalSince1970: TimeInterval($0["started_at"] as Int64)),
                    status: $0["status"], people: $0["people"], modelVersion: $0["model_version"])
            }
        }
    }

    public func render(in language: Language) -> String {
        var lines: [String] = []
        lines.append(Localized(de: "Arbeitsbereich: \(directory)", en: "Workspace: \(directory)")[language])
        lines.append(Localized(de: "Schlüssel-Fingerabdruck: \(keyFingerprint)", en: "Key fingerprint: \(keyFingerprint)")[language])
        lines.append("")
        for entity in Entity.allCases {
            let title = entity.title[language]
            lines.append(title.padding(toLength: 26, withPad: " ", startingAt: 0) + String(counts[entity.rawValue] ?? 0))
        }
        lines.append("")
        if recentImports.isEmpty {
            lines.append(Localized(de: "Noch keine Importe.", en: "No imports yet.")[language])
        } else {
            lines.append(Localized(de: "Letzte Importe:", en: "Last imports:")[language])
            for run in recentImports {
                let status =
                    run.status == "committed"
                    ? Localized(de: "übernommen", en: "committed")[language]
                    : run.status == "rejected" ? Localized(de: "abgelehnt", en: "rejected")[language] : run.status
                lines.append(
                    "  #\(run.id) \(DateText.dateTime(run.startedAt))  \(run.entity)  \(run.fileName)  \(run.rowsOK) ok, \(run.rowsRejected) \(language == .de ? "abgewiesen" : "rejected")  [\(status)]"
                )
            }
        }
        lines.append("")
        if recentRuns.isEmpty {
            lines.append(
                Localized(
                    de: "Noch keine Auswertungsläufe (obhut preflight AKTIVITÄT, obhut run AKTIVITÄT).",
                    en: "No analysis runs yet (obhut preflight ACTIVITY, obhut run ACTIVITY).")[language])
        } else {
            lines.append(Localized(de: "Letzte Läufe:", en: "Last runs:")[language])
            for run in recentRuns {
                let status: String =
                    switch run.status {
                    case "completed": Localized(de: "abgeschlossen", en: "completed")[language]
                    case "refused": Localized(de: "abgelehnt (Pre-Flight)", en: "refused (pre-flight)")[language]
                    case "failed": Localized(de: "fehlgeschlagen", en: "failed")[language]
                    case "running": Localized(de: "läuft", en: "running")[language]
                    case "interrupted": Localized(de: "abgebrochen (Prozess beendet)", en: "interrupted (process ended)")[language]
                    default: run.status
                    }
                lines.append(
                    "  #\(run.id) \(DateText.dateTime(run.startedAt))  \(run.activity)  \(run.people) \(language == .de ? "Personen" : "people")  [\(status)]"
                )
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// Dates as people read them in reports (UTC, ISO-like, no locale surprises).
///
/// Computed with integer calendar arithmetic (`CivilDate`) rather than a date formatter: a new
/// `ISO8601DateFormatter` per call cost about 60 µs (ICU set-up), an eighth of the CPU of a
/// dashboard page that lists dates. Same text as the formatter with the same options (tested).
public enum DateText {
    /// `yyyy-mm-dd hh:mm:ss` in UTC.
    public static func dateTime(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let (days, rest) = floorDivision(seconds, 86_400)
        return CivilDate.isoText(fromDays: days) + " " + two(rest / 3600) + ":" + two(rest % 3600 / 60) + ":" + two(rest % 60)
    }

    /// `yyyy-mm-dd` in UTC.
    public static func day(_ date: Date) -> String {
        CivilDate.isoText(fromDays: floorDivision(Int64(date.timeIntervalSince1970.rounded(.down)), 86_400).quotient)
    }

    private static func floorDivision(_ a: Int64, _ b: Int64) -> (quotient: Int64, remainder: Int64) {
        let q = a >= 0 ? a / b : (a - b + 1) / b
        return (q, a - q * b)
    }

    private static func two(_ value: Int64) -> String { value < 10 ? "0" + String(value) : String(value) }
}
