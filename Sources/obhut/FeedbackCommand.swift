import ArgumentParser
import Foundation
import Obhut
import ObhutCore

/// `obhut feedback [--json]`: the latest `feedback` run in German or English.
struct FeedbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedback",
        abstract: "Sentiment and aspects of the latest feedback run, with weekly trend and alert. / Stimmung und Aspekte des Feedbacks.",
        discussion: """
            Aggregates only (no person); every quoted text is redacted. Run first: obhut run feedback.
            Nur Aggregate (keine Person); jedes zitierte Beispiel ist geschwärzt. Zuerst: obhut run feedback.
            """)
    @Option(help: "Weeks shown in the trend (default 12).") var weeks: Int = 12
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let report = try FeedbackReport.latest(in: try global.openWorkspace())
        if json { try printJSON(report) } else { print(report.render(in: global.language, weeks: weeks)) }
    }
}

/// `obhut train …`: models a shop trains on its own data.
struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model on the shop's own data. / Ein Modell mit den eigenen Daten trainieren.",
        subcommands: [TrainSentimentCommand.self])
}

/// `obhut train sentiment [--json]`: the cross-validated comparison of lexicon and classifier.
struct TrainSentimentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sentiment",
        abstract: "Train the sentiment classifier on rated reviews and compare it with the lexicon. / Stimmungsklassifikator trainieren.",
        discussion: """
            Reads the rated reviews through the feedback activity's scope (pre-flight, audited), redacted; 4-5 stars are positive, 1-2 negative, 3 left out. Reports 5-fold cross-validated accuracy of both methods and which one the next feedback run uses. Nothing is stored: each feedback run recomputes the comparison.
            Liest die Bewertungen über den Umfang der Tätigkeit feedback (Pre-Flight, protokolliert), geschwärzt; 4-5 Sterne positiv, 1-2 negativ, 3 außen vor. Zeigt die Genauigkeit beider Verfahren (5-fache Kreuzvalidierung) und welches der nächste feedback-Lauf verwendet. Es wird nichts gespeichert.
            """)
    @Option(help: "Seed for deterministic results (use the one of obhut run feedback).") var seed: UInt64 = 1
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let report = try SentimentTraining(workspace: try global.openWorkspace()).run(seed: seed)
        if json { try printJSON(report) } else { print(report.render(in: global.language)) }
    }
}
