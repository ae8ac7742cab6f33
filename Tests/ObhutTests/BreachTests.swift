import Foundation
import GRDB
import ObhutCore
import ObhutStore
import Testing

@testable import Obhut

struct BreachTests {
    /// A user who exported three people and read a scope: the case counts exactly those, names the
    /// three for the letters, starts a 72-hour clock, and the drafts carry the facts in both languages.
    @Test func aCaseListsWhatTheAuditLogSaysAndDraftsBothLetters() throws {
        let ws = try makeWorkspace()
        var shop = RandomShop(seed: 3, customers: 12)
        try shop.populate(ws)
        let start = ws.clock().addingTimeInterval(-60)
        let intruder = Actor(name: "user:mallory", role: "support")
        let rights = SubjectRights(workspace: ws, actor: intruder)
        for id in ["K1", "K2", "K3"] { _ = try rights.export(id) }
        try ws.approve(activity: "segments", by: "DSB Test", actor: .cli)
        _ = try PrivacyKernel(workspace: ws, actor: intruder).scopeSize("segments")
        _ = try SubjectRights(workspace: ws).export("K4")  // someone else's access: not in the case
        let end = ws.clock().addingTimeInterval(60)

        let desk = BreachDesk(workspace: ws)
        let c = try desk.open(from: start, to: end, actorName: "user:mallory")
        #expect(c.findings.peopleIdentified == 3)
        #expect(c.findings.peopleInBulkReads > 0)
        #expect(c.findings.auditChainIntact)
        #expect(c.findings.activities == ["segments"])
        #expect(abs(c.hoursLeft(at: c.openedAt) - 72) < 0.01)
        #expect(try desk.recipients(c.id) == ["K1", "K2", "K3"])
        #expect(try desk.list().map(\.id) == [c.id])

        let de = BreachDrafts.authorityNotification(c, controller: "Beispiel GmbH", dpo: "DSB Test", in: .de)
        #expect(de.contains("Art. 33") && de.contains("3 einzeln abgerufen") && de.contains("[zu ergänzen]"))
        let en = BreachDrafts.letterToPeople(c, controller: "Example Ltd", dpo: "DPO Test", in: .en)
        #expect(en.contains("supervisory authority") && en.contains("purchase history"))

        try desk.close(c.id, note: "Behörde am Folgetag gemeldet")
        #expect(try desk.list().isEmpty)
        #expect(throws: BreachError.unknownCase) { try desk.close(c.id, note: "again") }
        #expect(throws: BreachError.window) { try desk.open(from: end, to: start, actorName: nil) }
        let actions = try ws.store.auditEntries(from: 1, limit: 10_000).map(\.action)
        #expect(actions.contains("breach.open") && actions.contains("breach.recipients") && actions.contains("breach.close"))
    }

    /// A case opened over a tampered log says so, and the authority's draft carries the warning.
    @Test func aCaseOverABrokenChainSaysTheLogIsBroken() throws {
        let ws = try makeWorkspace()
        var shop = RandomShop(seed: 3, customers: 12)
        try shop.populate(ws)
        let start = ws.clock().addingTimeInterval(-60)
        for id in ["K1", "K2"] { _ = try SubjectRights(workspace: ws, actor: Actor(name: "user:mallory", role: "support")).export(id) }
        try ws.store.writer.write { db in
            try db.execute(sql: "UPDATE audit_entry SET count = count + 1 WHERE sequence = (SELECT max(sequence) FROM audit_entry)")
        }
        #expect(try !ws.store.verifyAudit().isIntact)
        let c = try BreachDesk(workspace: ws).open(from: start, to: ws.clock().addingTimeInterval(60), actorName: nil)
        #expect(!c.findings.auditChainIntact)
        let en = BreachDrafts.authorityNotification(c, controller: "Example Ltd", dpo: "DPO Test", in: .en)
        #expect(en.contains("hash chain is broken"))
        #expect(BreachDrafts.authorityNotification(c, controller: "", dpo: "", in: .de).contains("Hash-Kette des Zugriffsprotokolls ist beschädigt"))
    }

    @Test func timesAreReadAsPeopleTypeThemInShopTime() {
        let iso = BreachDesk.time("2026-11-20T14:00")
        let german = BreachDesk.time("20.11.2026 14:00")
        #expect(iso != nil && iso == german)
        #expect(iso?.timeIntervalSince1970 == 1_795_179_600)  // 13:00 UTC: Berlin is UTC+1 in November
        #expect(BreachDesk.time("11/20/2026") == nil)
    }
}
