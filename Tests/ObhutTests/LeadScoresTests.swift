import Foundation
import GRDB
import ObhutCore
import Testing

@testable import Obhut

struct LeadScoresTests {
    /// The demo's leads: every open lead that has not objected gets a calibrated score with
    /// reasons; the model card says how well it did on held-out leads.
    @Test func demoLeadsAreScoredWithReasonsAndACard() throws {
        let ws = try makeWorkspace()
        _ = try DemoRunner(workspace: ws).run(seed: 11, customers: 600, asOf: DemoRunnerTests.asOf)
        let desk = LeadDesk(workspace: ws)
        let open = try ws.store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM lead WHERE outcome = 'open' AND objected = 0") }
        let leads = try desk.list(limit: 10_000)
        #expect(leads.count == open)
        #expect(zip(leads, leads.dropFirst()).allSatisfy { $0.probability >= $1.probability })
        #expect(leads.allSatisfy { $0.explanation.summary.de.contains("keine Entscheidung") && !$0.explanation.factors.isEmpty })
        let (_, summary) = try #require(try desk.latestModel())
        #expect(try #require(summary.card.heldOutAUC) > 0.75, "demo leads are learnable (AUC about 0.8)")
        #expect(summary.card.heldOutBrier < 0.2)
        #expect(summary.card.features.allSatisfy { !$0.key.contains("stage") })
        let text = ModelCardReport.render(summary, runId: 1, in: .de)
        #expect(text.contains("Modellkarte") && text.contains("Art. 9"))
    }

    /// A person stays in charge: corrections are kept and counted in the next training; an
    /// objecting lead loses its score at once and is never scored again.
    @Test func correctionsAreLearntAndObjectingLeadsAreNeverScored() throws {
        let ws = try makeWorkspace()
        _ = try DemoRunner(workspace: ws).run(seed: 12, customers: 600, asOf: DemoRunnerTests.asOf)
        let desk = LeadDesk(workspace: ws)
        let leads = try desk.list(limit: 10_000)
        let first = try #require(leads.first), second = try #require(leads.dropFirst().first)
        try desk.correct(first.leadId, probability: 0.1, reason: "Budget für dieses Jahr gestrichen", by: "Vertrieb Test")
        try desk.markWrong(second.leadId, reason: "Ansprechpartner hat gewechselt", by: "Vertrieb Test")
        #expect(throws: LeadDeskError.reasonMissing) { try desk.correct(first.leadId, probability: 0.5, reason: " ", by: "X") }
        #expect(throws: LeadDeskError.probability) { try desk.correct(first.leadId, probability: 1.5, reason: "r", by: "X") }
        #expect(throws: LeadDeskError.unknownLead) { try desk.markWrong("L99999", reason: "r", by: "X") }

        try desk.object(second.leadId)
        #expect(try desk.list(limit: 10_000).allSatisfy { $0.leadId != second.leadId }, "the score is deleted at once")
        #expect(throws: LeadDeskError.objected) { try desk.correct(second.leadId, probability: 0.5, reason: "r", by: "X") }

        try PrivacyKernel(workspace: ws).run("lead-scores", seed: 2)
        let after = try desk.list(limit: 10_000)
        #expect(after.allSatisfy { $0.leadId != second.leadId }, "an objecting lead is never scored again")
        #expect(after.first { $0.leadId == first.leadId }?.corrected == 0.1)
        #expect(try #require(try desk.latestModel()).summary.card.correctionsUsed == 1)
        let entries = try ws.store.auditEntries(from: 1)
        #expect(entries.contains { $0.action == "lead.corrected" } && entries.contains { $0.action == "lead.objected" })
        #expect(!entries.contains { ($0.subject ?? "").contains(first.leadId) }, "lead ids are tokenised in the audit log")
    }

    @Test func tooFewClosedLeadsRefusesWithAReasonTheTeamCanActOn() throws {
        let ws = try makeWorkspace()
        var csv = "lead_id,company,created_at,stage,outcome,meetings\n"
        for i in 0..<40 {
            csv += "L\(i),Firma \(i) GmbH,2026-0\(1 + i % 9)-01,\(i < 30 ? "closed" : "new"),\(i < 10 ? "won" : i < 30 ? "lost" : "open"),\(i % 4)\n"
        }
        _ = try Importer(workspace: ws).run(ImportRequest(entity: .leads, file: writeFixture("leads.csv", csv)))
        try ws.approve(activity: "lead-scores", by: "DSB Test", actor: .cli)
        #expect {
            try PrivacyKernel(workspace: ws).run("lead-scores")
        } throws: { error in
            let message = (error as? UserFacingError)?.message(in: .de) ?? ""
            return message.contains("10 gewonnen, 20 verloren") && message.contains("mindestens 30")
        }
    }
}
