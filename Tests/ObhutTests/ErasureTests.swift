import Foundation
import GRDB
import ObhutCore
import ObhutStore
import Testing

@testable import Obhut

struct ErasureTests {
    /// After erasure, a byte search of every file in the workspace finds nothing of the person.
    @Test func erasedPersonLeavesNoReadableTraceInAnyFile() throws {
        let ws = try makeWorkspace()
        let name = "Quendolin-Eraseme", email = "quendolin.eraseme@example.de", phone = "+49 170 9988776"
        let customers = try writeFixture(
            "c.csv",
            """
            customer_id,first_name,last_name,email,phone,street,postal_code,city
            E1,Quendolin,\(name),\(email),\(phone),Löschweg 7,10115,Berlin
            E2,Other,Person,other@example.de,,,,

            """)
        _ = try Importer(workspace: ws).run(ImportRequest(entity: .customers, file: customers))
        _ = try Importer(workspace: ws).run(ImportRequest(entity: .products, file: writeFixture("p.csv", "product_id,name\nP1,Schere\n")))
        _ = try Importer(workspace: ws).run(
            ImportRequest(
                entity: .orders,
                file: writeFixture("o.csv", "order_id,customer_id,product_id,quantity,unit_price,ordered_at\nO1,E1,P1,1,9.99,2025-01-02\n")))
        _ = try Importer(workspace: ws).run(
            ImportRequest(
                entity: .feedback,
                file: writeFixture(
                    "f.csv", "feedback_id,customer_id,text,created_at,rating\nF1,E1,\"Hallo, ich bin \(name), ruft mich an: \(phone)\",2025-02-01,2\n"
                )))
        let rights = SubjectRights(workspace: ws)
        _ = try rights.export("E1")
        try rights.consent("E1", purpose: .marketing, granted: true, source: "test", textVersion: "v1")
        let report = try rights.erase("E1")
        #expect(report.orderLinesAnonymised == 1)
        #expect(report.feedbackDeleted == 1)

        let needles = [name, email, phone, "9988776", "Löschweg"].map { Data($0.utf8) }
        let files = try FileManager.default.contentsOfDirectory(at: ws.directory, includingPropertiesForKeys: nil)
        #expect(files.contains { $0.lastPathComponent == Workspace.databaseName })
        for file in files {
            let bytes = try Data(contentsOf: file)
            for needle in needles { #expect(bytes.range(of: needle) == nil, "found a trace in \(file.lastPathComponent)") }
        }
        // Orders are kept anonymised; the person and their key are gone.
        let (orders, keys) = try ws.store.writer.read { db in
            (
                try Row.fetchOne(db, sql: "SELECT customer_ref, unit_price_minor FROM order_line WHERE order_id = 'O1'"),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM person_key WHERE subject = 'c:E1'")
            )
        }
        #expect(orders?["customer_ref"] as Int64? == nil)
        #expect(orders?["unit_price_minor"] as Int64? == 999)
        #expect(keys == 0)
        #expect(throws: SubjectError.self) { try rights.export("E1") }
        let requests = try rights.requests()
        #expect(requests.contains { $0.kind == .erasure && $0.completedAt != nil })
        #expect(try ws.store.verifyAudit().isIntact)
    }

    @Test func exportContainsEverythingStoredAboutThePerson() throws {
        let ws = try makeWorkspace()
        var shop = RandomShop(seed: 9, customers: 10)
        try shop.populate(ws)
        _ = try Importer(workspace: ws).run(
            ImportRequest(
                entity: .feedback, file: writeFixture("f.csv", "feedback_id,customer_id,text,created_at,rating\nF1,K3,Sehr gut,2025-02-01,5\n")))
        try SubjectRights(workspace: ws).consent("K3", purpose: .personalization, granted: true, source: "test", textVersion: "v2")
        try PrivacyKernel(workspace: ws, analyses: ["segments": OrderCountAnalysis(kind: "segment")]).run("segments")
        try SubjectRights(workspace: ws).restrict("K3", kind: .object, purpose: "marketing")
        let export = try SubjectRights(workspace: ws).export("K3")
        let (orders, consents) = try ws.store.writer.read { db in
            (
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM order_line WHERE customer_ref = (SELECT ref FROM customer WHERE id = 'K3')") ?? -1,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM consent_event WHERE customer_id = 'K3'") ?? -1
            )
        }
        #expect(export.orders.count == orders)
        #expect(export.consents.count == consents)
        #expect(export.feedback.map(\.text) == ["Sehr gut"])
        #expect(export.derivedResults.count == 1)
        #expect(export.derivedResults.first?.modelVersion == "test-order-count-1")
        #expect(export.restrictions.count == 1)
        #expect(export.customer.personal.email?.hasPrefix("kunde3.") == true)
        #expect(export.auditEntries.contains { $0.action == "subject.export" })
        #expect(export.requests.contains { $0.kind == .access })
        let html = export.html(in: .de)
        #expect(html.contains("Ihre bei uns gespeicherten Daten"))
        #expect(!html.contains("<script"))
    }

