import ArgumentParser
import Foundation
import Obhut
import ObhutCore
import ObhutStore

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Encrypted, consistent backup of the workspace (safe while it is in use). / Verschlüsselte Sicherung.",
        subcommands: [Create.self, Verify.self], defaultSubcommand: Create.self)

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Write a backup file.")
        @Argument(help: "The backup file to write, or a folder: then the file is named by its time (obhut-YYYYMMDD-HHMMSS.backup).")
        var file: String
        @Option(help: "With a folder: keep the newest N backups there, delete older ones (only after the new one is verified).")
        var keep: Int?
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let workspace = try global.openWorkspace()
            var target = URL(fileURLWithPath: file)
            var isDirectory: ObjCBool = false
            let toFolder = FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory) && isDirectory.boolValue
            if keep != nil && !toFolder { throw BackupError.keep }
            let folder = target
            if toFolder { target = BackupRotation.nextFile(in: folder, at: workspace.clock()) }
            let manifest = try Backup.create(workspace, to: target)
            var pruned: [URL] = []
            if let keep {
                _ = try Backup.verify(target, master: try Workspace.masterKey(at: global.directory))
                pruned = try BackupRotation.prune(folder, keep: keep)
            }
            let file = target.path
            if json { try printJSON(manifest); return }
            if !pruned.isEmpty {
                print(
                    Localized(
                        de: "Ältere Sicherungen gelöscht: \(pruned.map(\.lastPathComponent).joined(separator: ", "))",
                        en: "Older backups deleted: \(pruned.map(\.lastPathComponent).joined(separator: ", "))")[global.language])
            }
            print(
                Localized(
                    de:
                        "Sicherung geschrieben: \(file) (\(manifest.bytes / 1024) KiB, \(manifest.chunks) verschlüsselte Blöcke, \(manifest.counts["customers"] ?? 0) Kunden). Prüfen: obhut backup verify \(file)",
                    en:
                        "Backup written: \(file) (\(manifest.bytes / 1024) KiB, \(manifest.chunks) encrypted chunks, \(manifest.counts["customers"] ?? 0) customers). Check it: obhut backup verify \(file)"
                )[global.language])
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "verify", abstract: "Decrypt and check a backup without restoring it.")
        @Argument(help: "The backup file.") var file: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let master = try Workspace.masterKey(at: global.directory)
            let m = try Backup.verify(URL(fileURLWithPath: file), master: master)
            print(
                Localized(
                    de: "Sicherung in Ordnung: \(m.chunks) Blöcke, Prüfsumme und Datenbank geprüft, erstellt \(DateText.dateTime(m.createdAt)).",
                    en: "Backup is sound: \(m.chunks) chunks, checksum and database checked, made \(DateText.dateTime(m.createdAt)).")[
                        global.language])
        }
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a backup into a new workspace folder; everyone erased since is erased again. / Sicherung zurückspielen.")
    @Argument(help: "The backup file.") var file: String
    @Option(help: "The master key file the backup was made with (default: master.key of --from or of the target).") var key: String?
    @Option(help: "The workspace the backup came from: its erasure.log is replayed (and its key used).") var from: String?
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let source = from.map { URL(fileURLWithPath: $0) }
        let master: MasterKey
        if let key {
            guard let text = FileManager.default.contents(atPath: key) else { throw WorkspaceError.masterKeyMissing(path: key) }
            master = try MasterKey(base64: String(decoding: text, as: UTF8.self))
        } else {
            master = try Workspace.masterKey(at: source ?? global.directory)
        }
        let report = try Backup.restore(
            URL(fileURLWithPath: file), into: global.directory, master: master,
            erasureLog: source?.appendingPathComponent("erasure.log"))
        print(
            Localized(
                de:
                    "Wiederhergestellt nach \(global.directory.path): \(report.manifest.counts["customers"] ?? 0) Kunden aus der Sicherung, \(report.erasuresReplayed) seither gelöschte Personen erneut gelöscht.",
                en:
                    "Restored into \(global.directory.path): \(report.manifest.counts["customers"] ?? 0) customers from the backup, \(report.erasuresReplayed) people erased since were erased again."
            )[global.language])
    }
}
