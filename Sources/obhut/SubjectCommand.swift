import ArgumentParser
import Foundation
import Obhut
import ObhutCore

struct SubjectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subject",
        abstract: "Rights of the people concerned: export, rectify, erase, restrict, object, requests. / Betroffenenrechte.",
        subcommands: [Export.self, Rectify.self, Erase.self, Restrict.self, Object.self, Lift.self, Requests.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export", abstract: "Everything stored about a person (Art. 15, 20). / Auskunft.")
        @Argument(help: "Customer id.") var customer: String
        @Option(help: "json or html") var format: String = "json"
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard ["json", "html"].contains(format) else { throw ValidationError("--format must be json or html") }
        }

        func run() async throws {
            let export = try SubjectRights(workspace: global.openWorkspace()).export(customer)
            if format == "html" { print(export.html(in: global.language)) } else { try printJSON(export) }
        }
    }

    struct Rectify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rectify", abstract: "Correct a field (Art. 16); derived results become stale. / Berichtigung.")
        @Argument(help: "Customer id.") var customer: String
        @Argument(help: "Field: \(CustomerField.allCases.map(\.rawValue).joined(separator: ", "))") var field: CustomerField
        @Argument(help: "New value (empty to clear).") var value: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try SubjectRights(workspace: global.openWorkspace()).rectify(customer, field: field, value: value)
            print(
                Localized(
                    de: "\(field.rawValue) berichtigt; abgeleitete Ergebnisse sind bis zum nächsten Lauf als veraltet markiert.",
                    en: "\(field.rawValue) rectified; derived results are marked stale until the next run.")[global.language])
        }
    }

    struct Erase: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "erase",
            abstract: "Erase a person (Art. 17): key destroyed, personal rows and results deleted, orders anonymised. / Löschung.")
        @Argument(help: "Customer id.") var customer: String
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let report = try SubjectRights(workspace: global.openWorkspace()).erase(customer)
            if json { try printJSON(report); return }
            print(
                Localized(
                    de:
                        "Person gelöscht: Schlüssel vernichtet, \(report.feedbackDeleted) Feedback, \(report.consentsDeleted) Einwilligungen, \(report.derivedResultsDeleted) abgeleitete Ergebnisse gelöscht; \(report.orderLinesAnonymised) Bestellpositionen anonymisiert (Aufbewahrung nach §147 AO, §257 HGB).",
                    en:
                        "Person erased: key destroyed, \(report.feedbackDeleted) feedback, \(report.consentsDeleted) consents, \(report.derivedResultsDeleted) derived results deleted; \(report.orderLinesAnonymised) order lines anonymised (kept under §147 AO, §257 HGB)."
                )[global.language])
        }
    }

    struct Restrict: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "restrict", abstract: "Restrict processing (Art. 18). / Einschränkung.")
        @Argument(help: "Customer id.") var customer: String
        @Option(help: "Only this purpose (default: all).") var purpose: String?
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try SubjectRights(workspace: global.openWorkspace()).restrict(customer, kind: .restrict, purpose: purpose.map { PurposeID($0) })
            print(
                Localized(
                    de: "Verarbeitung eingeschränkt (\(purpose ?? "alle Zwecke")).", en: "Processing restricted (\(purpose ?? "all purposes")).")[
                        global.language])
        }
    }

    struct Object: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "object", abstract: "Record an objection (Art. 21). / Widerspruch.")
        @Argument(help: "Customer id.") var customer: String
        @Option(help: "Only this purpose (default: all).") var purpose: String?
        @Option(help: "Only products of this category (no recommendations from it). / Nur diese Produktkategorie.") var category: String?
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            if let category {
                try SubjectRights(workspace: global.openWorkspace()).objectToCategory(customer, category: category)
                print(
                    Localized(
                        de: "Widerspruch erfasst: keine Angebote aus der Kategorie \(category).",
                        en: "Objection recorded: no offers from the category \(category).")[global.language])
                return
            }
            try SubjectRights(workspace: global.openWorkspace()).restrict(customer, kind: .object, purpose: purpose.map { PurposeID($0) })
            print(
                Localized(de: "Widerspruch erfasst (\(purpose ?? "alle Zwecke")).", en: "Objection recorded (\(purpose ?? "all purposes")).")[
                    global.language])
        }
    }

    struct Lift: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "lift", abstract: "Lift a restriction or objection.")
        @Argument(help: "Customer id.") var customer: String
        @Argument(help: "restrict or object") var kind: String
        @Option(help: "The purpose it was recorded for (default: all).") var purpose: String?
        @Option(help: "The product category of an objection.") var category: String?
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            guard let k = RestrictionKind(rawValue: kind) else { throw ValidationError("kind must be restrict or object") }
            let purpose = category.map { "category:" + $0 } ?? purpose
            try SubjectRights(workspace: global.openWorkspace()).lift(customer, kind: k, purpose: purpose.map { PurposeID($0) })
        }
    }

    struct Requests: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "requests", abstract: "Requests of data subjects with their deadlines. / Anfragen und Fristen.")
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let ws = try global.openWorkspace()
            let requests = try SubjectRights(workspace: ws).requests()
            if json { try printJSON(requests); return }
            let l = global.language
            if requests.isEmpty { print(Localized(de: "Keine Anfragen.", en: "No requests.")[l]); return }
            for r in requests {
                let state =
                    r.completedAt.map { Localized(de: "erledigt \(DateText.day($0))", en: "done \(DateText.day($0))")[l] }
                    ?? (r.deadline < ws.clock() ? Localized(de: "ÜBERFÄLLIG", en: "OVERDUE")[l] : Localized(de: "offen", en: "open")[l])
                print(
                    "#\(r.id) \(DateText.day(r.receivedAt)) \(r.kind.title[l]) \(r.detail ?? "") — \(Localized(de: "Frist", en: "deadline")[l]) \(DateText.day(r.deadline)), \(state) [\(r.subject)]"
                )
            }
        }
    }
}

