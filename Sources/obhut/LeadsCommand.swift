import ArgumentParser
import Foundation
import Obhut
import ObhutCore

/// `obhut leads`: scored open leads with their reasons, and the ways a person stays in charge.
struct LeadsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leads",
        abstract: "Open leads by score, with reasons; correct, mark wrong, object. / Leads nach Abschlusschance.",
        discussion: """
            Scores come from `obhut run lead-scores` and suggest an order; a person decides (GDPR Art. 22).
            Bewertungen stammen aus `obhut run lead-scores` und schlagen eine Reihenfolge vor; ein Mensch entscheidet.
            """,
        subcommands: [List.self, Correct.self, Wrong.self, Object.self, Erase.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Open leads by score. / Offene Leads nach Bewertung.")
        @Option(help: "How many leads (default 20).") var limit: Int = 20
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let l = global.language
            let leads = try LeadDesk(workspace: try global.openWorkspace()).list(limit: limit)
            if json { try printJSON(leads); return }
            if leads.isEmpty {
                print(
                    Localized(
                        de: "Noch keine Bewertungen. Erst: obhut preflight lead-scores, dann obhut run lead-scores.",
                        en: "No scores yet. First: obhut preflight lead-scores, then obhut run lead-scores.")[l])
                return
            }
            for lead in leads {
                let percent = Int((lead.probability * 100).rounded())
                var line = "\(lead.leadId)  \(String(format: "%3d", percent)) %  \(lead.company) [\(lead.stage)]"
                if let c = lead.corrected {
                    line += Localized(de: "  (korrigiert: \(Int((c * 100).rounded())) %)", en: "  (corrected: \(Int((c * 100).rounded())) %)")[l]
                }
                if lead.markedWrong > 0 { line += Localized(de: "  (als falsch markiert)", en: "  (marked wrong)")[l] }
                print(line)
                print("    " + lead.explanation.summary[l])
            }
        }
    }

    struct Correct: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "correct", abstract: "Give your own estimate for a lead; the next training learns from it. / Bewertung korrigieren.")
        @Argument(help: "Lead id.") var lead: String
        @Option(help: "Your estimate of the chance to convert, 0 to 1.") var probability: Double
        @Option(help: "Why (kept with the correction).") var reason: String
        @Option(help: "Who corrects.") var by: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try LeadDesk(workspace: try global.openWorkspace()).correct(lead, probability: probability, reason: reason, by: by)
            print(
                Localized(
                    de: "Korrektur gespeichert; sie fließt ins nächste Training ein.", en: "Correction saved; the next training learns from it.")[
                        global.language])
        }
    }

    struct Wrong: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "wrong", abstract: "Mark a lead's score as wrong, with a reason, for review. / Bewertung als falsch markieren.")
        @Argument(help: "Lead id.") var lead: String
        @Option(help: "Why the score is wrong.") var reason: String
        @Option(help: "Who marks it.") var by: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try LeadDesk(workspace: try global.openWorkspace()).markWrong(lead, reason: reason, by: by)
            print(
                Localized(
                    de: "Als falsch markiert. Mit `obhut leads correct` geben Sie eine eigene Schätzung, aus der das Modell lernt.",
                    en: "Marked wrong. With `obhut leads correct` you give your own estimate, which the model learns from.")[global.language])
        }
    }

    struct Object: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "object", abstract: "The lead's contact objected (Art. 21): never scored again. / Widerspruch der Kontaktperson.")
        @Argument(help: "Lead id.") var lead: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try LeadDesk(workspace: try global.openWorkspace()).object(lead)
            print(
                Localized(de: "Widerspruch vermerkt; die Bewertung ist gelöscht.", en: "Objection recorded; the score is deleted.")[global.language])
        }
    }
}

extension LeadsCommand {
    struct Erase: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "erase",
            abstract:
                "The lead's contact asked to be erased (Art. 17): lead, contact, score and notes deleted. / Löschung auf Wunsch der Kontaktperson.")
        @Argument(help: "Lead id.") var lead: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try LeadDesk(workspace: try global.openWorkspace()).erase(lead)
            print(
                Localized(
                    de: "Gelöscht: der Lead, seine Kontaktperson (Schlüssel vernichtet), seine Bewertung und die Notizen dazu.",
                    en: "Erased: the lead, its contact (key destroyed), its score and the notes on it.")[global.language])
        }
    }
}

/// `obhut model-card lead-scores`: the card of the latest trained model.
struct ModelCardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model-card", abstract: "The model card of the latest training. / Modellkarte des letzten Trainings.")
    @Argument(help: "Activity (lead-scores).") var activity: String
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let l = global.language
        guard activity == "lead-scores" else {
            throw ValidationError(Localized(de: "Modellkarten gibt es für: lead-scores", en: "Model cards exist for: lead-scores")[l])
        }
        guard let (runId, summary) = try LeadDesk(workspace: try global.openWorkspace()).latestModel() else {
            print(Localized(de: "Noch kein Training. Erst: obhut run lead-scores", en: "No training yet. First: obhut run lead-scores")[l])
            return
        }
        if json { try printJSON(summary.card); return }
        print(ModelCardReport.render(summary, runId: runId, in: l))
    }
}
