import Foundation
import GRDB
import ObhutCore
import ObhutStore

/// What a staff member's look at one person needs (the server's customer detail): the record,
/// the current consent per purpose, restrictions, the orders as counts and dates, and the
/// derived results the caller may show; the messages only when asked for.
///
/// `SubjectExport` is the person's own copy of everything (Art. 15) and loads every order line
/// and every message; reading that for a page that shows two counts and two dates cost most of
/// the page's database time, and decrypting messages a role may not see was wasted work.
public struct SubjectSummary: Sendable {
    public struct Orders: Sendable, Equatable {
        /// Order lines and distinct orders.
        public var lines: Int
        public var orders: Int
        /// First and last order time, nil without orders.
        public var first: Date?
        public var last: Date?
    }

    public var customer: Customer
    /// Current consent per purpose: the latest event of each purpose (true granted, false
    /// withdrawn); purposes never asked are absent.
    public var consents: [String: Bool]
    public var restrictions: [SubjectExport.RestrictionRecord]
    public var orders: Orders
    /// Decrypted messages, oldest first; nil when not asked for.
    public var feedback: [SubjectExport.FeedbackRecord]?
    /// Derived results of the activities asked for, ordered by activity, kind, id.
    public var derivedResults: [SubjectExport.DerivedRecord]
}

extension SubjectRights {
    /// One person's summary for a staff member, audited as `customer.view` with `reason`: the
    /// summary is returned only once its audit entry is committed. An unknown id throws
    /// `unknownCustomer` and is not audited (nobody was read); for a known person whose read
    /// fails later (a damaged record), the entry is written all the same: it names the attempt.
    ///
    /// The read runs in the audit group commit (`Workspace.auditedRead`): on the writer
    /// connection, inside the transaction that commits its entry. One transaction instead of a
    /// read transaction plus the entry's, and a warm page cache: a pool reader's cache is emptied
    /// whenever another connection has committed, and audit entries commit all the time.
    ///
    /// - Parameters:
    ///   - activities: the processing activities whose derived results to return (nil: all);
    ///     results of other activities are neither decoded nor returned.
    ///   - feedback: whether to read and decrypt the person's messages.
    public func summary(_ customerId: String, reason: String, activities: Set<String>?, feedback: Bool) async throws -> SubjectSummary {
        try await workspace.auditedRead(
            actor: actor, action: "customer.view", subjects: [store.keys.subjectToken(customerId: customerId)], reason: reason,
            audits: { outcome in
                if case .failure(let error) = outcome, case SubjectError.unknownCustomer = error { return false }  // nobody was read
                return true
            }
        ) { [self] db in try readSummary(customerId, activities: activities, feedback: feedback, in: db) }
    }

    /// The reads of `summary`, inside one transaction (one snapshot), statements cached per
    /// connection, columns read by position where it matters. Synchronous: request paths must not
    /// use GRDB's async API.
    func readSummary(_ customerId: String, activities: Set<String>?, feedback wantsFeedback: Bool, in db: Database) throws -> SubjectSummary {
        guard let customer = try store.customer(id: customerId, in: db) else { throw SubjectError.unknownCustomer(customerId) }
        // Consents, orders and derived results come unsorted and are sorted or folded here: a
        // person has a handful of rows of each, and SQLite's ORDER BY and count(DISTINCT) built a
        // temporary b-tree for each on every page, on the serial committer (perf, issue 7).
        var latest: [String: (at: Int64, seq: Int64, granted: Bool)] = [:]
        try RawRows.cached(db, sql: "SELECT purpose, granted, at, seq FROM consent_event WHERE customer_id = ?", arguments: [customerId]) { rows in
            while try rows.next() {
                // The latest event of a purpose (by time, then by recording order) is its state.
                let purpose = rows.string(0), at = rows.int64(2), seq = rows.int64(3)
                if let seen = latest[purpose], (seen.at, seen.seq) > (at, seq) { continue }
                latest[purpose] = (at, seq, rows.int64(1) == 1)
            }
        }
        let consents = latest.mapValues(\.granted)
        let restrictions = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT kind, purpose, at FROM person_restriction WHERE customer_id = ? ORDER BY at"), arguments: [customerId]
        ).map { SubjectExport.RestrictionRecord(kind: $0[0], purpose: $0[1], at: SubjectExport.date($0[2])) }
        var lines = 0
        var orderIds = Set<String>()
        var first: Int64?
        var last: Int64?
        try RawRows.cached(
            db, sql: "SELECT o.order_id, o.ordered_at FROM customer c JOIN order_line o ON o.customer_ref = c.ref WHERE c.id = ?",
            arguments: [customerId]
        ) { rows in
            while try rows.next() {
                lines += 1
                orderIds.insert(rows.string(0))
                let at = rows.int64(1)
                first = min(first ?? at, at)
                last = max(last ?? at, at)
            }
        }
        let orders = SubjectSummary.Orders(
            lines: lines, orders: orderIds.count, first: first.map(SubjectExport.date), last: last.map(SubjectExport.date))
        var feedback: [SubjectExport.FeedbackRecord]?
        if wantsFeedback {
            feedback = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT f.id, f.kind, f.rating, f.sealed_text, k.wrapped, f.created_at
                        FROM feedback f LEFT JOIN person_key k ON k.subject = 'c:' || f.customer_id WHERE f.customer_id = ? ORDER BY f.created_at
                        """), arguments: [customerId]
            ).map {
                .init(
                    id: $0[0], kind: $0[1], rating: $0[2],
                    text: try store.keys.openFeedbackText(id: $0[0], customerId: customerId, sealed: $0[3], wrappedKey: $0[4]),
                    createdAt: SubjectExport.date($0[5]))
            }
        }
        var derived: [(id: Int64, record: SubjectExport.DerivedRecord)] = []
        try RawRows.cached(
            db,
            sql: """
                SELECT activity, purpose, kind, value, explanation, model_version, run_id, created_at, stale, id
                FROM derived_result WHERE customer_id = ?
                """, arguments: [customerId]
        ) { rows in
            while try rows.next() {
                let activity = rows.string(0)
                if let activities, !activities.contains(activity) { continue }
                derived.append(
                    (
                        rows.int64(9),
                        .init(
                            activity: activity, purpose: rows.string(1), kind: rows.string(2), value: rows.string(3),
                            explanation: try Explanation(jsonText: rows.string(4)), modelVersion: rows.string(5), runId: rows.int64(6),
                            createdAt: SubjectExport.date(rows.int64(7)), stale: rows.int64(8) == 1)
                    ))
            }
        }
        derived.sort { ($0.record.activity, $0.record.kind, $0.id) < ($1.record.activity, $1.record.kind, $1.id) }
        return SubjectSummary(
            customer: customer, consents: consents, restrictions: restrictions, orders: orders, feedback: feedback,
            derivedResults: derived.map(\.record))
    }
}
