import Foundation
import ObhutCore
import ObhutStore

/// What `obhut status` reports: counts per entity and the latest imports (and, later, runs).
public struct WorkspaceStatus: Sendable, Codable {
    public var directory: String
    public var keyFingerprint: String
    public var counts: [String: Int]
    public var recentImports: [ImportRunRecord]

    public init(workspace: Workspace) throws {
        directory = workspace.directory.path
        keyFingerprint = (try? workspace.store.meta("key_fingerprint")) ?? "?"
        counts = Dictionary(uniqueKeysWithValues: try workspace.store.counts().map { ($0.key.rawValue, $0.value) })
        recentImports = try workspace.store.recentImports()
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
                let status = run.status == "committed"
                    ? Localized(de: "übernommen", en: "committed")[language]
                    : run.status == "rejected" ? Localized(de: "abgelehnt", en: "rejected")[language] : run.status
                lines.append("  #\(run.id) \(DateText.dateTime(run.startedAt))  \(run.entity)  \(run.fileName)  \(run.rowsOK) ok, \(run.rowsRejected) \(language == .de ? "abgewiesen" : "rejected")  [\(status)]")
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// Dates as people read them in reports (UTC, ISO-like, no locale surprises).
public enum DateText {
    public static func dateTime(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
        return f.string(from: date)
    }

    public static func day(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withFullDate]
        return f.string(from: date)
    }
}
