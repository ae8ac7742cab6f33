import ArgumentParser
import Foundation
import Obhut
import ObhutCore

/// `obhut`: the command-line face of Obhut. Thin: every subcommand parses its flags, calls a use
/// case of the Obhut module and prints the result in the chosen language.
struct ObhutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "obhut",
        abstract: "Customer data platform with privacy built in / Kundendatenplattform mit eingebautem Datenschutz.",
        discussion: """
            Start with `obhut demo` for an invented demo shop, or `obhut init` and `obhut import` for your own data. Every command takes --dir (or OBHUT_DIR; default ./obhut-data) and --lang de|en.

            Beginnen Sie mit `obhut demo` (erfundener Demo-Shop) oder mit `obhut init` und `obhut import` für eigene Daten. Jeder Befehl nimmt --dir (oder OBHUT_DIR; Standard ./obhut-data) und --lang de|en.
            """,
        version: ObhutVersion.string,
        subcommands: [
            DemoCommand.self, InitCommand.self, StatusCommand.self, ImportCommand.self, ColumnsCommand.self, QualityCommand.self,
            RegisterCommand.self, PreflightCommand.self, RunCommand.self,
            PatternsCommand.self, SegmentsCommand.self, CLVCommand.self, RebuyCommand.self, RecommendCommand.self, WhyCommand.self,
            FeedbackCommand.self, TrainCommand.self, LeadsCommand.self, ModelCardCommand.self, EvaluateCommand.self, SentimentCommand.self,
            ConsentCommand.self, SubjectCommand.self, CustomersCommand.self, RetentionCommand.self, AuditCommand.self, BreachCommand.self,
            BackupCommand.self, RestoreCommand.self, KeyCommand.self, ServeCommand.self, UserCommand.self,
        ])
}

/// Options every subcommand shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Workspace folder (default: $OBHUT_DIR or ./obhut-data).")
    var dir: String?

    @Option(name: .long, help: "Language of the output: de or en (default: from the environment).")
    var lang: Language?

    var language: Language { lang ?? Language.fromEnvironment() }
    var directory: URL { Workspace.resolveDirectory(dir) }

    func openWorkspace() throws -> Workspace { try Workspace.open(at: directory) }
}

extension Language: ExpressibleByArgument {}
