import Foundation
import GRDB
import ObhutAnalytics
import ObhutCore
import ObhutImport
import Testing

@testable import Obhut

struct FeedbackInsightsAnalysisTests {
    /// An invented customer's e-mail address, phone number and name, planted in feedback texts.
    static let email = "erika.beispielname@example.org"
    static let phone = "0171 9876543"
    static let name = "Beispielname"

    /// Negative feedback rows, `count` of them, one a day back from `end`.
    static func negativeRows(_ count: Int, prefix: String, end: Date) -> String {
        (0..<count).map { i in
            let day = DateText.day(end.addingTimeInterval(-Double(i % 25 + 1) * 86_400))
            return "\(prefix)\(i),,\"Schrecklich, die Lieferung kam kaputt an und der Kundendienst antwortet nicht. Nie wieder!\",\(day),1"
        }.joined(separator: "\n")
    }

    /// On the demo shop the run stores no per-person result, labels and aspects are there, the
    /// planted e-mail, phone number and greeted name never reach the stored summary, and the
    /// report renders in German and English.
    @Test func demoShopFeedbackIsAggregatedAndRedacted() throws {
        let ws = try makeWorkspace()
        _ = try DemoRunner(workspace: ws).run(seed: 21, customers: 1_500, asOf: DemoRunnerTests.asOf)
        let day = DateText.day(DemoRunnerTests.asOf.addingTimeInterval(-3 * 86_400))
        let csv = """
            feedback_id,customer_id,text,created_at,rating
            PLANT1,,"Hallo Frau \(Self.name), die Lieferung war leider kaputt und viel zu spät. Schreiben Sie mir an \(Self.email) oder \(Self.phone).",\(day),1
            PLANT2,,"Dear Mr \(Self.name), the delivery was terrible and the packaging broken. Call me on \(Self.phone).",\(day),1
            PLANT3,,"Hallo Frau \(Self.name), super Qualität und schnelle Lieferung, vielen Dank! \(Self.email)",\(day),5
            """
        _ = try Importer(workspace: ws).run(ImportRequest(entity: .feedback, file: writeFixture("f.csv", csv)))
        let run = try PrivacyKernel(workspace: ws).run("feedback", seed: 21)
        #expect(run.results == 0)
        let stored = try ws.store.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM derived_result WHERE activity = 'feedback'")
        }
        #expect(stored == 0, "aggregates only: no result about a person")
        let summaryJSON = try #require(
            try ws.store.writer.read { db in try String.fetchOne(db, sql: "SELECT summary FROM activity_run WHERE id = ?", arguments: [run.runId]) })
        for needle in [Self.email, Self.phone, Self.name, "9876543"] {
            #expect(!summaryJSON.contains(needle), "the summary quotes only redacted text")
        }
        let report = try FeedbackReport.latest(in: ws)
        let s = try #require(report.insights)
        #expect(s.total > 300)
        #expect((s.redactions["email"] ?? 0) >= 2 && (s.redactions["name"] ?? 0) >= 3)
        #expect((s.byLabel["negative"] ?? 0) > 0 && (s.byLabel["positive"] ?? 0) > 0)
        #expect((s.byLanguage["de"] ?? 0) > 0 && (s.byLanguage["en"] ?? 0) > 0, "the demo writes German and English")
        let delivery = try #require(s.aspects.first { $0.id == "delivery" })
        #expect(delivery.mentions > 0 && !delivery.negativeExamples.isEmpty && !delivery.positiveExamples.isEmpty)
        #expect(s.aspects.allSatisfy { $0.negativeExamples.count <= 3 && $0.positiveExamples.count <= 3 })
        #expect(!s.weeks.isEmpty && s.weeks.map(\.start) == s.weeks.map(\.start).sorted())
        #expect(s.method.ratedReviews >= 200 && s.method.comparison != nil, "the demo has enough rated reviews to compare")
        let de = report.render(in: .de), en = report.render(in: .en)
        #expect(de.contains("Feedback aus Lauf") && de.contains("Aspekte:") && de.contains("Lieferung") && de.contains("Methode:"))
        #expect(en.contains("Feedback from run") && en.contains("Aspects:") && en.contains("delivery") && en.contains("Method:"))
        for needle in [Self.email, Self.phone, Self.name] { #expect(!de.contains(needle) && !en.contains(needle)) }

        // The same seed gives the same summary.
        let again = try PrivacyKernel(workspace: ws).run("feedback", seed: 21)
        let second = try ws.store.writer.read { db in
            try String.fetchOne(db, sql: "SELECT summary FROM activity_run WHERE id = ?", arguments: [again.runId])
        }
        #expect(second == summaryJSON)

        // train sentiment reads the same scope and names the method the run used.
        let training = try SentimentTraining(workspace: ws).run(seed: 21)
        #expect(training.choice.used == s.method.used && training.ratedReviews == s.method.ratedReviews)
        #expect(training.render(in: .de).contains("nächste Lauf") && training.render(in: .en).contains("next feedback run"))
    }

    /// A planted rise of negative feedback in the last four weeks fires the alert.
    @Test func alertFiresOnPlantedRiseOfNegativeFeedback() throws {
        let ws = try makeWorkspace()
        _ = try DemoRunner(workspace: ws).run(seed: 21, customers: 1_500, asOf: DemoRunnerTests.asOf)
        let before = try #require(FeedbackReport.latest(in: ws).insights)
        let csv = "feedback_id,customer_id,text,created_at,rating\n" + Self.negativeRows(150, prefix: "NEG", end: DemoRunnerTests.asOf)
        _ = try Importer(workspace: ws).run(ImportRequest(entity: .feedback, file: writeFixture("f.csv", csv)))
        try PrivacyKernel(workspace: ws).run("feedback", seed: 21)
        let after = try #require(FeedbackReport.latest(in: ws).insights)
        #expect(after.alert.tested && after.alert.fired, "\(after.alert.statement.en)")
        #expect(after.alert.recentShare > before.alert.recentShare)
        #expect(after.alert.statement.de.hasPrefix("Warnung") && after.alert.statement.en.hasPrefix("Alert"))
        #expect(try FeedbackReport.latest(in: ws).render(in: .en).contains("Alert:"))
    }

    /// Flat data (the same negative share in both windows) raises no alert; too few texts are
    /// not tested at all.
    @Test func alertStaysQuietOnFlatDataAndOnTooLittleData() {
        let asOf: Int64 = 1_793_491_200
        var times: [Int64] = []
        var negative: [Bool] = []
        for day in 0..<112 {
            for k in 0..<4 {
                times.append(asOf - Int64(day) * 86_400 - 3_600)
                negative.append(k == 0)  // 25 % negative every day
            }
        }
        let flat = NegativeShareAlert.evaluate(createdAt: times, negative: negative, asOf: asOf)
        #expect(flat.tested && !flat.fired)
        #expect(abs(flat.recentShare - 0.25) < 1e-9 && abs(flat.baselineShare - 0.25) < 1e-9)
        let few = NegativeShareAlert.evaluate(createdAt: Array(times.prefix(20)), negative: Array(negative.prefix(20)), asOf: asOf)
        #expect(!few.tested && !few.fired)
        // Known answer: 30 of 100 against 20 of 200: pooled 50/300, z = 0.2 / √(1/6·5/6·(1/100+1/200)) ≈ 4.38.
        let t = (0..<100).map { _ in asOf - 86_400 } + (0..<200).map { _ in asOf - 40 * 86_400 }
        let n = (0..<100).map { $0 < 30 } + (0..<200).map { $0 < 20 }
        let rise = NegativeShareAlert.evaluate(createdAt: t, negative: n, asOf: asOf)
        #expect(rise.fired && abs((rise.z ?? 0) - 4.3818) < 1e-3)
    }

    /// Without enough rated reviews the lexicon is used, and the reason is given in both languages.
    @Test func fewRatedReviewsKeepTheLexiconAndSayWhy() {
        let rated = (0..<50).map { RatedText(text: $0 % 2 == 0 ? "Sehr gut" : "Schlecht", rating: $0 % 2 == 0 ? 5 : 1) }
        let choice = FeedbackInsights.chooseMethod(rated, seed: 1)
        #expect(choice.used == .lexicon && choice.comparison == nil && choice.ratedReviews == 50)
        #expect(choice.statement.de.contains("50 Bewertungen") && choice.statement.en.contains("50 reviews"))
    }
}
