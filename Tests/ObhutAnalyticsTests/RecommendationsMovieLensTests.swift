import Foundation
import Testing

@testable import ObhutAnalytics

/// MovieLens-100k in the shared data folder next to the repository (not shipped: its licence
/// forbids redistribution).
private let movieLensPath: String = {
    let repo = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return repo.deletingLastPathComponent().appendingPathComponent("shared/data/public/ml-100k/u.data").path
}()
private let hasMovieLens = FileManager.default.fileExists(atPath: movieLensPath)

struct RecommendationsMovieLensTests {
    /// The anchor's per_user_last10 split and figures (anchors/RESULTS.md, implicit 0.7.3):
    /// 10,439 test rows; popularity NDCG@10 0.0771, P@10 0.0625, coverage 0.0464;
    /// CosineRecommender K=100 NDCG@10 0.1147 — deterministic, so they must match to 4 places.
    @Test(.enabled(if: hasMovieLens)) func reproducesTheAnchorsPopularityAndCosineFigures() throws {
        let text = try String(contentsOfFile: movieLensPath, encoding: .utf8)
        var users: [Int] = [], items: [Int] = [], times: [Double] = []
        for line in text.split(separator: "\n") {
            let f = line.split(separator: "\t")
            guard f.count >= 4, let u = Int(f[0]), let i = Int(f[1]), let t = Double(f[3]) else { continue }
            users.append(u - 1)
            items.append(i - 1)
            times.append(t)
        }
        let isTest = TemporalSplit.perUser(users: users, items: items, timestamps: times, fraction: 0.1)
        #expect(isTest.filter { $0 }.count == 10_439)
        let ranked = try ModelSelection.select(
            users: users, items: items, timestamps: times, userCount: 943, itemCount: 1682,
            candidates: [.popularity, .neighbours(k: 100, weighting: .cosine)])
        let byLabel = Dictionary(uniqueKeysWithValues: ranked.map { ($0.candidate.label, $0.metrics) })
        let pop = try #require(byLabel["popularity"])
        #expect(pop.users == 943)
        #expect(abs(pop.ndcg - 0.0771) < 0.00005, "NDCG \(pop.ndcg)")
        #expect(abs(pop.precision - 0.0625) < 0.00005)
        #expect(abs(pop.coverage - 0.0464) < 0.00005)
        let cosine = try #require(byLabel["cosine(k=100)"])
        #expect(abs(cosine.ndcg - 0.1147) < 0.00005, "NDCG \(cosine.ndcg)")
    }
}
