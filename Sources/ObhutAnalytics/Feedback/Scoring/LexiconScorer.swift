import ObhutCore

/// The rule-aware lexicon scorer for German and English feedback: a score in [-1, 1] per text.
///
/// The method is VADER's (Hutto & Gilbert, "VADER: A Parsimonious Rule-based Model for Sentiment
/// Analysis of Social Media Text", ICWSM 2014), extended for German and for shops:
/// 1. Each word, emoji and emoticon gets its lexicon valence (VADER units, about -4...+4); German
///    words are also found through their endings and as the head of a compound (``WordFinder``).
/// 2. Local rules: ALL CAPS ±0.733 in a text that is not all capitals; each intensifier or
///    diminisher among the three words before ±0.293 (decay 1, 0.95, 0.9); a negator among the three
///    words before in the same clause multiplies by -0.74 — in German also a clause-final "nicht"
///    after the word ("gefällt mir nicht"); "zu/too" before a neutral or negative word makes it a
///    complaint (-1.5: "zu klein", "too small").
/// 3. Contrast: before "aber/but" a sentence weighs half, after it one and a half (a contrast word
///    at the start of a sentence weakens the previous sentence).
/// 4. Sum, then exclamation marks (0.292 each, at most 4) and repeated question marks push the sum
///    away from zero; the score is sum / sqrt(sum² + 15) (VADER's normalisation, α = 15).
///
/// Labels: positive from +0.05, negative up to -0.05, neutral between (VADER's thresholds; see
/// ``SentimentLabel``). Pure and deterministic; no allocation on the ``score(_:language:)`` path
/// beyond one temporary buffer proportional to the text.
public enum LexiconScorer {
    static let negationFactor: Float = -0.74
    static let capsBoost: Float = 0.733
    static let excessPenalty: Float = 1.5
    static let exclamationBoost: Float = 0.292
    static let alpha: Float = 15

    /// The score of a text in [-1, 1] (no explanation; the fast path).
    public static func score(_ text: String, language: Language) -> Double {
        withTokens(text, language: language) { _, _, sum in Double(normalize(sum)) }
    }

    /// VADER's normalisation of a valence sum into (-1, 1).
    @inline(__always)
    static func normalize(_ sum: Float) -> Float {
        let s = sum / (sum * sum + alpha).squareRoot()
        return min(1, max(-1, s))
    }

