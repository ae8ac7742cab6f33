import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Obhut
import ObhutCore
import Testing

@testable import ObhutServer

/// The DPO's cockpit shows what needs action: overdue requests in red, open ones with the days
/// left, the audit chain's state.
@Suite(.serialized) struct DashboardPrivacyCockpitTests {
    @Test func overdueRequestsAreMarkedRedAndOpenOnesShowTheDaysLeft() async throws {
        let fixture = try ServerFixture(customers: 20)
        defer { fixture.remove() }
        let now = Int64(Date().timeIntervalSince1970)
        try await fixture.workspace.store.writer.write { db in
            // One received 40 days ago (deadline passed 10 days ago), one received today.
            try db.execute(
                sql: "INSERT INTO subject_request (subject, kind, received_at, deadline, status) VALUES ('tok-old', 'access', ?, ?, 'open')",
                arguments: [now - 40 * 86_400, now - 10 * 86_400])
            try db.execute(
                sql: "INSERT INTO subject_request (subject, kind, received_at, deadline, status) VALUES ('tok-new', 'erasure', ?, ?, 'open')",
                arguments: [now, now + 30 * 86_400 + 3_600])
        }
        try await fixture.app().test(.router) { client in
            let session = try await client.signIn("dpo")
            try await client.execute(uri: "/privacy?lang=en", method: .get, headers: session.headers) { response in
                #expect(response.status == .ok)
                let body = String(buffer: response.body)
                #expect(body.components(separatedBy: "<tr class=\"overdue\">").count - 1 == 1)
                #expect(body.contains("10 days ago"))
                #expect(body.contains("30 days left"))
                #expect(body.contains("2 open requests, 1 overdue") || body.contains("open requests, 1 overdue"))
                #expect(body.contains("Audit chain intact"))
                #expect(!body.contains("tok-old</code>"), "tokens are shortened")
            }
            try await client.execute(uri: "/?lang=de", method: .get, headers: session.headers) { response in
                #expect(String(buffer: response.body).contains("überfällig"))
            }
        }
    }

    /// The register's pre-flight column counts a feedback-only activity's people among those who
    /// wrote feedback, the others among all customers, in both languages.
    @Test func preflightColumnSaysWhomTheScopeIsDrawnFrom() async throws {
        let fixture = try ServerFixture(customers: 60)
        defer { fixture.remove() }
        let (authors, customers) = try await fixture.workspace.store.writer.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(DISTINCT f.customer_id) FROM feedback f JOIN customer c ON c.id = f.customer_id") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM customer") ?? 0
            )
        }
        #expect(authors > 0 && authors < customers)
        try await fixture.app().test(.router) { client in
            let session = try await client.signIn("dpo")
            try await client.execute(uri: "/privacy?lang=en", method: .get, headers: session.headers) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("\(authors) / \(authors) people with feedback in scope"))
                #expect(body.contains(" / \(customers) in scope"))
            }
            try await client.execute(uri: "/privacy?lang=de", method: .get, headers: session.headers) { response in
                #expect(String(buffer: response.body).contains("\(authors) / \(authors) Personen mit Feedback im Scope"))
            }
        }
    }
}
