import Foundation
import GRDB
import ObhutCore
import ObhutImport
import Testing

@testable import Obhut
@testable import ObhutStore

/// The columnar copy of the order lines (`order_line_chunk`): whatever writes to `order_line`,
/// a scope read through the copy equals one read from `order_line`, and the copy holds exactly
/// the lines of the ranges it covers.
@Suite struct OrderLineColumnsTests {
    /// Every chunk holds exactly the lines of its range, and the segments cover every order id
    /// once, in order.
    func expectCopyMatchesOrderLines(_ ws: Workspace, _ comment: Comment) throws {
        try ws.store.writer.read { db in
            var expectedFrom: String? = ""
            try OrderLineColumns.forEachSegment(db, columns: Set(OrderLineColumn.allCases)) { segment in
                let from: String, to: String?
                switch segment {
                case .uncovered(let f, let t): (from, to) = (f, t)
                case .chunk(let chunk):
                    (from, to) = (chunk.from, chunk.to)
                    let rows = try Row.fetchAll(
                        db,
                        sql: """
                            SELECT order_id, coalesce(customer_ref, -1) AS c, product_ref, quantity, unit_price_minor, discount_minor, ordered_at,
                                   channel IS NOT NULL AS ch
                            FROM order_line WHERE order_id >= ? AND (? IS NULL OR order_id < ?) ORDER BY order_id, line
                            """, arguments: [from, to, to])
                    #expect(chunk.lines == rows.count, comment)
                    #expect(chunk.customerRef == rows.map { Int32($0["c"] as Int64) }, comment)
                    #expect(chunk.productRef == rows.map { Int32($0["product_ref"] as Int64) }, comment)
                    #expect(chunk.quantity == rows.map { $0["quantity"] as Double }, comment)
                    #expect(chunk.unitPriceMinor == rows.map { $0["unit_price_minor"] as Int64 }, comment)
                    #expect(chunk.discountMinor == rows.map { $0["discount_minor"] as Int64 }, comment)
                    #expect(chunk.orderedAt == rows.map { $0["ordered_at"] as Int64 }, comment)
                    #expect(chunk.hasChannel == rows.map { UInt8($0["ch"] as Int64) }, comment)
                    // Lines of one order share a number, numbers grow by one per order.
                    var expected: [Int32] = [], previous: String?, n: Int32 = -1
                    for row in rows {
                        let id: String = row["order_id"]
                        if id != previous { n += 1 }
                        previous = id
                        expected.append(n)
                    }
                    #expect(chunk.order == expected, comment)
                }
                #expect(from == expectedFrom, comment)
                expectedFrom = to
            }
            #expect(expectedFrom == nil, "the last segment reaches the last order id; \(comment)")
        }
    }

    /// Every activity's scope, read through the copy and read from `order_line` alone.
    func expectScopesAgree(_ ws: Workspace, _ comment: Comment) throws {
        let register = try ws.register()
        for activity in register.activities where activity.fields.contains(where: { $0.hasPrefix("orders.") }) {
            var plain = ScopeBuilder(workspace: ws, register: register, activity: activity)
            plain.usesColumnCopy = false
            let fromOrderLines = try plain.build()
            // Built without refreshing first, so partly covered copies are compared too.
            var throughCopy = ScopeBuilder(workspace: ws, register: register, activity: activity)
            throughCopy.refreshesColumnCopy = false
            let fromCopy = try #require(try throughCopy.build().orders)
            let a = try #require(fromOrderLines.orders)
            #expect(a.person == fromCopy.person, "\(activity.name): \(comment)")
            #expect(a.order == fromCopy.order, "\(activity.name): \(comment)")
            #expect(a.product == fromCopy.product, "\(activity.name): \(comment)")
            #expect(a.quantity == fromCopy.quantity, "\(activity.name): \(comment)")
            #expect(a.unitPriceMinor == fromCopy.unitPriceMinor, "\(activity.name): \(comment)")
            #expect(a.discountMinor == fromCopy.discountMinor, "\(activity.name): \(comment)")
            #expect(a.orderedAt == fromCopy.orderedAt, "\(activity.name): \(comment)")
            // And the scope as the kernel builds it (refreshing the copy first).
            let built = try ScopeBuilder(workspace: ws, register: register, activity: activity).build()
            #expect(built.customerIds == fromOrderLines.customerIds, "\(activity.name): \(comment)")
            #expect(built.orders?.person == a.person && built.orders?.order == a.order, "\(activity.name): \(comment)")
            #expect(built.orders?.orderedAt == a.orderedAt && built.orders?.unitPriceMinor == a.unitPriceMinor, "\(activity.name): \(comment)")
            // The pre-flight's Art. 9 count, through the copy and from `order_line`.
            var plainFacts = ScopeBuilder(workspace: ws, register: register, activity: activity)
            plainFacts.usesColumnCopy = false
            let copyUses = try ws.store.writer.read {
                try ScopeBuilder(workspace: ws, register: register, activity: activity).specialCategoryUses($0)
            }
            let plainUses = try ws.store.writer.read { try plainFacts.specialCategoryUses($0) }
            #expect(copyUses.map(\.orderLines) == plainUses.map(\.orderLines), "\(activity.name): \(comment)")
            #expect(copyUses.map(\.productCategory) == plainUses.map(\.productCategory), "\(activity.name): \(comment)")
        }
        // The data-quality facts of the order lines, through the copy and from `order_line`.
        let now = Date(timeIntervalSince1970: 1_793_534_400)
        let plain = try QualityFacts.read(from: ws.store, staleBefore: now, now: now, usesColumnCopy: false)
        let throughCopy = try QualityFacts.read(from: ws.store, staleBefore: now, now: now)
        #expect(plain == throughCopy, "quality facts: \(comment)")
    }

