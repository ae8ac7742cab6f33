import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ObhutServer

@Suite("Server basics: errors, headers, language")
struct ServerBasicsTests {
    @Test("errors are JSON with a code, in the language asked for, with the security headers, and without internals")
    func errors() async throws {
        let fixture = try ServerFixture(customers: 20)
        defer { fixture.remove() }
        try await fixture.app().test(.router) { client in
            try await client.execute(uri: "/api/customers", method: .get, headers: [.acceptLanguage: "de-DE,de;q=0.9"]) { response in
                #expect(response.status == .unauthorized)
                let body = try json(ErrorBody.self, response.body)
                #expect(body.error.code == "unauthenticated")
                #expect(body.error.message == "Bitte anmelden.")
                #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[.cacheControl] == "no-store")
            }
            try await client.execute(uri: "/api/no-such-thing?lang=en", method: .get) { response in
                #expect(response.status == .notFound)
                let body = try json(ErrorBody.self, response.body)
                #expect(body.error.code == "not_found")
            }
            let session = try await client.signIn("admin")
            try await client.execute(
                uri: "/api/customers/C0000001", method: .patch, headers: session.writeHeaders(), body: ByteBuffer(string: "{not json")
            ) { response in
                #expect(response.status == .badRequest)
                let text = String(buffer: response.body)
                #expect(!text.contains("DecodingError") && !text.contains("Swift"), "no internals: \(text)")
            }
        }
    }

    @Test("a page that needs sign-in sends a browser to the sign-in page and back")
    func redirectToLogin() async throws {
        let fixture = try ServerFixture(customers: 20)
        defer { fixture.remove() }
        try await fixture.app().test(.router) { client in
            try await client.execute(uri: "/customers/C0000001", method: .get, headers: [.accept: "text/html"]) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location]?.hasPrefix("/login?next=") == true)
            }
        }
    }

    @Test("health answers without sign-in and without touching personal data")
    func health() async throws {
        let fixture = try ServerFixture(customers: 20)
        defer { fixture.remove() }
        try await fixture.app().test(.router) { client in
            try await client.execute(uri: "/api/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("\"status\":\"ok\""))
            }
        }
    }
}
