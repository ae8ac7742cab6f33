import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Obhut
import ObhutCore
import Testing

@testable import ObhutServer

/// The recommendations answer passes the stored JSON through when the whole list is asked for;
/// it must say exactly what the decoded, re-encoded answer says.
@Suite("Recommendations answer")
struct RecommendationsAnswerTests {
    struct Answer: Decodable, Equatable {
        var customerId: String
        var products: [RecommendedProduct]
        var modelVersion: String
        var runId: Int64
        var stale: Bool
    }

    @Test func theWholeListAndAShortenedListAgreeWithTheStore() async throws {
        let f = try APIFixture()
        defer { f.remove() }
        let stored = try #require(try RecommendationsReport.list(f.withList, in: f.workspace))
        #expect(stored.products.count >= 2)
        // Mark the list stale, so the flag is seen to travel too.
        try markStale(f.withList, in: f.workspace)
        try await f.app().test(.router) { client in
            let whole = try await client.execute(
                uri: "/api/customers/\(f.withList)/recommendations?limit=100", method: .get, headers: f.bearer(.marketing)
            ) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType] == "application/json; charset=utf-8")
                return try JSONDecoder().decode(Answer.self, from: Data(buffer: r.body))
            }
            #expect(
                whole
                    == Answer(customerId: f.withList, products: stored.products, modelVersion: stored.modelVersion, runId: stored.runId, stale: true))
            let short = try await client.execute(
                uri: "/api/customers/\(f.withList)/recommendations?limit=1", method: .get, headers: f.bearer(.marketing)
            ) { r in try JSONDecoder().decode(Answer.self, from: Data(buffer: r.body)) }
            #expect(short.products == [stored.products[0]])
            #expect(short.stale && short.runId == stored.runId && short.customerId == f.withList)
        }
    }

    @Test func anUnknownIdIsNotAuditedAndAKnownPersonWithoutAListIs() async throws {
        let f = try APIFixture()
        defer { f.remove() }
        let withoutList = try #require(try customerWithoutList(in: f.workspace))
        try await f.app().test(.router) { client in
            let before = try readEntries(in: f.workspace)
            #expect(try await client.status("/api/customers/NO-SUCH-ID/recommendations", headers: f.bearer(.marketing)) == .notFound)
            #expect(try readEntries(in: f.workspace) == before)
            #expect(try await client.status("/api/customers/\(withoutList)/recommendations", headers: f.bearer(.marketing)) == .notFound)
            #expect(try readEntries(in: f.workspace) == before + 1)
            #expect(try await client.status("/api/customers/\(f.withList)/recommendations", headers: f.bearer(.marketing)) == .ok)
            #expect(try readEntries(in: f.workspace) == before + 2)
        }
    }

    @Test func withBatchedAuditReadsEveryReadIsStillAuditedAndTheChainVerifies() async throws {
        let f = try APIFixture()
        defer { f.remove() }
        let batcher = f.workspace.store.auditBatcher
        try batcher.configure(durability: .batched, syncInterval: .seconds(3_600))
        try await f.app().test(.router) { client in
            let before = try readEntries(in: f.workspace)
            for _ in 0..<3 {
                #expect(try await client.status("/api/customers/\(f.withList)/recommendations", headers: f.bearer(.marketing)) == .ok)
            }
            #expect(try await client.status("/customers/\(f.withList)", headers: f.bearer(.marketing)) == .ok)
            #expect(try readEntries(in: f.workspace) == before + 3)
            let views = try await f.workspace.store.writer.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_entry WHERE action = 'customer.view'") ?? -1
            }
            #expect(views >= 1)
        }
        #expect(batcher.syncPending)
        try batcher.configure(durability: .durable)
        #expect(batcher.syncPending == false)
        #expect(try f.workspace.store.verifyAudit().isIntact)
    }

    /// The list is read by position straight from SQLite; the statement must be reset after the
    /// read, or the writer connection keeps a read snapshot open after its transaction and the
    /// write-ahead log can no longer be checkpointed to its end.
    @Test func aReadLeavesNoStatementOpenOnTheWriter() async throws {
        let f = try APIFixture()
        defer { f.remove() }
        let subject = f.workspace.store.keys.subjectToken(customerId: f.withList)
        let answer = try await RecommendationsReport.read(f.withList, subject: subject, in: f.workspace, actor: .cli)
        guard case .list(let stored) = answer else {
            Issue.record("no list")
            return
        }
        #expect(try stored.decoded().products.count >= 2)
        #expect(stored.productsJSON.hasPrefix("["))
        let (busy, log, checkpointed) = try await f.workspace.store.writer.writeWithoutTransaction { db -> (Int, Int, Int) in
            let row = try #require(try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)"))
            return (row[0], row[1], row[2])
        }
        #expect(busy == 0)
        #expect(log == checkpointed)
    }

    func readEntries(in workspace: Workspace) throws -> Int {
        try workspace.store.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_entry WHERE action = 'recommendations.read'") ?? -1
        }
    }

    func customerWithoutList(in workspace: Workspace) throws -> String? {
        try workspace.store.writer.read { db in
            try String.fetchOne(
                db,
                sql: """
                    SELECT id FROM customer WHERE id NOT IN (SELECT customer_id FROM derived_result WHERE activity = 'recommendations')
                    ORDER BY id LIMIT 1
                    """)
        }
    }

    func markStale(_ customer: String, in workspace: Workspace) throws {
        try workspace.store.writer.write { db in
            try db.execute(sql: "UPDATE derived_result SET stale = 1 WHERE activity = 'recommendations' AND customer_id = ?", arguments: [customer])
        }
    }

    @Test func stringsAreEscapedAsJSONReadsThemBack() throws {
        for s in ["plain", "quote \" and \\ backslash", "line\nbreak\ttab\r\u{08}\u{0C}", "\u{01}\u{1F}", "Grüße / € 🎁", ""] {
            let text = JSONText.string(s)
            #expect(try JSONDecoder().decode(String.self, from: Data(text.utf8)) == s)
        }
        #expect(JSONText.string("a/b") == "\"a/b\"")
        #expect(JSONText.string("\u{01}") == "\"\\u0001\"")
    }

    /// The counter skips strings in a loop of its own; encoded arrays of strings full of quotes,
    /// backslashes, brackets and commas (and nested arrays and objects of them) must count as
    /// their element count, and every cut-off prefix as not an array.
    @Test func arrayCountAgreesWithTheEncoderOnSeededText() throws {
        let alphabet = Array("ab\"\\,[]{}: é\n\u{1}")
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let encoder = JSONEncoder()
        for _ in 0..<300 {
            let count = next(8)
            let items: [[String: [String]]] = (0..<count).map { _ in
                ["k": (0..<next(3)).map { _ in String((0..<next(12)).map { _ in alphabet[next(alphabet.count)] }) }]
            }
            let bytes = Array(try encoder.encode(items))
            #expect(JSONText.arrayCount(bytes) == count)
            if bytes.count > 1 { #expect(JSONText.arrayCount(Array(bytes.dropLast(1 + next(bytes.count - 1)))) == nil) }
        }
    }

    @Test func arrayElementsAreCountedAtTheTopLevelOnly() {
        #expect(JSONText.arrayCount(Array("[]".utf8)) == 0)
        #expect(JSONText.arrayCount(Array(" [ ] ".utf8)) == 0)
        #expect(JSONText.arrayCount(Array("[1]".utf8)) == 1)
        #expect(JSONText.arrayCount(Array("[1,2,3]".utf8)) == 3)
        #expect(JSONText.arrayCount(Array(#"[{"a":[1,2],"b":"x,y]"},{"c":"\"],["}]"#.utf8)) == 2)
        #expect(JSONText.arrayCount(Array(#"["\\",","]"#.utf8)) == 2)
        #expect(JSONText.arrayCount(Array(#"{"a":1}"#.utf8)) == nil)
        #expect(JSONText.arrayCount(Array("[1,2".utf8)) == nil)
        #expect(JSONText.arrayCount(Array("".utf8)) == nil)
    }
}
