import ObhutCore
import Testing

@testable import ObhutAnalytics

/// Known answers for each rule of the lexicon scorer, in both languages.
struct LexiconScorerTests {
    func score(_ text: String, _ language: Language) -> Double { LexiconScorer.score(text, language: language) }

    @Test func singleWordMatchesVADERsCompound() {
        // VADER: "good" has valence 1.9; compound = 1.9 / sqrt(1.9² + 15) = 0.4404.
        let s = score("good", .en)
        #expect(abs(s - 0.4404) < 0.0005, "expected 0.4404, got \(s)")
        #expect(score("", .en) == 0)
        #expect(score("!!! ...", .de) == 0)
    }

    @Test(arguments: [
        ("gut", Language.de, SentimentLabel.positive), ("nicht gut", .de, .negative), ("schlecht", .de, .negative),
        ("nicht schlecht", .de, .positive), ("kein Problem", .de, .positive), ("Das Buch gefällt mir nicht.", .de, .negative),
        ("Es hat mir gar nicht gefallen", .de, .negative), ("ohne Probleme geliefert", .de, .positive),
        ("good", .en, .positive), ("not good", .en, .negative), ("isn't good", .en, .negative), ("never again", .en, .negative),
        ("no problems at all", .en, .positive), ("The weather is a fact.", .en, .neutral),
    ])
    func negationFlipsTheLabel(_ text: String, _ language: Language, _ expected: SentimentLabel) {
        #expect(SentimentLabel(score: score(text, language)) == expected, "\(text): \(score(text, language))")
    }

    @Test func negationOnlyReachesThreeWordsInItsClause() {
        #expect(score("nicht, das war gut", .de) > 0)
        #expect(score("not that good", .en) < 0)
        // Four words away is beyond VADER's window of three.
        #expect(score("not that it was good", .en) > 0)
        #expect(score("not a word about it, good", .en) > 0)
    }

    @Test func intensifiersRaiseAndDiminishersLowerTheStrength() {
        #expect(score("sehr gut", .de) > score("gut", .de))
        #expect(score("wirklich extrem gut", .de) > score("sehr gut", .de))
        #expect(score("etwas gut", .de) < score("gut", .de))
        #expect(score("etwas gut", .de) > 0)
        #expect(score("very good", .en) > score("good", .en))
        #expect(score("slightly good", .en) < score("good", .en))
        #expect(score("sehr schlecht", .de) < score("schlecht", .de))
    }

    @Test func theClauseAfterAContrastWeighsMore() {
        // Equal and opposite words: the one after "aber/but" wins.
        #expect(score("gut, aber schlecht", .de) < 0)
        #expect(score("schlecht, aber gut", .de) > 0)
        #expect(score("good but bad", .en) < 0)
        #expect(score("bad but good", .en) > 0)
        #expect(score("Obwohl die Lieferung schnell war, ist die Qualität schlecht.", .de) < 0)
        #expect(score("Although the price is bad, the quality is good.", .en) > 0)
    }

    @Test func exclamationMarksAndCapitalsStrengthen() {
        #expect(score("good!!", .en) > score("good", .en))
        #expect(score("gut!!!", .de) > score("gut", .de))
        #expect(score("This is GOOD", .en) > score("This is good", .en))
        // All capitals everywhere is no emphasis.
        #expect(score("THIS IS GOOD", .en) == score("this is good", .en))
    }

    @Test func emojiAndEmoticonsCarrySentiment() {
        #expect(score("😍", .de) > 0.3)
        #expect(score("👎", .en) < 0)
        #expect(score("Lieferung 😡", .de) < 0)
        #expect(score("super👍", .de) > score("👍", .de))
        #expect(score(":-(", .en) < 0)
        #expect(score(":)", .de) > 0)
    }

    @Test func germanUmlautSpellingsAreTheSameWord() {
        #expect(score("schön", .de) == score("schoen", .de))
        #expect(score("Enttäuschung", .de) == score("Enttaeuschung", .de))
        #expect(score("schön", .de) > 0)
    }

    @Test func germanInflectionsAndCompoundsAreFound() {
        #expect(score("Ein schönes, spannendes Buch", .de) > 0.5)
        #expect(score("die schönsten Farben", .de) > 0)
        #expect(score("Riesenenttäuschung", .de) < 0)
        #expect(score("Ich bin überzeugt", .de) > 0)
        // A lower-case verb does not reach a noun by a cut ending ("rufen" is not "Ruf");
        // a capitalised plural reaches its noun ("Katastrophen" → "Katastrophe").
        #expect(score("rufen", .de) == 0)
        #expect(score("Katastrophen", .de) < 0)
        let analysis = LexiconScorer.analyze("Riesenenttäuschung", language: .de)
        #expect(analysis.reasons.first?.rules.contains(.compound) == true)
    }

    @Test func tooMakesAComplaint() {
        #expect(score("zu klein", .de) < 0)
        #expect(score("viel zu teuer", .de) < score("teuer", .de))
        #expect(score("too small", .en) < 0)
        #expect(score("nicht zu teuer", .de) > 0)
        // "zu" before an infinitive or a noun is no complaint.
        #expect(score("Ich habe viel zu sagen", .de) == 0)
        #expect(score("Es ist zu empfehlen", .de) > 0)
    }

    @Test func starRatingsAndBuyingAgainCount() {
        #expect(score("Würde ich nicht nochmal kaufen.", .de) < 0)
        #expect(score("Würde wieder bestellen.", .de) > 0)
        #expect(score("Would order again", .en) > 0)
        #expect(score("Won't buy again", .en) < 0)
        #expect(score("Nur zwei Sterne", .de) < 0)
        #expect(score("5 Sterne", .de) > 0)
        #expect(score("one star", .en) < 0)
        #expect(score("Five stars!", .en) > 0)
    }

    @Test func salutationsAreNotSentiment() {
        #expect(score("Mit freundlichen Grüßen", .de) == 0)
        #expect(score("Sehr geehrte Damen und Herren", .de) == 0)
        #expect(score("Best regards", .en) == 0)
    }

    @Test func explanationsNameThePhraseAndTheRule() {
        let de = LexiconScorer.analyze("Das ist nicht gut", language: .de)
        #expect(de.label == .negative)
        #expect(de.reasons.first?.text.de == "'nicht gut' → negativ: Verneinung")
        let en = LexiconScorer.analyze("This is not good", language: .en)
        #expect(en.reasons.first?.text.en == "'not good' → negative: negation")
        let boosted = LexiconScorer.analyze("very good!", language: .en)
        #expect(boosted.reasons.contains { $0.phrase == "very good" && $0.rules.contains(.intensifier) })
        #expect(boosted.reasons.contains { $0.rules.contains(.punctuation) })
    }

    @Test func scoresStayInRangeAndAreDeterministic() {
        let long = String(repeating: "sehr sehr gut!!! ", count: 200)
        let s = score(long, .de)
        #expect(s <= 1 && s > 0.99)
        #expect(score(long, .de) == s)
        #expect(score(String(repeating: "awful terrible ", count: 100), .en) >= -1)
    }

    @Test func labelThresholdsAreVADERs() {
        #expect(SentimentLabel(score: 0.05) == .positive)
        #expect(SentimentLabel(score: 0.0499) == .neutral)
        #expect(SentimentLabel(score: -0.05) == .negative)
    }
}
