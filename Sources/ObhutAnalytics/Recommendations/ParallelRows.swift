import Dispatch

/// Rows split into small fixed blocks that `threads` workers take in turn (worker `w` takes
/// blocks `w, w + threads, …`).
///
/// Determinism: the block boundaries depend only on the row count and block size; callers that
/// write only the rows of their block (ALS solves, top-N lists) or reduce per-block partials in
/// block order get results independent of the thread count. Small blocks balance the skewed
/// row lengths of interaction data between the workers.
struct ParallelRows {
    let rows: Int
    let blockSize: Int
    var blockCount: Int { (rows + blockSize - 1) / blockSize }

    init(rows: Int, blockSize: Int = 256) {
        self.rows = rows
        self.blockSize = max(1, blockSize)
    }

    func range(ofBlock b: Int) -> Range<Int> { b * blockSize..<min(rows, (b + 1) * blockSize) }

    /// Runs `body(block, worker)` for every block; `worker` in `0..<threads` indexes per-worker scratch.
    func forEach(threads: Int, _ body: (Int, Int) -> Void) {
        let count = blockCount
        let workers = min(max(1, threads), max(1, count))
        if workers == 1 {
            for b in 0..<count { body(b, 0) }
            return
        }
        // `concurrentPerform` returns only when every worker is done, so `body` never escapes.
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedBox(body)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var b = worker
                while b < count {
                    shared.value(b, worker)
                    b += workers
                }
            }
        }
    }
}

/// A value handed to worker threads whose accesses the caller keeps disjoint.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// A mutable buffer whose disjoint parts several workers write at once.
struct SharedFloats: @unchecked Sendable {
    let base: UnsafeMutablePointer<Float>
}
