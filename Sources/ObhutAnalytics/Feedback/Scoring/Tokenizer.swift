/// Splits a UTF-8 text into words, emoji and emoticons, recording the punctuation between them.
///
/// Rules (after VADER's tokenizer, Hutto & Gilbert 2014, with German letters and emoji added):
/// - Whitespace separates chunks. A chunk that is an emoticon in the lexicon (":-)", "<3") stays one token.
/// - Otherwise leading and trailing punctuation is cut off; what it says is kept as flags of the
///   previous token (clause or sentence break) and as the text's count of "!" and "?".
/// - Letters are ASCII letters and digits, the apostrophe and hyphen inside a word, and every
///   non-ASCII letter (umlauts, ß, accents, other scripts). Emoji (U+2600-U+2BFF and all four-byte
///   sequences) are tokens of their own even when glued to a word ("super👍"); skin-tone
///   modifiers, U+FE0F and zero-width joiners are dropped.
/// Edge cases: a text of only punctuation gives no tokens; invalid UTF-8 bytes are treated as letters.
struct Tokenizer {
    /// What the whole text says besides its tokens.
    struct Summary {
        var count = 0
        var exclamations = 0
        var questions = 0
        /// Some word has a lower-case letter (ALL CAPS words only count as emphasis then).
        var hasLowercaseWord = false
    }

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C }

    /// Length of the UTF-8 sequence starting with `b` (1 for ASCII and stray continuation bytes).
    @inline(__always)
    static func sequenceLength(_ b: UInt8) -> Int {
        if b < 0xC0 { return 1 }
        if b < 0xE0 { return 2 }
        if b < 0xF0 { return 3 }
        return 4
    }

    /// Emoji and pictographs: U+2600-U+2BFF (E2 98..AF) and every four-byte sequence.
    @inline(__always)
    static func isEmoji(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let b = t[i]
        if b >= 0xF0 { return true }
        return b == 0xE2 && i + 1 < t.count && t[i + 1] >= 0x98 && t[i + 1] <= 0xAF
    }

    /// Bytes to drop: U+FE0F, ZWJ U+200D, skin tones U+1F3FB-1F3FF.
    @inline(__always)
    static func isModifier(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let b = t[i]
        let n = t.count
        if b == 0xEF && i + 2 < n && t[i + 1] == 0xB8 && t[i + 2] == 0x8F { return 3 }
        if b == 0xE2 && i + 2 < n && t[i + 1] == 0x80 && t[i + 2] == 0x8D { return 3 }
        if b == 0xF0 && i + 3 < n && t[i + 1] == 0x9F && t[i + 2] == 0x8F && t[i + 3] >= 0xBB && t[i + 3] <= 0xBF { return 4 }
        return 0
    }

    /// Whether the byte at `i` starts a letter (see the type's rules). `'` and `-` count only inside words.
    @inline(__always)
    static func isLetter(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let b = t[i]
        if b < 0x80 {
            return (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
        }
        if b == 0xC2 { return false }  // Latin-1 punctuation: « » nbsp ´ §
        if b == 0xE2 {  // General punctuation (– — “ ” … „) is not a letter; ’ is handled as an apostrophe
            return false
        }
        if b >= 0xF0 { return false }
        return b >= 0xC3
    }

    /// Fills `tokens` (capacity at least `text.count + 1`) and returns the count and the summary.
    /// `table` recognises emoticons among whole chunks; `fold` is scratch for canonical keys (2x text).
    static func tokenize(
        _ t: UnsafeBufferPointer<UInt8>, table: WordIndex, tokens: UnsafeMutablePointer<TextToken>, fold: UnsafeMutablePointer<UInt8>
    ) -> Summary {
        var s = Summary()
        let n = t.count
        var i = 0
        func markBreak(_ b: UInt8) {
            guard s.count > 0 else { return }
            switch b {
            case 0x2E, 0x21, 0x3F: tokens[s.count - 1].flags.insert(.sentenceBreak)
            case 0x2C, 0x3B, 0x3A, 0x28, 0x29, 0x2D: tokens[s.count - 1].flags.insert(.clauseBreak)
            default: break
            }
        }
        while i < n {
            let b = t[i]
            if isSpace(b) {
                i += 1
                continue
            }
            // The whitespace-delimited chunk [i, e).
            var e = i
            var hasLetter = false
            var hasOther = false
            while e < n && !isSpace(t[e]) {
                if isLetter(t, e) { hasLetter = true } else { hasOther = true }
                e += sequenceLength(t[e])
            }
            e = min(e, n)
            if hasOther && e - i <= 8 && !(hasLetter && e - i > 3) {
                let k = CanonicalBytes.fold(t, from: i, to: e, into: fold)
                if let entry = table.lookup(fold, k), entry.valence != 0, !isEmoji(t, i) {
                    tokens[s.count] = TextToken(start: i, end: e, kind: .emoticon, flags: [], index: s.count)
                    s.count += 1
                    i = e
                    continue
                }
            }
            // Walk the chunk: punctuation, words, emoji.
            var j = i
            while j < e {
                let m = isModifier(t, j)
                if m > 0 {
                    j += m
                    continue
                }
                if isEmoji(t, j) {
                    let len = sequenceLength(t[j])
                    tokens[s.count] = TextToken(start: j, end: min(j + len, e), kind: .emoji, flags: [], index: s.count)
                    s.count += 1
                    j += len
                    continue
                }
                if isLetter(t, j) {
                    let ws = j
                    var upper = 0
                    var lower = 0
                    var first = true
                    var capitalized = false
                    while j < e {
                        let c = t[j]
                        if c >= 0x41 && c <= 0x5A {
                            upper += 1
                            if first { capitalized = true }
                        } else if c >= 0x61 && c <= 0x7A {
                            lower += 1
                        } else if c == 0xC3 && j + 1 < e {
                            if t[j + 1] >= 0x80 && t[j + 1] <= 0x9E { upper += 1; if first { capitalized = true } } else { lower += 1 }
                        }
                        first = false
                        if isLetter(t, j) {
                            j += sequenceLength(c)
                            continue
                        }
                        // Apostrophes and hyphens inside a word: ' ’ -
                        if (c == 0x27 || c == 0x2D) && j + 1 < e && isLetter(t, j + 1) {
                            j += 1
                            continue
                        }
                        if c == 0xE2 && j + 3 < e && t[j + 1] == 0x80 && t[j + 2] == 0x99 && isLetter(t, j + 3) {
                            j += 3
                            continue
                        }
                        break
                    }
                    var flags: TextToken.Flags = []
                    if upper >= 2 && lower == 0 { flags.insert(.allCaps) }
                    if capitalized { flags.insert(.capitalized) }
                    if lower > 0 { s.hasLowercaseWord = true }
                    tokens[s.count] = TextToken(start: ws, end: min(j, e), kind: .word, flags: flags, index: s.count)
                    s.count += 1
                    continue
                }
                // Punctuation.
                if t[j] == 0xE2 && j + 2 < e && t[j + 1] == 0x80 {
                    let c = t[j + 2]
                    if c == 0xA6 {
                        markBreak(0x2E)
                    }  // …
                    else if c == 0x93 || c == 0x94 {
                        markBreak(0x2C)
                    }  // – —
                    j += 3
                    continue
                }
                let p = t[j]
                if p == 0x21 { s.exclamations += 1 }
                if p == 0x3F { s.questions += 1 }
                markBreak(p)
                j += sequenceLength(p)
            }
            i = e
        }
        return s
    }
}
