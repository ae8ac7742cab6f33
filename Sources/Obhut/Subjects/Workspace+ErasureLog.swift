import Foundation
import GRDB
import ObhutStore

extension Workspace {
    /// The erasure log outside the database (`erasure.log`: one keyed token and day per line), so a
    /// restore from an older backup can erase the person again even if the database is lost.
    public var erasureLogURL: URL { directory.appendingPathComponent("erasure.log") }

    /// Notes an erasure (a person's or a lead contact's keyed token) in the `erasure_log` table,
    /// inside the erasure's transaction; `completeErasure()` brings it to the file.
    static func recordErasure(_ db: Database, subject: String, at: Date) throws {
        try db.execute(
            sql: "INSERT OR IGNORE INTO erasure_log (subject, erased_at) VALUES (?, ?)", arguments: [subject, Int64(at.timeIntervalSince1970)])
    }

    /// After erasures committed: `erasure.log` first, then the WAL emptied (so no copy of the
    /// deleted pages stays in it). In this order because the checkpoint fails (busy) while a long
    /// reader holds an old snapshot, and the erasure must reach the log a restore replays anyway.
    func completeErasure() throws {
        try syncErasureLog()
        try store.checkpointAndTruncateWAL()
    }

    /// The tokens in the text of an `erasure.log` (the first word of each line).
    static func erasureLogTokens(_ text: String) -> Set<String> {
        Set(text.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) })
    }

    /// Key in `meta` of the last `erasure_log.seq` known to be in `erasure.log`.
    static let erasureLogSyncedKey = "erasure_log_synced"

    /// Appends to `erasure.log` every row of the `erasure_log` table it does not hold yet, then
    /// flushes the file to disk. Returns how many lines it appended.
    ///
    /// Why a sync and not an append after each erasure: the erasure commits in the database first,
    /// and a process killed between that commit and the append (SIGKILL, power loss) would leave a
    /// person erased in the database but absent from the file, and a restore from an older backup
    /// would bring them back. `Workspace.open` calls this, so the next command after a crash
    /// closes the gap. Cost when nothing is missing: two indexed reads.
    ///
    /// Edge cases: a crash between the append and the bookkeeping in `meta` appends the same
    /// tokens again next time (harmless: a restore reads the file as a set). A workspace from before
    /// this bookkeeping is compared token by token once.
    @discardableResult
    public func syncErasureLog() throws -> Int {
        let synced = try store.meta(Self.erasureLogSyncedKey).flatMap { Int64($0) }
        let last = try store.writer.read { db in try Int64.fetchOne(db, sql: "SELECT max(seq) FROM erasure_log") } ?? 0
        if let synced, synced >= last { return 0 }
        let rows = try store.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT subject, erased_at FROM erasure_log WHERE seq > ? ORDER BY seq", arguments: [synced ?? 0])
                .map { (subject: $0["subject"] as String, at: $0["erased_at"] as Int64) }
        }
        var known = Set<String>()
        if synced == nil, let text = try? String(contentsOf: erasureLogURL, encoding: .utf8) { known = Self.erasureLogTokens(text) }
        let lines = rows.filter { !known.contains($0.subject) }.map {
            "\($0.subject) \(DateText.day(Date(timeIntervalSince1970: TimeInterval($0.at))))\n"
        }
        if !lines.isEmpty { try appendToErasureLog(lines.joined()) }
        try store.setMeta(Self.erasureLogSyncedKey, String(last))
        return lines.count
    }

    private func appendToErasureLog(_ text: String) throws {
        let url = erasureLogURL
        let fm = FileManager.default
        // Owner-only from the start; should creating it fail, opening it below throws.
        if !fm.fileExists(atPath: url.path) { _ = fm.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.synchronize()
    }
}
