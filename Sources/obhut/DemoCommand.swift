import ArgumentParser
import Foundation
import Obhut
import ObhutCore

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create a workspace with an invented German/English demo shop. / Demo-Shop mit erfundenen Daten anlegen.",
        discussion: """
            Everything in the demo is invented: people, addresses, reviews, companies. The same
            --seed and --as-of always give the same shop. A few rows are deliberately dirty so that
            `obhut quality` has something to find. The invented DPO approves the shipped activities.
            """)

    @Option(help: "Seed: the same seed gives the same shop.") var seed: UInt64 = 42
    @Option(help: "Number of customers (up to 10,000,000).") var customers = 2_000
    @Option(help: "The shop's 'today' (YYYY-MM-DD, default: today).") var asOf: String?
    @Flag(help: "Delete an existing workspace in --dir first.") var fresh = false
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let l = global.language
        let directory = global.directory
        let day: Date
        if let asOf {
            let f = ISO8601DateFormatter()
            f.formatOptions = [.withFullDate]
            guard let d = f.date(from: asOf) else { throw ValidationError("--as-of must be YYYY-MM-DD") }
            day = d
        } else {
            day = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
        }
        if fresh { try Workspace.removeFiles(at: directory) }
        let workspace = try Workspace.create(at: directory)
        let progress = ProgressLine(label: l == .de ? "Kunden" : "customers", total: customers)
        let onProgress: (@Sendable (Int, Int) -> Void)? = progress.isActive ? { @Sendable done, _ in progress.update(done) } : nil
        let report: DemoReport
        do {
            report = try DemoRunner(workspace: workspace).run(seed: seed, customers: customers, asOf: day, progress: onProgress)
        } catch {
            progress.finish()
            try? Workspace.removeFiles(at: directory)
            throw error
        }
        progress.finish()
        if json { try printJSON(report) } else { print(report.render(in: l)) }
    }
}
