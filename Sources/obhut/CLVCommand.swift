import ArgumentParser
import Foundation
import Obhut
import ObhutCore

struct CLVCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clv",
        abstract: "Customer lifetime value and churn risk of the latest run, or one customer's and why. / Kundenwert und Abwanderungsrisiko.",
        discussion: """
            From `obhut run clv` (BG/NBD and Gamma-Gamma, fitted by maximum likelihood). Every read of a person's value is audited.
            Aus `obhut run clv` (BG/NBD und Gamma-Gamma). Jeder Zugriff auf den Wert einer Person wird protokolliert.
            """)
    @Argument(help: "A customer id (optional).") var customer: String?
    @Option(help: "Customers at risk shown (default 10).") var limit: Int = 10
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let l = global.language
        let ws = try global.openWorkspace()
        guard let customer else {
            let report = try CLVReport.latest(in: ws, atRiskShown: limit)
            if json { try printJSON(report) } else { print(report.render(in: l)) }
            return
        }
        guard let c = try CLVReport.customer(customer, in: ws) else {
            print(
                Localized(
                    de: "Für \(customer) gibt es keinen Kundenwert (keine Einwilligung, keine Bestellungen oder noch kein Lauf).",
                    en: "\(customer) has no lifetime value (no consent, no orders, or no run yet).")[l])
            return
        }
        if json { try printJSON(c); return }
        print(c.explanation.summary[l])
        for f in c.explanation.factors { print("  \(f.name[l]): \(f.value)") }
    }
}
