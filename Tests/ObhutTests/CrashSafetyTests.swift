import Foundation
import GRDB
import ObhutCore
import ObhutStore
import Testing

@testable import Obhut

/// What `scripts/crash-check.sh` found when it killed obhut at random moments: an erasure and an
/// analysis run committed their data and then wrote their audit entry (and the erasure its line in
/// erasure.log) in a second step, so a kill in between left an unaudited change, and an erased
/// person a restore would bring back.
struct CrashSafetyTests {
    func workspaceWithTwoPeople() throws -> Workspace {
        let ws = try makeWorkspace()
        _ = try Importer(workspace: ws).run(
            ImportRequest(
                entity: .customers,
                file: writeFixture(
                    "c.csv", "customer_id,first_name,last_name,email\nQ1,Quirin,Absturz,quirin.absturz@example.de\nQ2,Other,Person,o@example.de\n")))
        return ws
    }

    /// A trigger that makes one kind of audit entry fail stands in for a process that dies right
    /// after the data committed: with both in one transaction, nothing of the change remains.
    func failAuditEntries(_ ws: Workspace, action: String) throws {
        try ws.store.writer.write { db in
            try db.execute(
                sql:
                    "CREATE TEMP TRIGGER fail_audit BEFORE INSERT ON audit_entry WHEN NEW.action = '\(action)' BEGIN SELECT RAISE(ABORT, 'audit down'); END"
            )
        }
    }

    @Test func anErasureWhoseAuditEntryFailsLeavesThePersonFullyThere() throws {
        let ws = try workspaceWithTwoPeople()
        try failAuditEntries(ws, action: "subject.erase")
        #expect(throws: (any Error).self) { try SubjectRights(workspace: ws).erase("Q1") }
        #expect(try ws.store.customer(id: "Q1")?.personal.lastName == "Absturz")
        let logged = try ws.store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM erasure_log") }
        #expect(logged == 0)
    }

    @Test func aRunWhoseAuditEntryFailsStoresNoResults() throws {
        let ws = try makeWorkspace()
        var shop = RandomShop(seed: 7, customers: 30)
        try shop.populate(ws)
        let kernel = PrivacyKernel(workspace: ws, analyses: ["segments": OrderCountAnalysis(kind: "segment")])
        try failAuditEntries(ws, action: "run.completed")
        #expect(throws: (any Error).self) { try kernel.run("segments") }
        let (results, completed) = try ws.store.writer.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM derived_result") ?? -1,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM activity_run WHERE status = 'completed'") ?? -1
            )
        }
        #expect(results == 0)
        #expect(completed == 0)
    }

    /// The process died after the erasure committed and before its token reached erasure.log:
    /// the next open of the workspace appends it, so a restore from an older backup erases again.
    @Test func anErasureMissingFromTheLogFileReachesItAtTheNextOpen() throws {
        let ws = try workspaceWithTwoPeople()
        _ = try SubjectRights(workspace: ws).erase("Q1")
        let token = ws.store.keys.subjectToken(customerId: "Q1")
        #expect(try String(contentsOf: ws.erasureLogURL, encoding: .utf8).contains(token))
        try Data().write(to: ws.erasureLogURL)
        try ws.store.setMeta("erasure_log_synced", "0")
        let reopened = try Workspace.open(at: ws.directory, environment: [:])
        let lines = try String(contentsOf: reopened.erasureLogURL, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix(token + " ") == true)
        #expect(try reopened.syncErasureLog() == 0, "nothing more to append")
    }

    /// A workspace from before the bookkeeping (no meta entry) is compared token by token once:
    /// lines already in the file are not written twice.
    @Test func aWorkspaceWithoutBookkeepingGetsNoDuplicateLines() throws {
        let ws = try workspaceWithTwoPeople()
        _ = try SubjectRights(workspace: ws).erase("Q1")
        try ws.store.writer.write { db in try db.execute(sql: "DELETE FROM meta WHERE key = 'erasure_log_synced'") }
        _ = try Workspace.open(at: ws.directory, environment: [:])
        let lines = try String(contentsOf: ws.erasureLogURL, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1)
    }
}
