import Foundation

/// Turns a text into hashed word and character n-gram features (the "hashing trick", Weinberger
/// et al., "Feature Hashing for Large Scale Multitask Learning", ICML 2009).
///
/// Features: word unigrams and bigrams and character 3- to 5-grams inside each word padded with a
/// space on both sides (" gut " → " gu", "gut", "ut ", " gut", …), all on folded text (lower
/// case, ä → ae, …), so that "Lieferzeit" and "Lieferung" share "lief". Counts are damped to
/// 1 + log(count) and the vector is scaled to unit length, so long and short reviews weigh alike.
/// Each kind of feature hashes with its own seed (FNV-1a), into 2^`bits` buckets; collisions are
/// accepted (at 2^20 buckets they cost next to nothing on review-sized vocabularies).
public struct FeatureHasher: Sendable, Hashable, Codable {
    public var bits: Int
    public var charGrams: ClosedRange<Int>

    public init(bits: Int = 20, charGrams: ClosedRange<Int> = 3...5) {
        self.bits = bits
        self.charGrams = charGrams
    }

    public var dimension: Int { 1 << bits }

    @inline(__always)
    static func fnv(_ seed: UInt32, _ bytes: ArraySlice<UInt8>) -> UInt32 {
        var h: UInt32 = 2_166_136_261 ^ seed
        for b in bytes { h = (h ^ UInt32(b)) &* 16_777_619 }
        return h
    }

    /// The folded words of `text`: letters, digits, apostrophes; emoji as words of their own.
    static func words(_ text: String) -> [[UInt8]] {
        let folded = CanonicalBytes.fold(text)
        var out: [[UInt8]] = []
        var word: [UInt8] = []
        var i = 0
        while i < folded.count {
            let b = folded[i]
            let isWordByte = (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x27 || (b >= 0x80 && b != 0xC2 && b != 0xE2)
            if b >= 0xF0 || (b == 0xE2 && i + 1 < folded.count && folded[i + 1] >= 0x98) {  // emoji
                if !word.isEmpty { out.append(word); word.removeAll() }
                let n = Tokenizer.sequenceLength(b)
                out.append(Array(folded[i..<min(i + n, folded.count)]))
                i += n
                continue
            }
            if b == 0x21 {  // "!" is a feature too
                if !word.isEmpty { out.append(word); word.removeAll() }
                out.append([0x21])
            } else if isWordByte {
                word.append(b)
            } else if !word.isEmpty {
                out.append(word)
                word.removeAll()
            }
            i += 1
        }
        if !word.isEmpty { out.append(word) }
        return out
    }

    public func features(_ text: String) -> SparseVector {
        let mask = UInt32(dimension - 1)
        var raw: [UInt32] = []
        let ws = Self.words(text)
        raw.reserveCapacity(ws.count * 12)
        var previous: [UInt8]?
        for w in ws {
            raw.append(Self.fnv(1, w[...]) & mask)
            if let p = previous {
                var bigram = p
                bigram.append(0x20)
                bigram.append(contentsOf: w)
                raw.append(Self.fnv(2, bigram[...]) & mask)
            }
            previous = w
            if w.count > 1 {
                var padded: [UInt8] = [0x20]
                padded.append(contentsOf: w)
                padded.append(0x20)
                for n in charGrams where n <= padded.count {
                    for s in 0...(padded.count - n) { raw.append(Self.fnv(UInt32(10 + n), padded[s..<(s + n)]) & mask) }
                }
            }
        }
        raw.sort()
        var indices: [Int32] = []
        var values: [Float] = []
        var i = 0
        var norm: Float = 0
        while i < raw.count {
            var j = i
            while j < raw.count && raw[j] == raw[i] { j += 1 }
            let v = 1 + log(Float(j - i))
            indices.append(Int32(raw[i]))
            values.append(v)
            norm += v * v
            i = j
        }
        if norm > 0 {
            let scale = 1 / norm.squareRoot()
            for k in values.indices { values[k] *= scale }
        }
        return SparseVector(indices: indices, values: values)
    }
}
