import Foundation
import GRDB

extension AuditBatcher {
    /// One caller's work in a group commit. `@usableFromInline` (like `enqueue` and `perform`):
    /// `read` is `@inlinable`, so the server's call is specialised for its result type instead of
    /// looking up generic metadata for the continuation and closures on every request.
    @usableFromInline
    struct Job: Sendable {
        /// What a job did inside the transaction: the entries it wrote and the answer to give
        /// its caller once the transaction has committed.
        @usableFromInline
        struct Done: Sendable {
            let entries: Int
            let answer: @Sendable () -> Void

            @usableFromInline
            init(entries: Int, answer: @escaping @Sendable () -> Void) {
                self.entries = entries
                self.answer = answer
            }
        }
        /// Runs inside the group's transaction (in a savepoint of its own).
        let perform: @Sendable (Database, SQLiteStore) -> Done
        /// Answers the caller with the error of a group transaction that did not commit.
        let fail: @Sendable (any Error) -> Void

        @usableFromInline
        init(perform: @escaping @Sendable (Database, SQLiteStore) -> Done, fail: @escaping @Sendable (any Error) -> Void) {
            self.perform = perform
            self.fail = fail
        }
    }

    /// Reads in the next group commit and returns the read's result once its entries are
    /// committed (durable or in the WAL, as `durability` says).
    ///
    /// - Parameters:
    ///   - body: the read, synchronous, on the writer connection inside the group's transaction.
    ///     It must not write and must not call GRDB's async API. Its snapshot includes what the
    ///     group's earlier entries wrote (audit entries only).
    ///   - drafts: the read's audit entries, checked by `AuditGuard` before anything is queued
    ///     (here, in the caller's task, not on the serial writer).
    ///   - audits: whether the read's outcome is audited: e.g. not when the person does not exist
    ///     (nobody was read), but when a known person's read failed (the entry names the attempt).
    /// - Throws: an entry refused by `AuditGuard` (nothing is read); the read's error (after its
    ///   entries are committed); an entry not written (the read is then not returned); the group's
    ///   commit error. One caller's failure never takes another caller's entries with it.
    @inlinable
    public func read<T: Sendable>(
        _ body: @escaping @Sendable (Database) throws -> T, entries drafts: [Draft],
        when audits: @escaping @Sendable (Result<T, any Error>) -> Bool
    ) async throws -> T {
        for draft in drafts { try draft.check() }
        // One suspension: the committer thread resumes the continuation exactly once, with the
        // job's outcome after the commit (`answer`) or with the commit's error (`fail`), never both.
        return try await withCheckedThrowingContinuation { (c: CheckedContinuation<T, any Error>) in
            enqueue(
                Job(
                    perform: { db, store in
                        let (outcome, written) = Self.perform(body, drafts: drafts, when: audits, in: db, store: store)
                        return Job.Done(entries: written, answer: { c.resume(with: outcome) })
                    }, fail: { c.resume(throwing: $0) }))
        }
    }

    /// The read and its entries in a savepoint: rolled back together if an entry is not written.
    @inlinable
    static func perform<T>(
        _ body: (Database) throws -> T, drafts: [Draft], when audits: (Result<T, any Error>) -> Bool, in db: Database, store: SQLiteStore
    ) -> (Result<T, any Error>, Int) {
        var outcome: Result<T, any Error> = .failure(CancellationError())
        var written = 0
        do {
            try inJobSavepoint(db) {
                outcome = Result { try body(db) }
                guard audits(outcome) else { return }
                for d in drafts {
                    _ = try store.appendAudit(
                        db, actor: d.actor, role: d.role, action: d.action, subject: d.subject, count: d.count, activity: d.activity,
                        reason: d.reason, at: d.at)
                }
                written = drafts.count
            }
        } catch {
            return (.failure(error), 0)
        }
        return (outcome, written)
    }

    /// Runs `body` in a savepoint of its own: released if it returns, rolled back (and released)
    /// if it throws, and the error rethrown. The group's transaction is always open here, so this
    /// is a nested savepoint, never a transaction of its own.
    ///
    /// The statements are compiled once per connection (cached): GRDB's `inSavepoint` compiles
    /// `SAVEPOINT` and `RELEASE` on every call, about a tenth of the committer's time per
    /// recommendations read (perf, issue 7). GRDB tracks savepoints from the statements
    /// themselves, cached or not. As in `inSavepoint`, a rollback that fails itself is not
    /// reported over the body's error (the group's commit then fails on its own).
    @usableFromInline
    static func inJobSavepoint(_ db: Database, _ body: () throws -> Void) throws {
        try db.cachedStatement(sql: "SAVEPOINT audit_job").execute()
        do {
            try body()
        } catch {
            try? db.cachedStatement(sql: "ROLLBACK TO SAVEPOINT audit_job").execute()
            try? db.cachedStatement(sql: "RELEASE SAVEPOINT audit_job").execute()
            throw error
        }
        try db.cachedStatement(sql: "RELEASE SAVEPOINT audit_job").execute()
    }
}
