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

    /// An edit in place that keeps the size, right after a read, changes neither inode nor size
    /// and may fall in the same tick of the file clock: it is still seen, because a stamp is only
    /// trusted once the file is older than the racy window.
    @Test func anEditInPlaceOfTheSameSizeRightAfterAReadIsSeen() throws {
        let ws = try makeWorkspace()
        defer { try? FileManager.default.removeItem(at: ws.directory) }
        let url = ws.directory.appendingPathComponent(ProcessingRegister.fileName)
        let first = try ws.register()
        let name = try #require(first.activities.first?.name)
        let renamed = String(name.dropLast()) + (name.last == "x" ? "y" : "x")
        let text = try String(contentsOf: url, encoding: .utf8)
        let edited = Data(text.replacingOccurrences(of: "name: \(name)\n", with: "name: \(renamed)\n").utf8)
        #expect(edited.count == Data(text.utf8).count && edited != Data(text.utf8))
        let before = try #require(FileStamp(path: url.path))
        let handle = try FileHandle(forWritingTo: url)
        try handle.write(contentsOf: edited)
        try handle.close()
        let after = try #require(FileStamp(path: url.path))
        #expect(after.inode == before.inode && after.size == before.size)
        #expect(try ws.register().activities.first?.name == renamed)
    }

    /// With a trusted stamp (no racy window), a replaced file is still seen: new inode.
    @Test func aReplacedFileIsSeenOnceTheStampIsTrusted() throws {
        let ws = try makeWorkspace()
        defer { try? FileManager.default.removeItem(at: ws.directory) }
        let cache = RegisterCache(racyWindow: .zero)
        let first = try cache.register(in: ws.directory)
        #expect(try cache.register(in: ws.directory) == first)
        var register = first
        register.activities.removeLast()
        try ws.save(register)
        #expect(try cache.register(in: ws.directory).activities.count == first.activities.count - 1)
        try FileManager.default.removeItem(at: ws.directory.appendingPathComponent(ProcessingRegister.fileName))
        #expect(try cache.register(in: ws.directory) == .defaults)
    }

    /// One cache asked for two workspaces answers each with its own register (the file's path is
    /// remembered per directory, not once for all).
    @Test func eachDirectoryGetsItsOwnRegister() throws {
        let a = try makeWorkspace(), b = try makeWorkspace()
        defer {
            try? FileManager.default.removeItem(at: a.directory)
            try? FileManager.default.removeItem(at: b.directory)
        }
        var smaller = try a.register()
        smaller.activities.removeLast()
        try b.save(smaller)
        let cache = RegisterCache(racyWindow: .zero)
        let full = try cache.register(in: a.directory)
        #expect(try cache.register(in: b.directory).activities.count == full.activities.count - 1)
        #expect(try cache.register(in: a.directory) == full)
    }
}