    func chunkCount(_ ws: Workspace) throws -> Int {
        try ws.store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(DISTINCT lo) FROM order_line_chunk") ?? 0 }
    }

    @Test func aFreshWorkspaceHasNoChunksAndTheFirstScopeBuildsThem() throws {
        let ws = try makeWorkspace()
        var shop = RandomShop(seed: 7, customers: 30)
        try shop.populate(ws)
        #expect(try chunkCount(ws) == 0)
        try expectScopesAgree(ws, "before any chunk")
        #expect(try chunkCount(ws) == 1)
        try expectCopyMatchesOrderLines(ws, "after the first scope")
        #expect(try ws.store.writer.read { try OrderLineColumns.needsRefresh($0) } == false)
    }

    /// A rewrite that changes none of the copy's columns (a re-import of the same file: new
    /// import id only) keeps the chunks; a changed quantity drops its chunk.
    @Test func onlyChangesToCopiedColumnsDropAChunk() throws {
        let ws = try makeWorkspace()
        var shop = RandomShop(seed: 11, customers: 30)
        try shop.populate(ws)
        try expectScopesAgree(ws, "builds the copy")
        #expect(try chunkCount(ws) == 1)
        try execute(ws, "UPDATE order_line SET import_id = coalesce(import_id, 0) + 1000, currency = currency")
        #expect(try chunkCount(ws) == 1)
        try execute(ws, "UPDATE order_line SET quantity = quantity + 1 WHERE order_id = (SELECT min(order_id) FROM order_line)")
        #expect(try chunkCount(ws) == 0)
        try expectScopesAgree(ws, "after the changed quantity")
        try expectCopyMatchesOrderLines(ws, "rebuilt")
        // Setting a channel drops it too (the quality report counts lines with a channel).
        try execute(ws, "UPDATE order_line SET channel = 'web' WHERE order_id = (SELECT min(order_id) FROM order_line)")
        #expect(try chunkCount(ws) == 0)
        try expectScopesAgree(ws, "after the channel was set")
        try expectCopyMatchesOrderLines(ws, "rebuilt with the channel")
        let channels = try QualityFacts.read(from: ws.store, staleBefore: .distantPast, now: .distantFuture).entities.first { $0.entity == .orders }?
            .fields.first { $0.field == "channel" }?.present
        let expected = try ws.store.writer.read { try Int.fetchOne($0, sql: "SELECT count(channel) FROM order_line") }
        #expect(channels == expected && (expected ?? 0) > 0)
    }

    /// An upserting import drops the update trigger inside its transaction (its own range
    /// invalidation covers its lines); committed or failed, the workspace has it afterwards.
    @Test func anUpsertingImportLeavesTheUpdateTriggerInPlace() throws {
        let ws = try makeWorkspace()
        var shop = RandomShop(seed: 12, customers: 30)
        try shop.populate(ws)
        let good = """
            order_id,line,customer_id,product_id,quantity,unit_price,ordered_at
            O1-0,1,K1,P2,3,1.50,2025-03-03

            """
        let bad = """
            order_id,line,customer_id,product_id,quantity,unit_price,ordered_at
            O1-0,1,K1,P2,4,1.50,2025-03-03
            O1-0,2,K1,NO-SUCH-PRODUCT,1,1.50,2025-03-03

            """
        _ = try Importer(workspace: ws).run(ImportRequest(entity: .orders, file: writeFixture("good.csv", good)))
        #expect(try ws.store.writer.read { try OrderLineColumnsSchema.isGuarded($0) })
        #expect(throws: (any Error).self) { try Importer(workspace: ws).run(ImportRequest(entity: .orders, file: writeFixture("bad.csv", bad))) }
        #expect(try ws.store.writer.read { try OrderLineColumnsSchema.isGuarded($0) })
        // And it still guards: a changed quantity drops the chunk.
        try expectScopesAgree(ws, "builds the copy")
        #expect(try chunkCount(ws) == 1)
        try execute(ws, "UPDATE order_line SET quantity = quantity + 1 WHERE order_id = 'O1-0'")
        #expect(try chunkCount(ws) == 0)
    }

    func execute(_ ws: Workspace, _ sql: String) throws {
        try ws.store.writer.write { db in try db.execute(sql: sql) }
    }

