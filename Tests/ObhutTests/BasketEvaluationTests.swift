import Foundation
import Testing

@testable import Obhut

struct BasketEvaluationTests {
    /// Five baskets worked by hand: at support 0.4 (two baskets) the frequent itemsets are
    /// {bread} 4, {milk} 4, {butter} 3, {beer} 2, {bread, milk} 3, {bread, butter} 3,
    /// {milk, butter} 2, {bread, milk, butter} 2.
    @Test func minesTheHandWorkedExample() throws {
        let file = try writeFixture(
            "baskets.csv", "bread,milk\nbread,butter,milk\n\"butter\",bread\nbeer,milk\nbread,milk,butter,beer\n")
        let result = try BasketEvaluation.run(file: file, minSupport: 0.4, minConfidence: 0.9)
        #expect(result.baskets == 5)
        #expect(result.itemsets == 9, "\(result.frequentItemsets.map(\.items))")
        #expect(result.itemsetsByLength == [0, 4, 4, 1])
        let pairs = Dictionary(uniqueKeysWithValues: result.frequentItemsets.filter { $0.items.count == 2 }.map { ($0.items.sorted(), $0.count) })
        #expect(pairs[["bread", "milk"]] == 3)
        #expect(pairs[["bread", "butter"]] == 3)
        #expect(pairs[["butter", "milk"]] == 2)
        // butter → bread holds in all three butter baskets; lift = 1 / (4/5) = 1.25.
        let rule = try #require(result.rules.first { $0.antecedent == ["butter"] && $0.consequent == ["bread"] })
        #expect(rule.confidence == 1)
        #expect(abs(rule.lift - 1.25) < 1e-12)
        #expect(rule.conviction == nil, "never wrong: infinite conviction is left out of the JSON")
        #expect(result.rules.allSatisfy { $0.confidence >= 0.9 })
        #expect(result.render(in: .de).contains("häufige Artikelmengen"))
    }

    @Test func badInputSaysWhereAndWhy() throws {
        let file = try writeFixture("bad.csv", "bread,milk\n\"unterminated,milk\n")
        #expect {
            try BasketEvaluation.run(file: file, minSupport: 0.1)
        } throws: { error in
            let message = (error as? EvaluationError)?.message(in: .en) ?? ""
            return message.hasPrefix("bad.csv:2: ") && message.contains("not closed")
        }
        #expect(throws: EvaluationError.self) { try BasketEvaluation.run(file: file, minSupport: 0) }
        #expect(throws: EvaluationError.self) { try BasketEvaluation.run(file: URL(fileURLWithPath: "/nonexistent/x.csv"), minSupport: 0.1) }
    }
}
