import Testing

@testable import obhut

struct EvaluateRecommendationsCommandTests {
    @Test func parsesTheSplitForm() throws {
        let command = try ObhutCommand.parseAsRoot(["evaluate", "recommendations", "--input", "x.csv", "--split", "global:0.2", "--k", "5", "--json"])
        let parsed = try #require(command as? EvaluateRecommendationsCommand)
        #expect(parsed.input == "x.csv" && parsed.split == "global:0.2" && parsed.k == 5 && parsed.json)
    }

    @Test func requiresEitherTrainAndTestOrInput() {
        #expect(throws: (any Error).self) { try ObhutCommand.parseAsRoot(["evaluate", "recommendations", "--train", "a.csv"]) }
        #expect(throws: (any Error).self) {
            try ObhutCommand.parseAsRoot(["evaluate", "recommendations", "--train", "a.csv", "--test", "b.csv", "--input", "c.csv"])
        }
        #expect((try? ObhutCommand.parseAsRoot(["evaluate", "recommendations", "--train", "a.csv", "--test", "b.csv"])) != nil)
    }
}
