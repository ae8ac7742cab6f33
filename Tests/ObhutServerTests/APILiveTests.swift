import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Obhut
import ObhutCore
import Testing

@testable import ObhutServer

/// A few calls over a real socket (`.live`): the same answers as in-process, with headers
/// as a browser or client sees them.
@Suite("API live")
struct APILiveTests {
    func liveApp(_ f: APIFixture) -> some ApplicationProtocol {
        ObhutServer.application(ServerServices(workspace: f.workspace, configuration: .init(host: "127.0.0.1", port: 0), bcryptCost: 4))
    }

    @Test func recommendationsOverASocketWithABearerToken() async throws {
        let f = try APIFixture()
        defer { f.remove() }
        try await liveApp(f).test(.live) { client in
            try await client.execute(uri: "/api/customers/\(f.withList)/recommendations?limit=3", method: .get, headers: f.bearer(.marketing)) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType]?.hasPrefix("application/json") == true)
                #expect(r.headers[.contentSecurityPolicy] != nil)
                let products = object(r.body)["products"] as? [[String: Any]] ?? []
                #expect(!products.isEmpty && products.count <= 3)
                #expect(products.allSatisfy { ($0["reason"] as? [String: Any])?["de"] != nil })
            }
            try await client.execute(uri: "/api/customers/\(f.withList)/recommendations", method: .get) { r in
                #expect(r.status == .unauthorized)
                #expect(r.headers[.wwwAuthenticate] == "Bearer")
                #expect((object(r.body)["error"] as? [String: Any])?["code"] as? String == "unauthenticated")
            }
        }
    }

    /// Regression: GRDB's async read in the customer search deadlocked the server under
    /// concurrent load (every cooperative thread blocked in a synchronous read). Many parallel
    /// searches, views and recommendation reads over real sockets must all be answered.
    ///
    /// Against the built `obhut serve` in a process of its own, as it runs in production: in this
    /// test process, other suites' synchronous tests occupy the cooperative threads (two on two
    /// cores) for seconds, and a server in here then missed the test client's 20-second read
    /// timeout without any fault of its own.
    @Test func manyConcurrentReadsAreAllAnswered() async throws {
        let f = try APIFixture()
        defer { f.remove() }
        let server = try ServedBinary(workspace: f.workspace.directory)
        defer { server.stop() }
        try await server.waitUntilUp()
        let token = try #require(f.tokens[.admin])
        let codes = try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<96 {
                group.addTask {
                    let path =
                        switch i % 3 {
                        case 0: "/api/customers?q=C0000&limit=20"
                        case 1: "/api/customers/\(f.withList)"
                        default: "/api/customers/\(f.withList)/recommendations"
                        }
                    return try await server.get(path, bearer: token).status
                }
            }
            var all: [Int] = []
            for try await c in group { all.append(c) }
            return all
        }
        #expect(codes.count == 96)
        #expect(codes.allSatisfy { $0 == 200 }, "\(Dictionary(grouping: codes, by: { $0 }).mapValues(\.count))")
    }

    @Test func signInThenRunAnActivityWithTheSessionAndCSRFToken() async throws {
        let f = try APIFixture()
        defer { f.remove() }
        try await liveApp(f).test(.live) { client in
            let s = try await client.signIn("analyst")
            try await client.execute(
                uri: "/api/activities/segments/runs", method: .post, headers: s.writeHeaders(), body: ByteBuffer(string: #"{"seed":3}"#)
            ) { r in
                #expect(r.status == .created)
                #expect(object(r.body)["activity"] as? String == "segments")
            }
            try await client.execute(uri: "/api/runs?limit=1", method: .get, headers: s.headers) { r in
                let runs = object(r.body)["runs"] as? [[String: Any]] ?? []
                #expect(runs.first?["activity"] as? String == "segments")
            }
            #expect(try await client.status("/openapi.json") == .ok)
        }
    }

    @Test func aRefusedRunIs422WithTheFailingPreflightItems() async throws {
        let f = try APIFixture()
        defer { f.remove() }
        try f.workspace.revokeApproval(activity: "segments", actor: .cli)
        try await liveApp(f).test(.live) { client in
            try await client.execute(uri: "/api/activities/segments/runs", method: .post, headers: f.bearer(.admin)) { r in
                #expect(r.status == .unprocessableContent)
                #expect((object(r.body)["error"] as? [String: Any])?["code"] as? String == "preflight_failed")
                #expect((object(r.body)["details"] as? [String])?.isEmpty == false)
            }
            try await client.execute(uri: "/api/activities/segments/approval", method: .post, headers: f.bearer(.dpo)) { r in
                #expect(r.status == .ok)
                #expect(object(r.body)["by"] as? String == "dpo")
            }
            #expect(try await client.status("/api/activities/segments/runs", .post, headers: f.bearer(.admin)) == .created)
        }
    }
}
