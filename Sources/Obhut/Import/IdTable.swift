/// A read-mostly map from an id (customer, product) to its integer key, for the importer's
/// reference checks: one look-up per order line and reference.
///
/// Why not `[String: Int64]`: `Hasher` (SipHash-1-3, seeded per call) and the generic
/// `Dictionary.find` took about a quarter of the producer thread's time in a 1,000,000-line import
/// (perf, 2026-11-24; Benchmarks/Import/README.md). Here the UTF-8 bytes are hashed once with a
/// cheap multiply-xorshift mix, eight bytes at a time, into open addressing with linear probing.
/// A slot holds the full 64-bit hash, the value and the key: ids up to 15 bytes are stored inside
/// the `String` itself, so a look-up touches one cache line (with 100,000 customers the table does
/// not fit the cache, and the misses were most of its time). The key is compared only when the
/// hashes agree: a hash collision can never resolve a reference to the wrong record, it only
/// costs one string comparison.
///
/// Not resistant to chosen collisions (ids come from the shop's own export, and the worst case is
/// a slower import, never a wrong one). Capacity is a power of two at most 3/4 full; memory grows
/// with the number of ids held (32 bytes a slot, plus the text of ids longer than 15 bytes), never
/// with the file imported.
struct IdTable: Sendable {
    private struct Slot {
        /// 0 marks an empty slot; stored hashes have their top bit set so they are never 0.
        var hash: UInt64
        var value: Int64
        var key: String
    }
    private var slots: [Slot]
    private var mask: Int
    private(set) var count = 0

    init(minimumCapacity: Int = 0) {
        var capacity = 16
        while capacity * 3 < max(minimumCapacity, 1) * 4 { capacity *= 2 }
        slots = Array(repeating: Slot(hash: 0, value: 0, key: ""), count: capacity)
        mask = capacity - 1
    }

    /// The value for `key`, nil when absent.
    subscript(key: String) -> Int64? {
        let h = Self.hash(key)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[i]
            if slot.hash == 0 { return nil }
            if slot.hash == h && slot.key == key { return slot.value }
            i = (i + 1) & mask
        }
    }

    /// Sets the value for `key` (replacing an earlier one).
    mutating func set(_ key: String, _ value: Int64) {
        if (count + 1) * 4 > slots.count * 3 { grow() }
        let h = Self.hash(key)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let stored = slots[i].hash
            if stored == 0 {
                slots[i] = Slot(hash: h, value: value, key: key)
                count += 1
                return
            }
            if stored == h && slots[i].key == key {
                slots[i].value = value
                return
            }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        var bigger = IdTable(minimumCapacity: slots.count)  // doubles: 3/4 of twice the slots
        for i in 0..<slots.count where slots[i].hash != 0 { bigger.set(slots[i].key, slots[i].value) }
        self = bigger
    }

    /// 64-bit hash of the key's UTF-8 bytes: each 8-byte word is mixed in with a multiply and an
    /// xor-shift (the finaliser of MurmurHash3 / SplitMix64), the length goes in first so that
    /// keys differing only by trailing zero bytes differ. Deterministic across runs (the table
    /// never leaves the process, so no per-process seed is needed).
    static func hash(_ key: String) -> UInt64 {
        var key = key
        let h = key.withUTF8 { bytes -> UInt64 in
            var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
            guard let base = bytes.baseAddress else { return h }
            let raw = UnsafeRawPointer(base)
            var offset = 0
            while offset + 8 <= bytes.count {
                h = mix(h ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                offset += 8
            }
            if offset < bytes.count {
                var tail: UInt64 = 0
                var shift: UInt64 = 0
                while offset < bytes.count {
                    tail |= UInt64(bytes[offset]) << shift
                    shift += 8
                    offset += 1
                }
                h = mix(h ^ tail)
            }
            return h
        }
        return h | (1 << 63)
    }

    @inline(__always)
    private static func mix(_ x: UInt64) -> UInt64 {
        var z = x &* 0xBF58_476D_1CE4_E5B9
        z ^= z >> 31
        z = z &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 29)
    }
}