    /// Import, erasure, merge and its undo, rectification, re-import with changed values,
    /// retention's delete, a hand-written update: after each, the copy is exact where it covers,
    /// scopes through it equal scopes without it, and a refresh covers everything again.
    @Test(arguments: 1...6)
    func everyWriterKeepsTheCopyExact(seed: UInt64) throws {
        let ws = try makeWorkspace()
        var shop = RandomShop(seed: seed, customers: 40)
        try shop.populate(ws)
        let store = ws.store
        func refreshSmall() throws {
            try OrderLineColumns.refresh(store.writer, chunkLines: 1 + Int(seed % 4) * 3)
            try expectCopyMatchesOrderLines(ws, "after refresh")
            #expect(try store.writer.read { try OrderLineColumns.needsRefresh($0) } == false)
        }
        func check(_ step: String) throws {
            try expectCopyMatchesOrderLines(ws, "\(step)")
            try expectScopesAgree(ws, "\(step)")
            try refreshSmall()
        }
        try refreshSmall()
        #expect(try chunkCount(ws) > 3)

        let rights = SubjectRights(workspace: ws)
        _ = try rights.erase("K3")
        try check("erasure")
        let merge = CustomerMerge(workspace: ws)
        let mergeId = try merge.merge(keep: "K5", other: "K6")
        try check("merge")
        try merge.undo(mergeId)
        try check("merge undone")
        try rights.rectify("K7", field: .city, value: "Neustadt")
        try check("rectification")
        let orders = """
            order_id,line,customer_id,product_id,quantity,unit_price,ordered_at
            O8-0,1,K8,P2,3,1.50,2025-03-03
            O8-9,1,K8,P3,1,2.00,2025-03-04
            A0,1,K9,P4,1,3.00,2025-03-05
            ZZ9,1,K10,P5,2,4.00,2025-03-06

            """
        _ = try Importer(workspace: ws).run(ImportRequest(entity: .orders, file: writeFixture("more-\(seed).csv", orders)))
        try check("re-import")
        try store.writer.write { db in try db.execute(sql: "DELETE FROM order_line WHERE ordered_at < ?", arguments: [1_740_000_000]) }
        try check("retention delete")
        try store.writer.write { db in try db.execute(sql: "UPDATE order_line SET order_id = 'B' || order_id WHERE order_id LIKE 'O1%'") }
        try check("order ids rewritten")
        try store.writer.write { db in try db.execute(sql: "DELETE FROM order_line") }
        try check("every line deleted")
    }

    /// An erased person's customer key is gone from the copy: the chunks of their orders are
    /// deleted with the change, and rebuilt without it.
    @Test func erasureLeavesNoKeyOfThePersonInTheCopy() throws {
        let ws = try makeWorkspace()
        var shop = RandomShop(seed: 11, customers: 30)
        try shop.populate(ws)
        try OrderLineColumns.refresh(ws.store.writer, chunkLines: 4)
        let (ref, lines) = try ws.store.writer.read { db in
            let ref = try #require(try Int32.fetchOne(db, sql: "SELECT customer_ref FROM order_line WHERE customer_ref IS NOT NULL LIMIT 1"))
            return (ref, try Int.fetchOne(db, sql: "SELECT count(*) FROM order_line WHERE customer_ref = ?", arguments: [ref]) ?? 0)
        }
        let id = try #require(
            try ws.store.writer.read { db in try String.fetchOne(db, sql: "SELECT id FROM customer WHERE ref = ?", arguments: [ref]) })
        #expect(lines > 0)
        func refsInCopy() throws -> Int {
            var n = 0
            try ws.store.writer.read { db in
                try OrderLineColumns.forEachSegment(db, columns: []) { segment in
                    if case .chunk(let chunk) = segment { n += chunk.customerRef.filter { $0 == ref }.count }
                }
            }
            return n
        }
        #expect(try refsInCopy() == lines)
        _ = try SubjectRights(workspace: ws).erase(id)
        #expect(try refsInCopy() == 0)
        try OrderLineColumns.refresh(ws.store.writer, chunkLines: 4)
        #expect(try refsInCopy() == 0)
        try expectCopyMatchesOrderLines(ws, "after erasure and refresh")
    }

    /// Without its triggers (a later migration that rebuilds `order_line` drops them) the copy is
    /// not used at all: everything is read from `order_line`, and nothing is refreshed.
    @Test func withoutTheTriggersTheCopyIsIgnored() throws {
        let ws = try makeWorkspace()
        var shop = RandomShop(seed: 3, customers: 20)
        try shop.populate(ws)
        try OrderLineColumns.refresh(ws.store.writer, chunkLines: 5)
        try ws.store.writer.write { db in
            try db.execute(sql: "DROP TRIGGER order_line_chunk_after_update")
            try db.execute(sql: "UPDATE order_line SET quantity = quantity + 1")
        }
        var segments: [OrderLineSegment] = []
        try ws.store.writer.read { db in try OrderLineColumns.forEachSegment(db, columns: []) { segments.append($0) } }
        #expect(segments.count == 1)
        if case .uncovered(let from, let to) = segments.first {
            #expect(from == "" && to == nil)
        } else {
            Issue.record("expected one uncovered range, got \(segments)")
        }
        #expect(try OrderLineColumns.refresh(ws.store.writer) == 0)
        try expectScopesAgree(ws, "without triggers")
    }
}
