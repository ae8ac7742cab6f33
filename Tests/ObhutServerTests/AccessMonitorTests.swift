import Foundation
import Obhut
import Testing

@testable import ObhutServer

/// `AccessMonitor` under concurrent callers (the server records every audited read).
@Suite("AccessMonitor: concurrent reads")
struct AccessMonitorTests {
    static let t0 = Date(timeIntervalSince1970: 1_789_999_200)

    static func folder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("obhut-monitor-\(UUID().uuidString)")
    }

    /// A new workspace, its monitor, and one signed-in user of `role`.
    static func monitor(at dir: URL, threshold: Int, role: Role) throws -> (Workspace, AccessMonitor, Principal) {
        let ws = try Workspace.create(at: dir)
        let user = UserAccount(id: 1, name: "mia.demo", role: role, createdAt: Date(), disabled: false, lockedUntil: nil)
        return (ws, AccessMonitor(workspace: ws, threshold: threshold), Principal(user: user, role: role, via: .session(csrf: "x")))
    }

    @Test("200 concurrent reads of distinct people by one user raise exactly one alert, counted once")
    func concurrentReadsRaiseOneAlert() async throws {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (ws, monitor, p) = try Self.monitor(at: dir, threshold: 50, role: .marketing)
        let raised = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<200 { group.addTask { monitor.record(p, subjects: ["p_token\(i)"], at: Self.t0 + Double(i % 60)) } }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(raised == 1)
        let alerts = try AccessAlert.list(in: ws)
        #expect(alerts.count == 1)
        #expect(alerts.first.map { $0.people > 50 && $0.people <= 200 } == true)
        let entries = try ws.store.auditEntries(from: 1, limit: 1_000)
        #expect(entries.filter { $0.action == "alert.mass-access" }.count == 1)
    }

    @Test("an alert that cannot be stored leaves neither an alert nor an audit entry, and is raised again on the next read")
    func unstoredAlertIsRetried() throws {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (ws, monitor, p) = try Self.monitor(at: dir, threshold: 3, role: .support)
        // A trigger makes the alert's insert fail, as a full disk or a broken file would.
        try ws.store.writer.write { db in
            try db.execute(sql: "CREATE TRIGGER refuse_alert BEFORE INSERT ON access_alert BEGIN SELECT RAISE(ABORT, 'refused'); END")
        }
        for i in 0..<4 { #expect(!monitor.record(p, subjects: ["p_token\(i)"], at: Self.t0)) }
        #expect(try AccessAlert.list(in: ws).isEmpty)
        #expect(try ws.store.auditEntries(from: 1, limit: 1_000).filter { $0.action == "alert.mass-access" }.isEmpty)
        try ws.store.writer.write { db in try db.execute(sql: "DROP TRIGGER refuse_alert") }
        // The next read of the same user, within the hour, raises it after all; then once only.
        #expect(monitor.record(p, subjects: ["p_token4"], at: Self.t0 + 60))
        #expect(!monitor.record(p, subjects: ["p_token5"], at: Self.t0 + 61))
        let alerts = try AccessAlert.list(in: ws)
        #expect(alerts.count == 1)
        #expect(alerts.first?.people == 5)
        #expect(try ws.store.auditEntries(from: 1, limit: 1_000).filter { $0.action == "alert.mass-access" }.count == 1)
        #expect(try ws.store.verifyAudit().isIntact)
    }
}
