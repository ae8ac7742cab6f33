import Dispatch
import Foundation
import GRDB

/// Group commit for audit entries of reads (the server writes one per person read).
///
/// With `synchronous = FULL` each commit waits for an fsync (about 2 ms on the machines measured
/// here), which would cap audited reads at a few hundred per second if every read committed its
/// own entry. Callers `await append(...)`: entries that arrive while a commit is under way wait
/// for the next one and go in together, in arrival order, each still linked into the hash chain.
/// A caller's `append` returns only after its entry is durable, so no answer leaves the server
/// before its audit entry is on disk.
public actor AuditBatcher {
    public struct Draft: Sendable {
        public var actor: String
        public var role: String
        public var action: String
        public var subject: String?
        public var count: Int
        public var activity: String?
        public var reason: String?
        public var at: Date

        public init(actor: String, role: String, action: String, subject: String?, count: Int, activity: String?, reason: String?, at: Date) {
            self.actor = actor
            self.role = role
            self.action = action
            self.subject = subject
            self.count = count
            self.activity = activity
            self.reason = reason
            self.at = at
        }
    }

    let store: SQLiteStore
    static let queue = DispatchQueue(label: "obhut.audit-batcher")
    private var pending: [([Draft], CheckedContinuation<Void, any Error>)] = []
    private var flushing = false
    /// Commits so far and entries in them (for tests and benchmarks).
    public private(set) var commits = 0
    public private(set) var entries = 0

    public init(store: SQLiteStore) { self.store = store }

    public func append(_ draft: Draft) async throws { try await append([draft]) }

    /// Several entries that commit together (e.g. one per person of a search result).
    public func append(_ drafts: [Draft]) async throws {
        guard !drafts.isEmpty else { return }
        for draft in drafts {
            try AuditGuard.check([
                ("actor", draft.actor), ("role", draft.role), ("action", draft.action), ("subject", draft.subject),
                ("activity", draft.activity), ("reason", draft.reason),
            ])
        }
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
            pending.append((drafts, c))
            if !flushing {
                flushing = true
                Task { await self.flush() }
            }
        }
    }

    private func flush() async {
        while !pending.isEmpty {
            let batch = pending
            pending = []
            do {
                let store = self.store
                let drafts = batch.flatMap(\.0)
                // The commit runs on a queue of its own, not through GRDB's async API: callers on
                // Swift's cooperative threads may be blocked in synchronous database calls, and an
                // async write that needs one of those threads to finish would deadlock them.
                try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
                    Self.queue.async {
                        c.resume(
                            with: Result {
                                try store.writer.write { db in
                                    for d in drafts {
                                        _ = try store.appendAudit(
                                            db, actor: d.actor, role: d.role, action: d.action, subject: d.subject, count: d.count,
                                            activity: d.activity, reason: d.reason, at: d.at)
                                    }
                                }
                            })
                    }
                }
                commits += 1
                entries += drafts.count
                for (_, c) in batch { c.resume() }
            } catch {
                for (_, c) in batch { c.resume(throwing: error) }
            }
        }
        flushing = false
    }
}
