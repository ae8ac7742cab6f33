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

    /// Numbers read on the fast path (up to 15 digits, exponent within 22) are bit for bit what
    /// strtod reads: 100,000 seeded random texts of every shape, and the edges.
    @Test func numbersAreReadAsStrtodReadsThem() throws {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        func digits(_ n: Int) -> String { String((0..<n).map { _ in Character(String(next() % 10)) }) }
        var texts = ["0", "-0", "0.1", "0.3", "1e22", "1e23", "9007199254740993", "123456789012345", "1234567890123456", "2.2250738585072014e-308"]
        texts += ["5e-324", "0.000001", "1E+2", "-1.5e-7", "3.14159265358979", "999999999999999e-22", "1.7976931348623157e308"]
        for _ in 0..<100_000 {
            let int = next() % 4 == 0 ? "0" : String(1 + next() % 9) + digits(Int(next() % 12))
            var text = (next() % 3 == 0 ? "-" : "") + int
            if next() % 2 == 0 { text += "." + digits(1 + Int(next() % 10)) }
            if next() % 3 == 0 { text += (next() % 2 == 0 ? "e" : "E-") + String(next() % 30) }
            texts.append(text)
        }
        for text in texts {
            let read = try #require(try JSONNode(parsing: text).number, "\(text)")
            let expected = try #require(Double(text))
            #expect(read.bitPattern == expected.bitPattern, "\(text)")
        }
    }
}
