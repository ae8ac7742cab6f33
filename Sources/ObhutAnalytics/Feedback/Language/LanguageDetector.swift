import ObhutCore

/// Which of German and English a feedback text is written in.
public struct LanguageGuess: Sendable, Hashable, Codable {
    public var language: Language
    /// Share of the evidence for the chosen language, 0.5 (a coin toss, or no evidence) ... 1.
    public var confidence: Double
    /// German stop words plus umlauts/ß seen, and English stop words seen.
    public var germanEvidence: Int
    public var englishEvidence: Int
}

/// Tells German from English by stop words and characters.
///
/// Evidence: each German function word ("und", "nicht", "ist", …) and each ä, ö, ü or ß counts
/// for German; each English function word ("the", "and", "not", …) and each "n't" for English.
/// Words both languages use ("in", "so", "was", "die", "also", "will") count for neither.
/// Edge cases: no evidence at all (emoji only, a single word such as "Super!") or a tie gives the
/// `fallback` with confidence 0.5. Cost: one pass over the bytes, one hash lookup per word.
public enum LanguageDetector {
    static let germanWords = [
        "der", "das", "und", "ist", "nicht", "ich", "sie", "es", "ein", "eine", "einen", "einem", "einer", "mit", "auf", "für",
        "war", "sehr", "aber", "auch", "zu", "den", "dem", "von", "sich", "wir", "mir", "mich", "hat", "haben", "wird", "wurde",
        "nach", "bei", "noch", "nur", "schon", "wie", "als", "wenn", "dass", "oder", "kein", "keine", "leider", "gut", "ganz",
        "des", "im", "ihr", "ihre", "sind", "waren", "habe", "hatte", "mein", "meine", "nichts", "gerne", "bin", "toll",
        "schnell", "wieder", "immer", "wirklich", "etwas", "jetzt", "dann", "doch", "weil", "denn", "alles", "zum", "zur", "vom",
        "über", "ohne", "danke", "viel", "lieferung", "qualität", "bestellt", "geliefert", "ware",
    ]
    static let englishWords = [
        "the", "and", "is", "not", "it", "very", "but", "this", "to", "of", "for", "with", "my", "i", "you", "that",
        "have", "had", "has", "are", "were", "be", "they", "we", "too", "no", "just", "would", "can", "could", "don't", "didn't",
        "it's", "i'm", "i've", "on", "at", "from", "what", "which", "there", "their", "been", "if", "or", "all", "good",
        "great", "really", "love", "bad", "well", "like", "these", "those", "because", "when", "than", "them", "after", "before",
        "about", "only", "should", "your", "our", "quality", "delivery", "ordered", "thanks",
    ]

    static let index: WordIndex = {
        var table = WordTable(capacity: 256)
        for w in germanWords { table.insert(CanonicalBytes.fold(w), WordEntry(valence: 1, boost: 0, roles: [])) }
        for w in englishWords { table.insert(CanonicalBytes.fold(w), WordEntry(valence: -1, boost: 0, roles: [])) }
        return WordIndex(table)
    }()

    public static func detect(_ text: String, fallback: Language = .de) -> LanguageGuess {
        var text = text
        var de = 0
        var en = 0
        text.withUTF8 { t in
            let n = t.count
            guard n > 0 else { return }
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * n + 8) { scratch in
                guard let out = scratch.baseAddress else { return }
                var i = 0
                while i < n {
                    while i < n && !Tokenizer.isLetter(t, i) && t[i] != 0x27 { i += 1 }
                    let s = i
                    while i < n && (Tokenizer.isLetter(t, i) || t[i] == 0x27) {
                        if t[i] == 0xC3 && i + 1 < n {
                            let c = t[i + 1]
                            if c == 0xA4 || c == 0xB6 || c == 0xBC || c == 0x9F || c == 0x84 || c == 0x96 || c == 0x9C { de += 1 }
                        }
                        i += Tokenizer.sequenceLength(t[i])
                    }
                    let e = min(i, n)
                    guard e > s else {
                        i += 1
                        continue
                    }
                    let k = CanonicalBytes.fold(t, from: s, to: e, into: out)
                    if let entry = index.lookup(out, k) {
                        if entry.valence > 0 { de += 1 } else { en += 1 }
                    } else if k >= 4 && out[k - 3] == 0x6E && out[k - 2] == 0x27 && out[k - 1] == 0x74 {
                        en += 1
                    }
                }
            }
        }
        if de == en { return LanguageGuess(language: fallback, confidence: 0.5, germanEvidence: de, englishEvidence: en) }
        let language: Language = de > en ? .de : .en
        return LanguageGuess(language: language, confidence: Double(max(de, en)) / Double(de + en), germanEvidence: de, englishEvidence: en)
    }
}
