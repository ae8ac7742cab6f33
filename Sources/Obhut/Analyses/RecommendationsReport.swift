import Foundation
import GRDB
import ObhutCore
import ObhutStore

/// Reading a customer's precomputed recommendations (one indexed row), audited.
public enum RecommendationsReport {
    public struct List: Sendable, Codable {
        public var customerId: String
        public var products: [RecommendedProduct]
        public var modelVersion: String
        public var runId: Int64
        public var stale: Bool
    }

    public static func list(_ customer: String, in workspace: Workspace, actor: Actor = .cli) throws -> List? {
        let list = try fetch(customer, in: workspace)?.decoded()
        try workspace.audit(
            actor: actor, action: "recommendations.read", subject: workspace.store.keys.subjectToken(customerId: customer), count: 1,
            activity: "recommendations")
        return list
    }

    /// A list as stored: the products still as the JSON array the run wrote (`[RecommendedProduct]`,
    /// sorted keys). The server passes it through unchanged when the whole list is asked for:
    /// decoding and re-encoding it took a quarter of the CPU of a request.
    ///
    /// The array is kept as the column's bytes: building a `String` validated and copied the
    /// UTF-8 of every list on the serial committer, and the server writes the bytes as they are.
    public struct Stored: Sendable {
        public var customerId: String
        /// The UTF-8 of the JSON array, as the run wrote it.
        public var productsUTF8: [UInt8]
        public var modelVersion: String
        public var runId: Int64
        public var stale: Bool

        /// The array as text (invalid UTF-8, which Obhut never writes, repaired).
        public var productsJSON: String { String(decoding: productsUTF8, as: UTF8.self) }

        public func decoded() throws -> List {
            List(
                customerId: customerId, products: try RecommendedProduct.list(jsonText: productsJSON),
                modelVersion: modelVersion, runId: runId, stale: stale)
        }
    }

    /// The same for concurrent readers (the server), in one group commit with the audit entry
    /// (`Workspace.auditedRead`): the list is read on the writer connection inside the
    /// transaction that commits the entry, and returned once the entry is committed. `subject` is
    /// the person's keyed token (`KeyRing.subjectToken(customerId:)`), which the caller also
    /// hands to the access monitor. An unknown customer is not audited (nobody was read); a known
    /// one without a list is; a read that fails is not (nothing was read) and throws.
    public static func read(_ customer: String, subject: String, in workspace: Workspace, actor: Actor) async throws -> Answer {
        let store = workspace.store
        return try await workspace.auditedRead(
            actor: actor, action: "recommendations.read", subjects: [subject], activity: "recommendations",
            audits: { outcome in
                switch outcome {
                case .success(.unknownCustomer), .failure: false
                case .success: true
                }
            }
        ) { db in
            // The list first: on the common path one look-up answers both "known?" and "list?".
            if let list = try fetch(customer, in: db) { return .list(list) }
            return try store.customerExists(id: customer, in: db) ? .noList : .unknownCustomer
        }
    }

    public enum Answer: Sendable {
        case unknownCustomer
        /// Lists are stored only for people with personalization consent.
        case noList
        case list(Stored)
    }

    static func fetch(_ customer: String, in workspace: Workspace) throws -> Stored? {
        try workspace.store.singleStatementRead { db in try fetch(customer, in: db) }
    }

    static func fetch(_ customer: String, in db: Database) throws -> Stored? {
        // Columns by position straight from SQLite: no row copy, and the list (a few KiB of JSON)
        // copied once as bytes.
        try RawRows.cached(
            db,
            sql:
                "SELECT value, model_version, run_id, stale FROM derived_result WHERE activity = 'recommendations' AND customer_id = ? ORDER BY id DESC LIMIT 1",
            arguments: [customer]
        ) { rows in
            guard try rows.next() else { return nil }
            guard !rows.isNull(0) else { throw DatabaseError(resultCode: .SQLITE_MISMATCH, message: "a stored recommendation list is NULL") }
            return Stored(
                customerId: customer, productsUTF8: rows.withBytes(0) { Array($0) }, modelVersion: rows.string(1), runId: rows.int64(2),
                stale: rows.int64(3) == 1)
        }
    }

    /// How each model did on the held-out purchases in the latest run (aggregates only).
    public static func latestSummary(in workspace: Workspace) throws -> RecommendationsSummary? {
        let text = try workspace.store.writer.read { db in
            try String.fetchOne(
                db, sql: "SELECT summary FROM activity_run WHERE activity = 'recommendations' AND status = 'completed' ORDER BY id DESC LIMIT 1")
        }
        return try text.map { try JSONDecoder().decode(RecommendationsSummary.self, from: Data($0.utf8)) }
    }
}
