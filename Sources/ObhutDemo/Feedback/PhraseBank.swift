import ObhutCore

/// What a piece of feedback talks about. `fit` only for clothing.
enum Aspect: Int, CaseIterable, Sendable {
    case delivery, price, quality, service, packaging, fit
}

enum Polarity: Int, Sendable {
    case positive, negative, neutral
}

/// Phrase templates for invented reviews, mails and chats in German and English.
///
/// Each clause states one aspect with one polarity. Positive clauses never contain a phrase that
/// is only used negatively and vice versa, so the star rating and the words agree; some positive
/// clauses carry a negation ("nicht zu teuer", "no complaints") and some texts join two clauses
/// with a contrast ("gut, aber ..."), which simple word counting gets wrong.
struct PhraseBank: Sendable {
    struct Clause: Sendable {
        /// Starts a sentence ("Die Lieferung war schnell").
        let sentence: String
        /// Follows a comma ("die Lieferung war schnell").
        let inner: String
    }

    /// [language][aspect][polarity]
    let clauses: [[[[Clause]]]]
    /// [language][rating - 1]
    let openers: [[[String]]]
    let closers: [[[String]]]

    init() {
        func make(_ language: Language, _ raw: [String]) -> [Clause] {
            raw.map { s in
                language == .de
                    ? Clause(sentence: s, inner: FastText.lowerFirst(s))
                    : Clause(sentence: FastText.upperFirst(s), inner: s)
            }
        }
        var all: [[[[Clause]]]] = []
        for language in Language.allCases {
            let table = language == .de ? Self.german : Self.english
            all.append(
                Aspect.allCases.map { a in
                    [Polarity.positive, .negative, .neutral].map { p in make(language, table[a.rawValue][p.rawValue]) }
                })
        }
        clauses = all
        openers = [Self.germanOpeners, Self.englishOpeners]
        closers = [Self.germanClosers, Self.englishClosers]
    }

    // [aspect][polarity: positive, negative, neutral]
    static let german: [[[String]]] = [
        [
            ["Die Lieferung war schnell", "Pünktlich geliefert, kein Problem", "Das Paket war schon nach zwei Tagen da"],
            ["Die Lieferung hat viel zu lange gedauert", "Die Lieferung kam nicht pünktlich", "Das Paket kam erst nach zwei Wochen"],
            ["Die Lieferung war okay", "Die Lieferung dauerte vier Tage"],
        ],
        [
            ["Der Preis ist fair", "Nicht zu teuer für die Qualität", "Das Preis-Leistungs-Verhältnis stimmt"],
            ["Viel zu teuer", "Den Preis ist es nicht wert", "Der Preis ist nicht gerechtfertigt"],
            ["Der Preis ist in Ordnung", "Der Preis ist normal"],
        ],
        [
            ["Die Qualität ist hervorragend", "Sehr gute Qualität", "Gut verarbeitet, nichts auszusetzen"],
            ["Die Qualität ist nicht gut", "Schlecht verarbeitet", "Nach einer Woche schon kaputt"],
            ["Die Qualität ist durchschnittlich", "Die Qualität ist okay"],
        ],
        [
            ["Der Kundendienst war sehr freundlich", "Der Kundenservice hat sofort geholfen"],
            ["Der Kundendienst hat nicht geantwortet", "Der Kundenservice war unfreundlich"],
            ["Der Kundendienst hat nach ein paar Tagen geantwortet"],
        ],
        [
            ["Schön verpackt", "Die Verpackung war ordentlich und ohne Plastik"],
            ["Die Verpackung war beschädigt", "Viel zu viel Verpackungsmüll"],
            ["Die Verpackung war normal"],
        ],
        [
            ["Passt perfekt", "Die Größe stimmt genau"],
            ["Passt leider nicht, fällt zu klein aus", "Die Passform ist nicht gut"],
            ["Fällt etwas groß aus"],
        ],
    ]

