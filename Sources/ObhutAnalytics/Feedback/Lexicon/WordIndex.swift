/// The frozen, read-only form of a ``WordTable`` that the scorer reads: the same open-addressing
/// layout in raw memory, so a lookup costs one hash, one probe sequence and one `memcmp`-like loop,
/// with no array bounds checks or reference counting per token.
///
/// Immutable after `init`, hence `@unchecked Sendable`; the memory lives as long as the index
/// (the shipped lexicons: as long as the process).
final class WordIndex: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<Int32>
    private let hashes: UnsafeMutablePointer<UInt32>
    private let starts: UnsafeMutablePointer<Int32>
    private let lengths: UnsafeMutablePointer<Int32>
    private let entries: UnsafeMutablePointer<WordEntry>
    private let pool: UnsafeMutablePointer<UInt8>
    private let mask: Int
    private let count: Int
    private let poolCount: Int

    init(_ table: WordTable) {
        let parts = table.parts
        count = parts.entries.count
        poolCount = parts.pool.count
        var size = 16
        while size < 2 * max(count, 1) { size <<= 1 }
        mask = size - 1
        slots = .allocate(capacity: size)
        slots.initialize(repeating: -1, count: size)
        hashes = .allocate(capacity: max(count, 1))
        starts = .allocate(capacity: max(count, 1))
        lengths = .allocate(capacity: max(count, 1))
        entries = .allocate(capacity: max(count, 1))
        pool = .allocate(capacity: max(poolCount, 1))
        pool.initialize(from: parts.pool, count: poolCount)
        for e in 0..<count {
            let start = Int(parts.starts[e])
            let n = Int(parts.lengths[e])
            let h = WordTable.hash(pool + start, n)
            hashes[e] = h
            starts[e] = parts.starts[e]
            lengths[e] = parts.lengths[e]
            (entries + e).initialize(to: parts.entries[e])
            var slot = Int(h) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(e)
        }
    }

    deinit {
        slots.deallocate()
        hashes.deallocate()
        starts.deallocate()
        lengths.deallocate()
        entries.deallocate()
        pool.deallocate()
    }

    /// The entry for canonical bytes `p[0..<n]`, or nil.
    @inline(__always)
    func lookup(_ p: UnsafePointer<UInt8>, _ n: Int) -> WordEntry? {
        let h = WordTable.hash(p, n)
        var slot = Int(h) & mask
        while true {
            let e = Int(slots[slot])
            if e < 0 { return nil }
            if hashes[e] == h && Int(lengths[e]) == n {
                let k = pool + Int(starts[e])
                var i = 0
                while i < n && k[i] == p[i] { i += 1 }
                if i == n { return entries[e] }
            }
            slot = (slot + 1) & mask
        }
    }

    /// The entry for a word given as a string (folded first).
    func lookup(_ word: String) -> WordEntry? {
        let key = CanonicalBytes.fold(word)
        return key.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return nil }
            return lookup(base, b.count)
        }
    }
}
