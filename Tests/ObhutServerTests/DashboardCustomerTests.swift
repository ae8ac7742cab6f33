import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Obhut
import ObhutCore
import Testing

@testable import ObhutServer

/// The customer pages show contact data only to roles that may see it, and carry out a person's
/// rights only for roles that hold them.
@Suite(.serialized) struct DashboardCustomerTests {
    /// A customer with an e-mail address and the given marketing consent state.
    static func customer(in fixture: ServerFixture, marketing: Bool) throws -> (id: String, email: String)? {
        let access = CustomerAccess(services: fixture.services)
        let ids = try fixture.workspace.store.writer.read { db in try String.fetchAll(db, sql: "SELECT id FROM customer ORDER BY id") }
        for id in ids {
            guard let email = try fixture.workspace.store.customer(id: id)?.personal.email, !email.isEmpty else { continue }
            if (try access.consents(of: id)["marketing"] == true) == marketing { return (id, email) }
        }
        return nil
    }

    @Test func noPageShowsAnEmailAddressToARoleThatMayNotSeeIt() async throws {
        let fixture = try ServerFixture(customers: 80)
        defer { fixture.remove() }
        let without = try #require(try Self.customer(in: fixture, marketing: false))
        let with = try #require(try Self.customer(in: fixture, marketing: true))
        try await fixture.app().test(.router) { client in
            for role in Role.allCases {
                let session = try await client.signIn(role.rawValue)
                for (person, consent) in [(without, false), (with, true)] {
                    let sees = role.permissions.contains(.contactData) || (role.permissions.contains(.marketingContacts) && consent)
                    var pages: [String] = []
                    for path in DashboardPagesTests.pages.map(\.path) {
                        pages.append(try await client.execute(uri: path, method: .get, headers: session.headers) { String(buffer: $0.body) })
                    }
                    let detail = try await client.execute(uri: CustomerPages.path(person.id), method: .get, headers: session.headers) {
                        String(buffer: $0.body)
                    }
                    var headers = session.headers
                    headers[.contentType] = "application/x-www-form-urlencoded"
                    let query = DashboardLoginTests.form([("_csrf", session.csrf), ("q", person.email)])
                    let escaped = HTML.escape(person.email)
                    // The search box shows the reader's own input again; that echo is not a leak.
                    let results = try await client.execute(uri: "/customers", method: .post, headers: headers, body: query) {
                        String(buffer: $0.body).replacingOccurrences(of: "value=\"\(escaped)\"", with: "")
                    }
                    let shownAnywhere = (pages + [detail, results]).contains { $0.contains(escaped) || $0.contains(person.email) }
                    if sees {
                        #expect(detail.contains(escaped), "\(role) should see the e-mail of \(person.id)")
                    } else {
                        #expect(!shownAnywhere, "\(role) must not see the e-mail of \(person.id)")
                    }
                    if role == .marketing && !consent {
                        #expect(detail.contains("hidden: no marketing consent") || detail.contains("verborgen: keine Marketing-Einwilligung"))
                    }
                }
            }
        }
    }

    @Test func detailShowsConsentsAndReasonsAndIsAudited() async throws {
        let fixture = try ServerFixture(customers: 60)
        defer { fixture.remove() }
        let person = try #require(try Self.customer(in: fixture, marketing: true))
        try await fixture.app().test(.router) { client in
            let session = try await client.signIn("admin")
            try await client.execute(uri: CustomerPages.path(person.id) + "?lang=en", method: .get, headers: session.headers) { response in
                #expect(response.status == .ok)
                let body = String(buffer: response.body)
                #expect(body.contains("Consent per purpose"))
                #expect(body.contains("granted"))
                #expect(body.contains("The person&#39;s rights"))
                #expect(body.contains("name=\"_csrf\" value=\"\(session.csrf)\""))
            }
        }
        let entries = try fixture.workspace.store.auditEntries(from: 1, limit: 100_000)
        #expect(entries.contains { $0.action == "customer.view" && $0.actor == "user:admin" })
    }

