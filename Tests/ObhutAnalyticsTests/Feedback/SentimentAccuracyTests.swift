import Foundation
import ObhutCore
import Testing

@testable import ObhutAnalytics

private let uciFolder: String = {
    let repo = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return repo.deletingLastPathComponent().appendingPathComponent("shared/data/public/uci-sentences").path
}()
private let hasUCI = FileManager.default.fileExists(atPath: uciFolder + "/yelp_labelled.txt")

/// The accuracy floor on the shippable English sets (UCI sentences, CC BY 4.0): VADER's figures
/// from ../shared/anchors (0.845 amazon, 0.796 imdb, 0.817 yelp). Skips when the data is absent.
struct SentimentAccuracyTests {
    @Test(.enabled(if: hasUCI), arguments: [("amazon_cells_labelled.txt", 0.845), ("imdb_labelled.txt", 0.796), ("yelp_labelled.txt", 0.817)])
    func lexiconReachesVADERsAccuracy(_ file: String, _ floor: Double) throws {
        let text = try String(contentsOfFile: uciFolder + "/" + file, encoding: .utf8)
        var right = 0
        var total = 0
        for line in text.split(separator: "\n") {
            guard let tab = line.lastIndex(of: "\t") else { continue }
            let positive = line[line.index(after: tab)...].trimmingCharacters(in: .whitespaces) == "1"
            let predicted = LexiconScorer.score(String(line[..<tab]), language: .en) >= SentimentLabel.threshold
            total += 1
            if predicted == positive { right += 1 }
        }
        let accuracy = Double(right) / Double(total)
        #expect(total == 1000)
        #expect(accuracy >= floor, "\(file): accuracy \(accuracy), floor \(floor)")
    }
}
