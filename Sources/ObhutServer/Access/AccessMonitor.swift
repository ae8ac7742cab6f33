import Foundation
import GRDB
import Logging
import Obhut
import ObhutStore
import Synchronization

/// Watches how many distinct people each user reads per hour (clock hours). When a user goes
/// over the threshold, an access alert is stored (`access_alert`, shown in the privacy cockpit)
/// and written to the audit log, once per user and hour. People are counted by their keyed
/// subject token, so the monitor holds no personal data.
///
/// A class with a lock, not an actor: every audited read records here, and an actor hop cost the
/// request path a suspension and a resumption each time. The lock is held only to count; the
/// rare alert is written after it is released (once per user and hour, decided under the lock).
public final class AccessMonitor: Sendable {
    public let threshold: Int
    let workspace: Workspace

    struct State: Sendable {
        var hour: Int64 = -1
        var seen: [String: Set<String>] = [:]
        var alerted: Set<String> = []
    }
    private let state = Mutex(State())
    static let log = Logger(label: "obhut.access-monitor")

    public init(workspace: Workspace, threshold: Int) {
        self.workspace = workspace
        self.threshold = threshold
    }

    /// Notes that `principal` read these people (subject tokens); returns true when this read
    /// raised an alert. Synchronous: callers do not suspend; only a raised alert writes (one
    /// small synchronous commit: the alert and its audit entry). An alert that cannot be stored
    /// is raised again on the user's next read.
    @discardableResult
    public func record(_ principal: Principal, subjects: [String], at now: Date) -> Bool {
        let h = Int64(now.timeIntervalSince1970) / 3_600
        let who = principal.actor.name
        let raised = state.withLock { s -> Int? in
            if h != s.hour {
                s.hour = h
                s.seen.removeAll(keepingCapacity: true)
                s.alerted.removeAll()
            }
            s.seen[who, default: []].formUnion(subjects)
            let count = s.seen[who]?.count ?? 0
            guard count > threshold, !s.alerted.contains(who) else { return nil }
            s.alerted.insert(who)
            return count
        }
        guard let count = raised else { return false }
        let actor = principal.actor
        let store = workspace.store
        let job = Actor.job("access-monitor")
        let reason = "user=\(actor.name) more than \(threshold) people within one hour"
        do {
            // The alert and its audit entry commit together: the cockpit never shows an alert
            // the audit log lacks, nor the other way round.
            try AuditGuard.check([("reason", reason)])
            try store.writer.write { db in
                try db.execute(
                    sql: "INSERT INTO access_alert (user_name, role, people, window_start, raised_at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [actor.name, actor.role, count, h * 3_600, Int64(now.timeIntervalSince1970)])
                _ = try store.appendAudit(
                    db, actor: job.name, role: job.role, action: "alert.mass-access", subject: nil, count: count,
                    activity: nil, reason: reason, at: now)
            }
        } catch {
            // Not stored: the next read of this user tries again, so the alert is not lost. The
            // log names neither the user nor anyone read.
            state.withLock { s in if s.hour == h { s.alerted.remove(who) } }
            Self.log.error("access alert could not be stored; retried on the user's next read", metadata: ["error": "\(type(of: error))"])
            return false
        }
        return true
    }
}

/// A raised access alert, for the cockpit and the API.
public struct AccessAlert: Sendable, Codable, Equatable {
    public var id: Int64
    public var user: String
    public var role: String
    public var people: Int
    public var windowStart: Date
    public var raisedAt: Date
    public var acknowledged: Bool

    public static func list(in workspace: Workspace, limit: Int = 50) throws -> [AccessAlert] {
        try workspace.store.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM access_alert ORDER BY id DESC LIMIT ?", arguments: [limit]).map {
                AccessAlert(
                    id: $0["id"], user: $0["user_name"], role: $0["role"], people: $0["people"],
                    windowStart: Date(timeIntervalSince1970: TimeInterval($0["window_start"] as Int64)),
                    raisedAt: Date(timeIntervalSince1970: TimeInterval($0["raised_at"] as Int64)),
                    acknowledged: ($0["acknowledged_at"] as Int64?) != nil)
            }
        }
    }
}
