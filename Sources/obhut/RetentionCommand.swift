import ArgumentParser
import Foundation
import Obhut
import ObhutCore

struct RetentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "Delete or anonymise what the retention rules say is due; list what needs review. / Aufbewahrungsfristen anwenden.",
        discussion: "Rules are in register.yaml (retention). Orders are anonymised on erasure and deleted after the legal period (§147 AO, §257 HGB)."
    )
    @Flag(help: "Only report what would be deleted.") var dryRun = false
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let report = try Retention(workspace: global.openWorkspace()).run(dryRun: dryRun)
        if json { try printJSON(report) } else { print(report.render(in: global.language)) }
    }
}
