import ArgumentParser
import Foundation
import ObhutAnalytics
import Testing

@testable import obhut

/// `obhut evaluate clv`, parsed and run in-process on an invented transactions file.
struct EvaluateCommandTests {
    @Test func parsesTheCLVOptions() throws {
        let command = try ObhutCommand.parseAsRoot([
            "evaluate", "clv", "--transactions", "t.csv", "--calibration-end", "1997-09-30", "--horizon-months", "24", "--json",
        ])
        let clv = try #require(command as? EvaluateCLVCommand)
        #expect(clv.transactions == "t.csv" && clv.calibrationEnd == "1997-09-30" && clv.horizonMonths == 24 && clv.json)
        #expect(throws: (any Error).self) { try ObhutCommand.parseAsRoot(["evaluate", "clv", "--transactions", "t.csv"]) }
    }

    @Test func writesOnePredictionPerCustomer() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("obhut-evaluate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // 80 invented customers with seeded random first days, numbers of purchases and gaps.
        var random = SplitMix64(seed: 7)
        var text = "customer_id,date,amount\n"
        for k in 0..<80 {
            var day = 20_000 + random.next(below: 60)
            for _ in 0..<(1 + random.next(below: 6)) {
                text += "K\(k),\(CivilDate.isoText(days: day)),\(5 + random.next(below: 40)).50\n"
                day += 1 + random.next(below: 80)
            }
        }
        let input = folder.appendingPathComponent("t.csv").path
        try text.write(toFile: input, atomically: true, encoding: .utf8)
        let command = try #require(
            try ObhutCommand.parseAsRoot([
                "evaluate", "clv", "--transactions", input, "--calibration-end", CivilDate.isoText(days: 20_150), "--json", "--lang", "en",
            ]) as? EvaluateCLVCommand)
        try await command.run()
        let predictions = try String(contentsOfFile: folder.appendingPathComponent("t.predictions.csv").path, encoding: .utf8)
        let lines = predictions.split(separator: "\n")
        #expect(lines.first?.hasPrefix("customer_id,frequency,") == true)
        #expect(lines.count == 81)  // header + every customer (all bought before the calibration end)
    }
}
