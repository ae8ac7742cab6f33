import ArgumentParser
import Foundation
import ObhutAnalytics
import Testing

@testable import obhut

/// `obhut sentiment`, parsed and rendered in-process.
struct SentimentCommandTests {
    @Test func parsesTextLanguageSeparatelyFromMessages() throws {
        let command = try ObhutCommand.parseAsRoot(["sentiment", "--input", "x.txt", "--lang", "auto", "--json", "--ui-lang", "de"])
        let s = try #require(command as? SentimentCommand)
        #expect(s.input == "x.txt")
        #expect(s.lang == .auto)
        #expect(s.uiLang == .de)
        #expect(s.json)
        #expect(throws: (any Error).self) { try ObhutCommand.parseAsRoot(["sentiment", "--input", "x", "--lang", "fr"]) }
        #expect(throws: (any Error).self) { try ObhutCommand.parseAsRoot(["sentiment", "--input", "x", "--aspect", "nokeywords"]) }
    }

    @Test func jsonHasOneObjectPerLineInInputOrder() throws {
        let lines = [
            "Die Lieferung war schnell, aber die Qualität ist leider nicht gut.", "", "Great quality, fast delivery!",
            "Hallo Frau Müller, alles bestens.", "not good",
        ]
        let out = SentimentCommand.render(lines, language: .auto, json: true, ui: .en)
        #expect(out.count == lines.count)
        struct Line: Decodable {
            var line: Int
            var label: String
            var score: Double
            var language: String
            var aspects: [[String: AnyDecodable]]
            var redactions: [String: Int]
        }
        struct AnyDecodable: Decodable {
            init(from decoder: any Decoder) throws {}
        }
        let decoded = try out.map { try JSONDecoder().decode(Line.self, from: Data($0.utf8)) }
        #expect(decoded.map(\.line) == [1, 2, 3, 4, 5])
        #expect(decoded.map(\.label) == ["negative", "neutral", "positive", "positive", "negative"])
        #expect(decoded.map(\.language) == ["de", "de", "en", "de", "en"])
        #expect(decoded[0].aspects.count == 2)
        #expect(decoded[3].redactions == ["name": 1])
        #expect(!out[3].contains("Müller"))
    }

    @Test func plainOutputFollowsTheMessageLanguage() {
        let de = SentimentCommand.render(["nicht gut"], language: .de, json: false, ui: .de)
        #expect(de == ["1\tnegativ\t-0.36\tde\t'nicht gut' → negativ: Verneinung"])
        let en = SentimentCommand.render(["nicht gut"], language: .de, json: false, ui: .en)
        #expect(en == ["1\tnegative\t-0.36\tde\t'nicht gut' → negative: negation"])
    }

    @Test func splitsLinesKeepingEmptyOnesButNoTrailingOne() {
        #expect(SentimentCommand.splitLines("a\r\n\nb\n") == ["a", "", "b"])
        #expect(SentimentCommand.splitLines("") == [])
    }
}
