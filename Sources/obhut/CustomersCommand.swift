import ArgumentParser
import Foundation
import Obhut
import ObhutCore

struct CustomersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customers", abstract: "One person, one record: duplicates and merges. / Dubletten finden und zusammenführen.",
        subcommands: [Duplicates.self, Merge.self])

    struct Duplicates: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "duplicates", abstract: "List likely duplicate people with the evidence.")
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let groups = try DuplicateFinder(workspace: global.openWorkspace()).groups()
            if json { try printJSON(groups); return }
            let l = global.language
            if groups.isEmpty { print(Localized(de: "Keine wahrscheinlichen Dubletten.", en: "No likely duplicates.")[l]); return }
            print(Localized(de: "\(groups.count) Gruppen wahrscheinlicher Dubletten:", en: "\(groups.count) groups of likely duplicates:")[l])
            for g in groups {
                print("  " + g.customerIds.joined(separator: ", ") + " — " + g.evidence.map { $0.title[l] }.joined(separator: "; "))
            }
            print(Localized(de: "Zusammenführen: obhut customers merge BEHALTEN ANDERER", en: "Merge: obhut customers merge KEEP OTHER")[l])
        }
    }

    struct Merge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract: "Merge OTHER into KEEP (undoable until confirmed), or --undo / --confirm a pending merge.")
        @Argument(help: "Customer id to keep.") var keep: String?
        @Argument(help: "Customer id merged into it.") var other: String?
        @Option(help: "Undo the pending merge with this number.") var undo: Int64?
        @Option(help: "Confirm the pending merge with this number (then it can no longer be undone).") var confirm: Int64?
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            let modes = [keep != nil && other != nil, undo != nil, confirm != nil].filter { $0 }.count
            guard modes == 1 else { throw ValidationError("give KEEP OTHER, or --undo N, or --confirm N") }
        }

        func run() async throws {
            let merge = CustomerMerge(workspace: try global.openWorkspace())
            let l = global.language
            if let undo {
                try merge.undo(undo)
                print(Localized(de: "Zusammenführung \(undo) rückgängig gemacht.", en: "Merge \(undo) undone.")[l])
            } else if let confirm {
                try merge.confirm(confirm)
                print(
                    Localized(
                        de: "Zusammenführung \(confirm) bestätigt; der andere Datensatz ist endgültig gelöscht.",
                        en: "Merge \(confirm) confirmed; the other record is gone for good.")[l])
            } else if let keep, let other {
                let id = try merge.merge(keep: keep, other: other)
                print(
                    Localized(
                        de:
                            "\(other) in \(keep) zusammengeführt (Nr. \(id)). Rückgängig: obhut customers merge --undo \(id); bestätigen: obhut customers merge --confirm \(id)",
                        en:
                            "Merged \(other) into \(keep) (no. \(id)). Undo: obhut customers merge --undo \(id); confirm: obhut customers merge --confirm \(id)"
                    )[l])
            }
        }
    }
}
