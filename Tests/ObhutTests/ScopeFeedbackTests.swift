import Foundation
import GRDB
import ObhutCore
import ObhutImport
import ObhutStore
import Testing

@testable import Obhut

/// The feedback part of a scope: read before the people are listed, texts opened on other
/// threads while the rest is read. It must hold exactly the feedback of admitted people and the
/// anonymous feedback, in (created at, id) order, each row under its author's person index, each
/// text as written; nothing of a restricted, objecting or (where consent is needed) non-consenting
/// person.
@Suite("Scope: feedback")
struct ScopeFeedbackTests {
    /// Enough rows for the texts to be opened by background workers in several chunks, with many
    /// rows on one day (the id decides their order) and runs of one author.
    static func feedbackCSV(rows: Int, customers: Int, seed: UInt64) -> String {
        var rng = RandomShop.SplitMix(state: seed)
        var csv = "feedback_id,customer_id,text,created_at,rating\n"
        var author = 0
        for i in 0..<rows {
            if rng.next() % 3 != 0 { author = Int(rng.next() % UInt64(customers)) }
            let anonymous = rng.next() % 11 == 0
            let day = 1 + Int(rng.next() % 20)
            let id = "FB\(rng.next() % 1_000_000)-\(i)"
            csv +=
                "\(id),\(anonymous ? "" : "K\(author)"),\"Text \(i): Lieferung Nummer \(rng.next() % 100) war gut\",2025-03-\(day < 10 ? "0" : "")\(day),\(1 + rng.next() % 5)\n"
        }
        return csv
    }

    struct Expected: Equatable {
        var customerId: String?
        var text: String
        var createdAt: Int64
        var rating: Int?
    }

