import Foundation

/// A progress counter on standard error, shown only when it is a terminal (never in pipes, CI or
/// JSON output), redrawn at most ten times a second.
final class ProgressLine: @unchecked Sendable {
    let label: String
    let isActive = isatty(STDERR_FILENO) != 0
    private let lock = NSLock()
    private var last = Date.distantPast
    private let total: Int?

    init(label: String, total: Int? = nil) {
        self.label = label
        self.total = total
    }

    func update(_ count: Int) {
        guard isActive else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(last) > 0.1 else { return }
        last = now
        var text = "\r\(count.formatted()) \(label)"
        if let total, total > 0 {
            let width = 30
            let filled = min(width, width * count / total)
            text =
                "\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] \(count * 100 / total) % " + label
        }
        FileHandle.standardError.write(Data(text.utf8))
    }

    func finish() {
        guard isActive else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
