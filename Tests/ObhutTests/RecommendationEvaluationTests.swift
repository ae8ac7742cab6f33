import Foundation
import ObhutAnalytics
import Testing

@testable import Obhut

struct RecommendationEvaluationTests {
    /// A small grid keeps the debug-build tests fast; the default grid is the same code path.
    private let small: [ModelCandidate] = [
        .popularity, .neighbours(k: 20, weighting: .cosine), .neighbours(k: 20, weighting: .bm25(k1: 1.2, b: 0.75)),
        .als(ALSConfiguration(factors: 8, iterations: 5)),
    ]

    /// Two tastes of 20 invented users each; every user's last item by time is the test item.
    private func tastes() -> String {
        var rows = ["user,item,timestamp"]
        for u in 0..<40 {
            let base = u % 2 == 0 ? 0 : 10
            for k in 0..<8 { rows.append("u\(u),p\(base + (u + k) % 10),2024-01-\(String(format: "%02d", k + 1)) 10:00") }
        }
        return rows.joined(separator: "\n") + "\n"
    }

    @Test func evaluatesEveryModelOnATemporalSplit() throws {
        let file = try writeFixture("tastes.csv", tastes())
        let result = try RecommendationEvaluation.run(input: file, split: .init(option: "temporal:0.1"), k: 5, candidates: small)
        #expect(result.users == 40 && result.items == 20)
        #expect(result.testInteractions == 40)  // ceil(0.8) = 1 per user
        #expect(result.evaluatedUsers == 40)
        #expect(result.models.contains { $0.model == "popularity" })
        #expect(result.models.count == 4)
        #expect(ModelSelection.defaultCandidates().count == 17)
        #expect(result.models[0].ndcg >= result.models[result.models.count - 1].ndcg)
        // Popularity only knows the other taste's items here: NDCG 0, so no ratio.
        let popularity = try #require(result.models.first { $0.model == "popularity" })
        #expect(result.models[0].ndcg > 0.5 && popularity.ndcg == 0)
        #expect(result.bestOverPopularity == nil)
        #expect(result.render(in: .de).contains("Bestes Modell"))
    }

    @Test func separateTrainAndTestFilesInTabSeparatedForm() throws {
        let all = tastes().split(separator: "\n").dropFirst().map { $0.replacingOccurrences(of: ",", with: "\t") }
        var train = ["user\titem\ttimestamp"]
        var test = ["user\titem"]
        for (k, row) in all.enumerated() {
            if k % 8 == 7 { test.append(row.split(separator: "\t").prefix(2).joined(separator: "\t")) } else { train.append(row) }
        }
        let result = try RecommendationEvaluation.run(
            train: writeFixture("train.tsv", train.joined(separator: "\n")), test: writeFixture("test.tsv", test.joined(separator: "\n")), k: 5,
            candidates: small)
        #expect(result.split == .files)
        #expect(result.trainInteractions == 280 && result.testInteractions == 40)
    }

    @Test func badRowsSayFileLineAndFieldWithoutTheValue() throws {
        let file = try writeFixture("bad.csv", "user,item,timestamp\nu1,p1,2024-01-01\nu2,p2,secret-value\n")
        #expect {
            try RecommendationEvaluation.run(input: file, split: .temporalPerUser(0.1))
        } throws: { error in
            let message = (error as? EvaluationError)?.message(in: .en) ?? ""
            return message.hasPrefix("bad.csv:3: timestamp: ") && !message.contains("secret")
        }
        let noItem = try writeFixture("noitem.csv", "user,product\nu1,p1\n")
        #expect {
            try RecommendationEvaluation.run(train: noItem, test: noItem)
        } throws: { error in
            (error as? EvaluationError)?.message(in: .de).hasPrefix("noitem.csv:1: item: ") == true
        }
        let noTime = try writeFixture("notime.csv", "user,item\nu1,p1\n")
        #expect(throws: EvaluationError.self) { try RecommendationEvaluation.run(input: noTime, split: .temporalPerUser(0.1)) }
        #expect(throws: EvaluationError.self) { try RecommendationEvaluation.Split(option: "temporal:1.5") }
    }

    @Test(arguments: [
        ("881250949", 881_250_949.0), ("1970-01-02", 86_400.0), ("2010-12-01 08:26:00", 1_291_191_960.0), ("2010-12-01T08:26", 1_291_191_960.0),
    ])
    func readsNumbersAndISODates(text: String, seconds: Double) {
        #expect(InteractionFile.timestamp(text) == seconds)
    }

    @Test func ordersNumericIdsNumerically() {
        let ids = IdSpace(users: ["10", "9", "100"], items: ["b", "a", "10"])
        #expect(ids.userIndex == ["9": 0, "10": 1, "100": 2])
        #expect(ids.itemIndex == ["10": 0, "a": 1, "b": 2])
    }
}