    /// The feedback a scope must hold, worked out the plain way: every row in (created at, id)
    /// order from SQL, authors filtered by the given set, each text opened on its own.
    static func expected(_ ws: Workspace, admitted: Set<String>) throws -> [Expected] {
        try ws.store.writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT f.id, f.customer_id, f.sealed_text, f.created_at, f.rating, k.wrapped FROM feedback f
                    LEFT JOIN person_key k ON k.subject = 'c:' || f.customer_id ORDER BY f.created_at, f.id
                    """
            ).compactMap { row in
                let customer: String? = row["customer_id"]
                if let customer, !admitted.contains(customer) { return nil }
                let text = try ws.store.keys.openFeedbackText(
                    id: row["id"], customerId: customer, sealed: row["sealed_text"], wrappedKey: row["wrapped"])
                return Expected(customerId: customer, text: text, createdAt: row["created_at"], rating: row["rating"])
            }
        }
    }

    static func actual(_ scope: Scope) throws -> [Expected] {
        let feedback = try #require(scope.feedback)
        let texts = try #require(feedback.text)
        let ratings = try #require(feedback.rating)
        let at = try #require(feedback.createdAt)
        return feedback.person.indices.map { i in
            Expected(
                customerId: feedback.person[i] < 0 ? nil : scope.customerIds[Int(feedback.person[i])], text: texts[i], createdAt: at[i],
                rating: ratings[i])
        }
    }

    @Test(arguments: [UInt64(3), 17])
    func holdsExactlyTheAdmittedPeoplesFeedbackInOrder(seed: UInt64) throws {
        let ws = try makeWorkspace()
        defer { try? FileManager.default.removeItem(at: ws.directory) }
        var shop = RandomShop(seed: seed, customers: 40)
        try shop.populate(ws)
        let rows = FeedbackDecryption.parallelFrom + 1_500
        _ = try Importer(workspace: ws).run(
            ImportRequest(entity: .feedback, file: writeFixture("f.csv", Self.feedbackCSV(rows: rows, customers: 40, seed: seed))))
        let rights = SubjectRights(workspace: ws)
        try rights.restrict("K1", kind: .restrict, purpose: nil)
        try rights.restrict("K2", kind: .object, purpose: "feedback")
        try rights.restrict("K3", kind: .object, purpose: "marketing")  // another purpose: stays in

        let register = try ws.register()
        let activity = try #require(register.activities.first { $0.name == "feedback" })
        let scope = try ScopeBuilder(workspace: ws, register: register, activity: activity).build()
        let admitted = Set((0..<40).map { "K\($0)" }).subtracting(["K1", "K2"])
        #expect(Set(scope.customerIds) == admitted)
        let want = try Self.expected(ws, admitted: admitted)
        #expect(want.count > FeedbackDecryption.parallelFrom)
        #expect(want.contains { $0.customerId == nil })
        #expect(want.contains { $0.customerId == "K3" })
        let got = try Self.actual(scope)
        #expect(got.count == want.count)
        #expect(got == want)
        #expect(!got.contains { $0.customerId == "K1" || $0.customerId == "K2" })
    }

    /// Where the purpose needs consent, feedback of people without it is not read at all.
    @Test func consentBasedActivityHoldsOnlyConsentingAuthors() throws {
        let ws = try Self.shopWithFeedback(seed: 5, customers: 30, authors: 30, rows: 400)
        defer { try? FileManager.default.removeItem(at: ws.directory) }
        let register = try Self.declare(ws, fields: ["feedback.text", "feedback.rating", "feedback.created_at"])
        let consenting = try Self.consenting(ws)
        #expect(!consenting.isEmpty && consenting.count < 30)
        let activity = try #require(register.activities.first { $0.name == "consent-feedback" })
        let scope = try ScopeBuilder(workspace: ws, register: register, activity: activity).build()
        #expect(Set(scope.customerIds) == consenting.intersection(try Self.authors(ws)))
        #expect(try Self.actual(scope) == (try Self.expected(ws, admitted: consenting)))
    }

    static func authors(_ ws: Workspace) throws -> Set<String> {
        try ws.store.writer.read { db in Set(try String.fetchAll(db, sql: "SELECT customer_id FROM feedback WHERE customer_id IS NOT NULL")) }
    }

    /// A random shop of `customers` people with feedback from the first `authors` of them.
    static func shopWithFeedback(seed: UInt64, customers: Int, authors: Int, rows: Int) throws -> Workspace {
        let ws = try makeWorkspace()
        var shop = RandomShop(seed: seed, customers: customers)
        try shop.populate(ws)
        _ = try Importer(workspace: ws).run(
            ImportRequest(entity: .feedback, file: writeFixture("f.csv", Self.feedbackCSV(rows: rows, customers: authors, seed: seed))))
        return ws
    }

    /// Declares an activity that reads `fields` (by default for the personalization purpose, on consent).
    @discardableResult
    static func declare(
        _ ws: Workspace, name: String = "consent-feedback", purpose: PurposeID = .personalization, legalBasis: LegalBasis = .consent,
        fields: [String]
    ) throws -> ProcessingRegister {
        var register = try ws.register()
        register.activities.append(
            ProcessingActivity(
                name: name, purpose: purpose, legalBasis: legalBasis, description: Localized(de: "Test", en: "Test"),
                dataCategories: ["feedback texts"], fields: fields,
                results: [ResultDeclaration(name: "x", perPerson: false, retentionDays: 30)], humanReview: false))
        try ws.save(register)
        return register
    }

    /// Ids of the people with a granted personalization consent.
    static func consenting(_ ws: Workspace) throws -> Set<String> {
        try ws.store.writer.read { db in
            Set(
                try String.fetchAll(
                    db,
                    sql:
                        "SELECT c.id FROM consent_state s JOIN customer c ON c.ref = s.customer_ref WHERE s.purpose = 'personalization' AND s.granted = 1"
                ))
        }
    }

    /// An activity that reads only feedback holds the admitted authors, not every customer its
    /// purpose admits: a customer who wrote nothing is not read, so not in its scope, its audit
    /// entry or its pre-flight. An activity that also reads customer attributes holds everyone.
    @Test func feedbackOnlyActivityHoldsTheAdmittedAuthorsOnly() throws {
        // Authors: some of K0-K19 only; K20-K39 wrote nothing.
        let ws = try Self.shopWithFeedback(seed: 11, customers: 40, authors: 20, rows: 300)
        defer { try? FileManager.default.removeItem(at: ws.directory) }
        let rights = SubjectRights(workspace: ws)
        try rights.restrict("K1", kind: .restrict, purpose: nil)
        try rights.restrict("K2", kind: .object, purpose: "feedback")
        try rights.restrict("K25", kind: .object, purpose: "feedback")  // no feedback: not counted
        let authors = try Self.authors(ws)
        #expect(authors.contains("K1") && authors.contains("K2") && authors.count > 10 && authors.count <= 20)
        let admitted = authors.subtracting(["K1", "K2"])

        var register = try ws.register()
        let feedback = try #require(register.activities.first { $0.name == "feedback" })
        let builder = ScopeBuilder(workspace: ws, register: register, activity: feedback)
        #expect(builder.peopleAreFeedbackAuthors)
        let scope = try builder.build()
        #expect(scope.customerIds.count == admitted.count)
        #expect(Set(scope.customerIds) == admitted)
        // Person indexes follow the customers' integer keys.
        let refs = try ws.store.writer.read { db in
            try scope.customerIds.map { try #require(try Int64.fetchOne(db, sql: "SELECT ref FROM customer WHERE id = ?", arguments: [$0])) }
        }
        #expect(refs == refs.sorted() && Set(refs).count == refs.count)
        #expect(try Self.actual(scope) == (try Self.expected(ws, admitted: admitted)))

        // Its pre-flight counts the authors, and says so in both languages.
        let report = try PrivacyKernel(workspace: ws).preflight("feedback")
        #expect(report.population == .feedbackAuthors)
        #expect(report.populationTotal == authors.count && report.peopleInScope == admitted.count && report.customersTotal == 40)
        let line = try #require(report.items.first { $0.check == "scope" })
        #expect(line.message.en.contains("\(admitted.count) of \(authors.count) people who wrote feedback in scope"))
        #expect(line.message.en.contains("left out: 0 without consent, 1 restricted, 1 objecting"))
        #expect(line.message.de.contains("\(admitted.count) von \(authors.count) Personen, die Feedback geschrieben haben"))
        #expect(report.render(in: .en).contains("who wrote feedback (40 customers in all)"))
        #expect(report.render(in: .de).contains("die Feedback geschrieben haben (40 Kunden insgesamt)"))

        // The run's audit entry counts the people read: the admitted authors.
        _ = try PrivacyKernel(workspace: ws).run("feedback")
        let counted = try ws.store.writer.read { db in
            try Int.fetchOne(
                db, sql: "SELECT count FROM audit_entry WHERE action = 'scope.read' AND activity = 'feedback' ORDER BY sequence DESC LIMIT 1")
        }
        #expect(counted == admitted.count)

        // Feedback together with customer attributes: every admitted customer, as before.
        register = try Self.declare(
            ws, name: "feedback-by-country", purpose: .feedback, legalBasis: .legitimateInterest, fields: ["feedback.rating", "customers.country"])
        let mixed = try #require(register.activities.first { $0.name == "feedback-by-country" })
        let mixedBuilder = ScopeBuilder(workspace: ws, register: register, activity: mixed)
        #expect(!mixedBuilder.peopleAreFeedbackAuthors)
        #expect(try mixedBuilder.build().customerIds.count == 40 - 3)
        let mixedReport = try PrivacyKernel(workspace: ws, analyses: [:]).preflight("feedback-by-country")
        #expect(mixedReport.population == .customers && mixedReport.populationTotal == 40 && mixedReport.peopleInScope == 37)
    }

    /// Where a feedback-only activity needs consent, the authors without it are counted as left out.
    @Test func preflightOfAConsentBasedFeedbackActivityCountsAuthorsWithoutConsent() throws {
        let ws = try Self.shopWithFeedback(seed: 13, customers: 30, authors: 15, rows: 200)
        defer { try? FileManager.default.removeItem(at: ws.directory) }
        _ = try Self.declare(ws, fields: ["feedback.text", "feedback.created_at"])
        let consenting = try Self.consenting(ws)
        let authors = try Self.authors(ws)
        let report = try PrivacyKernel(workspace: ws, analyses: [:]).preflight("consent-feedback")
        #expect(report.population == .feedbackAuthors && report.populationTotal == authors.count)
        #expect(report.peopleInScope == authors.intersection(consenting).count)
        let without = authors.subtracting(consenting).count
        #expect(without > 0)
        let line = try #require(report.items.first { $0.check == "scope" })
        #expect(line.message.en.contains("left out: \(without) without consent, 0 restricted, 0 objecting"))
        let pct = String(format: "%.0f %%", 100 * Double(authors.count - without) / Double(authors.count))
        #expect(line.message.en.contains("consent for personalization from \(pct)"))
    }

    /// Times too far apart to be packed with the row's position (written straight into the store)
    /// are still put in (created at, id) order, by the slower sort.
    @Test func ordersTimesTooFarApartToPack() throws {
        let ws = try makeWorkspace()
        defer { try? FileManager.default.removeItem(at: ws.directory) }
        var shop = RandomShop(seed: 19, customers: 10)
        try shop.populate(ws)
        _ = try Importer(workspace: ws).run(
            ImportRequest(entity: .feedback, file: writeFixture("f.csv", Self.feedbackCSV(rows: 300, customers: 10, seed: 19))))
        try ws.store.writer.write { db in
            try db.execute(sql: "UPDATE feedback SET created_at = -9000000000000000000 WHERE rowid IN (3, 40)")
            try db.execute(sql: "UPDATE feedback SET created_at = 9000000000000000000 WHERE rowid IN (7, 8, 90)")
        }
        let register = try ws.register()
        let activity = try #require(register.activities.first { $0.name == "feedback" })
        let scope = try ScopeBuilder(workspace: ws, register: register, activity: activity).build()
        let got = try Self.actual(scope)
        #expect(got.first?.createdAt == -9_000_000_000_000_000_000 && got.last?.createdAt == 9_000_000_000_000_000_000)
        #expect(got == (try Self.expected(ws, admitted: Set((0..<10).map { "K\($0)" }))))
    }

    /// A damaged text fails the whole scope, and the workers stop (the test would hang otherwise).
    @Test func aDamagedTextFailsTheScope() throws {
        let ws = try makeWorkspace()
        defer { try? FileManager.default.removeItem(at: ws.directory) }
        var shop = RandomShop(seed: 7, customers: 20)
        try shop.populate(ws)
        _ = try Importer(workspace: ws).run(
            ImportRequest(
                entity: .feedback,
                file: writeFixture("f.csv", Self.feedbackCSV(rows: FeedbackDecryption.parallelFrom + 100, customers: 20, seed: 7))))
        try ws.store.writer.write { db in
            try db.execute(sql: "UPDATE feedback SET sealed_text = zeroblob(40) WHERE rowid = (SELECT max(rowid) FROM feedback) - 700")
        }
        let register = try ws.register()
        let activity = try #require(register.activities.first { $0.name == "feedback" })
        #expect(throws: (any Error).self) { try ScopeBuilder(workspace: ws, register: register, activity: activity).build() }
    }
}
