import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Obhut
import ObhutCore
import Testing

@testable import ObhutServer

/// Every dashboard page against every role: 200 with the page's heading in German and English
/// for the roles the Role table allows, 403 for the others, and a redirect to the sign-in page
/// for anonymous readers.
@Suite(.serialized) struct DashboardPagesTests {
    static let pages: [(path: String, de: String, en: String)] = [
        ("/", "Übersicht", "Overview"),
        ("/customers", "Kunden", "Customers"),
        ("/behaviour", "Kaufverhalten", "Buying behaviour"),
        ("/segments", "Kundensegmente", "Customer segments"),
        ("/clv", "Kundenwert", "Customer lifetime value"),
        ("/feedback", "Feedback", "Feedback"),
        ("/leads", "Leads", "Leads"),
        ("/privacy", "Datenschutz-Cockpit", "Privacy cockpit"),
    ]

    @Test func everyNavigationEntryIsTestedAndListedAsAPage() {
        #expect(Set(DashboardNavigation.all.map(\.path)) == Set(Self.pages.map(\.path)))
        for entry in DashboardNavigation.all {
            #expect(DashboardRoutes.endpoints.contains { $0.path == entry.path && $0.method == .get && $0.kind == .page })
        }
    }

    @Test func pagesRenderForAllowedRolesInBothLanguagesAndAreDeniedToOthers() async throws {
        let fixture = try ServerFixture(customers: 60)
        defer { fixture.remove() }
        try await fixture.app().test(.router) { client in
            for role in Role.allCases {
                let session = try await client.signIn(role.rawValue)
                for page in Self.pages {
                    let permission = try #require(DashboardNavigation.all.first { $0.path == page.path }).permission
                    let allowed = role.permissions.contains(permission)
                    for (lang, heading, navigation) in [("de", page.de, "Hauptnavigation"), ("en", page.en, "Main navigation")] {
                        try await client.execute(uri: page.path + "?lang=" + lang, method: .get, headers: session.headers) { response in
                            let body = String(buffer: response.body)
                            if allowed {
                                #expect(response.status == .ok, "\(role) \(page.path) \(lang): \(response.status)")
                                #expect(body.contains("<h1>\(heading)</h1>"), "\(role) \(page.path) \(lang)")
                                #expect(body.contains("<html lang=\"\(lang)\">"))
                                #expect(body.contains(navigation))
                                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
                            } else {
                                #expect(response.status == .forbidden, "\(role) \(page.path) \(lang): \(response.status)")
                            }
                        }
                    }
                }
            }
        }
    }

    @Test func navigationShowsOnlyThePagesTheRoleMayOpen() async throws {
        let fixture = try ServerFixture(customers: 30)
        defer { fixture.remove() }
        try await fixture.app().test(.router) { client in
            for role in [Role.sales, .support, .dpo] {
                let session = try await client.signIn(role.rawValue)
                try await client.execute(uri: "/?lang=en", method: .get, headers: session.headers) { response in
                    let body = String(buffer: response.body)
                    let nav = body.components(separatedBy: "<nav class=\"main-nav\"").last?.components(separatedBy: "</nav>").first ?? ""
                    for entry in DashboardNavigation.all {
                        #expect(nav.contains("href=\"\(entry.path)\"") == role.permissions.contains(entry.permission), "\(role) \(entry.path)")
                    }
                }
            }
        }
    }

    @Test func anonymousReadersAreSentToTheSignInPage() async throws {
        let fixture = try ServerFixture(customers: 10)
        defer { fixture.remove() }
        try await fixture.app().test(.router) { client in
            for page in Self.pages + [("/customers/C-1", "", "")] {
                try await client.execute(uri: page.path, method: .get) { response in
                    #expect(response.status == .seeOther, "\(page.path)")
                    #expect(response.headers[.location]?.hasPrefix("/login?next=") == true)
                }
            }
        }
    }

    @Test func stylesheetIsServedCacheableWithAnETag() async throws {
        let fixture = try ServerFixture(customers: 5)
        defer { fixture.remove() }
        try await fixture.app().test(.router) { client in
            let etag = try await client.execute(uri: "/static/app.css", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/css") == true)
                #expect(response.headers[.cacheControl] == "public, max-age=86400")
                #expect(String(buffer: response.body).contains(":root"))
                return try #require(response.headers[.eTag])
            }
            try await client.execute(uri: "/static/app.css", method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .notModified)
            }
        }
    }

    @Test func pagesCarryNoInlineScriptsOrStyles() async throws {
        let fixture = try ServerFixture(customers: 60)
        defer { fixture.remove() }
        try await fixture.app().test(.router) { client in
            let session = try await client.signIn("admin")
            for page in Self.pages {
                try await client.execute(uri: page.path, method: .get, headers: session.headers) { response in
                    let body = String(buffer: response.body)
                    #expect(!body.contains("<script"), "\(page.path)")
                    #expect(!body.contains("style="), "\(page.path)")
                    #expect(!body.contains("<style"), "\(page.path)")
                }
            }
        }
    }
}
