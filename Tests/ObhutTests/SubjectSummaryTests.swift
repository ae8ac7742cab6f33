import Foundation
import GRDB
import ObhutCore
import ObhutStore
import Testing

@testable import Obhut

struct SubjectSummaryTests {
    /// A shop with one person who has consents (one withdrawn again), a message, a derived result
    /// and an objection.
    func shop() async throws -> Workspace {
        let ws = try makeWorkspace()
        var shop = RandomShop(seed: 9, customers: 10)
        try shop.populate(ws)
        _ = try Importer(workspace: ws).run(
            ImportRequest(
                entity: .feedback, file: writeFixture("f.csv", "feedback_id,customer_id,text,created_at,rating\nF1,K3,Sehr gut,2025-02-01,5\n")))
        let rights = SubjectRights(workspace: ws)
        try rights.consent("K3", purpose: .personalization, granted: true, source: "test", textVersion: "v2")
        try rights.consent("K3", purpose: .marketing, granted: true, source: "test", textVersion: "v1")
        try rights.consent("K3", purpose: .marketing, granted: false, source: "test", textVersion: "v1")
        try PrivacyKernel(workspace: ws, analyses: ["segments": OrderCountAnalysis(kind: "segment")]).run("segments")
        try rights.restrict("K3", kind: .object, purpose: "marketing")
        return ws
    }

    @Test func summaryAgreesWithTheFullExport() async throws {
        let ws = try await shop()
        let export = try SubjectRights(workspace: ws).collect("K3", includeAudit: false)
        let summary = try await SubjectRights(workspace: ws).summary("K3", reason: "detail", activities: nil, feedback: true)
        #expect(summary.customer == export.customer)
        var latest: [String: Bool] = [:]
        for c in export.consents { latest[c.purpose] = c.granted }
        #expect(summary.consents == latest)
        #expect(summary.consents == ["personalization": true, "marketing": false])
        #expect(summary.orders.lines == export.orders.count)
        #expect(summary.orders.lines > 0)
        #expect(summary.orders.orders == Set(export.orders.map(\.orderId)).count)
        #expect(summary.orders.first == export.orders.first?.orderedAt)
        #expect(summary.orders.last == export.orders.last?.orderedAt)
        #expect(summary.restrictions.map(\.kind) == export.restrictions.map(\.kind))
        #expect(summary.restrictions.map(\.purpose) == export.restrictions.map(\.purpose))
        #expect(summary.feedback?.map(\.text) == ["Sehr gut"])
        #expect(summary.derivedResults.map(\.explanation) == export.derivedResults.map(\.explanation))
        #expect(summary.derivedResults.map(\.value) == export.derivedResults.map(\.value))
        #expect(summary.derivedResults.count == 1)
    }

    /// The summary sorts and folds in Swift what the export sorts in SQL: results of several
    /// activities and kinds stored out of order, and consent events recorded out of time order
    /// (a back-dated import) or in the same second.
    @Test func summaryOrdersResultsAndFoldsConsentsAsTheExportDoes() async throws {
        let ws = try await shop()
        try await ws.store.writer.write { db in
            let explanation = try #require(try String.fetchOne(db, sql: "SELECT explanation FROM derived_result WHERE customer_id = 'K3' LIMIT 1"))
            for (activity, kind, value) in [
                ("segments", "z", "1"), ("clv", "clv", "2"), ("segments", "a", "3"), ("clv", "clv", "4"), ("b", "a", "5"),
            ] {
                try db.execute(
                    sql: """
                        INSERT INTO derived_result (run_id, activity, purpose, customer_id, kind, value, explanation, model_version, created_at)
                        VALUES (1, ?, 'analytics', 'K3', ?, ?, ?, 'v', 0)
                        """, arguments: [activity, kind, value, explanation])
            }
            // Granted later in time but recorded first; withdrawn earlier in time, recorded second.
            for (granted, at) in [(1, 2_000_000_000), (0, 1_000_000_000)] {
                try db.execute(
                    sql: """
                        INSERT INTO consent_event (customer_id, purpose, granted, at, source, text_version, recorded_at)
                        VALUES ('K3', 'newsletter', ?, ?, 'test', 'v1', 0)
                        """, arguments: [granted, at])
            }
        }
        let export = try SubjectRights(workspace: ws).collect("K3", includeAudit: false)
        let summary = try await SubjectRights(workspace: ws).summary("K3", reason: "detail", activities: nil, feedback: false)
        #expect(summary.derivedResults.count == 6)
        #expect(summary.derivedResults.map(\.value) == export.derivedResults.map(\.value))
        #expect(summary.derivedResults.map(\.activity) == export.derivedResults.map(\.activity))
        #expect(summary.derivedResults.map(\.kind) == export.derivedResults.map(\.kind))
        #expect(Array(summary.derivedResults.map(\.value).prefix(3)) == ["5", "2", "4"])
        var latest: [String: Bool] = [:]
        for c in export.consents { latest[c.purpose] = c.granted }
        #expect(summary.consents == latest)
        #expect(summary.consents["newsletter"] == true)
    }

