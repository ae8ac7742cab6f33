import ArgumentParser
import Foundation
import Obhut
import ObhutCore

struct RecommendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "A customer's recommendations with reasons (from the latest run). / Empfehlungen für eine Person.",
        discussion: """
            From `obhut run recommendations` (consent-based). Without a customer: how each model did on the held-out purchases. Reads are audited.
            Aus `obhut run recommendations` (nur mit Einwilligung). Ohne Kunde: wie jedes Modell auf zurückgehaltenen Käufen abschnitt.
            """)
    @Argument(help: "A customer id (optional).") var customer: String?
    @Option(help: "How many (default 10).") var limit: Int = 10
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let l = global.language
        let ws = try global.openWorkspace()
        guard let customer else {
            guard let summary = try RecommendationsReport.latestSummary(in: ws) else {
                print(Localized(de: "Noch kein Lauf. Erst: obhut run recommendations", en: "No run yet. First: obhut run recommendations")[l])
                return
            }
            if json { try printJSON(summary); return }
            print(
                Localized(
                    de:
                        "Gewähltes Modell: \(summary.chosen) (\(summary.customers) Kunden, \(summary.interactions) Käufe). NDCG@10 auf zurückgehaltenen Käufen:",
                    en:
                        "Chosen model: \(summary.chosen) (\(summary.customers) customers, \(summary.interactions) purchases). NDCG@10 on held-out purchases:"
                )[l])
            for c in summary.candidates {
                print(
                    String(
                        format: "  %@  NDCG %.4f  P %.4f  R %.4f  MAP %.4f  %@ %.3f", c.model, c.ndcg, c.precision, c.recall, c.map,
                        l == .de ? "Abdeckung" : "coverage", c.coverage))
            }
            return
        }
        guard let list = try RecommendationsReport.list(customer, in: ws) else {
            print(
                Localized(
                    de: "Für \(customer) gibt es keine Empfehlungen (keine Einwilligung oder noch kein Lauf).",
                    en: "\(customer) has no recommendations (no consent, or no run yet).")[l])
            return
        }
        let shown = Array(list.products.prefix(limit))
        if json { try printJSON(shown); return }
        for (i, p) in shown.enumerated() { print("\(i + 1). \(p.name) (\(p.product)) — \(p.reason[l])") }
    }
}

struct WhyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "why", abstract: "Why a product is recommended to a customer. / Warum ein Produkt empfohlen wird.")
    @Argument(help: "Customer id.") var customer: String
    @Argument(help: "Product id.") var product: String
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let l = global.language
        guard let list = try RecommendationsReport.list(customer, in: try global.openWorkspace()),
            let position = list.products.firstIndex(where: { $0.product == product })
        else {
            print(
                Localized(de: "\(product) steht nicht auf der Empfehlungsliste von \(customer).", en: "\(product) is not on \(customer)'s list.")[l])
            return
        }
        let p = list.products[position]
        print(
            Localized(
                de:
                    "Platz \(position + 1): \(p.name). \(p.reason.de)\(p.share.map { String(format: " (%.0f %% der Bewertung)", $0 * 100) } ?? ""). Modell \(list.modelVersion), Lauf \(list.runId).",
                en:
                    "Rank \(position + 1): \(p.name). \(p.reason.en)\(p.share.map { String(format: " (%.0f %% of the score)", $0 * 100) } ?? ""). Model \(list.modelVersion), run \(list.runId)."
            )[l])
    }
}
