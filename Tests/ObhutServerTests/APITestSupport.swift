import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Obhut
import ObhutCore

@testable import ObhutServer

/// Facts about the fixture's invented shop that API tests need: a customer with a stored
/// recommendation list, one without marketing consent, a scored lead, and a bearer token per role.
struct APIFixture {
    let base: ServerFixture
    /// Has a recommendations list (so: personalization consent).
    let withList: String
    /// Has no marketing consent (contact data masked for marketing).
    let withoutMarketing: String
    /// Another customer, erased by the tests that erase.
    let spare: String
    let lead: String
    var tokens: [Role: String] = [:]

    var services: ServerServices { base.services }
    var workspace: Workspace { base.workspace }

    init(customers: Int = 40, threshold: Int = 200) throws {
        base = try ServerFixture(customers: customers, threshold: threshold)
        let ws = base.workspace
        let facts = try ws.store.writer.read { db -> (String?, String?, [String]) in
            let list = try String.fetchOne(
                db, sql: "SELECT customer_id FROM derived_result WHERE activity = 'recommendations' ORDER BY customer_id LIMIT 1")
            let noMarketing = try String.fetchOne(
                db,
                sql: """
                    SELECT c.id FROM customer c WHERE NOT EXISTS (
                      SELECT 1 FROM consent_state s WHERE s.customer_ref = c.ref AND s.purpose = 'marketing' AND s.granted = 1)
                    ORDER BY c.id LIMIT 1
                    """)
            let all = try String.fetchAll(db, sql: "SELECT id FROM customer ORDER BY id")
            return (list, noMarketing, all)
        }
        guard let list = facts.0, let noMarketing = facts.1 else { throw FixtureError.missing("demo facts") }
        withList = list
        withoutMarketing = noMarketing
        guard let spare = facts.2.first(where: { $0 != list && $0 != noMarketing }) else { throw FixtureError.missing("spare customer") }
        self.spare = spare
        guard let lead = try LeadDesk(workspace: ws).list(limit: 1).first?.leadId else { throw FixtureError.missing("scored lead") }
        self.lead = lead
        for role in Role.allCases { tokens[role] = try base.services.users.createToken(user: role.rawValue, label: "test").secret }
    }

    func app() -> some ApplicationProtocol { base.app() }
    func remove() { base.remove() }

    func bearer(_ role: Role, json: Bool = true) -> HTTPFields {
        var h = HTTPFields()
        h[.authorization] = "Bearer " + (tokens[role] ?? "")
        if json { h[.contentType] = "application/json" }
        return h
    }
}

enum FixtureError: Error { case missing(String) }

extension ByteBuffer {
    static func json(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }
}

/// Decodes an answer as a loose JSON object for checks on its members.
func object(_ buffer: ByteBuffer) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(buffer: buffer))) as? [String: Any] ?? [:]
}

extension TestClientProtocol {
    /// The status of one request (for checks that need nothing else).
    func status(_ uri: String, _ method: HTTPRequest.Method = .get, headers: HTTPFields = [:], body: String? = nil) async throws
        -> HTTPResponse.Status
    {
        try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { $0.status }
    }

    func status(_ uri: String, _ method: HTTPRequest.Method = .get, headers: HTTPFields = [:], body: ByteBuffer) async throws -> HTTPResponse.Status {
        try await execute(uri: uri, method: method, headers: headers, body: body) { $0.status }
    }
}
