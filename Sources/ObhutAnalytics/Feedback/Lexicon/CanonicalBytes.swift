/// Folds a word's UTF-8 bytes to the canonical key the lexicons use: ASCII lower case, German
/// umlauts and ß spelled out (ä → ae, ö → oe, ü → ue, ß → ss, so "schön" and "schoen" are one
/// word), Latin-1 capitals lowered (É → é), the typographic apostrophe ’ as ', and the emoji
/// variation selector U+FE0F dropped.
///
/// Works on bytes, not `Character`s: the scorer folds every token of every text, and grapheme
/// breaking costs more than the whole lexicon lookup. Edge cases: invalid UTF-8 passes through
/// unchanged; other scripts are copied as they are (they simply do not match a lexicon entry).
enum CanonicalBytes {
    /// Appends the canonical form of `source[start..<end]` to `out` and returns how many bytes it wrote.
    /// `out` must have room for `2 * (end - start)` bytes (the worst case: every byte an ß).
    @inline(__always)
    static func fold(
        _ source: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, into out: UnsafeMutablePointer<UInt8>
    ) -> Int {
        var n = 0
        var i = start
        while i < end {
            let b = source[i]
            if b < 0x80 {
                out[n] = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
                n += 1
                i += 1
                continue
            }
            if b == 0xC3 && i + 1 < end {
                let c = source[i + 1]
                switch c {
                case 0x84, 0xA4: out[n] = 0x61; out[n + 1] = 0x65; n += 2  // Ä ä → ae
                case 0x96, 0xB6: out[n] = 0x6F; out[n + 1] = 0x65; n += 2  // Ö ö → oe
                case 0x9C, 0xBC: out[n] = 0x75; out[n + 1] = 0x65; n += 2  // Ü ü → ue
                case 0x9F: out[n] = 0x73; out[n + 1] = 0x73; n += 2  // ß → ss
                case 0x80...0x9E: out[n] = 0xC3; out[n + 1] = c | 0x20; n += 2  // other Latin-1 capitals
                default: out[n] = 0xC3; out[n + 1] = c; n += 2
                }
                i += 2
                continue
            }
            if b == 0xE2 && i + 2 < end && source[i + 1] == 0x80 && source[i + 2] == 0x99 {  // ’ → '
                out[n] = 0x27
                n += 1
                i += 3
                continue
            }
            if b == 0xEF && i + 2 < end && source[i + 1] == 0xB8 && source[i + 2] == 0x8F {  // U+FE0F dropped
                i += 3
                continue
            }
            out[n] = b
            n += 1
            i += 1
        }
        return n
    }

    /// The canonical form of a whole string (for building tables and for tests).
    static func fold(_ text: String) -> [UInt8] {
        var bytes = Array(text.utf8)
        let count = bytes.count
        var out = [UInt8](repeating: 0, count: 2 * count + 1)
        let n = bytes.withUnsafeMutableBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                guard let out = dst.baseAddress else { return 0 }
                return fold(UnsafeBufferPointer(src), from: 0, to: count, into: out)
            }
        }
        out.removeLast(out.count - n)
        return out
    }
}
