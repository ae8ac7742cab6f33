import Foundation
import GRDB
import ObhutCore
import ObhutStore
import Testing

@testable import Obhut

struct PrivacyKernelTests {
    func kernel(_ ws: Workspace) -> PrivacyKernel {
        PrivacyKernel(workspace: ws, analyses: ["segments": OrderCountAnalysis(kind: "segment"), "li-test": OrderCountAnalysis(kind: "count")])
    }

    /// The people with a currently granted consent for a purpose, from the ledger (latest wins).
    func consenting(_ ws: Workspace, _ purpose: String) throws -> Set<String> {
        try ws.store.writer.read { db in
            Set(
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT customer_id FROM (SELECT customer_id, granted, row_number() OVER (PARTITION BY customer_id ORDER BY at DESC, seq DESC) rn
                        FROM consent_event WHERE purpose = ?) WHERE rn = 1 AND granted = 1
                        """, arguments: [purpose]))
        }
    }

    func resultOwners(_ ws: Workspace, _ activity: String) throws -> Set<String> {
        try ws.store.writer.read { db in
            Set(try String.fetchAll(db, sql: "SELECT customer_id FROM derived_result WHERE activity = ?", arguments: [activity]))
        }
    }

    @Test func refusesToRunWithoutApprovalAndRecordsTheRefusal() throws {
        let ws = try makeWorkspace()
        var shop = RandomShop(seed: 1, customers: 30)
        try shop.populate(ws)
        try ws.revokeApproval(activity: "segments", actor: .cli)
        #expect(throws: KernelError.self) { try kernel(ws).run("segments") }
        let status = try ws.store.writer.read { db in try String.fetchOne(db, sql: "SELECT status FROM activity_run ORDER BY id DESC LIMIT 1") }
        #expect(status == "refused")
        let report = try kernel(ws).preflight("segments")
        #expect(!report.passed)
        #expect(report.items.contains { $0.check == "approval" && $0.status == .fail })
    }

    @Test func activityWithoutAnalysisFailsPreflight() throws {
        let ws = try makeWorkspace()
        var shop = RandomShop(seed: 2, customers: 10)
        try shop.populate(ws)
        let report = try PrivacyKernel(workspace: ws, analyses: [:]).preflight("clv")
        #expect(report.items.contains { $0.check == "analysis" && $0.status == .fail })
    }

    @Test func declaringAnIdentifyingFieldFailsPreflight() throws {
        let ws = try makeWorkspace()
        var shop = RandomShop(seed: 3, customers: 10)
        try shop.populate(ws)
        var register = try ws.register()
        let i = try #require(register.activities.firstIndex { $0.name == "segments" })
        register.activities[i].fields.append("customers.email")
        try ws.save(register)
        let report = try kernel(ws).preflight("segments")
        #expect(report.items.contains { $0.check == "minimisation" && $0.status == .fail })
    }

    @Test func specialCategoryProductsAreFlaggedAndLeftOutOfTheScope() throws {
        let ws = try makeWorkspace()
        var shop = RandomShop(seed: 4, customers: 60)
        try shop.populate(ws)
        let report = try kernel(ws).preflight("purchase-patterns")
        #expect(report.items.contains { $0.check == "special-category" && $0.status == .warning })
        let register = try ws.register()
        let scope = try ScopeBuilder(workspace: ws, register: register, activity: try #require(register.activity("purchase-patterns"))).build()
        let apotheke = try #require(scope.products?.ids.firstIndex(of: "P19"))
        #expect(!(scope.orders?.product?.contains(Int32(apotheke)) ?? true))
    }

    /// Properties over many random workspaces (invariant 2).
    @Test(arguments: 1...12)
    func scopesHoldOnlyPeopleWithALegalBasis(seed: UInt64) throws {
        let ws = try makeWorkspace()
        var shop = RandomShop(seed: seed, customers: 40)
        try shop.populate(ws)
        let rights = SubjectRights(workspace: ws)
        var rng = RandomShop.SplitMix(state: seed &* 31)
        var restricted = Set<String>(), objecting = Set<String>()
        for i in 0..<40 where rng.next() % 7 == 0 { try rights.restrict("K\(i)", kind: .restrict, purpose: nil); restricted.insert("K\(i)") }
        for i in 0..<40 where rng.next() % 7 == 0 { try rights.restrict("K\(i)", kind: .object, purpose: "sales"); objecting.insert("K\(i)") }
        var register = try ws.register()
        register.activities.append(
            ProcessingActivity(
                name: "li-test", purpose: .sales, legalBasis: .legitimateInterest, description: Localized(de: "Test", en: "Test"),
                dataCategories: ["purchase history"], fields: ["orders.customer_id", "orders.ordered_at"],
                results: [ResultDeclaration(name: "count", perPerson: true, retentionDays: 30)], humanReview: true))
        try ws.save(register)
        try ws.approve(activity: "li-test", by: "DSB Test", actor: .cli)

        // Consent-based activity: exactly the consenting, unrestricted people get results.
        try kernel(ws).run("segments")
        let owners = try resultOwners(ws, "segments")
        #expect(owners == (try consenting(ws, "personalization")).subtracting(restricted))

        // Legitimate interest: everyone except restricted and objecting.
        try kernel(ws).run("li-test")
        let all = Set((0..<40).map { "K\($0)" })
        #expect(try resultOwners(ws, "li-test") == all.subtracting(restricted).subtracting(objecting))

        // A withdrawal removes the person's results at once and from the next run.
        if let someone = owners.sorted().first {
            try rights.consent(someone, purpose: .personalization, granted: false, source: "test", textVersion: "v1")
            #expect(!(try resultOwners(ws, "segments")).contains(someone))
            try kernel(ws).run("segments")
            #expect(!(try resultOwners(ws, "segments")).contains(someone))
        }
    }

    /// The cockpit's batch of pre-flights (one quality report for all) says what each single
    /// pre-flight says, and leaves out a name the register does not know.
    @Test func preflightsOfSeveralActivitiesMatchTheSingleOnes() throws {
        let ws = try makeWorkspace()
        var shop = RandomShop(seed: 12, customers: 25)
        try shop.populate(ws)
        try ws.approve(activity: "clv", by: "DSB Test", actor: .cli)
        let names = try ws.register().activities.map(\.name)
        let batch = try kernel(ws).preflights(names + ["no-such-activity"])
        #expect(Set(batch.keys) == Set(names))
        for name in names {
            let single = try kernel(ws).preflight(name)
            #expect(batch[name]?.passed == single.passed, "\(name)")
            #expect(batch[name]?.items.map(\.status) == single.items.map(\.status), "\(name)")
            #expect(batch[name]?.items.map(\.check) == single.items.map(\.check), "\(name)")
        }
        #expect(batch["clv"]?.items.first { $0.check == "approval" }?.status == .ok)
    }

    /// An approval covers the declaration it was given for: a field added to register.yaml
    /// afterwards, or an approval written into the file by hand, voids it until the DPO approves again.
    @Test func approvalIsVoidOnceTheDeclarationChangesOrWhenForged() throws {
        let ws = try makeWorkspace()
        var shop = RandomShop(seed: 8, customers: 20)
        try shop.populate(ws)
        try ws.approve(activity: "clv", by: "DSB Test", actor: .cli)
        #expect(try PrivacyKernel(workspace: ws).preflight("clv").items.first { $0.check == "approval" }?.status == .ok)

        var register = try ws.register()
        let i = try #require(register.activities.firstIndex { $0.name == "clv" })
        register.activities[i].fields.append("customers.country")
        try ws.save(register)
        let changed = try #require(try PrivacyKernel(workspace: ws).preflight("clv").items.first { $0.check == "approval" })
        #expect(changed.status == .fail)
        #expect(changed.message.en.contains("no longer covers the declaration"))
        #expect(throws: KernelError.self) { try PrivacyKernel(workspace: ws).run("clv") }

        try ws.approve(activity: "clv", by: "DSB Test", actor: .cli)
        #expect(try PrivacyKernel(workspace: ws).preflight("clv").items.first { $0.check == "approval" }?.status == .ok)

        // Description texts may be polished without a new approval.
        register = try ws.register()
        register.activities[i].description = Localized(de: "Neu formuliert", en: "Reworded")
        try ws.save(register)
        #expect(try PrivacyKernel(workspace: ws).preflight("clv").items.first { $0.check == "approval" }?.status == .ok)

        // A hand-written approval (no seal, or a seal copied from another activity) is void.
        let j = try #require(register.activities.firstIndex { $0.name == "segments" })
        register.activities[j].approval = Approval(by: "Jemand", at: fixedNow)
        try ws.save(register)
        #expect(try PrivacyKernel(workspace: ws).preflight("segments").items.first { $0.check == "approval" }?.status == .fail)
        register.activities[j].approval = Approval(
            by: "DSB Test", at: register.activities[i].approval!.at, seal: register.activities[i].approval!.seal)
        try ws.save(register)
        #expect(try PrivacyKernel(workspace: ws).preflight("segments").items.first { $0.check == "approval" }?.status == .fail)
    }

    @Test func scopeCarriesPseudonymsNotIdsAndOnlyDeclaredColumns() throws {
        let ws = try makeWorkspace()
        var shop = RandomShop(seed: 5, customers: 20)
        try shop.populate(ws)
        let register = try ws.register()
        let scope = try ScopeBuilder(workspace: ws, register: register, activity: try #require(register.activity("segments"))).build()
        #expect(!scope.people.isEmpty)
        #expect(scope.people.allSatisfy { $0.hasPrefix("p_") && !$0.contains("K") })
        #expect(scope.orders?.product != nil, "segments declares orders.product_id")
        #expect(scope.orders?.discountMinor != nil && scope.products?.names == nil, "segments declares discounts, not product names")
        #expect(scope.orders?.orderedAt != nil)
        #expect(scope.customers == nil && scope.feedback == nil && scope.leads == nil)
        let other = try ScopeBuilder(workspace: ws, register: register, activity: try #require(register.activity("clv"))).build()
        #expect(Set(other.people).isDisjoint(with: Set(scope.people)), "pseudonyms differ between activities")
        #expect(other.orders?.product == nil && other.orders?.discountMinor == nil, "clv declares neither products nor discounts")
    }

    /// Known answer: people sorted by customer id whatever order they were imported in, order
    /// numbers dense in (order id, line) order over the lines kept, products by key.
    @Test func scopeSortsPeopleByIdAndNumbersOrdersDensely() throws {
        let ws = try makeWorkspace()
        let importer = Importer(workspace: ws)
        _ = try importer.run(ImportRequest(entity: .customers, file: writeFixture("c.csv", "customer_id,last_name\nK2,B\nK1,A\nK3,C\n")))
        _ = try importer.run(ImportRequest(entity: .products, file: writeFixture("p.csv", "product_id,name\nP2,Zange\nP1,Schere\n")))
        let orders = """
            order_id,line,customer_id,product_id,quantity,unit_price,ordered_at
            O1,1,K2,P1,1,1.00,2025-01-01
            O1,2,K2,P2,2,2.00,2025-01-01
            O10,1,K1,P2,1,3.00,2025-01-02
            O2,1,K3,P1,1,4.00,2025-01-03
            O3,1,K1,P1,1,5.00,2025-01-04

            """
        _ = try importer.run(ImportRequest(entity: .orders, file: writeFixture("o.csv", orders)))
        let consents =
            "customer_id,purpose,granted,at\nK1,personalization,1,2025-01-01\nK2,personalization,1,2025-01-01\n"
            + "K3,personalization,1,2025-01-01\nK3,personalization,0,2025-02-01\n"
        _ = try importer.run(ImportRequest(entity: .consents, file: writeFixture("k.csv", consents)))
        for a in try ws.register().activities { try ws.approve(activity: a.name, by: "DSB Test", actor: .cli) }
        let register = try ws.register()

        let all = try ScopeBuilder(workspace: ws, register: register, activity: try #require(register.activity("purchase-patterns"))).build()
        #expect(all.customerIds == ["K1", "K2", "K3"])
        #expect(all.products?.ids == ["P1", "P2"])
        // Stored order: O1/1, O1/2, O10/1, O2/1, O3/1 (text order of the ids).
        #expect(all.orders?.person == [1, 1, 0, 2, 0])
        #expect(all.orders?.order == [0, 0, 1, 2, 3])
        #expect(all.orders?.product == [0, 1, 1, 0, 0])
        #expect(all.orders?.unitPriceMinor == [100, 200, 300, 400, 500])

        // K3 withdrew: their line goes, and the order numbers stay dense.
        let consenting = try ScopeBuilder(workspace: ws, register: register, activity: try #require(register.activity("segments"))).build()
        #expect(consenting.customerIds == ["K1", "K2"])
        #expect(consenting.orders?.person == [1, 1, 0, 0])
        #expect(consenting.orders?.order == [0, 0, 1, 2])
    }

    @Test func runStoresPreflightReportAndResultsCarryExplanationAndModelVersion() throws {
        let ws = try makeWorkspace()
        var shop = RandomShop(seed: 6, customers: 20)
        try shop.populate(ws)
        let run = try kernel(ws).run("segments")
        let row = try ws.store.writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM activity_run WHERE id = ?", arguments: [run.runId]) }
        #expect(row?["status"] as String? == "completed")
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let preflight = try decoder.decode(PreflightReport.self, from: Data((row?["preflight"] as String? ?? "").utf8))
        #expect(preflight.passed)
        let missing = try ws.store.writer.read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM derived_result WHERE explanation = '' OR model_version = '' OR run_id <> ?", arguments: [run.runId])
        }
        #expect(missing == 0)
    }
}
