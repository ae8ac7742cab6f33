import Dispatch

/// Work split into fixed chunks of rows, run on up to `threads` threads.
///
/// Determinism: chunk boundaries depend only on the row count, every chunk writes its own partial
/// results, and callers reduce partials in chunk order, so results do not depend on the number of
/// threads or on scheduling.
struct RowChunks {
    static let rowsPerChunk = 4096
    let rows: Int
    let count: Int

    init(rows: Int) {
        self.rows = rows
        count = max(1, (rows + Self.rowsPerChunk - 1) / Self.rowsPerChunk)
    }

    func range(_ chunk: Int) -> Range<Int> {
        chunk * Self.rowsPerChunk..<min(rows, (chunk + 1) * Self.rowsPerChunk)
    }

    /// Runs `body(chunk)` for every chunk; worker `w` of `threads` takes chunks `w, w + threads, …`.
    /// The body may run on several threads at once and must write only what its chunk owns.
    func forEach(threads: Int, _ body: (Int) -> Void) {
        let workers = min(max(1, threads), count)
        if workers == 1 {
            for chunk in 0..<count { body(chunk) }
            return
        }
        // `concurrentPerform` wants a `@Sendable` closure; it returns only when every worker is
        // done, so the body never escapes, and callers write only memory owned by their chunk.
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedSendable(body)
            let count = count
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var chunk = worker
                while chunk < count {
                    shared.value(chunk)
                    chunk += workers
                }
            }
        }
    }
}

/// A value handed to worker threads whose accesses the caller keeps disjoint.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
