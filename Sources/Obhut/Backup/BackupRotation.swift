import Foundation

/// Backups into a folder with `--keep N`: each backup gets a name from its time, and once a new
/// one is written and verified, the oldest beyond N are deleted. Only files this scheme named
/// (`obhut-YYYYMMDD-HHMMSS.backup`) are ever deleted; anything else in the folder is left alone.
public enum BackupRotation {
    public static let prefix = "obhut-"
    public static let suffix = ".backup"

    /// The file name of a backup taken at `date` (UTC, so names sort by time).
    public static func fileName(at date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "\(prefix)%04d%02d%02d-%02d%02d%02d\(suffix)", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// Whether `name` is one of ours.
    static func isRotated(_ name: String) -> Bool {
        guard name.hasPrefix(prefix), name.hasSuffix(suffix) else { return false }
        let stamp = name.dropFirst(prefix.count).dropLast(suffix.count)
        return stamp.count == 15 && stamp.enumerated().allSatisfy { i, ch in i == 8 ? ch == "-" : ch.isASCII && ch.isNumber }
    }

    /// A path in `directory` for a backup taken at `date`, named after every rotated backup there
    /// (a clock set back must not make a new backup sort, and so be pruned, before older ones).
    public static func nextFile(in directory: URL, at date: Date) -> URL {
        let newest = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter(isRotated).max() ?? ""
        var name = fileName(at: date)
        if name <= newest, let last = time(ofName: newest) { name = fileName(at: last.addingTimeInterval(1)) }
        return directory.appendingPathComponent(name)
    }

    /// The time a rotated name stands for.
    static func time(ofName name: String) -> Date? {
        guard isRotated(name) else { return nil }
        let digits = Array(name.dropFirst(prefix.count).dropLast(suffix.count).filter(\.isNumber))
        func number(_ range: Range<Int>) -> Int { Int(String(digits[range])) ?? 0 }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        return calendar.date(
            from: DateComponents(
                year: number(0..<4), month: number(4..<6), day: number(6..<8), hour: number(8..<10), minute: number(10..<12), second: number(12..<14))
        )
    }

    /// Deletes the oldest rotated backups in `directory` beyond the newest `keep`, and returns them.
    ///
    /// - Throws: ``BackupError/keep`` when `keep < 1` (the backup just written always stays).
    @discardableResult
    public static func prune(_ directory: URL, keep: Int) throws -> [URL] {
        guard keep >= 1 else { throw BackupError.keep }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter(isRotated).sorted()
        let old = names.dropLast(keep).map { directory.appendingPathComponent($0) }
        for file in old { try FileManager.default.removeItem(at: file) }
        return old
    }
}
