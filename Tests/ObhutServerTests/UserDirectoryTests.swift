import Foundation
import Obhut
import Testing

@testable import ObhutServer

@Suite("UserDirectory: passwords, lock-out, sessions, tokens")
struct UserDirectoryTests {
    final class Clock: @unchecked Sendable {
        var now = Date(timeIntervalSince1970: 1_790_000_000)
    }

    func directory(_ clock: Clock) throws -> (UserDirectory, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("obhut-users-\(UUID().uuidString)")
        let ws = try Workspace.create(at: dir, clock: { clock.now })
        return (UserDirectory(workspace: ws, bcryptCost: 4), dir)
    }

    @Test("the password is stored as a bcrypt hash, never in clear, and checks out")
    func passwordHashed() throws {
        let clock = Clock()
        let (users, dir) = try directory(clock)
        defer { try? FileManager.default.removeItem(at: dir) }
        try users.add(name: "erika.demo", role: .dpo, password: "correct horse battery")
        let stored = try users.workspace.store.writer.read { db in try String.fetchOne(db, sql: "SELECT password_hash FROM app_user") }
        #expect(stored?.hasPrefix("$2") == true)
        #expect(stored?.contains("correct horse") == false)
        guard case .success(let user) = try users.verify(name: "erika.demo", password: "correct horse battery") else {
            Issue.record("sign-in failed")
            return
        }
        #expect(user.role == .dpo)
        #expect(try users.verify(name: "erika.demo", password: "wrong password!") == .invalid)
        #expect(try users.verify(name: "nobody", password: "correct horse battery") == .invalid)
    }

    @Test("names are checked, names are unique, short passwords are refused")
    func validation() throws {
        let clock = Clock()
        let (users, dir) = try directory(clock)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: AccountError.invalidName) { try users.add(name: "a b", role: .admin, password: "long enough pw") }
        #expect(throws: AccountError.weakPassword(minimum: 10)) { try users.add(name: "ab", role: .admin, password: "short") }
        try users.add(name: "ab", role: .admin, password: "long enough pw")
        #expect(throws: AccountError.nameTaken) { try users.add(name: "ab", role: .sales, password: "long enough pw") }
    }

    @Test("a name the audit log would refuse as a number (seven digits in a row) is refused; a user that is added can read")
    func namesFitTheAuditLog() async throws {
        let clock = Clock()
        let (users, dir) = try directory(clock)
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["kasse1234567", "k-123-4567", "1234567"] {
            #expect(throws: AccountError.invalidName, "\(name)") { try users.add(name: name, role: .support, password: "long enough pw") }
        }
        // Six digits, or seven split by a letter, are fine, and such a user's reads are audited.
        for name in ["kasse123456", "k123a4567"] {
            let account = try users.add(name: name, role: .support, password: "long enough pw")
            try await users.workspace.auditReads(
                actor: Principal(user: account, role: .support, via: .session(csrf: "x")).actor, action: "customer.view", subjects: ["p_x"], count: 1)
        }
    }

    @Test("five wrong passwords lock the account, also for the right password, until the lock-out has passed")
    func lockout() throws {
        let clock = Clock()
        let (users, dir) = try directory(clock)
        defer { try? FileManager.default.removeItem(at: dir) }
        try users.add(name: "max.demo", role: .sales, password: "right password")
        for _ in 0..<4 { #expect(try users.verify(name: "max.demo", password: "guess guess") == .invalid) }
        guard case .locked = try users.verify(name: "max.demo", password: "guess guess") else {
            Issue.record("not locked after five failures")
            return
        }
        guard case .locked = try users.verify(name: "max.demo", password: "right password") else {
            Issue.record("a locked account let the right password in")
            return
        }
        clock.now += users.lockout + 1
        guard case .success = try users.verify(name: "max.demo", password: "right password") else {
            Issue.record("still locked after the lock-out")
            return
        }
    }

    @Test("a session is found by its cookie only, expires, and ends with a new password")
    func sessions() throws {
        let clock = Clock()
        let (users, dir) = try directory(clock)
        defer { try? FileManager.default.removeItem(at: dir) }
        let user = try users.add(name: "sam.demo", role: .support, password: "support password")
        let (cookie, csrf) = try users.startSession(for: user)
        let (second, _) = try users.startSession(for: user)
        #expect(cookie != second)
        #expect(try users.principal(sessionCookie: cookie)?.via == .session(csrf: csrf))
        #expect(try users.principal(sessionCookie: "planted-by-an-attacker") == nil)
        // Only the hash is stored.
        let stored = try users.workspace.store.writer.read { db in try String.fetchAll(db, sql: "SELECT id_hash FROM web_session") }
        #expect(!stored.contains(cookie))
        clock.now += users.sessionLifetime + 1
        #expect(try users.principal(sessionCookie: cookie) == nil)
        clock.now = Date(timeIntervalSince1970: 1_790_000_000)
        #expect(try users.principal(sessionCookie: second) != nil)
        try users.setPassword(name: "sam.demo", password: "a new password")
        #expect(try users.principal(sessionCookie: second) == nil)
    }

    @Test("tokens: shown once, stored hashed, limited to a lesser role, revocable, dead with their disabled user")
    func tokens() throws {
        let clock = Clock()
        let (users, dir) = try directory(clock)
        defer { try? FileManager.default.removeItem(at: dir) }
        try users.add(name: "ops", role: .admin, password: "admin password")
        try users.add(name: "seller", role: .sales, password: "sales password")
        let (id, secret) = try users.createToken(user: "ops", label: "reporting", role: .analyst)
        #expect(try users.principal(token: secret)?.role == .analyst)
        let stored = try users.workspace.store.writer.read { db in try String.fetchAll(db, sql: "SELECT token_hash FROM api_token") }
        #expect(!stored.contains(secret))
        #expect(throws: AccountError.tokenRoleTooHigh) { try users.createToken(user: "seller", label: "x", role: .admin) }
        #expect(try users.principal(token: secret + "x") == nil)
        #expect(try users.principal(token: "not-a-token") == nil)
        try users.revokeToken(id: id)
        #expect(try users.principal(token: secret) == nil)
        let (_, other) = try users.createToken(user: "seller", label: "crm")
        #expect(try users.principal(token: other)?.role == .sales)
        try users.setDisabled(name: "seller", true)
        #expect(try users.principal(token: other) == nil)
    }

    @Test("every role's permissions: admin has all, analyst never contact data, support never lists")
    func roleTable() {
        #expect(Role.admin.permissions == Set(Permission.allCases))
        #expect(!Role.analyst.permissions.contains(.contactData))
        #expect(!Role.analyst.permissions.contains(.marketingContacts))
        #expect(!Role.analyst.permissions.contains(.customerDetail))
        #expect(!Role.support.permissions.contains(.customerSearch))
        #expect(!Role.dpo.permissions.contains(.recommendations))
        #expect(!Role.dpo.permissions.contains(.segments))
        #expect(Role.sales.permissions == [.overview, .leads])
        #expect(Role.admin.covers(.dpo) && !Role.dpo.covers(.admin) && !Role.sales.covers(.support))
    }
}

