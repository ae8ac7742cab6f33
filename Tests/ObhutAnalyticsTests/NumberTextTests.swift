import ObhutCore
import Testing

@testable import ObhutAnalytics

struct NumberTextTests {
    @Test(
        arguments: [
            (1234.5, 1, "1.234,5", "1,234.5"),
            (2.44, 1, "2,4", "2.4"),
            (0.05, 3, "0,050", "0.050"),
            (-0.04, 1, "0,0", "0.0"),
            (-1_234_567, 0, "-1.234.567", "-1,234,567"),
            (999.96, 1, "1.000,0", "1,000.0"),
        ] as [(Double, Int, String, String)])
    func decimalsUseTheLanguagesSeparators(value: Double, digits: Int, de: String, en: String) {
        #expect(NumberText.decimal(value, fractionDigits: digits) == Localized(de: de, en: en))
    }

    @Test func pValuesAndPercentages() {
        #expect(NumberText.pValue(0.0004) == Localized(de: "p < 0,001", en: "p < 0.001"))
        #expect(NumberText.pValue(0.0234) == Localized(de: "p = 0,023", en: "p = 0.023"))
        #expect(NumberText.signedPercent(0.354) == Localized(de: "+35 %", en: "+35%"))
        #expect(NumberText.signedPercent(-0.2) == Localized(de: "−20 %", en: "−20%"))
        #expect(NumberText.signedPercent(0.001) == Localized(de: "0 %", en: "0%"))
        #expect(NumberText.count(12345) == Localized(de: "12.345", en: "12,345"))
    }

    @Test func nonFiniteNumbersNeverReachText() {
        #expect(NumberText.decimal(.nan, fractionDigits: 1).de == "–")
        #expect(NumberText.decimal(.infinity, fractionDigits: 1).en == "–")
    }
}
