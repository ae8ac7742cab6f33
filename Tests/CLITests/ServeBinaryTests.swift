import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The built binary as an administrator uses it: `obhut user add` with the password on standard
/// input, `obhut serve` on a real socket, sign-in over HTTP, and a clean stop on SIGTERM.
@Suite("obhut user and obhut serve (built binary, real socket)")
struct ServeBinaryTests {
    func run(_ arguments: [String], stdin: String) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = CLIBinaryTests.binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["OBHUT_LANG"] = "en"
        process.environment = env
        let input = Pipe(), out = Pipe(), err = Pipe()
        process.standardInput = input
        process.standardOutput = out
        process.standardError = err
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    func request(_ url: URL, method: String = "GET", body: Data? = nil) async throws -> (Int, Data, [AnyHashable: Any]) {
        var r = URLRequest(url: url)
        r.httpMethod = method
        r.httpBody = body
        if body != nil { r.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        let (data, response) = try await URLSession.shared.data(for: r)
        let http = response as? HTTPURLResponse
        return (http?.statusCode ?? 0, data, http?.allHeaderFields ?? [:])
    }

    @Test func userAddThenServeSignInAndStopCleanly() async throws {
        let dir = CLIBinaryTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLIBinaryTests.run(["init", "--dir", dir]).status == 0)
        let short = try run(["user", "add", "erika", "--role", "admin", "--password-stdin", "--dir", dir], stdin: "short\n")
        #expect(short.0 == 1)
        #expect(short.2.contains("at least 10"), "stderr: \(short.2)")
        let added = try run(["user", "add", "erika", "--role", "admin", "--password-stdin", "--dir", dir], stdin: "a long demo password\n")
        #expect(added.0 == 0, "stderr: \(added.2)")
        let badRole = try run(["user", "add", "otto", "--role", "king", "--password-stdin", "--dir", dir], stdin: "a long demo password\n")
        #expect(badRole.0 == 2, "an unknown role is a usage error")

        let port = Int.random(in: 20_000..<40_000)
        let server = Process()
        server.executableURL = CLIBinaryTests.binary
        server.arguments = ["serve", "--port", String(port), "--dir", dir]
        let out = Pipe()
        server.standardOutput = out
        server.standardError = out
        try server.run()
        defer { if server.isRunning { server.terminate() } }
        let base = URL(string: "http://127.0.0.1:\(port)")!
        var up = false
        for _ in 0..<100 where !up {
            if let (status, _, _) = try? await request(base.appendingPathComponent("api/health")), status == 200 {
                up = true
            } else {
                try await Task.sleep(nanoseconds: 100_000_000)
            }
        }
        #expect(up, "server did not answer on port \(port)")
        let anonymous = try await request(base.appendingPathComponent("api/customers"))
        #expect(anonymous.0 == 401)
        let wrong = try await request(
            base.appendingPathComponent("api/session"), method: "POST", body: Data(#"{"name":"erika","password":"wrong password"}"#.utf8))
        #expect(wrong.0 == 401)
        let signIn = try await request(
            base.appendingPathComponent("api/session"), method: "POST", body: Data(#"{"name":"erika","password":"a long demo password"}"#.utf8))
        #expect(signIn.0 == 200)
        let cookie = signIn.2["Set-Cookie"] as? String ?? ""
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "cookie: \(cookie)")
        server.terminate()  // SIGTERM: graceful shutdown
        server.waitUntilExit()
        #expect(server.terminationReason == .exit, "stopped by its own shutdown, not killed by the signal")
    }
}
