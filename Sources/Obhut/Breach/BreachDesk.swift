import Foundation
import GRDB
import ObhutCore
import ObhutImport
import ObhutStore

/// Opens and tracks breach cases from the audit log, and drafts the notification to the
/// supervisory authority (Art. 33) and the letter to the people concerned (Art. 34).
public struct BreachDesk: Sendable {
    public let workspace: Workspace
    public let actor: Actor

    public init(workspace: Workspace, actor: Actor = .cli) {
        self.workspace = workspace
        self.actor = actor
    }

    /// Opens a case for the window `from...to` (and one actor, if given), from the audit log.
    public func open(from: Date, to: Date, actorName: String?) throws -> BreachCase {
        guard from <= to else { throw BreachError.window }
        let now = workspace.clock()
        let register = try workspace.register()
        // A broken chain is a verification with a problem, not an error: both count as not intact.
        let chainIntact = (try? workspace.store.verifyAudit())?.isIntact ?? false
        let fromMs = Int64(from.timeIntervalSince1970 * 1000), toMs = Int64(to.timeIntervalSince1970 * 1000)
        let rows = try workspace.store.writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT actor, action, subject, count, activity FROM audit_entry
                    WHERE at >= ? AND at <= ? AND (? IS NULL OR actor = ?) AND action NOT LIKE 'breach.%' ORDER BY sequence
                    """, arguments: [fromMs, toMs, actorName, actorName])
        }
        var actions: [String: Int] = [:]
        var subjects = Set<String>()
        var bulk = 0
        var activities = Set<String>()
        var actors = Set<String>()
        for row in rows {
            let action: String = row["action"]
            actions[action, default: 0] += 1
            actors.insert(row["actor"])
            if let subject: String = row["subject"] {
                subjects.insert(subject)
            } else if Self.readsPeople(action) {
                bulk += row["count"] as Int
            }
            if let activity: String = row["activity"] { activities.insert(activity) }
        }
        var categories = Set<String>()
        for name in activities { register.activity(name).map { categories.formUnion($0.dataCategories) } }
        if !subjects.isEmpty { categories.insert("identity and contact data") }
        let findings = BreachCase.Findings(
            entries: rows.count, actions: actions, peopleIdentified: subjects.count, peopleInBulkReads: bulk, activities: activities.sorted(),
            dataCategories: categories.sorted(), actors: actors.sorted(), auditChainIntact: chainIntact)
        let deadline = now.addingTimeInterval(72 * 3_600)
        let json = try JSON.encode(findings)
        let id = try workspace.store.writer.write { db -> Int64 in
            try db.execute(
                sql: """
                    INSERT INTO breach_case (opened_at, deadline, window_from, window_to, actor, status, findings, subjects)
                    VALUES (?, ?, ?, ?, ?, 'open', ?, ?)
                    """,
                arguments: [
                    Int64(now.timeIntervalSince1970), Int64(deadline.timeIntervalSince1970), Int64(from.timeIntervalSince1970),
                    Int64(to.timeIntervalSince1970), actorName, json, subjects.sorted().joined(separator: "\n"),
                ])
            return db.lastInsertedRowID
        }
        try workspace.audit(actor: actor, action: "breach.open", count: subjects.count + bulk, reason: "case \(id)")
        return BreachCase(
            id: id, openedAt: Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down)),
            deadline: Date(timeIntervalSince1970: deadline.timeIntervalSince1970.rounded(.down)),
            from: Date(timeIntervalSince1970: from.timeIntervalSince1970.rounded(.down)),
            to: Date(timeIntervalSince1970: to.timeIntervalSince1970.rounded(.down)), actor: actorName, status: .open, findings: findings)
    }

    /// A time as people type it (ISO 8601 or German), in the shop's time zone when none is given.
    public static func time(_ text: String) -> Date? {
        guard case .success(let seconds) = TimestampParser(localTime: .zone(PurchaseLinesBuilder.zone)).seconds(text) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Actions that read or hand out personal data (as opposed to changes and checks).
    static func readsPeople(_ action: String) -> Bool {
        action.hasSuffix(".read") || action.hasSuffix(".export") || action == "scope.read" || action.hasPrefix("subject.export")
            || action.hasSuffix(".list")
    }

    public func list(includeClosed: Bool = false) throws -> [BreachCase] {
        let rows = try workspace.store.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM breach_case \(includeClosed ? "" : "WHERE status = 'open'") ORDER BY id")
        }
        return try rows.map(Self.decode)
    }

    public func get(_ id: Int64) throws -> BreachCase {
        guard
            let row = try workspace.store.writer.read({ db in try Row.fetchOne(db, sql: "SELECT * FROM breach_case WHERE id = ?", arguments: [id]) })
        else { throw BreachError.unknownCase }
        return try Self.decode(row)
    }

    public func close(_ id: Int64, note: String) throws {
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !note.isEmpty else { throw BreachError.noteMissing }
        try workspace.store.writer.write { db in
            try db.execute(
                sql: "UPDATE breach_case SET status = 'closed', closed_at = ?, closing_note = ? WHERE id = ? AND status = 'open'",
                arguments: [Int64(workspace.clock().timeIntervalSince1970), note, id])
            guard db.changesCount == 1 else { throw BreachError.unknownCase }
        }
        try workspace.audit(actor: actor, action: "breach.close", count: 0, reason: "case \(id)")
    }

    /// The customer ids of the people named individually in the case's window, to write to
    /// (Art. 34). People erased since cannot be named any more. The read is audited.
    public func recipients(_ id: Int64) throws -> [String] {
        let tokens = try workspace.store.writer.read { db in
            try String.fetchOne(db, sql: "SELECT subjects FROM breach_case WHERE id = ?", arguments: [id])
        }
        guard let tokens else { throw BreachError.unknownCase }
        let wanted = Set(tokens.split(separator: "\n").map(String.init))
        var found: [String] = []
        if !wanted.isEmpty {
            let keys = workspace.store.keys
            let cursorIds = try workspace.store.writer.read { db in try String.fetchAll(db, sql: "SELECT id FROM customer ORDER BY id") }
            for id in cursorIds where wanted.contains(keys.subjectToken(customerId: id)) { found.append(id) }
        }
        try workspace.audit(actor: actor, action: "breach.recipients", count: found.count, reason: "case \(id)")
        return found
    }

    static func decode(_ row: Row) throws -> BreachCase {
        func date(_ key: String) -> Date { Date(timeIntervalSince1970: TimeInterval(row[key] as Int64)) }
        return BreachCase(
            id: row["id"], openedAt: date("opened_at"), deadline: date("deadline"), from: date("window_from"), to: date("window_to"),
            actor: row["actor"], status: BreachCase.Status(rawValue: row["status"]) ?? .open,
            findings: try JSONDecoder().decode(BreachCase.Findings.self, from: Data((row["findings"] as String).utf8)),
            closedAt: (row["closed_at"] as Int64?).map { Date(timeIntervalSince1970: TimeInterval($0)) }, closingNote: row["closing_note"])
    }
}

public enum BreachError: UserFacingError, Equatable {
    case window, unknownCase, noteMissing, badTime(String)

    public func message(in l: Language) -> String {
        switch self {
        case .window: Localized(de: "--from muss vor --to liegen.", en: "--from must lie before --to.")[l]
        case .unknownCase: Localized(de: "Diesen offenen Fall gibt es nicht (obhut breach list).", en: "No such open case (obhut breach list).")[l]
        case .noteMissing: Localized(de: "Bitte eine Notiz angeben (--note).", en: "Please give a note (--note).")[l]
        case .badTime(let option):
            Localized(
                de: "\(option): Zeitpunkt als 2026-11-20T14:00 oder 20.11.2026 14:00 angeben.",
                en: "\(option): give the time as 2026-11-20T14:00 or 20.11.2026 14:00.")[l]
        }
    }
}
