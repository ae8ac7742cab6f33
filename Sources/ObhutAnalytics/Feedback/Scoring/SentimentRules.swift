import ObhutCore

/// The rules of the lexicon scorer that can move a word's contribution; an explanation names them.
public struct SentimentRules: OptionSet, Sendable, Hashable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// "nicht gut", "not good": the sign flips and the strength drops to 0.74 (VADER's factor).
    public static let negation = SentimentRules(rawValue: 1 << 0)
    /// "sehr gut", "very good": +0.293 per intensifier.
    public static let intensifier = SentimentRules(rawValue: 1 << 1)
    /// "etwas teuer", "slightly small": −0.293 per diminisher.
    public static let diminisher = SentimentRules(rawValue: 1 << 2)
    /// Before "aber/but": half weight.
    public static let contrastBefore = SentimentRules(rawValue: 1 << 3)
    /// After "aber/but": 1.5 times the weight.
    public static let contrastAfter = SentimentRules(rawValue: 1 << 4)
    /// "GREAT" in a text that is not all capitals: +0.733.
    public static let allCaps = SentimentRules(rawValue: 1 << 5)
    /// "zu klein", "too small": a complaint about excess.
    public static let excess = SentimentRules(rawValue: 1 << 6)
    /// Found as the last part of a German compound ("Riesenenttäuschung" → "Enttäuschung").
    public static let compound = SentimentRules(rawValue: 1 << 7)
    /// Found by removing a German ending ("schönsten" → "schön").
    public static let inflection = SentimentRules(rawValue: 1 << 8)
    /// An emoji or emoticon.
    public static let emoji = SentimentRules(rawValue: 1 << 9)
    /// Exclamation marks (and repeated question marks) strengthen the whole text.
    public static let punctuation = SentimentRules(rawValue: 1 << 10)
    /// A word from this project's shop-word list.
    public static let shopWord = SentimentRules(rawValue: 1 << 11)

    static let all: [(SentimentRules, Localized)] = [
        (.negation, Localized(de: "Verneinung", en: "negation")),
        (.intensifier, Localized(de: "Verstärkung", en: "intensifier")),
        (.diminisher, Localized(de: "Abschwächung", en: "diminisher")),
        (.contrastBefore, Localized(de: "vor „aber“ schwächer gewichtet", en: "weighs less before \"but\"")),
        (.contrastAfter, Localized(de: "nach „aber“ stärker gewichtet", en: "weighs more after \"but\"")),
        (.allCaps, Localized(de: "Großbuchstaben", en: "all capitals")),
        (.excess, Localized(de: "„zu …“", en: "\"too …\"")),
        (.compound, Localized(de: "Kompositum", en: "compound word")),
        (.inflection, Localized(de: "Wortform", en: "word form")),
        (.emoji, Localized(de: "Emoji", en: "emoji")),
        (.punctuation, Localized(de: "Ausrufezeichen", en: "exclamation marks")),
        (.shopWord, Localized(de: "Shop-Wortliste", en: "shop word list")),
    ]

    /// The names of the rules in this set, in a fixed order.
    public var names: [Localized] { Self.all.filter { contains($0.0) }.map(\.1) }
}
