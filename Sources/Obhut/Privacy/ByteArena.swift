/// Bytes appended into blocks that never move: a buffer handed out stays where it is, for readers
/// on other threads, while more is appended. One writer; freed all at once with the arena.
///
/// Used where hundreds of thousands of small byte strings (sealed texts, their keys and contexts)
/// pass from a reading thread to workers: one allocation per block instead of one per value.
final class ByteArena {
    private let blockSize: Int
    private var blocks: [UnsafeMutableRawPointer] = []
    private var current: UnsafeMutableRawPointer?
    private var used = 0
    private var capacity = 0

    init(blockSize: Int = 1 << 20) { self.blockSize = blockSize }

    deinit { for block in blocks { block.deallocate() } }

    /// Copies the concatenation of up to four parts into the arena and returns where it lies
    /// (four parameters rather than a variadic one, which would allocate an array per call).
    func append(
        _ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer = .init(start: nil, count: 0),
        _ c: UnsafeRawBufferPointer = .init(start: nil, count: 0), _ d: UnsafeRawBufferPointer = .init(start: nil, count: 0)
    ) -> UnsafeRawBufferPointer {
        let count = a.count + b.count + c.count + d.count
        if current == nil || used + count > capacity {
            let size = max(blockSize, count)
            let block = UnsafeMutableRawPointer.allocate(byteCount: max(size, 1), alignment: 16)
            blocks.append(block)
            current = block
            used = 0
            capacity = size
        }
        guard let current else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        let start = current + used
        var at = start
        func copy(_ part: UnsafeRawBufferPointer) {
            guard let base = part.baseAddress, part.count > 0 else { return }
            at.copyMemory(from: base, byteCount: part.count)
            at += part.count
        }
        copy(a)
        copy(b)
        copy(c)
        copy(d)
        used += count
        return UnsafeRawBufferPointer(start: start, count: count)
    }
}