    /// Tokenizes and scores `text`, then hands the tokens, the text bytes and the final valence sum
    /// (after punctuation) to `body`. The token buffer lives only during `body`.
    static func withTokens<R>(
        _ text: String, language: Language,
        _ body: (UnsafeMutableBufferPointer<TextToken>, UnsafeBufferPointer<UInt8>, Float) -> R
    ) -> R {
        var text = text
        return text.withUTF8 { bytes in
            let n = bytes.count
            return withUnsafeTemporaryAllocation(of: TextToken.self, capacity: n + 1) { tokens in
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4 * n + 16) { scratch in
                    guard let tp = tokens.baseAddress, let sp = scratch.baseAddress else {
                        return body(UnsafeMutableBufferPointer(start: tokens.baseAddress, count: 0), bytes, 0)
                    }
                    let lexicon = SentimentLexicon.of(language)
                    let summary = Tokenizer.tokenize(bytes, table: lexicon.table, tokens: tp, fold: sp)
                    let buffer = UnsafeMutableBufferPointer(start: tp, count: summary.count)
                    let sum = score(buffer, bytes, summary, lexicon: lexicon, scratch: sp, scratch2: sp + 2 * n + 8)
                    return body(buffer, bytes, sum)
                }
            }
        }
    }

    /// Steps 1-4 over the tokens; returns the valence sum after punctuation emphasis.
    @inline(__always)
    static func score(
        _ tokens: UnsafeMutableBufferPointer<TextToken>, _ text: UnsafeBufferPointer<UInt8>, _ summary: Tokenizer.Summary,
        lexicon: SentimentLexicon, scratch: UnsafeMutablePointer<UInt8>, scratch2: UnsafeMutablePointer<UInt8>
    ) -> Float {
        let count = tokens.count
        let table = lexicon.table
        let german = lexicon.language == .de
        // 1. Lexicon valences.
        for i in 0..<count {
            var t = tokens[i]
            let k = CanonicalBytes.fold(text, from: Int(t.start), to: Int(t.end), into: scratch)
            if let (entry, rule) = WordFinder.find(
                scratch, k, table: table, language: lexicon.language, scratch: scratch2, capitalized: t.flags.contains(.capitalized))
            {
                t.roles = entry.roles
                t.boost = entry.boost
                t.valence = entry.valence
                t.rules = rule
                if t.kind != .word { t.rules.insert(.emoji) }
            } else if t.kind == .word, k >= 4, scratch[k - 3] == 0x6E, scratch[k - 2] == 0x27, scratch[k - 1] == 0x74 {
                t.roles = .negator  // any "…n't"
            }
            tokens[i] = t
        }
        let emphasisOK = summary.hasLowercaseWord
        adjustPhrases(tokens, text, german: german)
        // "zu/too" + a neutral or negative word.
        if count > 1 {
            for i in 0..<(count - 1) where tokens[i].roles.contains(.excess) && !tokens[i].endsClause {
                let next = tokens[i + 1]
                guard next.kind == .word, next.valence <= 0,
                    next.roles.isDisjoint(with: [.function, .negator, .booster, .contrast, .conjunction, .excess])
                else { continue }
                if german {
                    // Not "zu Hause" (noun) and not "zu sagen" (infinitive).
                    if next.flags.contains(.capitalized) && i > 0 && !tokens[i - 1].endsClause { continue }
                    let e = Int(next.end)
                    if e - Int(next.start) < 3 { continue }
                    if text[e - 1] == 0x6E && (text[e - 2] == 0x65 || text[e - 2] == 0x72 || text[e - 2] == 0x6C) { continue }
                }
                tokens[i + 1].valence = next.valence - excessPenalty
                tokens[i + 1].rules.insert(.excess)
                tokens[i + 1].phraseStart = Int32(i)
            }
        }
        // 2. Local rules.
        for i in 0..<count {
            var t = tokens[i]
            var v = t.valence
            guard v != 0 else { continue }
            // A booster that is also a sentiment word boosts the next word when that one carries
            // sentiment ("super schnell", "truly genuine") and counts itself otherwise ("Super!").
            if t.roles.contains(.booster), i + 1 < count, !t.endsClause, tokens[i + 1].valence != 0 { continue }
            // "no problem": the negator's own valence yields to the word it negates (VADER).
            if t.roles.contains(.negator), i + 1 < count, !t.endsClause, tokens[i + 1].valence != 0 { continue }
            if emphasisOK && t.flags.contains(.allCaps) {
                v += v > 0 ? capsBoost : -capsBoost
                t.rules.insert(.allCaps)
            }
            var d = 1
            while d <= 3 && i - d >= 0 {
                let j = i - d
                let b = tokens[j]
                if b.flags.contains(.sentenceBreak) { break }
                if b.roles.contains(.booster) && b.boost != 0 {
                    var s = v < 0 ? -b.boost : b.boost
                    if emphasisOK && b.flags.contains(.allCaps) { s += s > 0 ? capsBoost : -capsBoost }
                    v += d == 1 ? s : (d == 2 ? s * 0.95 : s * 0.9)
                    t.rules.insert(b.boost > 0 ? .intensifier : .diminisher)
                    t.phraseStart = min(t.phraseStart, Int32(j))
                }
                d += 1
            }
            var negated = false
            d = 1
            while d <= 3 && i - d >= 0 {
                let j = i - d
                let b = tokens[j]
                if b.endsClause { break }
                if b.roles.contains(.negator) {
                    negated = true
                    t.phraseStart = min(t.phraseStart, Int32(j))
                    break
                }
                d += 1
            }
            if !negated && german && !t.endsClause {
                var k = i + 1
                while k <= i + 3 && k < count {
                    let a = tokens[k]
                    if a.valence != 0 || a.roles.contains(.contrast) || a.roles.contains(.conjunction) { break }
                    let last = a.endsClause || k == count - 1 || tokens[k + 1].roles.contains(.conjunction) || tokens[k + 1].roles.contains(.contrast)
                    if a.roles.contains(.postNegator) && last {
                        negated = true
                        break
                    }
                    if a.endsClause { break }
                    k += 1
                }
            }
            if negated {
                v *= negationFactor
                t.rules.insert(.negation)
            }
            t.sentiment = v
            tokens[i] = t
        }
        // 3. Contrast.
        var i = 0
        while i < count {
            if tokens[i].roles.contains(.contrast) {
                var sentenceStart = i
                while sentenceStart > 0 && !tokens[sentenceStart - 1].flags.contains(.sentenceBreak) { sentenceStart -= 1 }
                var from = sentenceStart
                if from == i && from > 0 {
                    from -= 1
                    while from > 0 && !tokens[from - 1].flags.contains(.sentenceBreak) { from -= 1 }
                }
                for b in from..<i where tokens[b].weight == 1 {
                    tokens[b].weight = 0.5
                    if tokens[b].sentiment != 0 { tokens[b].rules.insert(.contrastBefore) }
                }
                var a = i + 1
                while a < count {
                    tokens[a].weight = 1.5
                    if tokens[a].sentiment != 0 { tokens[a].rules.insert(.contrastAfter) }
                    if tokens[a].flags.contains(.sentenceBreak) { break }
                    a += 1
                }
                i = a + 1
                continue
            }
            i += 1
        }
        // Concession: the clause of "obwohl/although" weighs half, the rest of its sentence 1.5 times.
        i = 0
        while i < count {
            guard tokens[i].roles.contains(.concession) else {
                i += 1
                continue
            }
            var sentenceStart = i
            while sentenceStart > 0 && !tokens[sentenceStart - 1].flags.contains(.sentenceBreak) { sentenceStart -= 1 }
            var clauseStart = i
            while clauseStart > sentenceStart && !tokens[clauseStart - 1].endsClause { clauseStart -= 1 }
            var clauseEnd = i
            while clauseEnd < count - 1 && !tokens[clauseEnd].endsClause { clauseEnd += 1 }
            var sentenceEnd = clauseEnd
            while sentenceEnd < count - 1 && !tokens[sentenceEnd].flags.contains(.sentenceBreak) { sentenceEnd += 1 }
            for k in sentenceStart...sentenceEnd where tokens[k].weight == 1 {
                let inside = k >= clauseStart && k <= clauseEnd
                tokens[k].weight = inside ? 0.5 : 1.5
                if tokens[k].sentiment != 0 { tokens[k].rules.insert(inside ? .contrastBefore : .contrastAfter) }
            }
            i = sentenceEnd + 1
        }
        // 4. Sum and punctuation.
        var sum: Float = 0
        for i in 0..<count { sum += tokens[i].sentiment * tokens[i].weight }
        return sum + emphasis(sum, summary)
    }

    /// Fixed phrases that change what a word does. After VADER: English "kind of" / "sort of" is a
    /// diminisher, not the positive "kind"; "at least" is not the negator "least". Shop phrases:
    /// star ratings in the text ("2 Sterne", "5 stars": (n - 3) × 1.2), "never again / nie wieder"
    /// (-2), buying again (+1.5: "gerne wieder", "würde wieder bestellen", "would order again"),
    /// "on time" (+1.5), coming back (+1.5: "will be back", "won't go back" is then negated) against
    /// sending back (-1.5: "sent it back"), "thumbs up/down" (±2).
    @inline(__always)
    static func adjustPhrases(_ tokens: UnsafeMutableBufferPointer<TextToken>, _ text: UnsafeBufferPointer<UInt8>, german: Bool) {
        guard tokens.count > 1 else { return }
        func isWord(_ t: TextToken, _ w: StaticString) -> Bool {
            let n = Int(t.end - t.start)
            guard n == w.utf8CodeUnitCount else { return false }
            let p = w.utf8Start
            for q in 0..<n {
                let c = text[Int(t.start) + q]
                if ((c >= 0x41 && c <= 0x5A) ? c | 0x20 : c) != p[q] { return false }
            }
            return true
        }
        func starCount(_ t: TextToken) -> Int? {
            let n = Int(t.end - t.start)
            if n == 1, text[Int(t.start)] >= 0x30, text[Int(t.start)] <= 0x35 { return Int(text[Int(t.start)] - 0x30) }
            let words: [(StaticString, Int)] =
                german
                ? [("null", 0), ("ein", 1), ("einen", 1), ("einem", 1), ("zwei", 2), ("drei", 3), ("vier", 4), ("fünf", 5)]
                : [("zero", 0), ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5)]
            for (w, v) in words where isWord(t, w) { return v }
            return nil
        }
        func isBuying(_ i: Int) -> Bool {
            guard i >= 0 && i < tokens.count else { return false }
            let t = tokens[i]
            return german
                ? isWord(t, "bestellen") || isWord(t, "kaufen") || isWord(t, "bestellt") || isWord(t, "gekauft") || isWord(t, "bestelle")
                    || isWord(t, "kaufe")
                : isWord(t, "order") || isWord(t, "buy") || isWord(t, "purchase") || isWord(t, "shop") || isWord(t, "ordering")
                    || isWord(t, "buying")
        }
        func set(_ i: Int, _ valence: Float, from: Int) {
            tokens[i].valence = valence
            tokens[i].roles = []
            tokens[i].rules = []
            tokens[i].phraseStart = Int32(from)
        }
        for i in 1..<tokens.count where tokens[i].roles.contains(.phrase) {
            let t = tokens[i]
            let p = tokens[i - 1]
            if p.endsClause { continue }
            let stars = german ? isWord(t, "sterne") || isWord(t, "stern") || isWord(t, "sternen") : isWord(t, "stars") || isWord(t, "star")
            if stars, let n = starCount(p), !(i >= 2 && (isWord(tokens[i - 2], "of") || isWord(tokens[i - 2], "von"))) {
                set(i, Float(n - 3) * 1.2, from: i - 1)
                tokens[i - 1].roles = []
            } else if german {
                if isWord(t, "wieder") && isWord(p, "nie") {
                    set(i, -2, from: i - 1)
                    tokens[i - 1].roles = []
                } else if isWord(t, "wieder") || isWord(t, "nochmal") || isWord(t, "erneut"),
                    isWord(p, "gerne") || isWord(p, "gern") || isWord(p, "jederzeit") || isBuying(i + 1)
                {
                    set(i, 1.5, from: i - 1)  // "gerne wieder", "würde wieder bestellen"; "nicht wieder bestellen" is then negated
                }
            } else if isWord(t, "again") && isWord(p, "never") {
                set(i, -2, from: i - 1)
                tokens[i - 1].roles = []
            } else if isWord(t, "again") && isBuying(i - 1) {
                set(i, 1.5, from: i - 1)  // "would order again"; "won't buy again" is then negated
            } else if isWord(t, "time") && isWord(p, "on") {
                set(i, 1.5, from: i - 1)  // "arrived on time"
            } else if isWord(t, "back") {
                if isWord(p, "go") || isWord(p, "come") || isWord(p, "be") || isWord(p, "going") || isWord(p, "coming") {
                    set(i, 1.5, from: i - 1)
                } else if isWord(p, "send") || isWord(p, "sent") || isWord(p, "sending") || isWord(p, "it") || isWord(p, "them") {
                    set(i, -1.5, from: i - 1)
                }
            } else if isWord(p, "thumbs") && (isWord(t, "up") || isWord(t, "down")) {
                set(i, isWord(t, "up") ? 2 : -2, from: i - 1)
            }
            // Sign-offs are politeness, not sentiment: "Mit freundlichen Grüßen", "Best regards".
            if isWord(t, "grüße") || isWord(t, "grüßen") || isWord(t, "gruß") || isWord(t, "regards") || isWord(t, "wishes") {
                tokens[i].valence = 0
                tokens[i - 1].valence = 0
                tokens[i - 1].roles.remove(.booster)
            }
        }
        guard !german else { return }
        for i in 0..<tokens.count where tokens[i].roles.contains(.phrase) {
            let t = tokens[i]
            if i + 1 < tokens.count, !t.endsClause, isWord(t, "kind") || isWord(t, "sort"), isWord(tokens[i + 1], "of") {
                tokens[i].valence = 0
                tokens[i].roles = .booster
                tokens[i].boost = -RuleWords.boost
            } else if i > 0, t.roles.contains(.negator), isWord(t, "least"), isWord(tokens[i - 1], "at") || isWord(tokens[i - 1], "very") {
                tokens[i].roles.remove(.negator)
            }
        }
    }

    /// VADER's punctuation emphasis: +0.292 per "!" (at most 4); two or more "?" add 0.18 each (at most 0.96).
    @inline(__always)
    static func emphasis(_ sum: Float, _ summary: Tokenizer.Summary) -> Float {
        guard sum != 0 else { return 0 }
        var e = Float(min(summary.exclamations, 4)) * exclamationBoost
        if summary.questions > 1 { e += min(Float(summary.questions) * 0.18, 0.96) }
        return sum > 0 ? e : -e
    }
}
