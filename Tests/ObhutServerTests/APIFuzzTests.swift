import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ObhutServer

/// Hostile input for the API's JSON decoding (issue 9.3): a seeded generator sends broken,
/// deep, huge and odd JSON to every API endpoint that takes a body, as a signed-in admin with a
/// valid CSRF token (so the bodies reach decoding). Properties: never a 5xx, every refusal is a
/// JSON error with a code, no answer echoes the input, and the server still answers afterwards.
/// `OBHUT_FUZZ_ITERATIONS` sets the number of requests (default 600; RELIABILITY.md records a
/// long run).
@Suite("API fuzzing: JSON bodies")
struct APIFuzzTests {
    struct Generator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }

        mutating func string() -> String {
            let pieces = [
                "", "a", "Ä", "C0000001", "' OR 1=1 --", "\"; DROP TABLE customer; --", "%", "_", "\\u0000", "\u{0}", "🙂", "\u{202E}",
                String(repeating: "x", count: 70_000), "first_name", "email", "city", "name", "password", "<script>", "../../etc/passwd",
                "1e999", "-0", "null", "true",
            ]
            return pieces[int(pieces.count)]
        }

        mutating func value(depth: Int) -> String {
            switch int(depth > 3 ? 5 : 8) {
            case 0: return "null"
            case 1: return int(2) == 0 ? "true" : "false"
            case 2: return ["0", "-1", "1e999", "123456789012345678901234567890", "0.1", "-0", "1E-400", "NaN"][int(8)]
            case 3, 4: return "\"" + string().replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            case 5: return "[" + (0..<int(4)).map { _ in value(depth: depth + 1) }.joined(separator: ",") + "]"
            default:
                let keys = ["name", "password", "first_name", "firstName", "email", "city", "q", "purpose", "role", "label", string()]
                return "{" + (0..<int(5)).map { _ in "\"\(keys[int(keys.count)].prefix(40))\":" + value(depth: depth + 1) }.joined(separator: ",")
                    + "}"
            }
        }

        /// A body: well-formed JSON of random shape, or one mutated into something broken.
        mutating func body() -> [UInt8] {
            var bytes = Array(value(depth: 0).utf8)
            switch int(10) {
            case 0: bytes = Array(repeating: UInt8(ascii: "["), count: 20_000 + int(50_000))  // deep nesting
            case 1: if !bytes.isEmpty { bytes.removeLast(int(bytes.count) + 1 > bytes.count ? bytes.count : int(bytes.count) + 1) }  // truncated
            case 2: for _ in 0..<(1 + int(8)) where !bytes.isEmpty { bytes[int(bytes.count)] = UInt8(truncatingIfNeeded: next()) }  // flipped bytes
            case 3: bytes += [0xFF, 0xFE, 0xC3, 0x28]  // invalid UTF-8
            case 4: bytes = [0xEF, 0xBB, 0xBF] + bytes  // BOM
            case 5: bytes = Array("{\"a\":\"\\ud800\"}".utf8)  // lone surrogate
            case 6: bytes = (0..<int(3_000)).map { _ in UInt8(truncatingIfNeeded: next()) }  // noise
            default: break
            }
            return bytes
        }
    }

    @Test("seeded hostile bodies to every endpoint with a body: no 5xx, JSON errors, server alive")
    func fuzzBodies() async throws {
        let iterations = Int(ProcessInfo.processInfo.environment["OBHUT_FUZZ_ITERATIONS"] ?? "") ?? 600
        let seed = UInt64(ProcessInfo.processInfo.environment["OBHUT_FUZZ_SEED"] ?? "") ?? 20_261_123
        let fixture = try ServerFixture(customers: 30)
        defer { fixture.remove() }
        let targets = EndpointCatalog.all.filter { $0.kind == .api && [.post, .patch, .put].contains($0.method) && $0.path != "/api/session" }
        #expect(!targets.isEmpty)
        try await fixture.app().test(.router) { client in
            var generator = Generator(state: seed)
            var statuses: [Int: Int] = [:]
            let session = try await client.signIn("admin")
            for i in 0..<iterations {
                let endpoint = targets[i % targets.count]
                let path = endpoint.path.replacingOccurrences(of: "{id}", with: generator.int(3) == 0 ? "C0000001" : "C0000002")
                    .replacingOccurrences(of: "{name}", with: ["segments", "clv", "admin", "nope"][generator.int(4)])
                    .replacingOccurrences(of: "{entity}", with: ["customers", "orders", "x"][generator.int(3)])
                let body = generator.body()
                let code = try await client.execute(
                    uri: path, method: endpoint.method, headers: session.writeHeaders(), body: ByteBuffer(bytes: body)
                ) {
                    response in
                    #expect(
                        response.status.code < 500,
                        "\(endpoint.method) \(endpoint.path) answered \(response.status.code) (seed \(seed), request \(i))")
                    if response.status.code >= 400 {
                        let error = try? json(ErrorBody.self, response.body)
                        #expect(
                            error?.error.code.isEmpty == false, "\(endpoint.path): not a JSON error: \(String(buffer: response.body).prefix(200))")
                    }
                    return Int(response.status.code)
                }
                statuses[code, default: 0] += 1
            }
            // Sign-in decoding too, anonymously.
            for _ in 0..<min(iterations, 200) {
                try await client.execute(
                    uri: "/api/session", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(bytes: generator.body())
                ) { response in
                    #expect(response.status.code < 500)
                }
            }
            try await client.execute(uri: "/api/health", method: .get) { response in #expect(response.status == .ok) }
            print("API fuzzing: \(iterations) requests over \(targets.count) endpoints, statuses \(statuses.sorted { $0.key < $1.key })")
        }
        #expect(try fixture.workspace.store.verifyAudit().isIntact)
    }
}
