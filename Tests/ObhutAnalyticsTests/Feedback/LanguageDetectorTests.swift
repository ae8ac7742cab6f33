import ObhutCore
import Testing

@testable import ObhutAnalytics

struct LanguageDetectorTests {
    @Test(arguments: [
        ("Die Lieferung war schnell und die Qualität ist gut.", Language.de),
        ("Schöne Jacke, passt prima", .de),
        ("The delivery was fast and the quality is good.", .en),
        ("I didn't like it", .en),
        ("Größe stimmt", .de),
    ])
    func detectsTheLanguage(_ text: String, _ expected: Language) {
        #expect(LanguageDetector.detect(text).language == expected)
    }

    @Test func noEvidenceGivesTheFallback() {
        let g = LanguageDetector.detect("👍 !!!", fallback: .en)
        #expect(g.language == .en)
        #expect(g.confidence == 0.5)
        #expect(LanguageDetector.detect("", fallback: .de).language == .de)
    }
}
