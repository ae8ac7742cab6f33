import ArgumentParser
import Foundation
import Obhut
import ObhutCore
import ObhutServer

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create a workspace with an invented German/English demo shop. / Demo-Shop mit erfundenen Daten anlegen.",
        discussion: """
            Everything in the demo is invented: people, addresses, reviews, companies. The same --seed and --as-of always give the same shop. A few rows are deliberately dirty so that `obhut quality` has something to find. The invented DPO approves the shipped activities. Afterwards it creates one dashboard user per role (demo-admin, demo-dpo, ...) with one random password, printed once, and says how to start `obhut serve`; --serve starts it.

            Alles im Demo-Shop ist erfunden: Personen, Adressen, Bewertungen, Firmen. Dieselben --seed und --as-of ergeben immer denselben Shop. Einige Zeilen sind absichtlich fehlerhaft, damit `obhut quality` etwas findet. Die erfundene DSB gibt die mitgelieferten Tätigkeiten frei. Danach wird je Rolle ein Dashboard-Nutzer angelegt (demo-admin, demo-dpo, ...) mit einem einmal angezeigten Zufallspasswort, und es wird gesagt, wie `obhut serve` startet; --serve startet ihn gleich.
            """)

    @Option(help: "Seed: the same seed gives the same shop.") var seed: UInt64 = 42
    @Option(help: "Number of customers (up to 10,000,000).") var customers = 2_000
    @Option(help: "The shop's 'today' (YYYY-MM-DD, default: today).") var asOf: String?
    @Flag(help: "Delete an existing workspace in --dir first.") var fresh = false
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Start the dashboard server right after the demo. / Danach gleich den Server starten.") var serve = false
    @Option(help: "Port of the dashboard server (with --serve, and in the printed command).") var port = 8080
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
        let services = ServerServices(workspace: workspace, configuration: .init(port: port))
        let logins = try DemoLogins.ensure(in: services.users)
        let text = DemoLogins.instructions(logins, directory: directory.path, port: port, serving: serve, in: l)
        if json {
            // stdout stays the JSON report; the one-time password goes to the terminal.
            FileHandle.standardError.write(Data((text + "\n").utf8))
        } else {
            print("")
            print(text)
        }
        fflush(nil)  // all C streams: the report and login reach a pipe before the server blocks
        if serve { try await ObhutServer.run(services) }
    }
}
