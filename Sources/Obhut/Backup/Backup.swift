import Crypto
import Foundation
import GRDB
import ObhutCore
import ObhutStore

/// Encrypted, verified backups: an online, consistent snapshot (SQLite backup API) sealed in
/// chunks with AES-GCM under a key derived from the master key, behind a manifest with counts and
/// a SHA-256 of the snapshot. A restore replays the erasure log, so nobody erased after the backup
/// comes back.
///
/// File layout: "OBHUTBK1", manifest length (UInt32, big-endian), manifest JSON (not secret:
/// counts and hashes only), then chunks: length (UInt32) + AES-GCM combined box, with the chunk
/// number as associated data so chunks cannot be reordered, dropped or repeated unnoticed.
public enum Backup {
    static let magic = Data("OBHUTBK1".utf8)
    static let chunkSize = 4 << 20

    public struct Manifest: Sendable, Codable, Equatable {
        public var format: Int
        public var createdAt: Date
        public var obhutVersion: String
        public var keyFingerprint: String
        public var counts: [String: Int]
        public var chunks: Int
        public var bytes: Int
        /// SHA-256 of the snapshot, hex.
        public var sha256: String
    }

    /// Takes a snapshot while the workspace stays in use and writes it encrypted to `file`.
    public static func create(_ workspace: Workspace, to file: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> Manifest
    {
        let master = try Workspace.loadMasterKey(directory: workspace.directory, environment: environment)
        let fm = FileManager.default
        let snapshot = workspace.directory.appendingPathComponent(".backup-\(UUID().uuidString).sqlite")
        defer { for s in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: snapshot.path + s) } }
        // Created first with owner-only permissions, so SQLite never makes it readable by others.
        guard fm.createFile(atPath: snapshot.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw BackupError.cannotWrite(snapshot.path)
        }
        let destination = try DatabaseQueue(path: snapshot.path)
        try workspace.store.writer.backup(to: destination)
        try destination.close()
        // Streams: the snapshot is read in chunks twice (hash and size for the manifest, which
        // comes first; then seal and write), so memory stays at a few chunks however large it is.
        var hasher = SHA256()
        var bytes = 0
        try forEachChunk(of: snapshot) { chunk in
            hasher.update(data: chunk)
            bytes += chunk.count
        }
        let chunks = (bytes + chunkSize - 1) / chunkSize
        let manifest = Manifest(
            format: 1, createdAt: workspace.clock(), obhutVersion: ObhutVersion.string, keyFingerprint: master.fingerprint,
            counts: Dictionary(uniqueKeysWithValues: try workspace.store.counts().map { ($0.key.rawValue, $0.value) }),
            chunks: chunks, bytes: bytes, sha256: Hex.string(hasher.finalize()))
        var header = magic
        let json = try JSONEncoder.sorted.encode(manifest)
        appendLength(UInt32(json.count), to: &header)
        header.append(json)
        let temp = file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).partial")
        guard fm.createFile(atPath: temp.path, contents: header, attributes: [.posixPermissions: 0o600]),
            let out = FileHandle(forWritingAtPath: temp.path)
        else { throw BackupError.cannotWrite(file.path) }
        var written = 0
        do {
            defer { try? out.close() }
            try out.seekToEnd()
            let key = master.derived(.backup)
            try forEachChunk(of: snapshot) { chunk in
                guard let box = try AES.GCM.seal(chunk, using: key, authenticating: chunkAAD(written)).combined else {
                    throw BackupError.cannotWrite(file.path)
                }
                var framed = Data(capacity: box.count + 4)
                appendLength(UInt32(box.count), to: &framed)
                framed.append(box)
                try out.write(contentsOf: framed)
                written += 1
            }
            try out.synchronize()
        } catch {
            try? fm.removeItem(at: temp)
            throw error
        }
        guard written == chunks, rename(temp.path, file.path) == 0 else {
            try? fm.removeItem(at: temp)
            throw BackupError.cannotWrite(file.path)
        }
        try workspace.audit(actor: .cli, action: "backup.create", count: manifest.counts["customers"] ?? 0)
        return manifest
    }

    /// Reads and checks a backup: every chunk authenticates, the hash matches. Writes the
    /// snapshot to `destination` chunk by chunk (memory stays at a chunk) and returns the manifest.
    public static func decrypt(_ file: URL, master: MasterKey, to destination: URL) throws -> Manifest {
        let name = file.lastPathComponent
        guard let input = FileHandle(forReadingAtPath: file.path) else { throw BackupError.notABackup(name) }
        defer { try? input.close() }
        func read(_ n: Int, _ what: String) throws -> Data {
            let d = try input.read(upToCount: n) ?? Data()
            guard d.count == n else { throw BackupError.damaged(name, "truncated \(what)") }
            return d
        }
        func length(_ what: String) throws -> Int { try read(4, what).reduce(0) { ($0 << 8) | Int($1) } }
        guard (try? input.read(upToCount: magic.count)) == magic else { throw BackupError.notABackup(name) }
        let manifestLength = try length("manifest")
        guard manifestLength < 1 << 20 else { throw BackupError.damaged(name, "manifest too large") }
        let manifest: Manifest
        do { manifest = try JSONDecoder.iso.decode(Manifest.self, from: try read(manifestLength, "manifest")) } catch let e as BackupError {
            throw e
        } catch { throw BackupError.damaged(name, "manifest unreadable") }
        guard manifest.keyFingerprint == master.fingerprint else { throw BackupError.wrongKey }
        let key = master.derived(.backup)
        let fm = FileManager.default
        guard fm.createFile(atPath: destination.path, contents: nil, attributes: [.posixPermissions: 0o600]),
            let out = FileHandle(forWritingAtPath: destination.path)
        else { throw BackupError.cannotWrite(destination.path) }
        defer { try? out.close() }
        var hasher = SHA256()
        var bytes = 0
        for chunk in 0..<manifest.chunks {
            let n = try length("chunk \(chunk)")
            guard n <= chunkSize + 64 else { throw BackupError.damaged(name, "chunk \(chunk) too large") }
            let box = try read(n, "chunk \(chunk)")
            let plain: Data
            do { plain = try AES.GCM.open(AES.GCM.SealedBox(combined: box), using: key, authenticating: chunkAAD(chunk)) } catch {
                throw BackupError.damaged(name, "chunk \(chunk) does not authenticate")
            }
            hasher.update(data: plain)
            bytes += plain.count
            try out.write(contentsOf: plain)
        }
        guard (try input.read(upToCount: 1) ?? Data()).isEmpty else { throw BackupError.damaged(name, "extra bytes after the last chunk") }
        guard bytes == manifest.bytes, Hex.string(hasher.finalize()) == manifest.sha256 else {
            throw BackupError.damaged(name, "checksum mismatch")
        }
        try out.synchronize()
        return manifest
    }

    /// Verifies a backup without restoring it: decryption, checksum, and SQLite's integrity check
    /// on a temporary copy (deleted afterwards).
    public static func verify(_ file: URL, master: MasterKey) throws -> Manifest {
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("obhut-verify-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: temp) }
        let manifest = try decrypt(file, master: master, to: temp)
        let db = try DatabaseQueue(path: temp.path)
        let check = try db.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") }
        try db.close()
        guard check == "ok" else { throw BackupError.damaged(file.lastPathComponent, "integrity check: \(check ?? "?")") }
        return manifest
    }

    /// Calls `body` with each chunk of a file, in order.
    static func forEachChunk(of file: URL, _ body: (Data) throws -> Void) throws {
        guard let input = FileHandle(forReadingAtPath: file.path) else { throw BackupError.cannotWrite(file.path) }
        defer { try? input.close() }
        while let chunk = try input.read(upToCount: chunkSize), !chunk.isEmpty { try body(chunk) }
    }

    /// Restores a backup into `directory` (which must not hold a workspace), with the master key
    /// the backup was made with, then erases again everyone in the erasure logs: the backup's own
    /// and `erasureLog` (the workspace's `erasure.log`, which outlives the database).
    public static func restore(_ file: URL, into directory: URL, master: MasterKey, erasureLog: URL?) throws -> RestoreReport {
        let fm = FileManager.default
        let db = directory.appendingPathComponent(Workspace.databaseName)
        if fm.fileExists(atPath: db.path) { throw WorkspaceError.alreadyExists(path: directory.path) }
        // The source's erasure log is read before anything is written: one that exists but
        // cannot be read must stop the restore, or people erased since the backup would come
        // back unnoticed. A source folder without a log had no erasures; a missing folder is a
        // wrong --from.
        var logged = Set<String>()
        if let erasureLog {
            let folder = erasureLog.deletingLastPathComponent()
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw BackupError.sourceMissing(folder.path)
            }
            if fm.fileExists(atPath: erasureLog.path) {
                guard let data = fm.contents(atPath: erasureLog.path), let text = String(data: data, encoding: .utf8) else {
                    throw BackupError.erasureLogUnreadable(erasureLog.path)
                }
                logged = Workspace.erasureLogTokens(text)
            }
        }
        try fm.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        // Decrypted beside the target first, so a damaged backup leaves no half database behind.
        let partial = directory.appendingPathComponent(".restore-\(UUID().uuidString).sqlite")
        defer { try? fm.removeItem(at: partial) }
        let manifest = try decrypt(file, master: master, to: partial)
        guard rename(partial.path, db.path) == 0 else { throw BackupError.cannotWrite(db.path) }
        let keyFile = directory.appendingPathComponent(Workspace.masterKeyName)
        if !fm.fileExists(atPath: keyFile.path) {
            // Without it the restored workspace would open only with OBHUT_MASTER_KEY set.
            guard fm.createFile(atPath: keyFile.path, contents: Data((master.base64 + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
                throw BackupError.cannotWrite(keyFile.path)
            }
        }
        let workspace = try Workspace.open(at: directory, environment: ["OBHUT_MASTER_KEY": master.base64])
        var tokens = Set(try workspace.store.writer.read { db in try String.fetchAll(db, sql: "SELECT subject FROM erasure_log") })
        tokens.formUnion(logged)
        let erased = try SubjectRights(workspace: workspace, actor: .job("restore")).replayErasures(tokens)
        try workspace.audit(actor: .job("restore"), action: "backup.restore", count: erased, reason: "erasures replayed \(erased)")
        return RestoreReport(manifest: manifest, erasuresReplayed: erased)
    }

    static func chunkAAD(_ i: Int) -> Data { Data("obhut-backup-chunk-\(i)".utf8) }

    static func appendLength(_ n: UInt32, to data: inout Data) {
        withUnsafeBytes(of: n.bigEndian) { data.append(contentsOf: $0) }
    }
}

public struct RestoreReport: Sendable, Codable {
    public var manifest: Backup.Manifest
    public var erasuresReplayed: Int
}

public enum BackupError: UserFacingError, Equatable {
    case notABackup(String)
    case damaged(String, String)
    case wrongKey
    case cannotWrite(String)
    case keep
    case sourceMissing(String)
    case erasureLogUnreadable(String)

    public func message(in l: Language) -> String {
        switch (self, l) {
        case (.notABackup(let f), .de): "\(f) ist keine Obhut-Sicherung."
        case (.notABackup(let f), .en): "\(f) is not an Obhut backup."
        case (.damaged(let f, let why), .de): "Sicherung \(f) ist beschädigt oder verändert: \(why)"
        case (.damaged(let f, let why), .en): "Backup \(f) is damaged or was changed: \(why)"
        case (.wrongKey, .de): "Die Sicherung wurde mit einem anderen Hauptschlüssel erstellt (vor einem Schlüsseltausch?)."
        case (.wrongKey, .en): "The backup was made with another master key (before a key rotation?)."
        case (.cannotWrite(let p), .de): "Kann \(p) nicht schreiben."
        case (.cannotWrite(let p), .en): "Cannot write \(p)."
        case (.keep, .de): "--keep braucht einen Ordner als Ziel und eine Zahl ab 1."
        case (.keep, .en): "--keep needs a folder as the target and a number of at least 1."
        case (.sourceMissing(let p), .de): "--from: Den Ordner \(p) gibt es nicht; nichts wurde wiederhergestellt."
        case (.sourceMissing(let p), .en): "--from: there is no folder \(p); nothing was restored."
        case (.erasureLogUnreadable(let p), .de):
            "\(p) lässt sich nicht lesen; nichts wurde wiederhergestellt. Ohne dieses Protokoll kämen seit der Sicherung gelöschte Personen zurück."
        case (.erasureLogUnreadable(let p), .en):
            "Cannot read \(p); nothing was restored. Without this log, people erased since the backup would come back."
        }
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        e.dateEncodingStrategy = .iso8601
        return e
    }
}

extension JSONDecoder {
    static var iso: JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }
}
