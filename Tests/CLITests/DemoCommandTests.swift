import Foundation
import Testing

@testable import obhut

/// `obhut demo` offers the dashboard: demo users, the printed login, `--serve`.
struct DemoCommandTests {
    @Test func serveAndPortParse() throws {
        let command = try #require(try ObhutCommand.parseAsRoot(["demo", "--serve", "--port", "9090", "--customers", "50"]) as? DemoCommand)
        #expect(command.serve)
        #expect(command.port == 9090)
        let plain = try #require(try ObhutCommand.parseAsRoot(["demo"]) as? DemoCommand)
        #expect(!plain.serve && plain.port == 8080)
    }

    @Test func demoPrintsTheLoginOnceAndCreatesOneUserPerRole() throws {
        let dir = CLIBinaryTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let demo = try CLIBinaryTests.run(["demo", "--dir", dir, "--customers", "60", "--as-of", "2026-11-01"])
        #expect(demo.status == 0, "stderr: \(demo.stderr)")
        #expect(demo.stdout.contains("Demo shop created"), "the demo's own report stays")
        #expect(demo.stdout.contains("obhut serve --dir \(dir)"))
        let line = try #require(demo.stdout.split(separator: "\n").first { $0.contains("(shown only now): ") })
        let password = String(line.split(separator: " ").last ?? "")
        #expect(password.count == 19)
        let users = try CLIBinaryTests.run(["user", "list", "--dir", dir])
        for role in ["admin", "dpo", "analyst", "marketing", "sales", "support"] { #expect(users.stdout.contains("demo-" + role)) }
        // With --json, stdout stays JSON and the login goes to standard error.
        let dir2 = CLIBinaryTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir2) }
        let json = try CLIBinaryTests.run(["demo", "--dir", dir2, "--customers", "40", "--as-of", "2026-11-01", "--json"])
        #expect(json.status == 0)
        #expect((try? JSONSerialization.jsonObject(with: Data(json.stdout.utf8))) != nil)
        #expect(json.stderr.contains("(shown only now): "))
    }
}