extension CustomerField: ExpressibleByArgument {}

struct ConsentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consent", abstract: "Record a consent or its withdrawal (append-only ledger). / Einwilligung erfassen.")
    @Argument(help: "grant or withdraw") var action: String
    @Argument(help: "Customer id.") var customer: String
    @Argument(help: "Purpose: service, analytics, personalization, marketing, sales, feedback.") var purpose: String
    @Option(help: "Where it was given.") var source = "cli"
    @Option(help: "Version of the consent text.") var textVersion = "unknown"
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard action == "grant" || action == "withdraw" else { throw ValidationError("first argument must be grant or withdraw") }
    }

    func run() async throws {
        try SubjectRights(workspace: global.openWorkspace()).consent(
            customer, purpose: PurposeID(purpose), granted: action == "grant",
            source: source, textVersion: textVersion)
    }
}

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "The tamper-evident audit log. / Zugriffsprotokoll.", subcommands: [Verify.self, Log.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify", abstract: "Detect any changed, deleted, inserted or reordered entry, and say where.")
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let ws = try global.openWorkspace()
            let v = try ws.store.verifyAudit()
            if v.isIntact { try ws.store.sealAuditChain() }
            if json { try printJSON(v) } else { print(v.message(de: global.language == .de)) }
            if !v.isIntact { throw ExitCode(1) }
        }
    }

    struct Log: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "log", abstract: "List audit entries.")
        @Option(help: "First sequence number.") var from: Int64 = 1
        @Option(help: "How many.") var limit = 50
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            for e in try global.openWorkspace().store.auditEntries(from: from, limit: limit) {
                let at = DateText.dateTime(Date(timeIntervalSince1970: TimeInterval(e.at) / 1000))
                print(
                    "\(e.sequence) \(at) \(e.actor) (\(e.role)) \(e.action) n=\(e.count)\(e.activity.map { " [\($0)]" } ?? "")\(e.subject.map { " \($0)" } ?? "")\(e.reason.map { " — \($0)" } ?? "")"
                )
            }
        }
    }
}
