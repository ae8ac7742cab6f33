import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The register parsed last, with the bytes it was parsed from and the file's stamp (device,
/// inode, size, modification and change times). Every edit counts at once, also one made by
/// another process: the file is stat'ed on every call, read again when its stamp differs, and
/// parsed only when its bytes differ.
///
/// A stamp is trusted only once the file is older than `racyWindow` when it is recorded: file
/// times tick coarsely (milliseconds), so an edit in place, of the same size, within the same tick
/// as the last read would leave the stamp unchanged. Until then every call reads the bytes (the
/// "racy clean" rule of git's index). Saving the register replaces the file (new inode).
/// Reading the file on every call was 4-5 % of the customer page's CPU in a profile; a `stat`
/// costs a fraction of that.
final class RegisterCache: Sendable {
    private struct Entry {
        var bytes: Data
        var register: ProcessingRegister
        var stamp: FileStamp?
        var trusted: Bool
    }

    private let last = Mutex<Entry?>(nil)
    /// The register file's path for the directory asked last: `URL.appendingPathComponent` cost
    /// more than the `stat` on every call.
    private let file = Mutex<(directory: URL, path: String)?>(nil)
    private let racyWindowNanoseconds: Int64

    init(racyWindow: Duration = .seconds(2)) {
        racyWindowNanoseconds = racyWindow.components.seconds * 1_000_000_000 + racyWindow.components.attoseconds / 1_000_000_000
    }

    func path(in directory: URL) -> String {
        if let known = file.withLock({ $0 }), known.directory == directory { return known.path }
        let path = directory.appendingPathComponent(ProcessingRegister.fileName).path
        file.withLock { $0 = (directory, path) }
        return path
    }

    func register(in directory: URL) throws -> ProcessingRegister {
        let path = path(in: directory)
        let stamp = FileStamp(path: path)
        if let stamp, let register = last.withLock({ e -> ProcessingRegister? in e.flatMap { $0.trusted && $0.stamp == stamp ? $0.register : nil } })
        {
            return register
        }
        let hit = last.withLock { $0 }
        guard let data = FileManager.default.contents(atPath: path) else { return .defaults }
        let trusted = stamp.map { FileStamp.nowNanoseconds() - $0.latest > racyWindowNanoseconds } ?? false
        if let hit, hit.bytes == data {
            last.withLock { $0 = Entry(bytes: data, register: hit.register, stamp: stamp, trusted: trusted) }
            return hit.register
        }
        let parsed = try ProcessingRegister.decode(data, path: path)
        last.withLock { $0 = Entry(bytes: data, register: parsed, stamp: stamp, trusted: trusted) }
        return parsed
    }
}

/// What `stat` says of a file that changes when its content may have changed.
struct FileStamp: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    /// Modification and status-change times, nanoseconds since 1970.
    var modified: Int64
    var changed: Int64

    var latest: Int64 { max(modified, changed) }

    /// nil where the file cannot be stat'ed (then the caller reads it).
    init?(path: String) {
        var s = stat()
        guard stat(path, &s) == 0 else { return nil }
        device = UInt64(s.st_dev)
        inode = UInt64(s.st_ino)
        size = Int64(s.st_size)
        #if canImport(Darwin)
            modified = Int64(s.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(s.st_mtimespec.tv_nsec)
            changed = Int64(s.st_ctimespec.tv_sec) * 1_000_000_000 + Int64(s.st_ctimespec.tv_nsec)
        #else
            modified = Int64(s.st_mtim.tv_sec) * 1_000_000_000 + Int64(s.st_mtim.tv_nsec)
            changed = Int64(s.st_ctim.tv_sec) * 1_000_000_000 + Int64(s.st_ctim.tv_nsec)
        #endif
    }

    static func nowNanoseconds() -> Int64 {
        var t = timespec()
        clock_gettime(CLOCK_REALTIME, &t)
        return Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_nsec)
    }
}
