import Foundation
import GRDB
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
        try await store.auditBatcher.append(
            readDrafts(actor: actor, action: action, subjects: subjects, count: count, activity: activity, reason: reason))
    }

    /// One entry per subject, all at the same time.
    private func readDrafts(actor: Actor, action: String, subjects: [String?], count: Int, activity: String?, reason: String?)
        -> [AuditBatcher.Draft]
    {
        let at = clock()
        return subjects.map {
            AuditBatcher.Draft(
                actor: actor.name, role: actor.role, action: action, subject: $0, count: count, activity: activity, reason: reason, at: at)
        }
    }

    /// A read of personal data and its audit entries in the same group commit (see
    /// `AuditBatcher.read(_:entries:when:)`): the read runs on the writer connection, whose page cache
    /// stays warm, inside the transaction that commits its entries; the result is returned only
    /// once they are committed. One entry per subject, written when `audits` says so for the
    /// read's outcome (e.g. not for an unknown person: nobody was read).
    ///
    /// `body` must only read, synchronously (request paths must not use GRDB's async API).
    public func auditedRead<T: Sendable>(
        actor: Actor, action: String, subjects: [String?], activity: String? = nil, reason: String? = nil,
        audits: @escaping @Sendable (Result<T, any Error>) -> Bool, _ body: @escaping @Sendable (Database) throws -> T
    ) async throws -> T {
        let drafts = readDrafts(actor: actor, action: action, subjects: subjects, count: subjects.count, activity: activity, reason: reason)
        return try await store.auditBatcher.read(body, entries: drafts, when: audits)
    }
}
