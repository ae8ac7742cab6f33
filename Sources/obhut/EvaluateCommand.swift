import ArgumentParser
import Foundation
import Obhut
import ObhutCore

/// `obhut evaluate`: offline evaluations for analysts on files without personal data; no workspace.
struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate the analytics on your own files, without a workspace. / Auswertungen an eigenen Dateien prüfen.",
        discussion: """
            For analysts: the files hold no personal data (ids, dates, amounts, item names), and nothing is stored.
            Für Analysten: Die Dateien enthalten keine personenbezogenen Daten, und nichts wird gespeichert.
            """,
        subcommands: [EvaluateCLVCommand.self, EvaluateBasketsCommand.self, EvaluateRecommendationsCommand.self])
}

struct EvaluateBasketsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baskets",
        abstract: "Frequent itemsets (FP-growth) and association rules of a basket file. / Häufige Artikelmengen und Regeln.",
        discussion: """
            FILE: one basket per line, items separated by commas (as the Groceries file); quoted names may contain commas.
            Measures as mlxtend's fpgrowth and association_rules. With --json: `itemsets` (the number), `frequentItemsets`, `rules`.

            DATEI: ein Warenkorb je Zeile, Artikel durch Kommas getrennt. Maße wie bei mlxtend.
            """)
    @Option(help: "The basket file. / Die Warenkorb-Datei.") var baskets: String
    @Option(help: "Minimum support, a fraction of baskets in (0, 1]. / Mindest-Support.") var minSupport: Double
    @Option(help: "Minimum confidence of a rule, in [0, 1] (default 0.5). / Mindest-Konfidenz.") var minConfidence: Double = 0.5
    @Option(help: "Largest itemset size (default: no limit). / Größte Artikelmenge.") var maxLength: Int?
    @Option(help: "Rules shown in the text report (default 20). / Angezeigte Regeln.") var show: Int = 20
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let result = try BasketEvaluation.run(
            file: URL(fileURLWithPath: baskets), minSupport: minSupport, minConfidence: minConfidence, maxLength: maxLength)
        if json { try printJSON(result) } else { print(result.render(in: global.language, rulesShown: show)) }
    }
}
