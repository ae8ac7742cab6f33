import ObhutCore
import Testing

@testable import ObhutAnalytics

struct TimingStatementTests {
    static let test = ChiSquareTest(statistic: 40, degreesOfFreedom: 3, pValue: 1e-8, cramersV: 0.05, count: 5000, mergedCells: 0)

    static func draft(kind: TimingProfileKind, peak: TimingPeak) -> SalesTiming.ProfileDraft {
        SalesTiming.ProfileDraft(group: 0, kind: kind, counts: [1000, 1000, 1000, 2000], test: test, peak: peak)
    }

    @Test func smallExcessIsSaidAsAPercentage() {
        let peak = TimingPeak(cells: [3], label: Localized(de: "Herbst", en: "autumn"), ratio: 1.04)
        let text = TimingStatement.text(draft: Self.draft(kind: .season, peak: peak), adjustedPValue: 1e-6, alpha: 0.05, groupName: "Tee")
        #expect(
            text
                == Localized(
                    de: "Tee: schwaches Muster nach Jahreszeit, am deutlichsten im Herbst (+4 % gegenüber dem Verlauf aller Käufe; p < 0,001).",
                    en: "Tee: weak pattern by season, strongest in autumn (+4% against all sales; p < 0.001)."))
    }

    @Test func nightWindowsTakeTheFeminineArticle() {
        let peak = TimingPeak(cells: [3, 4], label: TimeSlotNames.window(weekday: 0, startHour: 3, endHour: 5), ratio: 2.5)
        let text = TimingStatement.text(draft: Self.draft(kind: .hourByWeekday, peak: peak), adjustedPValue: 0.01, alpha: 0.05, groupName: "Pizza")
        #expect(text.de == "Pizza wird in der Montagnacht 3-5 Uhr 2,5-mal so oft gekauft, wie der Verlauf aller Käufe erwarten lässt (p = 0,010).")
        #expect(text.en == "Pizza sells 2.5 times as often on Monday night 3-5 am as all sales would suggest (p = 0.010).")
    }

    @Test func overallMonthStatementComparesWithTheYearlyAverage() {
        let peak = TimingPeak(cells: [11], label: TimeSlotNames.month(12), ratio: 1.62)
        let draft = SalesTiming.ProfileDraft(group: -1, kind: .month, counts: [1], test: Self.test, peak: peak)
        let text = TimingStatement.text(draft: draft, adjustedPValue: 0.2, alpha: 0.05, groupName: nil)
        #expect(text.de == "Alle Käufe: kein Muster nach Monat erkennbar, die Abweichungen könnten Zufall sein (p = 0,200).")
        let real = TimingStatement.text(draft: draft, adjustedPValue: 0.0001, alpha: 0.05, groupName: nil)
        #expect(
            real
                == Localized(
                    de: "Im Dezember wird 1,6-mal so viel gekauft wie im Jahresmittel (p < 0,001).",
                    en: "Sales in December are 1.6 times the yearly average (p < 0.001)."))
    }
}
