/// What a word does in a sentence besides carrying sentiment. A word may have several roles
/// ("no" is a negator with a valence of its own in VADER's lexicon).
struct WordRoles: OptionSet, Sendable, Hashable {
    let rawValue: UInt16
    /// Flips and damps the sentiment of the next words: "nicht, kein, nie / not, never, no".
    static let negator = WordRoles(rawValue: 1 << 0)
    /// German negators that may also follow the word they negate ("gefällt mir nicht").
    static let postNegator = WordRoles(rawValue: 1 << 1)
    /// Raises (positive `boost`) or lowers (negative `boost`) the strength of the next words.
    static let booster = WordRoles(rawValue: 1 << 2)
    /// "aber, jedoch / but, however": what follows weighs more than what came before.
    static let contrast = WordRoles(rawValue: 1 << 3)
    /// "zu / too": an otherwise neutral or negative word after it becomes a complaint ("zu klein").
    static let excess = WordRoles(rawValue: 1 << 4)
    /// Joins clauses ("und / and"); aspects are scored per clause.
    static let conjunction = WordRoles(rawValue: 1 << 5)
    /// A function word: known, carries nothing, needs no compound or inflection search.
    static let function = WordRoles(rawValue: 1 << 6)
    /// The entry came from the shop words authored in this project (for explanations and tests).
    static let shopWord = WordRoles(rawValue: 1 << 7)
    /// "obwohl, zwar / although": the clause it opens is the weaker one.
    static let concession = WordRoles(rawValue: 1 << 8)
    /// Part of a fixed phrase the scorer checks ("5 stars", "kind of", "never again").
    static let phrase = WordRoles(rawValue: 1 << 9)
    /// Only a noun in the lexicon: not reached by cutting an ending off a lower-case word.
    static let noun = WordRoles(rawValue: 1 << 10)
}

/// One lexicon entry.
struct WordEntry: Sendable, Hashable {
    /// Sentiment in VADER's units (about -4...+4; 0 for rule words).
    var valence: Float
    /// Booster strength in VADER's units (0.293 for "very", -0.293 for "slightly").
    var boost: Float
    var roles: WordRoles
}

/// An open-addressing hash table from canonical word bytes to ``WordEntry``: the builder, frozen
/// into a ``WordIndex`` for scoring.
///
/// Why not `[String: WordEntry]`: hashing a `String` needs its bytes normalised and a lookup
/// allocates for the key; here a token is looked up straight from the text's UTF-8 buffer after
/// folding (``CanonicalBytes``). FNV-1a hash (Fowler, Noll & Vo), linear probing, load ≤ 0.5.
struct WordTable: Sendable {
    private var pool: [UInt8] = []
    private var starts: [Int32] = []
    private var lengths: [Int32] = []
    private(set) var entries: [WordEntry] = []
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int) {
        var size = 16
        while size < 2 * capacity { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    var count: Int { entries.count }

    /// The raw arrays, for ``WordIndex``.
    var parts: (pool: [UInt8], starts: [Int32], lengths: [Int32], entries: [WordEntry]) { (pool, starts, lengths, entries) }

    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for i in 0..<n { h = (h ^ UInt32(p[i])) &* 16_777_619 }
        return h
    }

    /// The entry for canonical bytes `p[0..<n]`, or nil.
    @inline(__always)
    func lookup(_ p: UnsafePointer<UInt8>, _ n: Int) -> WordEntry? {
        guard let index = index(p, n) else { return nil }
        return entries[index]
    }

    @inline(__always)
    private func index(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
        var slot = Int(Self.hash(p, n)) & mask
        return slots.withUnsafeBufferPointer { s in
            pool.withUnsafeBufferPointer { keys in
                while true {
                    let e = Int(s[slot])
                    if e < 0 { return nil }
                    if Int(lengths[e]) == n {
                        let start = Int(starts[e])
                        var same = true
                        for i in 0..<n where keys[start + i] != p[i] {
                            same = false
                            break
                        }
                        if same { return e }
                    }
                    slot = (slot + 1) & mask
                }
            }
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

    /// Adds or changes an entry; `merge` decides what happens to an existing one.
    mutating func insert(_ key: [UInt8], _ entry: WordEntry, merge: (WordEntry, WordEntry) -> WordEntry = { _, new in new }) {
        guard !key.isEmpty else { return }
        if let existing = key.withUnsafeBufferPointer({ b in b.baseAddress.flatMap { index($0, b.count) } }) {
            entries[existing] = merge(entries[existing], entry)
            return
        }
        if 2 * (entries.count + 1) > slots.count { grow() }
        let e = entries.count
        starts.append(Int32(pool.count))
        lengths.append(Int32(key.count))
        pool.append(contentsOf: key)
        entries.append(entry)
        place(e)
    }

    private mutating func place(_ e: Int) {
        let start = Int(starts[e])
        let n = Int(lengths[e])
        var slot =
            pool.withUnsafeBufferPointer { b -> Int in
                guard let base = b.baseAddress else { return 0 }
                return Int(Self.hash(base + start, n))
            } & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(e)
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for e in 0..<entries.count { place(e) }
    }

    /// Reads "key<TAB>valence" lines, with an optional third column "n" for nouns (the generated
    /// lexicon sources), into the table.
    mutating func load(lexicon text: String, roles: WordRoles = [], merge: (WordEntry, WordEntry) -> WordEntry = { _, new in new }) {
        var line: [UInt8] = []
        func flush() {
            defer { line.removeAll(keepingCapacity: true) }
            let fields = line.split(separator: 0x09, omittingEmptySubsequences: false)
            guard fields.count >= 2, let value = Float(String(decoding: fields[1], as: UTF8.self)) else { return }
            var entryRoles = roles
            if fields.count >= 3 && fields[2].elementsEqual([0x6E]) { entryRoles.insert(.noun) }
            insert(
                CanonicalBytes.fold(String(decoding: fields[0], as: UTF8.self)), WordEntry(valence: value, boost: 0, roles: entryRoles),
                merge: merge)
        }
        for b in text.utf8 {
            if b == 0x0A { flush() } else { line.append(b) }
        }
        flush()
    }

}
