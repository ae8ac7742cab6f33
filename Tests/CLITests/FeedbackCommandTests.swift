import Foundation
import Testing

/// `obhut feedback` and `obhut train sentiment`, run as a user would.
struct FeedbackCommandTests {
    @Test func feedbackAndTrainSentimentRenderInBothLanguages() throws {
        let dir = CLIBinaryTests.tempDir()
        let demo = try CLIBinaryTests.run(["demo", "--dir", dir, "--customers", "400", "--as-of", "2026-11-01"])
        #expect(demo.status == 0, "stderr: \(demo.stderr)")
        let en = try CLIBinaryTests.run(["feedback", "--dir", dir])
        #expect(en.status == 0, "stderr: \(en.stderr)")
        #expect(en.stdout.contains("Feedback from run") && en.stdout.contains("Aspects:") && en.stdout.contains("Method:"))
        let de = try CLIBinaryTests.run(["feedback", "--dir", dir], environment: ["OBHUT_LANG": "de"])
        #expect(de.stdout.contains("Feedback aus Lauf") && de.stdout.contains("Aspekte:") && de.stdout.contains("Methode:"))
        let json = try CLIBinaryTests.run(["feedback", "--dir", dir, "--json"])
        #expect(json.status == 0 && json.stdout.contains("\"negativeShare\""))
        let train = try CLIBinaryTests.run(["train", "sentiment", "--dir", dir])
        #expect(train.status == 0, "stderr: \(train.stderr)")
        #expect(train.stdout.contains("The next feedback run uses"))
        let trainDe = try CLIBinaryTests.run(["train", "sentiment", "--dir", dir], environment: ["OBHUT_LANG": "de"])
        #expect(trainDe.stdout.contains("Der nächste Lauf von feedback verwendet"))
    }

    @Test func feedbackWithoutARunSaysWhatToDo() throws {
        let dir = CLIBinaryTests.tempDir()
        #expect(try CLIBinaryTests.run(["init", "--dir", dir]).status == 0)
        let r = try CLIBinaryTests.run(["feedback", "--dir", dir])
        #expect(r.status == 0 && r.stdout.contains("obhut run feedback"))
    }
}
