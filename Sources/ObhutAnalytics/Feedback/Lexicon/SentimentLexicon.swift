import ObhutCore

/// The word table of one language: the shipped lexicon, this project's shop words on top, the rule
/// words (negators, boosters, contrast, "too") and the emoji, built once at first use.
///
/// English: VADER's lexicon (MIT). German: the German Polarity Lexicon (Klenner et al. 2010,
/// Apache 2.0) scaled into VADER's units. Both: VADER's emoji valences. Parsing the embedded text
/// takes a few milliseconds, paid once per process (`static let` is lazy and thread-safe).
struct SentimentLexicon: Sendable {
    let language: Language
    let table: WordIndex

    static let german = SentimentLexicon(language: .de)
    static let english = SentimentLexicon(language: .en)

    static func of(_ language: Language) -> SentimentLexicon {
        switch language {
        case .de: german
        case .en: english
        }
    }

    private init(language: Language) {
        self.language = language
        var table = WordTable(capacity: 16_384)
        table.load(lexicon: LexiconData.emoji)
        table.load(lexicon: LexiconData.shopEmoji, roles: .shopWord)
        switch language {
        case .de:
            table.load(lexicon: LexiconData.germanPolarity)
            table.load(lexicon: LexiconData.germanShopWords, roles: .shopWord)
        case .en:
            table.load(lexicon: LexiconData.vaderEnglish)
            table.load(lexicon: LexiconData.englishShopWords, roles: .shopWord)
        }
        let rules = RuleWords.of(language)
        func add(_ words: [String], roles: WordRoles, boost: Float = 0) {
            for w in words {
                table.insert(CanonicalBytes.fold(w), WordEntry(valence: 0, boost: boost, roles: roles)) { old, new in
                    WordEntry(valence: old.valence, boost: new.boost != 0 ? new.boost : old.boost, roles: old.roles.union(new.roles))
                }
            }
        }
        add(rules.functionWords, roles: .function)
        add(rules.conjunctions, roles: .conjunction)
        add(rules.negators, roles: .negator)
        add(rules.postNegators, roles: .postNegator)
        add(rules.intensifiers, roles: .booster, boost: RuleWords.boost)
        add(rules.diminishers, roles: .booster, boost: -RuleWords.boost)
        add(rules.contrasts, roles: .contrast)
        add(rules.excess, roles: .excess)
        add(rules.concessions, roles: .concession)
        add(RuleWords.phraseWords, roles: .phrase)
        self.table = WordIndex(table)
    }
}