    /// Anonymised lines keep no integer key of the person, the consent state goes with the ledger,
    /// and the key is never handed to anyone else.
    @Test func erasedPersonsIntegerKeyLinksToNothingAndIsNotReused() throws {
        let ws = try makeWorkspace()
        var shop = RandomShop(seed: 13, customers: 10)
        try shop.populate(ws)
        try SubjectRights(workspace: ws).consent("K2", purpose: .marketing, granted: true, source: "test", textVersion: "v1")
        let ref = try #require(try ws.store.writer.read { db in try Int64.fetchOne(db, sql: "SELECT ref FROM customer WHERE id = 'K2'") })
        let linesBefore = try ws.store.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM order_line WHERE customer_ref = ?", arguments: [ref]) ?? 0
        }
        let report = try SubjectRights(workspace: ws).erase("K2")
        #expect(report.orderLinesAnonymised == linesBefore)
        let (lines, states, maxRef) = try ws.store.writer.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM order_line WHERE customer_ref = ?", arguments: [ref]) ?? -1,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM consent_state WHERE customer_ref = ?", arguments: [ref]) ?? -1,
                try Int64.fetchOne(db, sql: "SELECT max(ref) FROM customer") ?? 0
            )
        }
        #expect(lines == 0)
        #expect(states == 0)
        _ = try Importer(workspace: ws).run(ImportRequest(entity: .customers, file: writeFixture("n.csv", "customer_id,last_name\nNEU1,Neu\n")))
        let newRef = try ws.store.writer.read { db in try Int64.fetchOne(db, sql: "SELECT ref FROM customer WHERE id = 'NEU1'") }
        #expect(newRef != ref)
        #expect((newRef ?? 0) > maxRef)
    }

    @Test func rectificationReSealsAndMarksResultsStale() throws {
        let ws = try makeWorkspace()
        var shop = RandomShop(seed: 11, customers: 10)
        try shop.populate(ws)
        try SubjectRights(workspace: ws).consent("K1", purpose: .personalization, granted: true, source: "test", textVersion: "v1")
        try PrivacyKernel(workspace: ws, analyses: ["segments": OrderCountAnalysis(kind: "segment")]).run("segments")
        try SubjectRights(workspace: ws).rectify("K1", field: .email, value: "neu.adresse@example.de")
        #expect(try ws.store.customer(id: "K1")?.personal.email == "neu.adresse@example.de")
        #expect(try ws.store.customerId(email: "Neu.Adresse@example.de") == "K1")
        let stale = try ws.store.writer.read { db in try Int.fetchOne(db, sql: "SELECT min(stale) FROM derived_result WHERE customer_id = 'K1'") }
        #expect(stale == 1)
        #expect(throws: SubjectError.self) { try SubjectRights(workspace: ws).rectify("K1", field: .email, value: "kaputt") }
    }
}