@Suite("Server helpers: access monitor, language, same origin")
struct ServerHelperTests {
    @Test("the access monitor raises one alert when a user reads more people than the threshold within an hour")
    func accessAlert() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("obhut-monitor-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let ws = try Workspace.create(at: dir)
        let monitor = AccessMonitor(workspace: ws, threshold: 3)
        let user = UserAccount(id: 1, name: "mia.demo", role: .marketing, createdAt: Date(), disabled: false, lockedUntil: nil)
        let p = Principal(user: user, role: .marketing, via: .session(csrf: "x"))
        let t0 = Date(timeIntervalSince1970: 1_789_999_200)  // a full hour
        #expect(monitor.record(p, subjects: ["a", "b", "c"], at: t0) == false)
        #expect(monitor.record(p, subjects: ["a", "b"], at: t0 + 10) == false)  // same people again
        #expect(monitor.record(p, subjects: ["d"], at: t0 + 20) == true)
        #expect(monitor.record(p, subjects: ["e"], at: t0 + 30) == false)  // once per hour
        let alerts = try AccessAlert.list(in: ws)
        #expect(alerts.count == 1)
        #expect(alerts.first?.people == 4)
        #expect(alerts.first?.user == "user:mia.demo")
        #expect(monitor.record(p, subjects: ["f", "g", "h", "i"], at: t0 + 3_600) == true)  // next hour counts anew
        let entries = try ws.store.auditEntries(from: 1, limit: 1_000)
        #expect(entries.filter { $0.action == "alert.mass-access" }.count == 2)
    }

    @Test("Accept-Language: the highest-weighted of German and English wins")
    func acceptLanguage() {
        #expect(LanguageMiddleware.fromAcceptLanguage("de-DE,de;q=0.9,en;q=0.8") == .de)
        #expect(LanguageMiddleware.fromAcceptLanguage("fr-FR, en;q=0.5, de;q=0.7") == .de)
        #expect(LanguageMiddleware.fromAcceptLanguage("en-GB") == .en)
        #expect(LanguageMiddleware.fromAcceptLanguage("fr") == nil)
        #expect(LanguageMiddleware.fromAcceptLanguage(nil) == nil)
    }

    @Test("the Bearer scheme is recognised in any case, and only with its space")
    func bearerScheme() {
        for yes in ["Bearer obh_x", "bearer obh_x", "BEARER obh_x", "bEaReR obh_x", "Bearer "] { #expect(AuthMiddleware.isBearer(yes), "\(yes)") }
        for no in ["Basic abc", "Bearerobh_x", "Bearer", "Bear", "", "Bearer\tobh_x", " Bearer obh_x", "Bearér obh_x", "Bearer\u{A0}x"] {
            #expect(!AuthMiddleware.isBearer(no), "\(no)")
        }
    }

    @Test("same-origin check: host and port must match; null and garbage never do")
    func sameOrigin() {
        #expect(AuthMiddleware.sameOrigin("http://127.0.0.1:8080", host: "127.0.0.1:8080"))
        #expect(AuthMiddleware.sameOrigin("https://shop.example", host: "shop.example"))
        #expect(!AuthMiddleware.sameOrigin("http://127.0.0.1:9999", host: "127.0.0.1:8080"))
        #expect(!AuthMiddleware.sameOrigin("https://evil.example", host: "shop.example"))
        #expect(!AuthMiddleware.sameOrigin("null", host: "shop.example"))
        #expect(!AuthMiddleware.sameOrigin("https://shop.example.evil.example", host: "shop.example"))
    }
}
