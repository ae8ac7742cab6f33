import Crypto
import Foundation
import Obhut
import Testing

@testable import ObhutServer

@Suite("PrincipalCache: token principals without a read per request, revocation bounded")
struct PrincipalCacheTests {
    func directory(cacheAge: Duration = .seconds(1)) throws -> (UserDirectory, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("obhut-principals-\(UUID().uuidString)")
        let ws = try Workspace.create(at: dir, clock: { Date(timeIntervalSince1970: 1_790_000_000) })
        return (UserDirectory(workspace: ws, bcryptCost: 4, tokenCacheAge: cacheAge), dir)
    }

    static let principal = Principal(
        user: UserAccount(id: 1, name: "mia.demo", role: .marketing, createdAt: Date(timeIntervalSince1970: 0), disabled: false, lockedUntil: nil),
        role: .marketing, via: .token(id: 7))

    @Test("an entry serves for less than maxAge after the database confirmed it, not longer")
    func entryAge() {
        let cache = PrincipalCache<String>(maxAge: .seconds(1))
        let t0 = ContinuousClock.now
        cache.store(tokenHash: "h", Self.principal, generation: cache.generation, confirmedAt: t0)
        #expect(cache.principal(tokenHash: "h", now: t0) == Self.principal)
        #expect(cache.principal(tokenHash: "h", now: t0 + .milliseconds(999)) == Self.principal)
        #expect(cache.principal(tokenHash: "h", now: t0 + .seconds(1)) == nil)
        #expect(cache.count == 0, "an expired entry is dropped")
        #expect(cache.principal(tokenHash: "other", now: t0) == nil)
    }

    @Test("a look-up that started before a change does not put back what the change removed")
    func generationGuardsAgainstStaleAnswers() {
        let cache = PrincipalCache<String>()
        let before = cache.generation
        cache.removeAll()  // a revocation commits while the look-up reads
        cache.store(tokenHash: "h", Self.principal, generation: before, confirmedAt: .now)
        #expect(cache.principal(tokenHash: "h") == nil)
        cache.store(tokenHash: "h", Self.principal, generation: cache.generation, confirmedAt: .now)
        #expect(cache.principal(tokenHash: "h") == Self.principal)
        cache.store(tokenHash: "h", nil, generation: cache.generation, confirmedAt: .now)
        #expect(cache.principal(tokenHash: "h") == nil, "an invalid answer removes the entry")
    }

    @Test("full: emptied rather than growing")
    func capacity() {
        let cache = PrincipalCache<String>(capacity: 3)
        for i in 0..<3 { cache.store(tokenHash: "h\(i)", Self.principal, generation: cache.generation, confirmedAt: .now) }
        #expect(cache.count == 3)
        cache.store(tokenHash: "h3", Self.principal, generation: cache.generation, confirmedAt: .now)
        #expect(cache.count == 1)
    }

    @Test("revoking, disabling or a new password through the server's directory counts at once, also for a cached token")
    func sameDirectoryChangesCountAtOnce() throws {
        let (users, dir) = try directory(cacheAge: .seconds(3_600))
        defer { try? FileManager.default.removeItem(at: dir) }
        try users.add(name: "ops", role: .admin, password: "admin password")
        try users.add(name: "seller", role: .sales, password: "sales password")
        let (id, secret) = try users.createToken(user: "ops", label: "reporting", role: .analyst)
        #expect(try users.principal(token: secret)?.role == .analyst)
        #expect(users.principals.count == 1, "cached")
        try users.revokeToken(id: id)
        #expect(try users.principal(token: secret) == nil)

        let (_, other) = try users.createToken(user: "seller", label: "crm")
        #expect(try users.principal(token: other)?.role == .sales)
        try users.setDisabled(name: "seller", true)
        #expect(try users.principal(token: other) == nil)
        try users.setDisabled(name: "seller", false)
        #expect(try users.principal(token: other)?.role == .sales)
        try users.setPassword(name: "seller", password: "another sales password")
        #expect(users.principals.count == 0)
    }

    @Test("a revocation made elsewhere (the CLI) counts once the entry is older than its bound")
    func otherDirectoryChangesCountWithinTheBound() throws {
        let (server, dir) = try directory(cacheAge: .seconds(3_600))
        defer { try? FileManager.default.removeItem(at: dir) }
        try server.add(name: "ops", role: .admin, password: "admin password")
        let (id, secret) = try server.createToken(user: "ops", label: "reporting")
        #expect(try server.principal(token: secret) != nil)
        // The CLI opens the workspace on its own: its directory does not share the server's cache.
        let cli = UserDirectory(workspace: server.workspace, bcryptCost: 4)
        try cli.revokeToken(id: id)
        #expect(try cli.principal(token: secret) == nil)
        #expect(try server.principal(token: secret) != nil, "within the bound (an hour here) the server still knows the token")
        // Once the entry is older than the bound, it is dropped and the token read again.
        #expect(server.principals.principal(tokenHash: SHA256.hash(data: Array(secret.utf8)), now: .now + .seconds(3_600)) == nil)
        #expect(try server.principal(token: secret) == nil)
        #expect(server.principals.count == 0)
    }
}