    @Test func readsOnlyWhatWasAskedFor() async throws {
        let ws = try await shop()
        let rights = SubjectRights(workspace: ws)
        let narrow = try await rights.summary("K3", reason: "detail", activities: ["recommendations"], feedback: false)
        #expect(narrow.feedback == nil)
        #expect(narrow.derivedResults.isEmpty)
        let segments = try await rights.summary("K3", reason: "detail", activities: ["segments"], feedback: false)
        #expect(segments.derivedResults.map(\.activity) == ["segments"])
    }

    @Test func everyLookAtAKnownPersonIsAuditedEvenWhenTheReadFailsAndAnUnknownIdIsNot() async throws {
        let ws = try await shop()
        let actor = Actor(name: "user:anna", role: "support")
        let before = try await ws.store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_entry") ?? 0 }
        _ = try await SubjectRights(workspace: ws, actor: actor).summary("K3", reason: "detail", activities: [], feedback: false)
        await #expect(throws: SubjectError.unknownCustomer("NOBODY")) {
            try await SubjectRights(workspace: ws, actor: actor).summary("NOBODY", reason: "detail", activities: [], feedback: false)
        }
        // A damaged record: the read fails after the person was found; the attempt is logged.
        try await ws.store.writer.write { db in try db.execute(sql: "UPDATE customer SET sealed = x'00' WHERE id = 'K4'") }
        await #expect(throws: (any Error).self) {
            try await SubjectRights(workspace: ws, actor: actor).summary("K4", reason: "detail", activities: [], feedback: false)
        }
        let entries = try await ws.store.writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT actor, action, subject, reason FROM audit_entry WHERE sequence > ? ORDER BY sequence", arguments: [before]
            )
            .map { (actor: $0[0] as String, action: $0[1] as String, subject: $0[2] as String?, reason: $0[3] as String?) }
        }
        #expect(entries.map(\.action) == ["customer.view", "customer.view"])
        #expect(entries.map(\.reason) == ["detail", "detail"])
        #expect(entries.map(\.subject) == [ws.store.keys.subjectToken(customerId: "K3"), ws.store.keys.subjectToken(customerId: "K4")])
        #expect(entries.allSatisfy { $0.actor == "user:anna" })
        #expect(try ws.store.verifyAudit().isIntact)
    }

    @Test func storedResultsReadWithoutJSONDecoderEqualTheDecodersReading() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let products = [
            RecommendedProduct(
                product: "P1", name: "Kaffee „Bohne“ 1 kg", score: 3370.077880859375,
                reason: Localized(de: "Weil Sie \"X\" gekauft haben", en: "Because"),
                basedOn: "P2", share: 1),
            RecommendedProduct(product: "P3", name: "Tee", score: 0.1, reason: Localized(de: "Beliebt", en: "Popular"), basedOn: nil, share: nil),
        ]
        let text = String(decoding: try encoder.encode(products), as: UTF8.self)
        #expect(try RecommendedProduct.list(jsonText: text) == products)
        #expect(try RecommendedProduct.list(jsonText: text) == JSONDecoder().decode([RecommendedProduct].self, from: Data(text.utf8)))
        #expect(throws: JSONReadError.shape(member: "basedOn")) {
            try RecommendedProduct.list(jsonText: #"[{"product":"P","name":"n","score":1,"reason":{"de":"a","en":"b"},"basedOn":3}]"#)
        }

        let clv = CLVResult(
            probabilityAlive: 1, expectedPurchases: 0.26861363405798433, expectedSpendPerPurchase: 40.6, value: 10.26, horizonMonths: 12,
            churnRisk: true)
        let clvText = String(decoding: try encoder.encode(clv), as: UTF8.self)
        #expect(try CLVResult(json: JSONNode(parsing: clvText)) == clv)
        #expect(throws: JSONReadError.shape(member: "horizonMonths")) {
            try CLVResult(json: JSONNode(parsing: clvText.replacingOccurrences(of: "\"horizonMonths\":12", with: "\"horizonMonths\":12.5")))
        }
    }
}
