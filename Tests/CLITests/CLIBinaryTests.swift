import Foundation
import Testing

/// Runs the built `obhut` binary, as a user would, and checks exit codes and output.
struct CLIBinaryTests {
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["OBHUT_BIN"] { return URL(fileURLWithPath: path) }
        // Tests/CLITests/CLIBinaryTests.swift → package root → .build/debug/obhut
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/obhut")
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["OBHUT_LANG"] = "en"
        env.removeValue(forKey: "OBHUT_DIR")
        env.removeValue(forKey: "OBHUT_MASTER_KEY")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    static func tempDir() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("obhut-cli-\(UUID().uuidString)").path
    }

    @Test func binaryExists() {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build first: \(Self.binary.path)")
    }

    @Test func initCreatesWorkspaceWithPrivateKeyAndExitsZero() throws {
        let dir = Self.tempDir()
        let r = try Self.run(["init", "--dir", dir])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let mode = try FileManager.default.attributesOfItem(atPath: dir + "/master.key")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let dbMode = try FileManager.default.attributesOfItem(atPath: dir + "/obhut.sqlite")[.posixPermissions] as? Int
        #expect(dbMode == 0o600, "the database is readable by its owner only")
        let again = try Self.run(["init", "--dir", dir])
        #expect(again.status == 1)
        #expect(again.stderr.hasPrefix("Error: "))
        #expect(again.stderr.split(separator: "\n").count == 1, "one line, no stack trace: \(again.stderr)")
    }

    /// While another process holds an activity's run lock (here: this test, by the file's
    /// documented name), `obhut run` of that activity is refused with a clear message.
    @Test func runOfAnActivityAlreadyRunningElsewhereIsRefused() throws {
        let dir = Self.tempDir()
        #expect(try Self.run(["demo", "--dir", dir, "--customers", "60", "--as-of", "2026-11-01"]).status == 0)
        // `.run-<activity name as hex>.lock`: "segments" is 73 65 67 6d 65 6e 74 73.
        let fd = open(dir + "/.run-7365676d656e7473.lock", O_RDWR | O_CREAT, 0o600)
        #expect(fd >= 0)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let refused = try Self.run(["run", "segments", "--dir", dir])
        #expect(refused.status == 1, "stderr: \(refused.stderr)")
        #expect(refused.stderr.contains("already running"))
        flock(fd, LOCK_UN)
        let ran = try Self.run(["run", "segments", "--dir", dir])
        #expect(ran.status == 0, "stderr: \(ran.stderr)")
    }

    @Test func usageErrorExitsTwo() throws {
        let r = try Self.run(["import", "nonsense-entity", "file.csv"])
        #expect(r.status == 2, "stderr: \(r.stderr)")
        let unknown = try Self.run(["status", "--no-such-flag"])
        #expect(unknown.status == 2)
    }

    @Test func helpExitsZero() throws {
        let r = try Self.run(["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("import"))
        #expect(r.stdout.contains("quality"))
    }

    @Test func missingWorkspaceIsAUserErrorInGermanToo() throws {
        let r = try Self.run(["status", "--dir", Self.tempDir(), "--lang", "de"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("Kein Arbeitsbereich"))
    }

    @Test func importOfBadFileExitsOneAndNamesLine() throws {
        let dir = Self.tempDir()
        try Self.run(["init", "--dir", dir])
        let file = dir + "/kunden.csv"
        try "customer_id;email\nK1;ok@example.de\nK2;kaputt\n".write(toFile: file, atomically: true, encoding: .utf8)
        let r = try Self.run(["import", "customers", file, "--dir", dir])
        #expect(r.status == 1)
        #expect(r.stderr.contains("kunden.csv:3: email: not a valid e-mail address"), "stderr: \(r.stderr)")
        let status = try Self.run(["status", "--dir", dir, "--json"])
        #expect(status.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        let counts = json?["counts"] as? [String: Int]
        #expect(counts?["customers"] == 0)
    }

    static let killRows = 150_000

    /// A process killed in the middle of an import leaves the database as before.
    @Test func killedImportLeavesDatabaseUnchanged() throws {
        let dir = Self.tempDir()
        try Self.run(["init", "--dir", dir])
        let file = dir + "/big.csv"
        var bytes: [UInt8] = Array("customer_id,email,last_name,postal_code\n".utf8)
        bytes.reserveCapacity(8_000_000)
        for i in 0..<Self.killRows { bytes += Array("K\(i),person\(i)@example.de,Name\(i % 500),\(10000 + i % 80000)\n".utf8) }
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        for delay in [0.3, 0.8] {
            let process = Process()
            process.executableURL = Self.binary
            process.arguments = ["import", "customers", file, "--dir", dir]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let status = try Self.run(["status", "--dir", dir, "--json"])
            #expect(status.status == 0, "database must open after a kill: \(status.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
            let counts = json?["counts"] as? [String: Int]
            #expect(counts?["customers"] == 0 || counts?["customers"] == Self.killRows, "half an import landed: \(String(describing: counts))")
        }
        // And the import still works afterwards.
        let r = try Self.run(["import", "customers", file, "--dir", dir])
        #expect(r.status == 0, "stderr: \(r.stderr)")
    }
}
