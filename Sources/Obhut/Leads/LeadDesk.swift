import Foundation
import GRDB
import ObhutAnalytics
import ObhutCore
import ObhutStore

/// The sales team's view of lead scores, and the ways a person stays in charge of them: correct
/// a score, mark it wrong, or record that a lead's contact objected (GDPR Art. 21, 22).
public struct LeadDesk: Sendable {
    public let workspace: Workspace
    public let actor: Actor

    public init(workspace: Workspace, actor: Actor = .cli) {
        self.workspace = workspace
        self.actor = actor
    }

    /// One scored open lead.
    public struct ScoredLead: Sendable, Codable {
        public var leadId: String
        public var company: String
        public var stage: String
        public var probability: Double
        public var explanation: Explanation
        public var modelVersion: String
        public var runId: Int64
        /// The owner's latest corrected estimate, if any.
        public var corrected: Double?
        /// Times the score was marked wrong since it was computed.
        public var markedWrong: Int
    }

    /// Open leads by score, highest first; the read is audited.
    public func list(limit: Int = 20) throws -> [ScoredLead] {
        let rows = try workspace.store.writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.*, l.company, l.stage,
                      (SELECT corrected FROM lead_feedback f WHERE f.lead_id = s.lead_id AND f.kind = 'correction' ORDER BY f.id DESC LIMIT 1) AS corrected,
                      (SELECT count(*) FROM lead_feedback f WHERE f.lead_id = s.lead_id AND f.kind = 'wrong' AND f.run_id = s.run_id) AS wrong
                    FROM lead_score s JOIN lead l ON l.id = s.lead_id
                    WHERE l.objected = 0
                    ORDER BY s.probability DESC, s.lead_id LIMIT ?
                    """, arguments: [limit])
        }
        try workspace.audit(actor: actor, action: "leads.read", count: rows.count, activity: "lead-scores")
        return try rows.map { row in
            ScoredLead(
                leadId: row["lead_id"], company: row["company"], stage: row["stage"], probability: row["probability"],
                explanation: try JSONDecoder().decode(Explanation.self, from: Data((row["explanation"] as String).utf8)),
                modelVersion: row["model_version"], runId: row["run_id"], corrected: row["corrected"], markedWrong: row["wrong"])
        }
    }

    /// Records the owner's own estimate for a lead; the next training learns from it.
    public func correct(_ leadId: String, probability: Double, reason: String, by person: String) throws {
        guard (0...1).contains(probability) else { throw LeadDeskError.probability }
        try record(leadId, kind: "correction", corrected: probability, reason: reason, by: person)
    }

    /// Marks a lead's current score as wrong (with a reason) for review.
    public func markWrong(_ leadId: String, reason: String, by person: String) throws {
        try record(leadId, kind: "wrong", corrected: nil, reason: reason, by: person)
    }

    private func record(_ leadId: String, kind: String, corrected: Double?, reason: String, by person: String) throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        let person = person.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw LeadDeskError.reasonMissing }
        guard !person.isEmpty else { throw LeadDeskError.personMissing }
        let now = Int64(workspace.clock().timeIntervalSince1970)
        try workspace.store.writer.write { db in
            guard let objected = try Int.fetchOne(db, sql: "SELECT objected FROM lead WHERE id = ?", arguments: [leadId]) else {
                throw LeadDeskError.unknownLead
            }
            guard objected == 0 else { throw LeadDeskError.objected }
            let score = try Row.fetchOne(db, sql: "SELECT run_id, probability FROM lead_score WHERE lead_id = ?", arguments: [leadId])
            try db.execute(
                sql: "INSERT INTO lead_feedback (lead_id, run_id, kind, scored, corrected, reason, by, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [leadId, score?["run_id"] as Int64?, kind, score?["probability"] as Double?, corrected, reason, person, now])
        }
        try workspace.audit(
            actor: actor, action: kind == "wrong" ? "lead.marked-wrong" : "lead.corrected", subject: token(leadId), count: 1,
            activity: "lead-scores")
    }

    /// The lead's contact objected: the lead leaves every scope and its score is deleted now.
    public func object(_ leadId: String) throws {
        try workspace.store.writer.write { db in
            try db.execute(sql: "UPDATE lead SET objected = 1 WHERE id = ?", arguments: [leadId])
            guard db.changesCount == 1 else { throw LeadDeskError.unknownLead }
            try db.execute(sql: "DELETE FROM lead_score WHERE lead_id = ?", arguments: [leadId])
        }
        try workspace.audit(actor: actor, action: "lead.objected", subject: token(leadId), count: 1, activity: "lead-scores")
    }

    /// The lead's contact asked to be erased (Art. 17): the contact's key is destroyed and the
    /// lead, its score and the sales team's notes on it (free text that may name people) are
    /// deleted, as retention deletes a lead; the keyed token goes to the erasure log, so a restore
    /// erases the lead again.
    public func erase(_ leadId: String) throws {
        let token = token(leadId)
        let now = workspace.clock()
        let store = workspace.store
        try store.writer.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM lead WHERE id = ?)", arguments: [leadId]) == true else {
                throw LeadDeskError.unknownLead
            }
            try Self.eraseRows(db, leadId: leadId)
            try Workspace.recordErasure(db, subject: token, at: now)
            _ = try store.appendAudit(
                db, actor: actor.name, role: actor.role, action: "lead.erased", subject: token, count: 1, activity: "lead-scores", reason: nil,
                at: now)
        }
        try workspace.completeErasure()
    }

    /// Deletes a lead and everything about its contact inside a running transaction (erasure,
    /// retention, a restore's replay).
    static func eraseRows(_ db: Database, leadId: String) throws {
        try db.execute(sql: "DELETE FROM person_key WHERE subject = ?", arguments: ["l:" + leadId])
        try db.execute(sql: "DELETE FROM lead WHERE id = ?", arguments: [leadId])
        try db.execute(sql: "DELETE FROM lead_score WHERE lead_id = ?", arguments: [leadId])
        try db.execute(sql: "DELETE FROM lead_feedback WHERE lead_id = ?", arguments: [leadId])
    }

    /// The keyed token a lead's audit entries and erasure carry.
    static func token(_ leadId: String, in workspace: Workspace) -> String {
        workspace.store.keys.subjectToken(customerId: "lead:" + leadId)
    }

    /// The summary of the latest completed `lead-scores` run: model card and drift.
    public func latestModel() throws -> (runId: Int64, summary: LeadScoresSummary)? {
        let row = try workspace.store.writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT id, summary FROM activity_run WHERE activity = 'lead-scores' AND status = 'completed' ORDER BY id DESC LIMIT 1")
        }
        guard let row, let text = row["summary"] as String? else { return nil }
        return (row["id"], try JSONDecoder().decode(LeadScoresSummary.self, from: Data(text.utf8)))
    }

    private func token(_ leadId: String) -> String { Self.token(leadId, in: workspace) }
}

public enum LeadDeskError: UserFacingError, Equatable {
    case unknownLead, objected, reasonMissing, personMissing, probability

    public func message(in l: Language) -> String {
        switch self {
        case .unknownLead: Localized(de: "Diesen Lead gibt es nicht.", en: "No such lead.")[l]
        case .objected:
            Localized(
                de: "Die Kontaktperson dieses Leads hat widersprochen; er wird nicht mehr bewertet.",
                en: "This lead's contact objected; it is no longer scored.")[l]
        case .reasonMissing: Localized(de: "Bitte einen Grund angeben (--reason).", en: "Please give a reason (--reason).")[l]
        case .personMissing: Localized(de: "Bitte angeben, wer korrigiert (--by).", en: "Please say who corrects (--by).")[l]
        case .probability: Localized(de: "--probability muss zwischen 0 und 1 liegen.", en: "--probability must lie between 0 and 1.")[l]
        }
    }
}
