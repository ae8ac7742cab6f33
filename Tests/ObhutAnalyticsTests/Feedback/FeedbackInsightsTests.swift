import Foundation
import Testing

@testable import ObhutAnalytics

struct FeedbackInsightsTests {
    static let asOf: Int64 = 1_793_491_200  // Sunday 2026-11-01 00:00 UTC

    /// ISO weeks: Sunday 2026-11-01 closes 2026-W44; 2027-01-01 (a Friday) still belongs to
    /// 2026-W53, because 2026 starts on a Thursday.
    @Test func weeksAreISOWeeksInUTC() {
        let times: [Int64?] = [Self.asOf, Self.asOf - 6 * 86_400, 1_798_761_600, nil]
        let weeks = FeedbackInsights.weeks(times, scores: [0.5, -0.5, 0.2, 0.9], labels: [.positive, .negative, .positive, .positive])
        #expect(weeks.map(\.week) == ["2026-W44", "2026-W53"])
        #expect(weeks[0].count == 2 && weeks[0].meanScore == 0 && weeks[0].negativeShare == 0.5)
        #expect(weeks[0].start == Self.asOf - 6 * 86_400, "Monday 2026-10-26 00:00 UTC")
    }

    /// Examples are redacted clauses, without a bare signature line, each said once.
    @Test func aspectExamplesAreRedactedAndDistinct() {
        let items = [
            FeedbackItem(text: "Hallo Frau Beispielname, die Lieferung war viel zu spät. Schreiben Sie an erika@example.org", rating: 1),
            FeedbackItem(text: "Aber die Lieferung war viel zu spät.\nErika B.", rating: 1),
            FeedbackItem(text: "Die Lieferung war schnell, super!", rating: 5),
        ]
        let s = FeedbackInsights.analyse(items, asOf: Self.asOf, seed: 1)
        let delivery = s.aspects.first { $0.id == "delivery" }
        #expect(delivery?.mentions == 3)
        #expect(delivery?.negativeExamples.count == 1, "the same complaint twice is quoted once: \(delivery?.negativeExamples ?? [])")
        #expect(delivery?.positiveExamples.count == 1)
        let all = (delivery?.negativeExamples ?? []) + (delivery?.positiveExamples ?? [])
        #expect(!all.contains { $0.contains("Beispielname") || $0.contains("erika") || $0.contains("Erika") })
        #expect(s.method.used == .lexicon && s.byLabel["negative"] == 2 && s.total == 3)
        #expect(FeedbackInsights.withoutSignature("Sehr gut geliefert\nJonas Weber") == "Sehr gut geliefert")
        #expect(FeedbackInsights.withoutSignature("Sehr gut geliefert\nDanke für alles!") == "Sehr gut geliefert\nDanke für alles!")
    }
}
