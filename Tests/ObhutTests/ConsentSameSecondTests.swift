import Foundation
import GRDB
import Testing

@testable import Obhut

/// The consent ledger is unique by (person, purpose, time in seconds, kind), so a re-import adds
/// nothing. A person who withdraws, grants and withdraws again within one second must still end
/// up withdrawn: before, the second withdrawal was ignored while the audit log recorded it.
struct ConsentSameSecondTests {
    static func state(_ ws: Workspace, _ id: String, _ purpose: String) throws -> Int64? {
        try ws.store.writer.read { db in
            try Int64.fetchOne(
                db, sql: "SELECT s.granted FROM consent_state s JOIN customer c ON c.ref = s.customer_ref WHERE c.id = ? AND s.purpose = ?",
                arguments: [id, purpose])
        }
    }

    @Test func withdrawGrantWithdrawInOneSecondEndsWithdrawn() throws {
        let ws = try makeWorkspace()  // its clock stands still: every event falls in the same second
        var shop = RandomShop(seed: 13, customers: 3)
        try shop.populate(ws)
        let rights = SubjectRights(workspace: ws)
        for granted in [false, true, false] {
            try rights.consent("K1", purpose: .marketing, granted: granted, source: "test", textVersion: "v1")
            #expect(try Self.state(ws, "K1", "marketing") == (granted ? 1 : 0), "after \(granted ? "grant" : "withdraw")")
        }
        // The same request once more changes nothing: no event is added.
        let events = {
            try ws.store.writer.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM consent_event WHERE customer_id = 'K1' AND purpose = 'marketing'")
            }
        }
        let before = try events()
        try rights.consent("K1", purpose: .marketing, granted: false, source: "test", textVersion: "v1")
        #expect(try events() == before)
        #expect(try Self.state(ws, "K1", "marketing") == 0)
    }
}
