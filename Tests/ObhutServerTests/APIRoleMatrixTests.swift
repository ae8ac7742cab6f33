import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Obhut
import ObhutCore
import Testing

@testable import ObhutServer

/// Every role against every API endpoint of the catalog: allowed (2xx, never 401/403), denied
/// (403) or masked exactly as `Endpoint.access` and the masking notes say; anonymous callers get
/// 401 except on `.open` endpoints. Each role gets its own workspace, because some calls change
/// data (erasure last).
@Suite("API role x endpoint matrix")
struct APIRoleMatrixTests {
    /// A concrete request for an endpoint of the catalog.
    struct Call {
        var endpoint: Endpoint
        var uri: String
        var body: String?
        var contentType = "application/json"
    }

    static func calls(_ f: APIFixture, tokenId: Int64) -> [Call] {
        let apiEndpoints = EndpointCatalog.all.filter { $0.kind == .api }
        return apiEndpoints.map { e in
            var uri = e.path
            var body: String?
            var type = "application/json"
            let customer = e.path.hasSuffix("/erase") ? f.spare : f.withList
            uri = uri.replacingOccurrences(of: "{entity}", with: "customers")
            if e.path.hasPrefix("/api/activities/") { uri = uri.replacingOccurrences(of: "{name}", with: "segments") }
            if e.path.hasPrefix("/api/users/") { uri = uri.replacingOccurrences(of: "{name}", with: "sales") }
            if e.path.hasPrefix("/api/leads/") { uri = uri.replacingOccurrences(of: "{id}", with: f.lead) }
            if e.path.hasPrefix("/api/tokens/") { uri = uri.replacingOccurrences(of: "{id}", with: String(tokenId)) }
            uri = uri.replacingOccurrences(of: "{id}", with: customer)
            switch (e.method, e.path) {
            case (.get, "/api/customers"): uri += "?q=" + f.withList
            case (.post, "/api/session"): body = #"{"name":"sales","password":"password-sales"}"#
            case (.post, "/api/customers"): body = #"{"customer_id":"API-NEW-1","email":"neu@example.org","first_name":"Erika"}"#
            case (.post, "/api/imports/{entity}"):
                body = "customer_id,email\nAPI-IMP-1,import@example.org\n"
                type = "text/csv"
            case (.patch, "/api/customers/{id}"): body = #"{"city":"Kassel"}"#
            case (.post, "/api/activities/{name}/runs"): body = #"{"seed":1}"#
            case (.post, "/api/leads/{id}/correction"): body = #"{"probability":0.5,"reason":"Kunde hat abgesagt"}"#
            case (.post, "/api/customers/{id}/restrict"): body = #"{"purpose":"marketing"}"#
            case (.post, "/api/customers/{id}/object"): body = #"{"purpose":"analytics"}"#
            case (.post, "/api/users"): body = #"{"name":"neu-api","role":"sales","password":"ein-langes-passwort"}"#
            case (.post, "/api/users/{name}/tokens"): body = #"{"label":"matrix","role":"sales"}"#
            default: break
            }
            return Call(endpoint: e, uri: uri, body: body, contentType: type)
        }
        // Erasure last, so the person is there for every other call.
        .sorted { a, b in !a.endpoint.path.hasSuffix("/erase") && b.endpoint.path.hasSuffix("/erase") }
    }

    static let roles: [Role?] = [nil] + Role.allCases

    @Test("every role gets exactly what the catalog allows on every API endpoint", arguments: roles)
    func matrix(role: Role?) async throws {
        let f = try APIFixture()
        defer { f.remove() }
        let spareToken = try f.services.users.createToken(user: "admin", label: "to revoke").id
        let calls = Self.calls(f, tokenId: spareToken)
        #expect(calls.count == EndpointCatalog.all.filter { $0.kind == .api }.count)
        try await f.app().test(.router) { client in
            for call in calls {
                var headers: HTTPFields = role.map { f.bearer($0) } ?? [:]
                headers[.contentType] = call.contentType
                let status = try await client.execute(
                    uri: call.uri, method: call.endpoint.method, headers: headers, body: call.body.map { ByteBuffer(string: $0) }
                ) { $0.status.code }
                let label = "\(role?.rawValue ?? "anonymous") \(call.endpoint.method) \(call.endpoint.path) → \(status)"
                if call.endpoint.access.allows(role) {
                    #expect((200..<300).contains(status), "\(label): expected success")
                } else if role == nil {
                    #expect(status == 401, "\(label): expected 401")
                } else {
                    #expect(status == 403, "\(label): expected 403")
                }
            }
        }
    }

    /// The masking notes, checked: contact data of a person without marketing consent is hidden
    /// from marketing and shown to the roles with `contactData`; support sees no profiling
    /// results; the analyst sees CLV lists under pseudonyms only.
    @Test("fields are masked per role as the masking notes say")
    func masking() async throws {
        let f = try APIFixture()
        defer { f.remove() }
        try await f.app().test(.router) { client in
            for role in Role.allCases {
                try await client.execute(uri: "/api/customers/\(f.withoutMarketing)", method: .get, headers: f.bearer(role)) { r in
                    guard role.permissions.contains(.customerDetail) else {
                        #expect(r.status == .forbidden)
                        return
                    }
                    #expect(r.status == .ok)
                    let body = object(r.body)
                    let customer = body["customer"] as? [String: Any] ?? [:]
                    let masked = customer["masked"] as? [String] ?? []
                    if role.permissions.contains(.contactData) {
                        #expect(masked.isEmpty)
                    } else {
                        #expect(!masked.isEmpty, "\(role): contact data of a person without marketing consent must be masked")
                        for field in masked { #expect(customer[field] == nil) }
                    }
                    if role == .support { #expect((body["derived"] as? [Any])?.isEmpty == true) }
                }
                try await client.execute(uri: "/api/clv?limit=5", method: .get, headers: f.bearer(role)) { r in
                    guard role.permissions.contains(.clv) else {
                        #expect(r.status == .forbidden)
                        return
                    }
                    #expect(r.status == .ok)
                    let body = object(r.body)
                    let people = (body["atRisk"] as? [[String: Any]] ?? []).compactMap { $0["customer"] as? String }
                    let pseudonymous = role == .analyst
                    #expect(body["pseudonymous"] as? Bool == pseudonymous)
                    for p in people {
                        #expect(p.hasPrefix("p_") == pseudonymous, "\(role): \(p)")
                        if pseudonymous { #expect((try? f.workspace.store.customer(id: p)) == nil) }
                    }
                }
            }
        }
    }

    /// Roles that hold neither search nor look-up get 403 from the customer list, which is why
    /// the catalog lists it under `customerDetail` (the same four roles).
    @Test func customerListRolesAreTheSearchAndLookupRoles() {
        let listing = Set(Role.allCases.filter { $0.permissions.contains(.customerDetail) })
        let searching = Set(Role.allCases.filter { $0.permissions.contains(.customerSearch) || $0.permissions.contains(.customerLookup) })
        #expect(listing == searching)
    }
}
