import Foundation
import ObhutCore
import ObhutStore

extension Workspace {
    /// Replaces the master key: the workspace secret is re-wrapped under a new key and the key
    /// file is replaced atomically (written 0600 beside it, then renamed). Returns the new key
    /// when the workspace runs on `OBHUT_MASTER_KEY`, which the caller must show once to the owner.
    public func rotateMasterKey(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> MasterKey? {
        let old = try Self.loadMasterKey(directory: directory, environment: environment)
        let new = MasterKey.generate()
        let usesEnvironment = environment["OBHUT_MASTER_KEY"] != nil
        let fm = FileManager.default
        let temp = directory.appendingPathComponent(Self.masterKeyName + ".new")
        if !usesEnvironment {
            try? fm.removeItem(at: temp)
            guard fm.createFile(atPath: temp.path, contents: Data((new.base64 + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
                throw WorkspaceError.masterKeyMissing(path: temp.path)
            }
        }
        do {
            // Secret, fingerprint and audit entry commit together. Until that commit the old key
            // is the one in force and the new one may go; from then on the new key is the only
            // one that opens the data, so its file is never deleted after this point.
            let actor = Actor.cli
            try store.rotateMasterKey(from: old, to: new) { db in
                _ = try store.appendAudit(
                    db, actor: actor.name, role: actor.role, action: "key.rotate", subject: nil, count: 0, activity: nil, reason: nil, at: clock())
            }
        } catch {
            if !usesEnvironment { try? fm.removeItem(at: temp) }
            throw error
        }
        if usesEnvironment { return new }
        // rename(2) replaces the old file in one step: there is never a moment without a key file.
        guard rename(temp.path, masterKeyURL.path) == 0 else {
            throw WorkspaceError.keyFileNotReplaced(newKey: temp.path, keyFile: masterKeyURL.path)
        }
        return nil
    }
}

extension Workspace {
    /// The master key of the workspace in `directory` (key file or `OBHUT_MASTER_KEY`).
    public static func masterKey(at directory: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> MasterKey {
        try loadMasterKey(directory: directory, environment: environment)
    }
}
