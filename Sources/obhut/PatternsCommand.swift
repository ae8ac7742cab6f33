import ArgumentParser
import Foundation
import Obhut
import ObhutCore

struct PatternsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patterns",
        abstract: "Purchase patterns of the latest run: when things sell, trends, repeat intervals, baskets. / Kaufmuster.",
        discussion: """
            Aggregates only (no person). Run first: obhut run purchase-patterns.
            Nur Aggregate (keine Person). Zuerst: obhut run purchase-patterns.
            """)
    @Option(help: "Findings shown per section (default 8).") var limit: Int = 8
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let report = try PatternsReport.latest(in: try global.openWorkspace())
        if json { try printJSON(report) } else { print(report.render(in: global.language, limit: limit)) }
    }
}

struct RebuyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuy",
        abstract: "Customers due to buy a product again, or one customer's due products, with reasons. / Fällige Wiederkäufe.",
        discussion: """
            From the consent-based activity rebuy-reminders (obhut run rebuy-reminders). Every read is audited.
            Aus der einwilligungsbasierten Tätigkeit rebuy-reminders. Jeder Zugriff wird protokolliert.
            """)
    @Argument(help: "A customer id (optional).") var customer: String?
    @Option(help: "How many entries without a customer (default 20).") var limit: Int = 20
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let l = global.language
        let entries = try RebuyReport.entries(in: try global.openWorkspace(), customer: customer, limit: limit)
        if json { try printJSON(entries); return }
        if entries.isEmpty {
            print(
                Localized(
                    de: "Keine fälligen Wiederkäufe (oder noch kein Lauf von rebuy-reminders).",
                    en: "No repeat purchases due (or no run of rebuy-reminders yet).")[l])
            return
        }
        for e in entries { print("\(e.customerId)  \(e.explanation.summary[l])") }
    }
}
