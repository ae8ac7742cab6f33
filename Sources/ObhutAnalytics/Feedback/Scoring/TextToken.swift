/// One token of a feedback text as the scorer sees it: a byte range of the UTF-8 text, what kind
/// of token it is, the punctuation after it, and what the rules made of it.
struct TextToken: Sendable {
    enum Kind: UInt8, Sendable {
        case word, emoji, emoticon
    }

    struct Flags: OptionSet, Sendable {
        let rawValue: UInt8
        /// Two or more letters, all capitals ("GREAT").
        static let allCaps = Flags(rawValue: 1 << 0)
        /// Starts with a capital letter (German nouns; sentence starts).
        static let capitalized = Flags(rawValue: 1 << 1)
        /// A comma, semicolon, colon or dash follows: the end of a clause.
        static let clauseBreak = Flags(rawValue: 1 << 2)
        /// A full stop, "!", "?" or "…" follows: the end of a sentence.
        static let sentenceBreak = Flags(rawValue: 1 << 3)
    }

    var start: Int32
    var end: Int32
    var kind: Kind
    var flags: Flags
    var roles: WordRoles = []
    var boost: Float = 0
    /// The lexicon valence (after inflection and compound search), VADER units.
    var valence: Float = 0
    /// The valence after the local rules (negation, boosters, caps, "too"), before contrast weighting.
    var sentiment: Float = 0
    /// The contrast weight (0.5 before "aber/but", 1.5 after; 1 otherwise).
    var weight: Float = 1
    var rules: SentimentRules = []
    /// The first token of the phrase that moved this one ("nicht" in "nicht gut").
    var phraseStart: Int32

    init(start: Int, end: Int, kind: Kind, flags: Flags, index: Int) {
        self.start = Int32(truncatingIfNeeded: start)
        self.end = Int32(truncatingIfNeeded: end)
        self.kind = kind
        self.flags = flags
        self.phraseStart = Int32(truncatingIfNeeded: index)
    }

    /// Whether a clause or sentence ends right after this token.
    var endsClause: Bool { !flags.isDisjoint(with: [.clauseBreak, .sentenceBreak]) }
}
