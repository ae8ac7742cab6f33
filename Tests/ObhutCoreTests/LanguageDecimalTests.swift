import Foundation
import Testing

@testable import ObhutCore

/// `Language.decimal` writes numbers by integer arithmetic; its text must be what
/// `String(format: "%.Nf")` writes, with the decimal comma in German.
struct LanguageDecimalTests {
    func printf(_ x: Double, _ digits: Int, _ l: Language) -> String {
        let text = String(format: "%.\(digits)f", x)
        return l == .de ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    @Test func knownAnswers() {
        #expect(Language.de.decimal(14.44, digits: 1) == "14,4")
        #expect(Language.en.decimal(14.45, digits: 1) == "14.4")  // 14.45 is 14.4499... in binary
        #expect(Language.en.decimal(0.125, digits: 2) == "0.12")  // an exact tie: to even
        #expect(Language.en.decimal(0.375, digits: 2) == "0.38")
        #expect(Language.en.decimal(2.5, digits: 0) == "2")
        #expect(Language.en.decimal(3.5, digits: 0) == "4")
        #expect(Language.en.decimal(-0.04, digits: 1) == "-0.0")
        #expect(Language.de.decimal(-1234.5678, digits: 2) == "-1234,57")
        #expect(Language.en.decimal(7, digits: -1) == "7")
        #expect(Language.en.decimal(0.000_001, digits: 6) == "0.000001")
        #expect(Language.en.decimal(.nan, digits: 1) == "nan")
        #expect(Language.en.decimal(1e15, digits: 1) == "1000000000000000.0")
    }

    /// 200,000 seeded random values of every magnitude a page shows, 0 to 6 decimals.
    @Test func matchesPrintfOnRandomValues() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var mismatches: [String] = []
        for i in 0..<200_000 {
            let magnitude = pow(10, Double(Int(next() % 12)) - 3)
            let x = (Double(next() >> 11) / Double(1 << 53) - 0.3) * magnitude
            let digits = Int(next() % 7)
            let l: Language = i % 2 == 0 ? .de : .en
            if l.decimal(x, digits: digits) != printf(x, digits, l), mismatches.count < 5 {
                mismatches.append("\(x) \(digits)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
    }
}
