import Foundation
import Testing

@testable import Obhut

/// The workspace parses the register only when its bytes change, but every edit counts at once.
@Suite("Register cache")
struct RegisterCacheTests {
    @Test func anEditOnDiskIsSeenByTheNextReadOfTheSameWorkspace() throws {
        let ws = try makeWorkspace()
        defer { try? FileManager.default.removeItem(at: ws.directory) }
        let url = ws.directory.appendingPathComponent(ProcessingRegister.fileName)
        let first = try ws.register()
        #expect(try ws.register() == first)
        // An edit made outside this process (the DPO's editor): one activity renamed by text.
        let text = try String(contentsOf: url, encoding: .utf8)
        let name = try #require(first.activities.first?.name)
        try text.replacingOccurrences(of: "name: \(name)\n", with: "name: \(name)-edited\n").write(to: url, atomically: true, encoding: .utf8)
        #expect(try ws.register().activities.first?.name == name + "-edited")
        // A broken file is reported, not hidden behind the cached copy.
        try "activities: [".write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: RegisterError.self) { try ws.register() }
        try text.write(to: url, atomically: true, encoding: .utf8)
        #expect(try ws.register() == first)
    }
}
