import ArgumentParser
import Foundation
import Obhut
import ObhutCore

/// `obhut evaluate recommendations`: popularity, item neighbours and ALS on an analyst's files.
struct EvaluateRecommendationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommendations",
        abstract: "Offline evaluation of the recommendation models. / Empfehlungsmodelle offline bewerten.",
        discussion: """
            Files: CSV or TSV with a header `user,item[,timestamp]`. Either --train and --test, or --input with --split temporal:F (per user the last ceil(F·n) by time, as the anchors' per_user_last10 with F = 0.1) or global:F (the last F of all interactions). Metrics @k as anchors/a2_recs.py: precision, recall, NDCG (binary gain), MAP, catalogue coverage; seen training items are never recommended.

            Dateien: CSV oder TSV mit Kopfzeile `user,item[,timestamp]`. Entweder --train und --test oder --input mit --split temporal:F (je Nutzer die letzten ceil(F·n)) oder global:F.
            """)
    @Option(help: "Training interactions. / Trainingsdaten.") var train: String?
    @Option(help: "Test interactions. / Testdaten.") var test: String?
    @Option(help: "One file to split by time. / Eine Datei, zeitlich aufgeteilt.") var input: String?
    @Option(help: "temporal:F (per user) or global:F. / Aufteilung.") var split: String = "temporal:0.1"
    @Option(help: "Cut-off k (default 10). / Listenlänge.") var k: Int = 10
    @Option(help: "Threads (default 2). / Threads.") var threads: Int = 2
    @Option(help: "Seed of the ALS initial factors. / Startwert.") var seed: UInt64 = 42
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        let files = train != nil || test != nil
        guard files != (input != nil), !files || (train != nil && test != nil) else {
            throw ValidationError("Give --train and --test, or --input. / --train und --test oder --input angeben.")
        }
    }

    func run() async throws {
        let result: RecommendationEvaluation
        if let input {
            result = try RecommendationEvaluation.run(
                input: URL(fileURLWithPath: input), split: .init(option: split), k: k, threads: threads, seed: seed)
        } else if let train, let test {
            result = try RecommendationEvaluation.run(
                train: URL(fileURLWithPath: train), test: URL(fileURLWithPath: test), k: k, threads: threads, seed: seed)
        } else {
            return
        }
        if json { try printJSON(result) } else { print(result.render(in: global.language)) }
    }
}
