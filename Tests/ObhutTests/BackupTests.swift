import Foundation
import GRDB
import ObhutCore
import ObhutStore
import Testing

@testable import Obhut

struct BackupTests {
    let secretName = "Quirina-Backupfall", secretMail = "quirina.backupfall@example.de", secretProduct = "Zauberkanne Deluxe"

    func workspaceWithPeople() throws -> Workspace {
        let ws = try makeWorkspace()
        _ = try Importer(workspace: ws).run(
            ImportRequest(
                entity: .customers,
                file: writeFixture(
                    "c.csv",
                    """
                    customer_id,first_name,last_name,email
                    Q1,Quirina,\(secretName),\(secretMail)
                    Q2,Other,Person,other.person@example.de

                    """)))
        _ = try Importer(workspace: ws).run(ImportRequest(entity: .products, file: writeFixture("p.csv", "product_id,name\nP1,\(secretProduct)\n")))
        return ws
    }

    func backupURL() -> URL { FileManager.default.temporaryDirectory.appendingPathComponent("obhut-\(UUID().uuidString).obhutbak") }

    /// `--keep N` into a folder: names by time, the newest N stay, files of other names are never touched.
    @Test func rotationKeepsTheNewestAndNothingElseIsDeleted() throws {
        let ws = try workspaceWithPeople()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("obhut-rotation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let unrelated = folder.appendingPathComponent("obhut-notes.backup")
        try Data("keep me".utf8).write(to: unrelated)
        var written: [URL] = []
        for _ in 0..<4 {
            let file = BackupRotation.nextFile(in: folder, at: fixedNow)
            _ = try Backup.create(ws, to: file)
            written.append(file)
            try BackupRotation.prune(folder, keep: 2)
        }
        #expect(Set(written).count == 4, "same clock, distinct names")
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        #expect(left == Set([unrelated.lastPathComponent] + written.suffix(2).map(\.lastPathComponent)))
        #expect(throws: BackupError.keep) { try BackupRotation.prune(folder, keep: 0) }
        #expect(BackupRotation.fileName(at: Date(timeIntervalSince1970: 0)) == "obhut-19700101-000000.backup")
    }

    @Test func backupHoldsNothingInClearAndVerifies() throws {
        let ws = try workspaceWithPeople()
        let file = backupURL()
        let manifest = try Backup.create(ws, to: file, environment: [:])
        #expect(manifest.counts["customers"] == 2)
        let bytes = try Data(contentsOf: file)
        for needle in [secretName, secretMail, secretProduct] {
            #expect(bytes.range(of: Data(needle.utf8)) == nil, "found \(needle) in the backup file")
        }
        let master = try Workspace.masterKey(at: ws.directory, environment: [:])
        #expect(try Backup.verify(file, master: master).sha256 == manifest.sha256)
    }

    @Test func aChangedByteOrAnotherKeyIsDetected() throws {
        let ws = try workspaceWithPeople()
        let file = backupURL()
        _ = try Backup.create(ws, to: file, environment: [:])
        let master = try Workspace.masterKey(at: ws.directory, environment: [:])
        var bytes = try Data(contentsOf: file)
        bytes[bytes.count - 100] ^= 0x01
        try bytes.write(to: file)
        #expect(throws: BackupError.self) { try Backup.verify(file, master: master) }
        #expect(throws: BackupError.wrongKey) { try Backup.verify(file, master: MasterKey.generate()) }
    }

    /// Truncated, extended or garbage files are refused with a reason, and a refused restore
    /// leaves no database (and no half-written file) in the target folder.
    @Test func damagedBackupsAreRefusedAndRestoreLeavesNothing() throws {
        let ws = try workspaceWithPeople()
        let file = backupURL()
        _ = try Backup.create(ws, to: file, environment: [:])
        let master = try Workspace.masterKey(at: ws.directory, environment: [:])
        let good = try Data(contentsOf: file)
        for (name, bad) in [
            ("truncated", good.prefix(good.count - 7)), ("extended", good + Data([0])), ("header only", good.prefix(12)),
            ("garbage", Data(repeating: 0x41, count: 4096)),
        ] {
            try Data(bad).write(to: file)
            #expect(throws: BackupError.self, "\(name)") { try Backup.verify(file, master: master) }
            let target = FileManager.default.temporaryDirectory.appendingPathComponent("obhut-restore-\(UUID().uuidString)")
            #expect(throws: BackupError.self, "\(name)") { try Backup.restore(file, into: target, master: master, erasureLog: nil) }
            let left = (try? FileManager.default.contentsOfDirectory(atPath: target.path)) ?? []
            #expect(left.isEmpty, "\(name): \(left)")
        }
    }

    /// A backup taken before an erasure does not bring the person back: the restore replays the
    /// erasure log that outlives the database.
    @Test func restoreDoesNotResurrectErasedPeople() throws {
        let ws = try workspaceWithPeople()
        let file = backupURL()
        _ = try Backup.create(ws, to: file, environment: [:])
        _ = try SubjectRights(workspace: ws).erase("Q1")
        let master = try Workspace.masterKey(at: ws.directory, environment: [:])
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("obhut-restore-\(UUID().uuidString)")
        let report = try Backup.restore(file, into: target, master: master, erasureLog: ws.directory.appendingPathComponent("erasure.log"))
        #expect(report.erasuresReplayed == 1)
        let restored = try Workspace.open(at: target, environment: [:])
        #expect(try restored.store.customer(id: "Q1") == nil)
        #expect(try restored.store.customer(id: "Q2")?.personal.lastName == "Person")
        try restored.store.checkpointAndTruncateWAL()
        for name in try FileManager.default.contentsOfDirectory(atPath: target.path) {
            let bytes = try Data(contentsOf: target.appendingPathComponent(name))
            #expect(bytes.range(of: Data(secretName.utf8)) == nil && bytes.range(of: Data(secretMail.utf8)) == nil)
        }
        #expect(try restored.store.verifyAudit().isIntact)
        #expect(throws: WorkspaceError.self) { try Backup.restore(file, into: target, master: master, erasureLog: nil) }
    }

    /// An erasure log that exists but cannot be read, or a --from folder that does not exist,
    /// stops the restore before anything is written: before, the log was skipped without a word
    /// and the erased came back.
    @Test func anUnreadableErasureLogStopsTheRestore() throws {
        let ws = try workspaceWithPeople()
        let file = backupURL()
        _ = try Backup.create(ws, to: file, environment: [:])
        _ = try SubjectRights(workspace: ws).erase("Q1")
        let master = try Workspace.masterKey(at: ws.directory, environment: [:])
        let log = ws.directory.appendingPathComponent("erasure.log")
        try Data([0xFF, 0xFE, 0x00, 0xC3]).write(to: log)
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("obhut-restore-\(UUID().uuidString)")
        #expect(throws: BackupError.erasureLogUnreadable(log.path)) { try Backup.restore(file, into: target, master: master, erasureLog: log) }
        #expect(!FileManager.default.fileExists(atPath: target.path), "nothing written")
        let nowhere = FileManager.default.temporaryDirectory.appendingPathComponent("obhut-missing-\(UUID().uuidString)")
        #expect(throws: BackupError.sourceMissing(nowhere.path)) {
            try Backup.restore(file, into: target, master: master, erasureLog: nowhere.appendingPathComponent("erasure.log"))
        }
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }
}

/// An erasure whose final checkpoint cannot finish (a reader holds an old snapshot) has still
/// reached erasure.log: the log is written before the checkpoint, so a restore replays it.
@Test func anErasureReachesTheLogEvenWhenItsCheckpointIsBlocked() throws {
    let ws = try makeWorkspace()
    var shop = RandomShop(seed: 3, customers: 4)
    try shop.populate(ws)
    let reader = try DatabaseQueue(path: ws.databaseURL.path)
    let holding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), finished = DispatchSemaphore(value: 0)
    Thread {
        try? reader.read { db in
            _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM customer")  // holds its snapshot
            holding.signal()
            release.wait()
        }
        finished.signal()
    }.start()
    holding.wait()
    defer {
        release.signal()
        finished.wait()
    }
    // Whether the blocked checkpoint surfaces as an error or not, the erasure is in the log.
    _ = try? SubjectRights(workspace: ws).erase("K1")
    let log = try String(contentsOf: ws.erasureLogURL, encoding: .utf8)
    #expect(log.contains(ws.store.keys.subjectToken(customerId: "K1")))
}
