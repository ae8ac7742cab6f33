import Foundation
import GRDB
import ObhutCore
import Testing

@testable import Obhut

struct CustomerMergeTests {
    func twoRecordsOfOnePerson() throws -> Workspace {
        let ws = try makeWorkspace()
        _ = try Importer(workspace: ws).run(
            ImportRequest(
                entity: .customers,
                file: writeFixture(
                    "c.csv",
                    """
                    customer_id,first_name,last_name,email,phone,postal_code
                    A,Jörg,Müller,joerg.mueller@example.de,,10115
                    B,JOERG,MUELLER,Joerg.Mueller@Example.de,+49 170 5550001,10115
                    C,Anna,Andere,anna@example.de,+49 170 5550001,20095
                    D,Solo,Einzeln,solo@example.de,,80331

                    """)))
        _ = try Importer(workspace: ws).run(ImportRequest(entity: .products, file: writeFixture("p.csv", "product_id,name\nP1,Schere\n")))
        _ = try Importer(workspace: ws).run(
            ImportRequest(
                entity: .orders,
                file: writeFixture(
                    "o.csv",
                    """
                    order_id,customer_id,product_id,quantity,unit_price,ordered_at
                    O1,A,P1,1,9.99,2025-01-02
                    O2,B,P1,2,9.99,2025-02-02

                    """)))
        _ = try Importer(workspace: ws).run(
            ImportRequest(entity: .feedback, file: writeFixture("f.csv", "feedback_id,customer_id,text,created_at\nF1,B,Prima Schere,2025-02-10\n")))
        _ = try Importer(workspace: ws).run(
            ImportRequest(
                entity: .consents,
                file: writeFixture(
                    "k.csv",
                    """
                    customer_id,purpose,granted,at
                    A,marketing,yes,2025-01-01
                    B,marketing,yes,2025-01-01
                    B,marketing,no,2025-03-01
                    B,personalization,yes,2025-01-01

                    """)))
        return ws
    }

    @Test func duplicatesAreFoundWithTheirEvidence() throws {
        let ws = try twoRecordsOfOnePerson()
        let groups = try DuplicateFinder(workspace: ws).groups()
        #expect(groups.count == 1)
        #expect(groups.first?.customerIds == ["A", "B", "C"], "A~B by e-mail and name, B~C by phone")
        #expect(Set(groups.first?.evidence ?? []) == [.email, .phone, .nameAndPostalCode])
    }

    @Test func mergeMovesEverythingAndTheMoreRestrictiveConsentWins() throws {
        let ws = try twoRecordsOfOnePerson()
        let id = try CustomerMerge(workspace: ws).merge(keep: "A", other: "B")
        let export = try SubjectRights(workspace: ws).export("A")
        #expect(export.orders.map(\.orderId).sorted() == ["O1", "O2"])
        #expect(export.feedback.map(\.text) == ["Prima Schere"], "feedback re-sealed under the kept person's key")
        #expect(export.customer.personal.phone == "+49 170 5550001", "gaps filled from the other record")
        #expect(export.customer.personal.firstName == "Jörg", "the kept record's values win")
        let marketing = export.consents.filter { $0.purpose == "marketing" }.max { $0.at < $1.at }
        #expect(marketing?.granted == false, "B withdrew marketing: the restrictive state wins")
        #expect(export.consents.contains { $0.purpose == "personalization" && $0.granted })
        #expect(throws: SubjectError.self) { try SubjectRights(workspace: ws).export("B") }

        try CustomerMerge(workspace: ws).undo(id)
        let a = try SubjectRights(workspace: ws).export("A"), b = try SubjectRights(workspace: ws).export("B")
        #expect(a.orders.map(\.orderId) == ["O1"])
        #expect(b.orders.map(\.orderId) == ["O2"])
        #expect(b.feedback.map(\.text) == ["Prima Schere"])
        #expect(a.customer.personal.phone == nil)
        #expect(b.consents.count == 3)
        #expect(a.consents.count == 1)
        #expect(try ws.store.verifyAudit().isIntact)
    }

    @Test func confirmedMergeCannotBeUndone() throws {
        let ws = try twoRecordsOfOnePerson()
        let id = try CustomerMerge(workspace: ws).merge(keep: "A", other: "B")
        try CustomerMerge(workspace: ws).confirm(id)
        #expect(throws: MergeError.noPendingMerge(id)) { try CustomerMerge(workspace: ws).undo(id) }
        #expect(throws: MergeError.samePerson) { try CustomerMerge(workspace: ws).merge(keep: "A", other: "A") }
    }
}
