import Foundation
import ObhutCore
import ObhutStore

/// An Obhut workspace: a folder with the database, the master key (0600) and the processing
/// register. CLI and server both open one through here.
public struct Workspace: Sendable {
    public let directory: URL
    public let store: SQLiteStore
    public let clock: @Sendable () -> Date
    private let registerCache = RegisterCache()

    public static let databaseName = "obhut.sqlite"
    public static let masterKeyName = "master.key"

    public var databaseURL: URL { directory.appendingPathComponent(Self.databaseName) }
    public var masterKeyURL: URL { directory.appendingPathComponent(Self.masterKeyName) }

    /// The folder from `--dir`, else `OBHUT_DIR`, else `./obhut-data`.
    public static func resolveDirectory(_ explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let path = explicit ?? environment["OBHUT_DIR"] ?? "obhut-data"
        return URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
    }

    /// Creates a new workspace: folder, database with the schema, master key file readable only by
    /// its owner. Fails if one is already there (nothing is changed then).
    @discardableResult
    public static func create(
        at directory: URL, clock: @escaping @Sendable () -> Date = { Date() },
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Workspace {
        let fm = FileManager.default
        let db = directory.appendingPathComponent(databaseName)
        if fm.fileExists(atPath: db.path) { throw WorkspaceError.alreadyExists(path: directory.path) }
        try fm.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let key: MasterKey
        if let fromEnv = environment["OBHUT_MASTER_KEY"] {
            do { key = try MasterKey(base64: fromEnv) } catch { throw WorkspaceError.masterKeyInvalid(reason: "OBHUT_MASTER_KEY: \(error)") }
        } else {
            key = MasterKey.generate()
            let keyURL = directory.appendingPathComponent(masterKeyName)
            // Created with 0600 from the start: no moment in which others could read it.
            guard fm.createFile(atPath: keyURL.path, contents: Data((key.base64 + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
                throw WorkspaceError.masterKeyMissing(path: keyURL.path)
            }
        }
        // The database file is created 0600 like the key: SQLite gives its WAL and shared-memory
        // files the same mode, so no other user of the machine can read any of it.
        guard FileManager.default.createFile(atPath: db.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw WorkspaceError.notFound(path: directory.path)
        }
        let store = try SQLiteStore(path: db.path, masterKey: key)
        try store.setMeta("created_at", ISO8601DateFormatter().string(from: clock()))
        try store.setMeta("key_fingerprint", key.fingerprint)
        try ProcessingRegister.defaults.save(to: directory)
        let workspace = Workspace(directory: directory, store: store, clock: clock)
        return workspace
    }

    /// Opens an existing workspace.
    public static func open(
        at directory: URL, clock: @escaping @Sendable () -> Date = { Date() },
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Workspace {
        let db = directory.appendingPathComponent(databaseName)
        guard FileManager.default.fileExists(atPath: db.path) else { throw WorkspaceError.notFound(path: directory.path) }
        let key = try loadMasterKey(directory: directory, environment: environment)
        let store = try SQLiteStore(path: db.path, masterKey: key)
        if let expected = try store.meta("key_fingerprint"), expected != key.fingerprint {
            throw WorkspaceError.masterKeyInvalid(reason: "fingerprint \(key.fingerprint) ≠ \(expected)")
        }
        let workspace = Workspace(directory: directory, store: store, clock: clock)
        // A process killed after an erasure committed but before its token reached erasure.log
        // left a gap: close it now, before anything else could lose the database.
        try workspace.syncErasureLog()
        return workspace
    }

    /// Deletes the files of a workspace (database with WAL and journal, key, register) and
    /// nothing else in the folder.
    public static func removeFiles(at directory: URL) throws {
        let fm = FileManager.default
        for name in [
            databaseName, databaseName + "-wal", databaseName + "-shm", databaseName + "-journal", masterKeyName, ProcessingRegister.fileName,
            "erasure.log",
        ] {
            let url = directory.appendingPathComponent(name)
            if fm.fileExists(atPath: url.path) { try fm.removeItem(at: url) }
        }
    }

    /// The processing register as it is on disk now (the DPO may have edited it). The file is
    /// read every time; it is parsed again only when its bytes changed (parsing the YAML took
    /// 40 % of a dashboard page's CPU).
    public func register() throws -> ProcessingRegister { try registerCache.register(in: directory) }

    public func save(_ register: ProcessingRegister) throws { try register.save(to: directory) }

    static func loadMasterKey(directory: URL, environment: [String: String]) throws -> MasterKey {
        if let fromEnv = environment["OBHUT_MASTER_KEY"] {
            do { return try MasterKey(base64: fromEnv) } catch { throw WorkspaceError.masterKeyInvalid(reason: "OBHUT_MASTER_KEY: \(error)") }
        }
        let url = directory.appendingPathComponent(masterKeyName)
        let fm = FileManager.default
        guard let data = fm.contents(atPath: url.path) else { throw WorkspaceError.masterKeyMissing(path: url.path) }
        if let mode = (try? fm.attributesOfItem(atPath: url.path))?[.posixPermissions] as? Int, mode & 0o077 != 0 {
            throw WorkspaceError.masterKeyPermissions(path: url.path, mode: String(mode, radix: 8))
        }
        do { return try MasterKey(base64: String(decoding: data, as: UTF8.self)) } catch {
            throw WorkspaceError.masterKeyInvalid(reason: "\(url.lastPathComponent): \(error)")
        }
    }
}
