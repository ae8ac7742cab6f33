import ArgumentParser
import Foundation
import Obhut
import ObhutCore

struct RegisterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "The record of processing activities (GDPR Art. 30) and the DPO's approvals. / Verzeichnis von Verarbeitungstätigkeiten.",
        discussion: "The register lives in register.yaml in the workspace; edit it by hand or with these subcommands.",
        subcommands: [Show.self, Approve.self, Revoke.self], defaultSubcommand: Show.self)

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Render the record (Markdown or HTML).")
        @Option(help: "md or html") var format: RecordOfProcessing.Format = .md
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let ws = try global.openWorkspace()
            print(RecordOfProcessing(register: try ws.register(), generatedAt: ws.clock()).render(format, language: global.language))
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "approve", abstract: "Record the DPO's approval of an activity. / Freigabe durch die/den DSB.")
        @Argument(help: "Activity name.") var activity: String
        @Option(help: "Who approves (the data-protection officer's name or role).") var by: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let ws = try global.openWorkspace()
            try ws.approve(activity: activity, by: by, actor: .cli)
            print(Localized(de: "\(activity) freigegeben von \(by).", en: "\(activity) approved by \(by).")[global.language])
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Withdraw an approval: the activity no longer runs.")
        @Argument(help: "Activity name.") var activity: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try global.openWorkspace().revokeApproval(activity: activity, actor: .cli)
            print(Localized(de: "Freigabe von \(activity) zurückgenommen.", en: "Approval of \(activity) withdrawn.")[global.language])
        }
    }
}

extension RecordOfProcessing.Format: ExpressibleByArgument {}

struct PreflightCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preflight",
        abstract: "Check an activity before it runs: inputs, people, consent, legal basis, approval, data quality. / Vorabprüfung.")
    @Argument(help: "Activity name (see obhut register).") var activity: String
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let report = try PrivacyKernel(workspace: global.openWorkspace()).preflight(activity)
        if json { try printJSON(report) } else { print(report.render(in: global.language)) }
        if !report.passed { throw ExitCode(1) }
    }
}

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract:
            "Run a processing activity through the privacy kernel (pre-flight first; refused with exit code 1 when it fails). / Verarbeitung ausführen."
    )
    @Argument(help: "Activity name.") var activity: String
    @Option(help: "Seed for deterministic results.") var seed: UInt64 = 1
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let report = try PrivacyKernel(workspace: global.openWorkspace()).run(activity, seed: seed)
        if json {
            try printJSON(report)
        } else {
            print(
                Localized(
                    de:
                        "Lauf \(report.runId) von \(report.activity): \(report.people) Personen im Scope, \(report.results) Ergebnisse (Modell \(report.modelVersion)), \(String(format: "%.1f", report.seconds)) s.",
                    en:
                        "Run \(report.runId) of \(report.activity): \(report.people) people in scope, \(report.results) results (model \(report.modelVersion)), \(String(format: "%.1f", report.seconds)) s."
                )[global.language])
        }
    }
}
