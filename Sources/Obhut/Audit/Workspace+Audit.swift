import Foundation
import ObhutStore

extension Workspace {
    /// Appends an audit entry for an action of `actor`. `subject` is a keyed person token
    /// (`keys.subjectToken`), never a name or an e-mail address.
    @discardableResult
    public func audit(actor: Actor, action: String, subject: String? = nil, count: Int, activity: String? = nil, reason: String? = nil) throws
        -> AuditEntry
    {
        try store.appendAudit(
            actor: actor.name, role: actor.role, action: action, subject: subject, count: count,
            activity: activity, reason: reason, at: clock())
    }

    /// Audit entries for reads by concurrent callers (the server): group-committed with other
    /// readers' entries; returns once they are durable.
    public func auditReads(actor: Actor, action: String, subjects: [String?], count: Int, activity: String? = nil, reason: String? = nil) async throws
    {
        let at = clock()
        try await store.auditBatcher.append(
            subjects.map {
                AuditBatcher.Draft(
                    actor: actor.name, role: actor.role, action: action, subject: $0, count: count, activity: activity, reason: reason, at: at)
            })
    }
}
