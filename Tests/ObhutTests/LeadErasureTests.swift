import Foundation
import GRDB
import Testing

@testable import Obhut

/// A lead's contact person can be erased (Art. 17), not only object: the lead, the contact's key,
/// the score and the sales notes go, the erasure is audited and logged, and a restore of an older
/// backup erases the lead again.
struct LeadErasureTests {
    @Test func erasingALeadRemovesItsContactScoreAndNotesAndSurvivesARestore() throws {
        let ws = try makeWorkspace()
        _ = try DemoRunner(workspace: ws).run(seed: 12, customers: 300, asOf: DemoRunnerTests.asOf)
        let desk = LeadDesk(workspace: ws)
        let lead = try #require(try desk.list(limit: 10).first).leadId
        try desk.markWrong(lead, reason: "Ansprechpartnerin ist in Elternzeit", by: "Vertrieb Test")
        let backup = FileManager.default.temporaryDirectory.appendingPathComponent("obhut-\(UUID().uuidString).obhutbak")
        defer { try? FileManager.default.removeItem(at: backup) }
        _ = try Backup.create(ws, to: backup, environment: [:])

        try desk.erase(lead)
        let left = try ws.store.writer.read { db in
            try [
                "SELECT count(*) FROM lead WHERE id = ?", "SELECT count(*) FROM lead_score WHERE lead_id = ?",
                "SELECT count(*) FROM lead_feedback WHERE lead_id = ?", "SELECT count(*) FROM person_key WHERE subject = 'l:' || ?",
            ]
            .map { try Int.fetchOne(db, sql: $0, arguments: [lead]) ?? -1 }
        }
        #expect(left == [0, 0, 0, 0])
        let token = LeadDesk.token(lead, in: ws)
        #expect(try String(contentsOf: ws.erasureLogURL, encoding: .utf8).contains(token))
        #expect(try ws.store.auditEntries(from: 1, limit: 100_000).contains { $0.action == "lead.erased" && $0.subject == token })
        #expect(try ws.store.verifyAudit().isIntact)
        // The notes' text is gone from the file too.
        #expect(try Data(contentsOf: ws.databaseURL).range(of: Data("Elternzeit".utf8)) == nil)
        #expect(throws: LeadDeskError.unknownLead) { try desk.erase(lead) }

        let target = FileManager.default.temporaryDirectory.appendingPathComponent("obhut-restore-\(UUID().uuidString)")
        let report = try Backup.restore(
            backup, into: target, master: try Workspace.masterKey(at: ws.directory, environment: [:]), erasureLog: ws.erasureLogURL)
        #expect(report.erasuresReplayed == 1)
        let restored = try Workspace.open(at: target, environment: [:])
        #expect(try restored.store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM lead WHERE id = ?", arguments: [lead]) } == 0)
    }
}
