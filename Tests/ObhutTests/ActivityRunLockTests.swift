import Foundation
import GRDB
import Testing

@testable import Obhut

/// One run of an activity at a time, and a run cut off by a killed process does not stay
/// "running" for ever.
@Suite("Activity run lock")
struct ActivityRunLockTests {
    func kernel(_ ws: Workspace) -> PrivacyKernel {
        PrivacyKernel(workspace: ws, analyses: ["segments": OrderCountAnalysis(kind: "segment")])
    }

    func statuses(_ ws: Workspace) throws -> [String] {
        try ws.store.writer.read { db in try String.fetchAll(db, sql: "SELECT status FROM activity_run WHERE activity = 'segments' ORDER BY id") }
    }

    /// A random shop of 20 people, every activity approved.
    static func shop(seed: UInt64) throws -> Workspace {
        let ws = try makeWorkspace()
        var shop = RandomShop(seed: seed, customers: 20)
        try shop.populate(ws)
        return ws
    }

    @Test func aSecondRunWhileOneHoldsTheLockIsRefusedAndWritesNothing() throws {
        let ws = try Self.shop(seed: 4)
        defer { try? FileManager.default.removeItem(at: ws.directory) }
        do {
            let held = try ActivityRunLock(workspace: ws, activity: "segments")
            #expect(throws: KernelError.self) { try kernel(ws).run("segments") }
            #expect(try statuses(ws).isEmpty)
            // Another activity is not held up.
            #expect(throws: Never.self) { _ = try ActivityRunLock(workspace: ws, activity: "clv") }
            withExtendedLifetime(held) {}
        }
        // Released: the next run goes through.
        try kernel(ws).run("segments")
        #expect(try statuses(ws) == ["completed"])
    }

    @Test func aRunLeftRunningByAKilledProcessIsMarkedInterruptedByTheNextRun() throws {
        let ws = try Self.shop(seed: 5)
        defer { try? FileManager.default.removeItem(at: ws.directory) }
        // What a run killed between its start and its end leaves behind.
        try ws.store.writer.write { db in
            try db.execute(
                sql:
                    "INSERT INTO activity_run (activity, purpose, started_at, status, preflight) VALUES ('segments', 'personalization', 1, 'running', '{}')"
            )
            try db.execute(
                sql:
                    "INSERT INTO activity_run (activity, purpose, started_at, status, preflight) VALUES ('clv', 'personalization', 1, 'running', '{}')"
            )
        }
        try kernel(ws).run("segments")
        #expect(try statuses(ws) == ["interrupted", "completed"])
        let clv = try ws.store.writer.read { db in try String.fetchOne(db, sql: "SELECT status FROM activity_run WHERE activity = 'clv'") }
        #expect(clv == "running", "only the activity whose lock was taken is cleaned up")
        let status = try WorkspaceStatus(workspace: ws).render(in: .de)
        #expect(status.contains("abgebrochen"))
    }
}
