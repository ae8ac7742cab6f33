import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Obhut
import ObhutCore
import Testing

@testable import ObhutServer

@Suite(.serialized) struct DashboardLoginTests {
    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return ByteBuffer(
            string: fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&"))
    }
    static let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    @Test func signInFormSetsTheSessionCookieAndRedirectsToNext() async throws {
        let fixture = try ServerFixture(customers: 10)
        defer { fixture.remove() }
        try await fixture.app().test(.router) { client in
            try await client.execute(uri: "/login?next=%2Fprivacy&lang=de", method: .get) { response in
                #expect(response.status == .ok)
                let body = String(buffer: response.body)
                #expect(body.contains("name=\"next\" value=\"/privacy\""))
                #expect(body.contains("Anmelden"))
                #expect(body.contains("English"))
            }
            let body = Self.form([("name", "dpo"), ("password", "password-dpo"), ("next", "/privacy")])
            let cookie = try await client.execute(uri: "/login", method: .post, headers: Self.formHeaders, body: body) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/privacy")
                let setCookie = try #require(response.headers[.setCookie])
                #expect(setCookie.contains("HttpOnly"))
                #expect(setCookie.contains("SameSite=Strict"))
                return try #require(setCookie.split(separator: ";").first.map(String.init))
            }
            try await client.execute(uri: "/privacy", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
            }
        }
    }

    /// Under `no-referrer` a browser sends `Origin: null` with form posts, which the same-origin
    /// check refuses: the dashboard's forms need a policy that keeps the origin for the own site.
    @Test func pagesKeepTheOriginForTheirOwnFormPosts() async throws {
        let fixture = try ServerFixture(customers: 5)
        defer { fixture.remove() }
        try await fixture.app().test(.router) { client in
            try await client.execute(uri: "/login", method: .get) { response in
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin")
            }
            let body = Self.form([("name", "admin"), ("password", "password-admin"), ("next", "/")])
            var headers = Self.formHeaders
            headers[.origin] = "null"
            try await client.execute(uri: "/login", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .forbidden, "an opaque origin stays refused")
            }
        }
    }

    @Test func wrongPasswordIsRejectedWithoutACookie() async throws {
        let fixture = try ServerFixture(customers: 5)
        defer { fixture.remove() }
        try await fixture.app().test(.router) { client in
            let body = Self.form([("name", "admin"), ("password", "not-the-password"), ("next", "/")])
            try await client.execute(uri: "/login?lang=en", method: .post, headers: Self.formHeaders, body: body) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.setCookie]?.contains("obhut_session=") != true)
                #expect(String(buffer: response.body).contains("The name or the password is wrong."))
            }
        }
    }

    @Test(arguments: [
        ("/customers/C-1", "/customers/C-1"), ("/privacy?lang=de", "/privacy?lang=de"), ("https://evil.example/", "/"), ("//evil.example", "/"),
        ("/\\evil.example", "/"), ("%2F%2Fevil.example", "/"), ("%252F%252Fevil.example", "/"), ("javascript:alert(1)", "/"), ("", "/"),
        ("/login", "/"), ("/x\r\nSet-Cookie: a=b", "/"),
    ])
    func nextIsOnlyEverALocalPath(raw: String, expected: String) {
        #expect(LoginPage.safeNext(raw) == expected)
    }

    @Test func signInDoesNotRedirectOffSite() async throws {
        let fixture = try ServerFixture(customers: 5)
        defer { fixture.remove() }
        try await fixture.app().test(.router) { client in
            let body = Self.form([("name", "admin"), ("password", "password-admin"), ("next", "//evil.example/x")])
            try await client.execute(uri: "/login", method: .post, headers: Self.formHeaders, body: body) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/")
            }
        }
    }

    @Test func formPostsWithoutTheCSRFTokenAreRefused() async throws {
        let fixture = try ServerFixture(customers: 20)
        defer { fixture.remove() }
        let id = try #require(
            try await fixture.workspace.store.writer.read { db in try String.fetchOne(db, sql: "SELECT id FROM customer ORDER BY id LIMIT 1") })
        try await fixture.app().test(.router) { client in
            let session = try await client.signIn("admin")
            var headers = session.headers
            headers[.contentType] = "application/x-www-form-urlencoded"
            for path in ["/customers", CustomerPages.path(id, "/restrict"), CustomerPages.path(id, "/erase"), "/logout"] {
                try await client.execute(uri: path, method: .post, headers: headers, body: Self.form([("q", id), ("confirm", id)])) { response in
                    #expect(response.status == .forbidden, "\(path)")
                }
            }
            // The person is still there, and with the token the same form works.
            #expect(try fixture.workspace.store.customer(id: id) != nil)
            try await client.execute(uri: "/customers", method: .post, headers: headers, body: Self.form([("_csrf", session.csrf), ("q", id)])) {
                response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains(id))
            }
        }
    }

    @Test func signOutEndsTheSession() async throws {
        let fixture = try ServerFixture(customers: 5)
        defer { fixture.remove() }
        try await fixture.app().test(.router) { client in
            let session = try await client.signIn("analyst")
            var headers = session.headers
            headers[.contentType] = "application/x-www-form-urlencoded"
            try await client.execute(uri: "/logout", method: .post, headers: headers, body: Self.form([("_csrf", session.csrf)])) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/login")
            }
            try await client.execute(uri: "/", method: .get, headers: session.headers) { response in
                #expect(response.status == .seeOther)
            }
        }
    }

    @Test func demoLoginsCreateOneUserPerRoleOnce() throws {
        let fixture = try ServerFixture(customers: 5)
        defer { fixture.remove() }
        let first = try DemoLogins.ensure(in: fixture.services.users)
        #expect(first.created == Role.allCases.map { "demo-" + $0.rawValue })
        let password = try #require(first.password)
        #expect(password.count == 19)
        #expect(try fixture.services.users.verify(name: "demo-dpo", password: password) != .invalid)
        let again = try DemoLogins.ensure(in: fixture.services.users)
        #expect(again.created.isEmpty && again.password == nil)
        let text = DemoLogins.instructions(first, directory: "/tmp/x", port: 8080, serving: false, in: .de)
        #expect(text.contains("obhut serve --dir /tmp/x"))
        #expect(text.contains(password))
    }
}
