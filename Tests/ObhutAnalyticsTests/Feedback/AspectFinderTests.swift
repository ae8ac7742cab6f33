import ObhutCore
import Testing

@testable import ObhutAnalytics

struct AspectFinderTests {
    func aspects(_ text: String, _ language: TextLanguage = .auto, extra: [Aspect] = []) -> [String: SentimentLabel] {
        let a = FeedbackAnalyzer(aspects: Aspect.standard + extra).analyze(text, language: language)
        return Dictionary(uniqueKeysWithValues: a.aspects.map { ($0.aspect, $0.label) })
    }

    @Test func eachAspectGetsTheSentimentOfItsOwnClause() {
        let de = aspects("Die Lieferung war schnell, aber die Qualität ist leider nicht gut.")
        #expect(de == ["delivery": .positive, "quality": .negative])
        let en = aspects("The price is fair and the packaging was damaged.")
        #expect(en == ["price": .positive, "packaging": .negative])
    }

    @Test func compoundsAndInflectionsNameTheAspect() {
        #expect(aspects("Die Lieferzeit war viel zu lang.", .de)["delivery"] == .negative)
        #expect(aspects("Kundenservice sehr freundlich", .de)["service"] == .positive)
        #expect(aspects("Die Hose ist zu klein", .de)["fit"] == .negative)
    }

    @Test func aShortClauseBorrowsFromItsSegment() {
        let a = aspects("Die Lieferung und die Verpackung waren super.", .de)
        #expect(a == ["delivery": .positive, "packaging": .positive])
    }

    @Test func shopAspectsAreFoundToo() {
        let akku = Aspect(id: "battery", name: Localized(de: "Akku", en: "battery"), keywords: ["akku*", "battery"])
        #expect(aspects("Der Akku hält leider nicht lange, sonst gut.", extra: [akku])["battery"] == .negative)
        #expect(aspects("Great battery", .en, extra: [akku])["battery"] == .positive)
    }

    @Test func textsWithoutAspectsHaveNone() {
        #expect(aspects("Tolles Buch!").isEmpty)
    }
}
