import ObhutCore

/// Looks a token up in the lexicon: the word itself, then (German only) the word without an
/// inflection ending, then the last part of a compound.
///
/// Why: the German Polarity Lexicon lists base forms ("gut", "enttäuschen"), but reviews say
/// "gute", "guten", "enttäuscht", "Riesenenttäuschung". The rules are general German morphology,
/// not word lists: adjective and noun endings (-e, -en, -er, -es, -em, -n, -s), superlatives
/// (-ste, -sten, …), participles and third persons (-t → -en, ge-…-t → …-en), and compounds whose
/// head (the last part) carries the meaning (Lieferzeit → Zeit, with at least three letters before
/// and four in the head). A lower-case word never reaches a noun-only entry by a cut ending
/// ("rufen" is not "Ruf"); a compound head may be a noun in any case.
enum WordFinder {
    static let germanEndings: [[UInt8]] = ["sten", "ster", "stes", "stem", "ste", "em", "en", "er", "es", "e", "n", "s"].map { Array($0.utf8) }
    static let headEndings: [[UInt8]] = ["en", "e", "n", "s"].map { Array($0.utf8) }

    /// The entry for canonical bytes `k[0..<n]` and the rule that found it. `scratch` holds 2n+4 bytes.
    @inline(__always)
    static func find(
        _ k: UnsafeMutablePointer<UInt8>, _ n: Int, table: WordIndex, language: Language, scratch: UnsafeMutablePointer<UInt8>,
        capitalized: Bool = true
    ) -> (WordEntry, SentimentRules)? {
        if let e = table.lookup(k, n) { return (e, e.roles.contains(.shopWord) ? .shopWord : []) }
        guard language == .de, n >= 4 else { return nil }
        if let e = stripped(k, n, endings: germanEndings, minimum: 3, table: table), capitalized || !e.roles.contains(.noun) {
            return (e, .inflection)
        }
        // Participle and third person: "überzeugt" → "überzeugen", "gelangweilt" → "langweilen".
        if k[n - 1] == 0x74 && !capitalized {  // t; not for nouns ("Bett" is not "beten")
            var from = 0
            for attempt in 0..<2 {
                if attempt == 1 {
                    guard n > 5, k[0] == 0x67, k[1] == 0x65 else { break }  // ge-
                    from = 2
                }
                let m = n - 1 - from
                guard m >= 3 else { continue }
                for q in 0..<m { scratch[q] = k[from + q] }
                scratch[m] = 0x65
                scratch[m + 1] = 0x6E
                if let e = table.lookup(scratch, m + 2), e.valence != 0, !e.roles.contains(.noun) { return (e, .inflection) }
            }
        }
        // Compound: the longest head found.
        guard n >= 7 else { return nil }
        var split = 3
        while split <= n - 4 {
            let head = k + split
            let m = n - split
            if let e = table.lookup(head, m) {
                if e.valence != 0 && e.roles.isDisjoint(with: [.function, .negator]) { return (e, .compound) }
            } else if let e = stripped(head, m, endings: headEndings, minimum: 4, table: table), e.valence != 0 {
                return (e, .compound)
            }
            split += 1
        }
        return nil
    }

    @inline(__always)
    private static func stripped(
        _ k: UnsafeMutablePointer<UInt8>, _ n: Int, endings: [[UInt8]], minimum: Int, table: WordIndex
    ) -> WordEntry? {
        for ending in endings {
            let m = ending.count
            guard n - m >= minimum else { continue }
            var matches = true
            for q in 0..<m where k[n - m + q] != ending[q] {
                matches = false
                break
            }
            if matches, let e = table.lookup(k, n - m), e.valence != 0 { return e }
        }
        return nil
    }
}