    @Test func supportLooksUpOnePersonAndCannotUseRights() async throws {
        let fixture = try ServerFixture(customers: 40)
        defer { fixture.remove() }
        let person = try #require(try Self.customer(in: fixture, marketing: false))
        try await fixture.app().test(.router) { client in
            let session = try await client.signIn("support")
            var headers = session.headers
            headers[.contentType] = "application/x-www-form-urlencoded"
            // An id prefix is no exact look-up: refused with the reason.
            let prefix = String(person.id.prefix(2))
            try await client.execute(
                uri: "/customers?lang=en", method: .post, headers: headers, body: DashboardLoginTests.form([("_csrf", session.csrf), ("q", prefix)])
            ) { response in
                #expect(response.status == .ok || response.status == .badRequest)
                #expect(String(buffer: response.body).components(separatedBy: "href=\"/customers/").count - 1 <= 1)
            }
            try await client.execute(uri: CustomerPages.path(person.id), method: .get, headers: session.headers) { response in
                let body = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(!body.contains("/export\""))
            }
            for action in ["/export", "/restrict", "/object", "/erase"] {
                try await client.execute(
                    uri: CustomerPages.path(person.id, action), method: .post, headers: headers,
                    body: DashboardLoginTests.form([("_csrf", session.csrf), ("confirm", person.id)])
                ) { response in
                    #expect(response.status == .forbidden, "\(action)")
                }
            }
        }
        #expect(try fixture.workspace.store.customer(id: person.id) != nil)
    }

    @Test func dpoExportsRestrictsAndErasesAfterConfirmation() async throws {
        let fixture = try ServerFixture(customers: 40)
        defer { fixture.remove() }
        let person = try #require(try Self.customer(in: fixture, marketing: false))
        try await fixture.app().test(.router) { client in
            let session = try await client.signIn("dpo")
            var headers = session.headers
            headers[.contentType] = "application/x-www-form-urlencoded"
            let token = DashboardLoginTests.form([("_csrf", session.csrf)])
            try await client.execute(uri: CustomerPages.path(person.id, "/export"), method: .post, headers: headers, body: token) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
                #expect(String(buffer: response.body).contains(person.email))
            }
            try await client.execute(uri: CustomerPages.path(person.id, "/restrict"), method: .post, headers: headers, body: token) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == CustomerPages.path(person.id, "?done=restrict"))
            }
            try await client.execute(uri: CustomerPages.path(person.id, "/erase"), method: .get, headers: session.headers) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("name=\"confirm\""))
            }
            let wrong = DashboardLoginTests.form([("_csrf", session.csrf), ("confirm", "somebody-else")])
            try await client.execute(uri: CustomerPages.path(person.id, "/erase"), method: .post, headers: headers, body: wrong) { response in
                #expect(response.status == .badRequest)
            }
            #expect(try fixture.workspace.store.customer(id: person.id) != nil)
            let right = DashboardLoginTests.form([("_csrf", session.csrf), ("confirm", person.id)])
            try await client.execute(uri: CustomerPages.path(person.id, "/erase"), method: .post, headers: headers, body: right) { response in
                #expect(response.status == .ok)
            }
        }
        #expect(try fixture.workspace.store.customer(id: person.id) == nil)
        let kinds = try SubjectRights(workspace: fixture.workspace).requests().map(\.kind)
        #expect(kinds.contains(.access) && kinds.contains(.restriction) && kinds.contains(.erasure))
    }

    @Test func analystSeesPseudonymsOnTheCLVPage() async throws {
        let fixture = try ServerFixture(customers: 120)
        defer { fixture.remove() }
        let ids = try await fixture.workspace.store.writer.read { db in try String.fetchAll(db, sql: "SELECT id FROM customer") }
        try await fixture.app().test(.router) { client in
            let session = try await client.signIn("analyst")
            try await client.execute(uri: "/clv", method: .get, headers: session.headers) { response in
                let body = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(!body.contains("href=\"/customers/"))
                for id in ids { #expect(!body.contains(">\(HTML.escape(id))<"), "\(id)") }
            }
        }
    }
}
