import ArgumentParser
import Foundation
import Obhut
import ObhutCore

/// `obhut breach`: when something went wrong (GDPR Art. 33, 34).
struct BreachCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "breach",
        abstract: "Investigate a data breach from the audit log; 72-hour clock and drafts. / Datenpanne untersuchen.",
        discussion: """
            `breach open` lists from the audit log who accessed what in a time window and how many people are concerned, starts the 72-hour clock of Art. 33 and drafts the notification to the authority and the letter to the people (Art. 34), in German and English.
            `breach open` ermittelt aus dem Zugriffsprotokoll, wer im Zeitraum worauf zugegriffen hat, startet die 72-Stunden-Frist und entwirft Meldung und Benachrichtigung.
            """,
        subcommands: [Open.self, List.self, Show.self, Recipients.self, Close.self], defaultSubcommand: List.self)

    static func time(_ text: String, option: String) throws -> Date {
        guard let date = BreachDesk.time(text) else { throw BreachError.badTime(option) }
        return date
    }

    static func render(_ c: BreachCase, now: Date, in l: Language) -> String {
        let f = c.findings
        let left = c.hoursLeft(at: now)
        let clock =
            c.status == .closed
            ? Localized(de: "abgeschlossen", en: "closed")[l]
            : left >= 0
                ? Localized(
                    de: "noch \(Int(left.rounded(.down))) Stunden bis zur Meldefrist", en: "\(Int(left.rounded(.down))) hours left to notify")[l]
                : Localized(
                    de: "Meldefrist seit \(Int((-left).rounded(.up))) Stunden überschritten",
                    en: "deadline passed \(Int((-left).rounded(.up))) hours ago")[l]
        return Localized(
            de:
                "Fall \(c.id): \(BreachDrafts.stamp(c.from)) – \(BreachDrafts.stamp(c.to)), \(c.actor ?? "alle Zugänge"); \(f.entries) Protokolleinträge, \(f.peopleIdentified) Personen einzeln, bis zu \(f.peopleInBulkReads) in Sammelabfragen; \(clock)",
            en:
                "Case \(c.id): \(BreachDrafts.stamp(c.from)) – \(BreachDrafts.stamp(c.to)), \(c.actor ?? "all accounts"); \(f.entries) log entries, \(f.peopleIdentified) people individually, up to \(f.peopleInBulkReads) in bulk reads; \(clock)"
        )[l]
    }

    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "open", abstract: "Open a case for a time window. / Fall eröffnen.")
        @Option(help: "Start of the window (2026-11-20T14:00 or 20.11.2026 14:00, shop time).") var from: String
        @Option(help: "End of the window.") var to: String
        @Option(help: "Only this user's accesses.") var user: String?
        @Option(help: "Only this API token's accesses.") var token: String?
        @Option(help: "Only this audit actor (as `obhut audit log` shows it).") var actor: String?
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let l = global.language
            let ws = try global.openWorkspace()
            let named = [user, token.map { "token:" + $0 }, actor].compactMap { $0 }
            guard named.count <= 1 else {
                throw ValidationError(
                    Localized(de: "Höchstens eines von --user, --token, --actor.", en: "At most one of --user, --token, --actor.")[l])
            }
            let c = try BreachDesk(workspace: ws).open(
                from: try BreachCommand.time(from, option: "--from"), to: try BreachCommand.time(to, option: "--to"), actorName: named.first)
            if json { try printJSON(c); return }
            let register = try ws.register()
            print(BreachCommand.render(c, now: ws.clock(), in: l))
            print("")
            print(BreachDrafts.authorityNotification(c, controller: register.controller.name, dpo: register.controller.dpo, in: l))
            print("")
            print(
                Localized(
                    de: "Weiter: obhut breach show \(c.id) --letter · obhut breach recipients \(c.id) · obhut breach close \(c.id) --note TEXT",
                    en: "Next: obhut breach show \(c.id) --letter · obhut breach recipients \(c.id) · obhut breach close \(c.id) --note TEXT")[l])
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Open cases and their deadlines. / Offene Fälle.")
        @Flag(help: "Closed cases too.") var all = false
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let ws = try global.openWorkspace()
            let cases = try BreachDesk(workspace: ws).list(includeClosed: all)
            if json { try printJSON(cases); return }
            if cases.isEmpty { print(Localized(de: "Keine offenen Fälle.", en: "No open cases.")[global.language]); return }
            for c in cases { print(BreachCommand.render(c, now: ws.clock(), in: global.language)) }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "A case with its drafts. / Fall mit Entwürfen.")
        @Argument(help: "Case number.") var id: Int64
        @Flag(help: "Also the letter to the people concerned (Art. 34).") var letter = false
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let l = global.language
            let ws = try global.openWorkspace()
            let c = try BreachDesk(workspace: ws).get(id)
            let register = try ws.register()
            print(BreachCommand.render(c, now: ws.clock(), in: l))
            print("")
            print(BreachDrafts.authorityNotification(c, controller: register.controller.name, dpo: register.controller.dpo, in: l))
            if letter {
                print("")
                print(BreachDrafts.letterToPeople(c, controller: register.controller.name, dpo: register.controller.dpo, in: l))
            }
        }
    }

    struct Recipients: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "recipients", abstract: "Customer ids of the people named individually, to write to (audited). / Empfänger.")
        @Argument(help: "Case number.") var id: Int64
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            for id in try BreachDesk(workspace: try global.openWorkspace()).recipients(id) { print(id) }
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "close", abstract: "Close a case with a note. / Fall abschließen.")
        @Argument(help: "Case number.") var id: Int64
        @Option(help: "What was done (notified on ..., not notifiable because ...).") var note: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try BreachDesk(workspace: try global.openWorkspace()).close(id, note: note)
            print(Localized(de: "Fall \(id) abgeschlossen.", en: "Case \(id) closed.")[global.language])
        }
    }
}
