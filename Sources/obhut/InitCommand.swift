import ArgumentParser
import Foundation
import Obhut
import ObhutCore

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a workspace: database, master key (0600), processing register. / Arbeitsbereich anlegen.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let workspace = try Workspace.create(at: global.directory)
        let l = global.language
        print(
            Localized(
                de:
                    "Arbeitsbereich angelegt: \(workspace.directory.path)\nHauptschlüssel: \(workspace.masterKeyURL.path) (nur für Sie lesbar; sichern Sie ihn getrennt von den Daten)\nWeiter mit: obhut import customers DATEI.csv --dir \(workspace.directory.path)",
                en:
                    "Workspace created: \(workspace.directory.path)\nMaster key: \(workspace.masterKeyURL.path) (readable only by you; keep a copy apart from the data)\nNext: obhut import customers FILE.csv --dir \(workspace.directory.path)"
            )[l])
    }
}

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Counts per entity, last imports and runs. / Überblick über den Arbeitsbereich.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let status = try WorkspaceStatus(workspace: global.openWorkspace())
        if json { try printJSON(status) } else { print(status.render(in: global.language)) }
    }
}

func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}
