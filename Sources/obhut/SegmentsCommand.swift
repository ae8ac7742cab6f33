import ArgumentParser
import Foundation
import Obhut
import ObhutCore

struct SegmentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segments",
        abstract: "Customer segments of the latest run, or one customer's segment and why. / Kundensegmente.")
    @Argument(help: "A customer id (optional).") var customer: String?
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let ws = try global.openWorkspace()
        let l = global.language
        guard let customer else {
            let report = try SegmentsReport.latest(in: ws)
            if json { try printJSON(report) } else { print(report.render(in: l)) }
            return
        }
        guard let result = try SegmentsReport.customer(customer, in: ws) else {
            print(
                Localized(
                    de: "Für \(customer) gibt es kein Segment (keine Einwilligung, keine Bestellungen oder noch kein Lauf).",
                    en: "\(customer) has no segment (no consent, no orders, or no run yet).")[l])
            return
        }
        if json { try printJSON(result); return }
        print(result.explanation.summary[l])
        for f in result.explanation.factors { print("  \(f.name[l]): \(f.value)") }
        print(
            Localized(
                de: "  Modell \(result.modelVersion), Lauf \(result.runId)\(result.stale ? ", veraltet" : "")",
                en: "  model \(result.modelVersion), run \(result.runId)\(result.stale ? ", stale" : "")")[l])
    }
}
