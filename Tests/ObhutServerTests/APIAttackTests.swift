import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Obhut
import ObhutCore
import Testing

@testable import ObhutServer

/// Attacks on the API: listing everybody as support, guessing pseudonyms, SQL injection,
/// password guessing, session fixation, CSRF, and a token trying to outrank its role.
@Suite("API attacks")
struct APIAttackTests {
    /// One workspace for all queries: the reads change nothing.
    @Test("support cannot list customers: empty query, wildcards and prefixes give nothing or one exact match")
    func supportCannotListAll() async throws {
        let f = try APIFixture()
        defer { f.remove() }
        try await f.app().test(.router) { client in
            for query in ["", "%", "_", "*", "1", "C", "c-", " ", "%25", f.withList.prefix(3).description] {
                let q = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                try await client.execute(uri: "/api/customers?q=\(q)&limit=50", method: .get, headers: f.bearer(.support)) { r in
                    if r.status == .ok {
                        let customers = object(r.body)["customers"] as? [[String: Any]] ?? []
                        #expect(customers.count <= 1)
                        // At most the exact match of the query, never a prefix match.
                        for c in customers { #expect(c["id"] as? String == query.trimmingCharacters(in: .whitespaces)) }
                    } else {
                        #expect(r.status == .badRequest)
                    }
                }
            }
        }
    }

    @Test func supportGetsExactlyOnePersonForAnExactId() async throws {
        let f = try APIFixture()
        defer { f.remove() }
        try await f.app().test(.router) { client in
            try await client.execute(uri: "/api/customers?q=\(f.withList)", method: .get, headers: f.bearer(.support)) { r in
                #expect(r.status == .ok)
                #expect((object(r.body)["customers"] as? [Any])?.count == 1)
            }
        }
    }

    /// A forged pseudonym finds nothing, and the answer does not differ from the one for a real
    /// pseudonym: the analyst learns nothing about whether a person exists.
    @Test func forgedPseudonymLearnsNothing() async throws {
        let f = try APIFixture()
        defer { f.remove() }
        let real = PersonReference(
            principal: try #require(try f.services.users.principal(token: f.tokens[.analyst] ?? "")), activity: "clv", workspace: f.workspace
        )
        .name(f.withList)
        let forged = "p_" + String(repeating: "a", count: 22)
        try await f.app().test(.router) { client in
            var answers: [String: [Int]] = [:]
            for p in [real, forged] {
                for uri in ["/api/customers/\(p)", "/api/customers/\(p)/recommendations", "/api/customers?q=\(p)", "/api/customers/\(p)/export"] {
                    let method: HTTPRequest.Method = uri.hasSuffix("/export") ? .post : .get
                    let status = try await client.execute(uri: uri, method: method, headers: f.bearer(.analyst)) { $0.status.code }
                    #expect(status == 403 || status == 404, "\(uri) → \(status)")
                    answers[p, default: []].append(status)
                }
            }
            #expect(answers[real] == answers[forged])
            // Even a role that may open customers finds no one under a pseudonym.
            let status = try await client.execute(uri: "/api/customers/\(forged)", method: .get, headers: f.bearer(.admin)) { $0.status.code }
            #expect(status == 404)
        }
    }

    static let injections = [
        "' OR '1'='1", "' OR 1=1 --", "\" OR \"\"=\"", "'; DROP TABLE customer; --", "%' OR '%'='",
        "1) UNION SELECT name, password_hash FROM app_user --",
        "\\", "'||(SELECT group_concat(id) FROM customer)||'", "%%", "_%_",
    ]

    @Test("SQL injection in every search and query field: no 500, no extra rows, database intact")
    func sqlInjection() async throws {
        let f = try APIFixture()
        defer { f.remove() }
        let before = try await f.workspace.store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM customer") ?? 0 }
        for payload in Self.injections {
            let p = payload.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let gets = [
                "/api/customers?q=\(p)", "/api/customers/\(p)", "/api/customers/\(p)/recommendations", "/api/activities/\(p)/preflight",
                "/api/clv?limit=\(p)", "/api/runs?limit=\(p)", "/api/leads?limit=\(p)", "/api/register?format=\(p)", "/api/breaches?closed=\(p)",
                "/api/quality?staleDays=\(p)", "/api/alerts?limit=\(p)",
            ]
            let posts = [
                "/api/customers/\(p)/export", "/api/customers/\(p)/restrict", "/api/customers/\(p)/object", "/api/leads/\(p)/correction",
                "/api/activities/\(p)/approval", "/api/activities/\(p)/runs", "/api/users/\(p)/tokens", "/api/imports/\(p)",
            ]
            try await f.app().test(.router) { client in
                for role in [Role.admin, .marketing, .support] {
                    for uri in gets {
                        try await client.execute(uri: uri, method: .get, headers: f.bearer(role)) { r in
                            #expect(r.status.code < 500, "\(role) GET \(uri) → \(r.status.code)")
                            if r.status == .ok, uri.hasPrefix("/api/customers?q=") {
                                #expect((object(r.body)["customers"] as? [Any])?.isEmpty == true, "injection returned rows")
                            }
                        }
                    }
                }
                for uri in posts {
                    let body = ByteBuffer(
                        string:
                            #"{"reason":"x","probability":0.1,"category":"\#(payload.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))"}"#
                    )
                    let status = try await client.execute(uri: uri, method: .post, headers: f.bearer(.admin), body: body) { $0.status.code }
                    #expect(status < 500 && status != 200 && status != 201, "POST \(uri) → \(status)")
                }
                let login = try JSONEncoder().encode(["name": payload, "password": payload])
                let status = try await client.execute(
                    uri: "/api/session", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(bytes: login)
                ) { $0.status.code }
                #expect(status == 401)
            }
        }
        let after = try await f.workspace.store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM customer") ?? 0 }
        #expect(after == before)
        #expect(try f.workspace.store.verifyAudit().isIntact)
    }

    @Test func bruteForceLocksTheAccountAfterFiveFailuresAndThrottlesTheAddress() async throws {
        let f = try APIFixture()
        defer { f.remove() }
        try await f.app().test(.router) { client in
            func attempt(_ name: String, _ password: String) async throws -> (Int, String) {
                let body = try JSONEncoder().encode(["name": name, "password": password])
                return try await client.execute(
                    uri: "/api/session", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(bytes: body)
                ) {
                    ($0.status.code, (object($0.body)["error"] as? [String: Any])?["code"] as? String ?? "")
                }
            }
            for i in 1...4 { #expect(try await attempt("dpo", "wrong-\(i)").0 == 401) }
            // The fifth failure locks the account; then even the right password is refused.
            #expect(try await attempt("dpo", "wrong-5") == (429, "locked"))
            #expect(try await attempt("dpo", "password-dpo") == (429, "locked"))
            // The address is throttled after ten failures, whatever account it tries.
            var last = 0
            for i in 1...6 { last = try await attempt("sales", "guess-\(i)").0 }
            #expect(last == 429)
            #expect(try await attempt("support", "password-support").0 == 429)
        }
    }

    @Test func sessionFixationPlantedCookieIsIgnoredAndSignInIssuesANewOne() async throws {
        let f = try APIFixture()
        defer { f.remove() }
        let planted = "attacker-chosen-session-id-0123456789abcdef"
        try await f.app().test(.router) { client in
            // The planted cookie authenticates nobody.
            let me = try await client.execute(uri: "/api/me", method: .get, headers: [.cookie: "obhut_session=" + planted]) { $0.status }
            #expect(me == .unauthorized)
            // Signing in while carrying it gives a fresh session id, and the planted one stays worthless.
            let body = try JSONEncoder().encode(["name": "support", "password": "password-support"])
            let issued = try await client.execute(
                uri: "/api/session", method: .post, headers: [.contentType: "application/json", .cookie: "obhut_session=" + planted],
                body: ByteBuffer(bytes: body)
            ) { r -> String in
                #expect(r.status == .ok)
                return r.headers[.setCookie]?.split(separator: ";").first?.split(separator: "=", maxSplits: 1).last.map(String.init) ?? ""
            }
            #expect(!issued.isEmpty && issued != planted)
            #expect(try await client.status("/api/me", .get, headers: [.cookie: "obhut_session=" + planted]) == .unauthorized)
            #expect(try await client.status("/api/me", .get, headers: [.cookie: "obhut_session=" + issued]) == .ok)
        }
    }

    @Test func csrfCookiePostNeedsTheTokenBearerDoesNot() async throws {
        let f = try APIFixture()
        defer { f.remove() }
        try await f.app().test(.router) { client in
            let s = try await client.signIn("dpo")
            var noToken = s.headers
            noToken[.contentType] = "application/json"
            let uri = "/api/customers/\(f.withList)/restrict"
            let body = ByteBuffer(string: #"{"purpose":"marketing"}"#)
            try await client.execute(uri: uri, method: .post, headers: noToken, body: body) { r in
                #expect(r.status == .forbidden)
                #expect((object(r.body)["error"] as? [String: Any])?["code"] as? String == "csrf")
            }
            var wrong = s.writeHeaders()
            wrong[HTTPField.Name("X-CSRF-Token")!] = "not-the-token"
            #expect(try await client.status(uri, .post, headers: wrong, body: body) == .forbidden)
            #expect(try await client.status(uri, .post, headers: s.writeHeaders(), body: body) == .created)
            // Another site's Origin is refused even with the token.
            var crossSite = s.writeHeaders()
            crossSite[.origin] = "https://evil.example"
            #expect(try await client.status(uri, .post, headers: crossSite, body: body) == .forbidden)
            // A bearer token carries no ambient authority: no CSRF token needed.
            #expect(try await client.status(uri, .post, headers: f.bearer(.dpo), body: body) == .created)
        }
    }

    @Test func tokenLimitedToALesserRoleCannotDoMore() async throws {
        let f = try APIFixture()
        defer { f.remove() }
        let limited = try f.services.users.createToken(user: "admin", label: "analyst only", role: .analyst).secret
        var h = HTTPFields()
        h[.authorization] = "Bearer " + limited
        h[.contentType] = "application/json"
        let headers = h
        try await f.app().test(.router) { client in
            #expect(try await client.status("/api/clv", headers: headers) == .ok)
            for (method, uri) in [
                (HTTPRequest.Method.get, "/api/users"), (.get, "/api/customers/\(f.withList)"), (.post, "/api/customers/\(f.withList)/export"),
                (.get, "/api/customers?q=\(f.withList)"), (.post, "/api/users/admin/tokens"), (.get, "/api/audit/verify"),
            ] {
                let status = try await client.execute(uri: uri, method: method, headers: headers, body: ByteBuffer(string: "{}")) { $0.status }
                #expect(status == .forbidden, "\(method) \(uri)")
            }
            try await client.execute(uri: "/api/clv", method: .get, headers: headers) { r in
                #expect(object(r.body)["pseudonymous"] as? Bool == true)
            }
        }
        // And a token cannot be made for more than its user's role.
        #expect(throws: AccountError.tokenRoleTooHigh) { _ = try f.services.users.createToken(user: "analyst", label: "x", role: .admin) }
    }

    @Test func everyRecommendationsReadIsAuditedAndCountedByTheAccessMonitor() async throws {
        let f = try APIFixture(threshold: 2)
        defer { f.remove() }
        let people = try await f.workspace.store.writer.read { db in
            try String.fetchAll(db, sql: "SELECT customer_id FROM derived_result WHERE activity = 'recommendations' ORDER BY customer_id LIMIT 3")
        }
        try #require(people.count == 3)
        try await f.app().test(.router) { client in
            for p in people {
                #expect(try await client.status("/api/customers/\(p)/recommendations", headers: f.bearer(.marketing)) == .ok)
            }
            try await client.execute(uri: "/api/alerts", method: .get, headers: f.bearer(.dpo)) { r in
                let alerts = object(r.body)["alerts"] as? [[String: Any]] ?? []
                #expect(alerts.contains { ($0["user"] as? String)?.hasSuffix(":marketing") == true })
            }
        }
        let reads = try await f.workspace.store.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_entry WHERE action = 'recommendations.read' AND actor LIKE 'token:%:marketing'")
                ?? 0
        }
        #expect(reads == 3)
    }
}
