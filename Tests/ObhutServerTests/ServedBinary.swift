import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The built `obhut serve` on a workspace, in a process of its own, for tests that need a server
/// whose threads nothing else in the test process competes for.
final class ServedBinary: Sendable {
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["OBHUT_BIN"] { return URL(fileURLWithPath: path) }
        // Tests/ObhutServerTests/ServedBinary.swift → package root → .build/debug/obhut
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/obhut")
    }()

    let base: URL
    private let process: Process

    init(workspace: URL) throws {
        let port = Int.random(in: 20_000..<40_000)
        base = URL(string: "http://127.0.0.1:\(port)")!
        process = Process()
        process.executableURL = Self.binary
        process.arguments = ["serve", "--port", String(port), "--dir", workspace.path]
        var env = ProcessInfo.processInfo.environment
        env["OBHUT_LANG"] = "en"
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Waits until `/api/health` answers (at most 20 s).
    func waitUntilUp() async throws {
        for _ in 0..<200 {
            if let answer = try? await get("/api/health"), answer.status == 200 { return }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        throw ServedBinaryError.notUp
    }

    func get(_ path: String, bearer: String? = nil) async throws -> (status: Int, body: Data) {
        guard let url = URL(string: base.absoluteString + path) else { throw ServedBinaryError.badPath }
        var request = URLRequest(url: url)
        request.timeoutInterval = 120
        if let bearer { request.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    /// SIGTERM (graceful shutdown), then waits for the process.
    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

enum ServedBinaryError: Error {
    case notUp, badPath
}
