import Foundation
import ObhutCore

/// Drafts for a breach case: the notification to the supervisory authority (Art. 33(3)) and the
/// letter to the people concerned (Art. 34(2)). Facts come from the case; what only people can
/// know (how it happened, consequences, measures) is left as marked gaps to fill in, never guessed.
public enum BreachDrafts {
    public static func authorityNotification(_ c: BreachCase, controller: String, dpo: String, in l: Language) -> String {
        let f = c.findings
        let window = "\(stamp(c.from)) – \(stamp(c.to))"
        let who = c.actor ?? (l == .de ? "alle Zugänge" : "all accounts")
        let actions = f.actions.sorted { $0.value > $1.value }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        let categories = f.dataCategories.isEmpty ? (l == .de ? "[zu ergänzen]" : "[to be completed]") : f.dataCategories.joined(separator: ", ")
        let chain =
            f.auditChainIntact
            ? Localized(de: "Das Zugriffsprotokoll ist unverändert (Hash-Kette geprüft).", en: "The access log is intact (hash chain verified).")[l]
            : Localized(
                de: "ACHTUNG: Die Hash-Kette des Zugriffsprotokolls ist beschädigt; die Angaben sind unvollständig.",
                en: "WARNING: the access log's hash chain is broken; these figures are incomplete.")[l]
        switch l {
        case .de:
            return """
                Meldung einer Verletzung des Schutzes personenbezogener Daten (Art. 33 DSGVO) — ENTWURF, Fall \(c.id)
                Verantwortlicher: \(controller.isEmpty ? "[zu ergänzen]" : controller)
                Datenschutzbeauftragte(r): \(dpo.isEmpty ? "[zu ergänzen]" : dpo)
                Bekannt geworden: \(stamp(c.openedAt)); Meldefrist (72 Stunden): \(stamp(c.deadline))

                a) Art der Verletzung
                   Zeitraum: \(window); betroffener Zugang: \(who)
                   Vorgänge laut Zugriffsprotokoll (\(f.entries)): \(actions.isEmpty ? "keine" : actions)
                   Kategorien personenbezogener Daten: \(categories)
                   Betroffene Personen: \(f.peopleIdentified) einzeln abgerufen; bis zu \(f.peopleInBulkReads) in Sammelabfragen (Obergrenze)
                   \(chain)
                   Hergang: [zu ergänzen]
                b) Kontakt für weitere Informationen: \(dpo.isEmpty ? "[zu ergänzen]" : dpo)
                c) Wahrscheinliche Folgen: [zu ergänzen]
                d) Ergriffene oder vorgeschlagene Maßnahmen: [zu ergänzen, z. B. Zugang gesperrt, Passwörter geändert, Schlüssel getauscht (obhut key rotate)]
                """
        case .en:
            return """
                Notification of a personal data breach (GDPR Art. 33) — DRAFT, case \(c.id)
                Controller: \(controller.isEmpty ? "[to be completed]" : controller)
                Data-protection officer: \(dpo.isEmpty ? "[to be completed]" : dpo)
                Became aware: \(stamp(c.openedAt)); deadline (72 hours): \(stamp(c.deadline))

                a) Nature of the breach
                   Window: \(window); account concerned: \(who)
                   Actions in the access log (\(f.entries)): \(actions.isEmpty ? "none" : actions)
                   Categories of personal data: \(categories)
                   People concerned: \(f.peopleIdentified) accessed individually; up to \(f.peopleInBulkReads) in bulk reads (upper bound)
                   \(chain)
                   How it happened: [to be completed]
                b) Contact for more information: \(dpo.isEmpty ? "[to be completed]" : dpo)
                c) Likely consequences: [to be completed]
                d) Measures taken or proposed: [to be completed, e.g. account locked, passwords changed, keys rotated (obhut key rotate)]
                """
        }
    }

    /// The letter to each person concerned, in plain language; the shop's mail merge adds the
    /// salutation (Obhut keeps names encrypted and does not print them here).
    public static func letterToPeople(_ c: BreachCase, controller: String, dpo: String, in l: Language) -> String {
        let categories = c.findings.dataCategories.joined(separator: ", ")
        switch l {
        case .de:
            return """
                [Anrede],

                zwischen \(stamp(c.from)) und \(stamp(c.to)) wurde bei \(controller.isEmpty ? "[Verantwortlicher]" : controller) unbefugt auf personenbezogene Daten zugegriffen, darunter Ihre (\(categories.isEmpty ? "[Datenkategorien]" : categories)).
                Was das für Sie bedeuten kann: [zu ergänzen].
                Was wir getan haben: [zu ergänzen].
                Was Sie tun können: [zu ergänzen, z. B. auf verdächtige E-Mails achten].
                Fragen beantwortet unsere Datenschutzbeauftragte / unser Datenschutzbeauftragter: \(dpo.isEmpty ? "[Kontakt]" : dpo).
                Sie haben außerdem das Recht, sich bei einer Aufsichtsbehörde zu beschweren.
                """
        case .en:
            return """
                [Salutation],

                between \(stamp(c.from)) and \(stamp(c.to)), personal data held by \(controller.isEmpty ? "[controller]" : controller) was accessed without authorisation, including yours (\(categories.isEmpty ? "[categories of data]" : categories)).
                What this may mean for you: [to be completed].
                What we have done: [to be completed].
                What you can do: [to be completed, e.g. watch out for suspicious e-mails].
                Our data-protection officer answers your questions: \(dpo.isEmpty ? "[contact]" : dpo).
                You also have the right to lodge a complaint with a supervisory authority.
                """
        }
    }

    public static func stamp(_ d: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin") ?? .current
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: d)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }
}
