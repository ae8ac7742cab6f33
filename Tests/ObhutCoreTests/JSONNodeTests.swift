import Foundation
import Testing

@testable import ObhutCore

struct JSONNodeTests {
    @Test func readsEveryKindOfValueInDocumentOrder() throws {
        let node = try JSONNode(parsing: #" { "b": [1, -2.5, 3e2, 0.125E-1], "a": "x", "t": true, "f": false, "n": null, "o": {} } "#)
        #expect(
            node
                == .object([
                    .init(key: "b", value: .array([.number(1), .number(-2.5), .number(300), .number(0.0125)])),
                    .init(key: "a", value: .string("x")), .init(key: "t", value: .bool(true)), .init(key: "f", value: .bool(false)),
                    .init(key: "n", value: .null), .init(key: "o", value: .object([])),
                ]))
        #expect(node["a"]?.string == "x")
        #expect(node["missing"] == nil)
        #expect(node["b"]?.array?.first?.int == 1)
        #expect(node["b"]?.array?[1].int == nil)  // -2.5 is not integral
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let node = try JSONNode(parsing: #"["a\"b\\c\/d\n\t\r\b\f", "\u00e4\u20AC\ud83d\ude00", "Grüße ✓"]"#)
        #expect(node.array?.map { $0.string } == ["a\"b\\c/d\n\t\r\u{08}\u{0C}", "ä€😀", "Grüße ✓"])
    }

    @Test func refusesMalformedText() {
        for text in [
            "", "{", "[1,]", "{\"a\" 1}", "{\"a\":1,}", "01", "1.", "-", ".5", "1e", "tru", "nul", "\"abc", "\"a\u{01}b\"", #""\x""#,
            #""\ud83d""#, #""\ude00""#, #""\u12G4""#, "[1] 2", "{a:1}", "NaN", "1e999",
        ] {
            #expect(throws: JSONReadError.self, "\(text.debugDescription)") { try JSONNode(parsing: text) }
        }
        #expect(throws: JSONReadError.syntax(offset: 3)) { try JSONNode(parsing: "[1,]") }
    }

    @Test func refusesNestingDeeperThanTheLimit() throws {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: JSONReadError.self) { try JSONNode(parsing: deep) }
        let fine = String(repeating: "[", count: 10) + String(repeating: "]", count: 10)
        #expect(try JSONNode(parsing: fine).array?.count == 1)
    }

    @Test func readsNumbersAsJSONDecoderDoes() throws {
        for text in ["0", "-0", "3370.077880859375", "0.1", "1e-7", "123456789012345678", "2.2250738585072014e-308", "0.30000000000000004"] {
            let ours = try JSONNode(parsing: text).number
            let theirs = try JSONDecoder().decode(Double.self, from: Data(text.utf8))
            #expect(ours == theirs, "\(text)")
        }
    }

    @Test func readsAnExplanationAsJSONDecoderDoes() throws {
        let original = Explanation(
            summary: Localized(de: "Kundenwert „12 Monate“: 10,26 € \\ ok", en: "Lifetime value \"12 months\": €10.26\n😀"),
            factors: [
                .init(
                    name: Localized(de: "Wochen seit dem letzten Kauf", en: "Weeks since the last purchase"), value: "50.6",
                    contribution: -50.57142857142857),
                .init(name: Localized(de: "Umsatz", en: "Spent"), value: "49.98 EUR", contribution: 0.007747798275113781),
            ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(original), as: UTF8.self)
        #expect(try Explanation(jsonText: text) == original)
        #expect(try Explanation(jsonText: text) == JSONDecoder().decode(Explanation.self, from: Data(text.utf8)))
    }

    @Test func namesTheMissingMemberOfAnExplanation() {
        #expect(throws: JSONReadError.shape(member: "factors")) { try Explanation(jsonText: #"{"summary":{"de":"a","en":"b"}}"#) }
        #expect(throws: JSONReadError.shape(member: "en")) { try Explanation(jsonText: #"{"summary":{"de":"a"},"factors":[]}"#) }
        #expect(throws: JSONReadError.shape(member: "contribution")) {
            try Explanation(jsonText: #"{"summary":{"de":"a","en":"b"},"factors":[{"name":{"de":"x","en":"y"},"value":"1","contribution":"1"}]}"#)
        }
    }
}
