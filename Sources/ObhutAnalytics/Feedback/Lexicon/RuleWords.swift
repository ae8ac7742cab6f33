import ObhutCore

/// The words that trigger the scorer's rules, per language, written for this project.
///
/// Booster strengths follow VADER (Hutto & Gilbert 2014): ±0.293 valence units per booster,
/// applied to the next three words with decay 1, 0.95, 0.9. Negators, contrast words and "too"
/// are grammar, not domain vocabulary, so these lists are the same for every shop.
struct RuleWords: Sendable {
    var negators: [String]
    /// Negators that may stand after the word they negate (German verb-second clauses).
    var postNegators: [String]
    var intensifiers: [String]
    var diminishers: [String]
    var contrasts: [String]
    /// "obwohl, zwar / although": the clause they open weighs half, the rest of the sentence 1.5 times.
    var concessions: [String]
    var excess: [String]
    var conjunctions: [String]
    var functionWords: [String]

    static let boost: Float = 0.293

    /// The last words of the fixed phrases of ``LexiconScorer/adjustPhrases(_:_:german:)``.
    static let phraseWords = [
        "stars", "star", "sterne", "stern", "sternen", "wieder", "again", "back", "up", "down", "kind", "sort", "least", "grüße", "grüßen", "gruß",
        "regards", "wishes", "time", "nochmal", "erneut",
    ]

    static let german = RuleWords(
        negators: [
            "nicht", "nich", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals", "nichts", "niemand",
            "nirgends", "ohne", "weder",
        ],
        postNegators: ["nicht", "nie", "niemals", "keineswegs", "nich"],
        intensifiers: [
            "sehr", "extrem", "total", "wirklich", "absolut", "echt", "äußerst", "ausgesprochen", "besonders", "richtig", "völlig",
            "vollkommen", "komplett", "ganz", "höchst", "unglaublich", "super", "mega", "voll", "enorm", "überaus", "sowas", "so",
            "zutiefst", "wahnsinnig", "durchaus", "recht", "einfach",
        ],
        diminishers: ["etwas", "kaum", "bisschen", "leicht", "ziemlich", "eher", "halbwegs", "einigermaßen", "fast", "teilweise", "wenig"],
        contrasts: ["aber", "jedoch", "allerdings", "dennoch", "trotzdem", "sondern", "leider"],
        concessions: ["obwohl", "obgleich", "zwar", "wenngleich"],
        excess: ["zu", "allzu", "zuviel", "zuwenig"],
        conjunctions: ["und", "sowie", "oder", "weil", "da", "denn", "wobei", "während"],
        functionWords: [
            "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines", "ich", "du", "er", "sie", "es",
            "wir", "ihr", "mich", "mir", "dich", "dir", "sich", "uns", "euch", "ihn", "ihm", "ihnen", "mein", "meine", "meinen", "sein",
            "seine", "ist", "sind", "war", "waren", "bin", "hat", "habe", "haben", "hatte", "hatten", "wird", "werden", "wurde", "wurden",
            "auf", "in", "im", "an", "am", "mit", "für", "von", "vom", "bei", "beim", "nach", "aus", "um", "zum", "zur", "über", "unter",
            "auch", "noch", "schon", "nur", "dass", "daß", "wenn", "als", "wie", "was", "wer", "man", "hier", "dort", "dann", "jetzt",
            "diese", "dieser", "dieses", "diesen", "diesem", "kann", "können", "konnte", "muss", "müssen", "soll", "sollte", "würde",
            "dieses", "alles", "alle", "immer", "mal", "ja", "also", "bis", "vor", "seit", "durch", "gegen",
        ])

    static let english = RuleWords(
        negators: [
            "not", "no", "never", "n't", "nothing", "nowhere", "none", "neither", "nor", "nobody", "without", "cannot", "dont", "don't",
            "doesnt", "doesn't", "didnt", "didn't", "isnt", "isn't", "wasnt", "wasn't", "werent", "weren't", "arent", "aren't", "cant",
            "can't", "couldnt", "couldn't", "wouldnt", "wouldn't", "shouldnt", "shouldn't", "wont", "won't", "havent", "haven't",
            "hasnt", "hasn't", "hadnt", "hadn't", "aint", "ain't", "mustnt", "mustn't", "neednt", "needn't", "darent", "daren't",
            "mightnt", "mightn't", "oughtnt", "uhuh", "uh-uh", "rarely", "seldom", "despite", "least",
        ],
        postNegators: [],
        intensifiers: [
            "very", "extremely", "really", "absolutely", "totally", "completely", "so", "such", "incredibly", "highly", "super",
            "truly", "utterly", "deeply", "especially", "exceptionally", "particularly", "remarkably", "thoroughly", "tremendously",
            "amazingly", "awfully", "hugely", "immensely", "intensely", "purely", "quite", "enormously", "entirely", "fully", "most",
            "more", "majorly", "fabulously", "flipping", "frickin", "frigging", "fucking", "hella", "uber", "unbelievably", "way",
            "whole", "freaking", "insanely", "seriously", "definitely", "sooo", "soooo", "real",
        ],
        diminishers: [
            "slightly", "barely", "hardly", "somewhat", "kinda", "kindof", "sorta", "sortof", "marginally", "occasionally", "partly",
            "scarcely", "slight", "less", "little", "almost", "fairly", "pretty", "rather", "relatively", "mostly", "bit",
        ],
        contrasts: ["but", "however", "yet", "unfortunately", "nevertheless", "nonetheless"],
        concessions: ["although", "whereas"],
        excess: ["too", "overly", "excessively"],
        conjunctions: ["and", "or", "because", "since", "as"],
        functionWords: [
            "the", "a", "an", "i", "it", "is", "was", "are", "were", "be", "been", "this", "that", "these", "those", "to", "of", "in",
            "on", "at", "for", "with", "my", "me", "you", "your", "he", "she", "they", "them", "we", "our", "us", "his", "her", "its",
            "it's", "i'm", "i've", "have", "has", "had", "do", "does", "did", "will", "would", "can", "could", "should", "from", "by",
            "about", "as", "if", "when", "what", "which", "who", "there", "here", "than", "then", "just", "also", "all", "one", "get",
            "got", "out", "up", "into", "over", "after", "before", "am", "im", "ive",
        ])

    static func of(_ language: Language) -> RuleWords {
        switch language {
        case .de: german
        case .en: english
        }
    }
}
