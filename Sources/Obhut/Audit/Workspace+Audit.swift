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
}
