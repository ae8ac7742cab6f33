import ArgumentParser
import Foundation
import Obhut
import ObhutCore

struct KeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key", abstract: "Manage the master key. / Hauptschlüssel verwalten.",
        subcommands: [Rotate.self])

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate",
            abstract: "Replace the master key; data stays readable, the old key no longer opens the workspace. / Hauptschlüssel tauschen.")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let workspace = try global.openWorkspace()
            let l = global.language
            if let fromEnv = try workspace.rotateMasterKey() {
                print(
                    Localized(
                        de: "Neuer Hauptschlüssel (nur jetzt angezeigt; in OBHUT_MASTER_KEY eintragen):\n\(fromEnv.base64)",
                        en: "New master key (shown only now; put it into OBHUT_MASTER_KEY):\n\(fromEnv.base64)")[l])
            } else {
                print(
                    Localized(
                        de:
                            "Hauptschlüssel getauscht: \(workspace.masterKeyURL.path). Alte Kopien des Schlüssels öffnen den Arbeitsbereich nicht mehr; Sicherungen, die vorher entstanden, brauchen weiter den alten Schlüssel.",
                        en:
                            "Master key replaced: \(workspace.masterKeyURL.path). Old copies of the key no longer open the workspace; backups taken before still need the old key."
                    )[l])
            }
        }
    }
}