    static let english: [[[String]]] = [
        [
            ["the delivery was fast", "it arrived on time, no problems", "the parcel arrived within two days"],
            ["the delivery took far too long", "the parcel did not arrive on time", "it took two weeks to arrive"],
            ["delivery was okay", "delivery took four days"],
        ],
        [
            ["the price is fair", "not too expensive for the quality", "good value for money"],
            ["far too expensive", "not worth the price", "the price is not justified"],
            ["the price is reasonable", "the price is average"],
        ],
        [
            ["the quality is excellent", "very good quality", "well made, no complaints"],
            ["the quality is not good", "poorly made", "it broke after a week"],
            ["the quality is average", "the quality is okay"],
        ],
        [
            ["customer service was very friendly", "the support team helped right away"],
            ["customer service never replied", "the support staff were rude"],
            ["customer service replied after a few days"],
        ],
        [
            ["nicely packed", "the packaging was neat and plastic-free"],
            ["the packaging was damaged", "way too much packaging waste"],
            ["the packaging was normal"],
        ],
        [
            ["fits perfectly", "the size is spot on"],
            ["does not fit, it runs small", "the fit is not good"],
            ["runs a little large"],
        ],
    ]

    static let germanOpeners: [[String]] = [
        ["Sehr enttäuscht.", "Ärgerlich.", "Leider ein Totalausfall."],
        ["Eher enttäuscht.", "Nicht so toll.", "Leider nicht überzeugt."],
        ["Ganz okay.", "Geht so.", "Durchwachsen."],
        ["Insgesamt gut.", "Zufrieden.", "Gutes Produkt."],
        ["Absolut begeistert!", "Super Produkt!", "Rundum zufrieden.", "Klare Empfehlung!"],
    ]

    static let germanClosers: [[String]] = [
        ["Nie wieder.", "Nicht zu empfehlen."],
        ["Eher nicht wieder."],
        ["Mal sehen."],
        ["Würde wieder bestellen.", "Danke."],
        ["Gerne wieder!", "Jederzeit wieder.", "Vielen Dank!"],
    ]

    static let englishOpeners: [[String]] = [
        ["Very disappointed.", "Terrible experience.", "What a letdown."],
        ["Rather disappointed.", "Not great.", "Not convinced."],
        ["It's okay.", "Mixed feelings.", "Average."],
        ["Pretty good overall.", "Happy with it.", "Good product."],
        ["Absolutely love it!", "Excellent product!", "Very happy with this.", "Highly recommend!"],
    ]

    static let englishClosers: [[String]] = [
        ["Never again.", "Not worth it.", "I want a refund."],
        ["Probably won't order again."],
        ["We'll see."],
        ["Would order again.", "Thanks."],
        ["Would buy again!", "Thanks a lot!"],
    ]

    // Mails and chats.
    static let greetings: [[String]] = [
        ["Hallo,", "Guten Tag,", "Sehr geehrte Damen und Herren,", "Hallo zusammen,"],
        ["Hello,", "Hi,", "Dear customer service,", "Good afternoon,"],
    ]
    static let nameIntro: [(String, String)] = [("Mein Name ist ", "."), ("My name is ", ".")]
    static let orderReference: [[(String, String)]] = [
        [("Es geht um meine Bestellung ", "."), ("Meine Bestellnummer ist ", ".")],
        [("This is about my order ", "."), ("My order number is ", ".")],
    ]
    static let phoneContact: [[(String, String)]] = [
        [("Sie erreichen mich unter ", "."), ("Rufen Sie mich gerne an: ", "")],
        [("You can reach me on ", "."), ("Feel free to call me: ", "")],
    ]
    static let emailContact: [[(String, String)]] = [
        [("Bitte antworten Sie an ", "."), ("Meine E-Mail-Adresse ist ", ".")],
        [("Please reply to ", "."), ("My e-mail address is ", ".")],
    ]
    static let signoffs: [[String]] = [
        ["Viele Grüße\n", "Mit freundlichen Grüßen\n", "Danke und Gruß\n"],
        ["Best regards,\n", "Kind regards,\n", "Thanks,\n"],
    ]
    static let contrast: [[String]] = [[", aber "], [", but ", ", although "]]
}
