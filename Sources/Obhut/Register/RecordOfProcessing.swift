import Foundation
import ObhutCore

/// Renders the record of processing activities (GDPR Art. 30(1)) from the register, in German or
/// English, as Markdown or self-contained HTML.
public struct RecordOfProcessing: Sendable {
    public enum Format: String, Sendable, CaseIterable { case md, html }

    public let register: ProcessingRegister
    public let generatedAt: Date

    public init(register: ProcessingRegister, generatedAt: Date) {
        self.register = register
        self.generatedAt = generatedAt
    }

    public func render(_ format: Format, language l: Language) -> String {
        let md = markdown(l)
        return format == .md ? md : HTMLPage.wrap(title: title[l], markdownLike: md, language: l)
    }

    var title: Localized {
        Localized(de: "Verzeichnis von Verarbeitungstätigkeiten (Art. 30 DSGVO)", en: "Record of processing activities (GDPR Art. 30)")
    }

    func markdown(_ l: Language) -> String {
        let c = register.controller
        let none = Localized(de: "(noch nicht eingetragen: controller in register.yaml)", en: "(not yet filled in: controller in register.yaml)")[l]
        var out = "# \(title[l])\n\n"
        out += Localized(de: "Stand: ", en: "As of: ")[l] + DateText.dateTime(generatedAt) + " UTC\n\n"
        out += "| | |\n|---|---|\n"
        out += "| \(Localized(de: "Verantwortlicher", en: "Controller")[l]) | \(c.name.isEmpty ? none : c.name) |\n"
        out += "| \(Localized(de: "Kontakt", en: "Contact")[l]) | \(c.contact.isEmpty ? none : c.contact) |\n"
        out += "| \(Localized(de: "Datenschutzbeauftragte(r)", en: "Data-protection officer")[l]) | \(c.dpo.isEmpty ? none : c.dpo) |\n"
        out +=
            "| \(Localized(de: "Empfänger", en: "Recipients")[l]) | \(Localized(de: "keine; Obhut wird selbst betrieben, Daten verlassen den Server nicht", en: "none; Obhut is self-hosted, data does not leave the server")[l]) |\n"
        out += "| \(Localized(de: "Drittlandübermittlung", en: "Transfers to third countries")[l]) | \(Localized(de: "keine", en: "none")[l]) |\n\n"

        for a in register.activities {
            let purpose = register.purpose(a.purpose)
            out += "## \(a.name)\n\n\(a.description[l])\n\n| | |\n|---|---|\n"
            out += "| \(Localized(de: "Zweck", en: "Purpose")[l]) | \(purpose?.title[l] ?? a.purpose.rawValue) — \(purpose?.usedFor[l] ?? "") |\n"
            out += "| \(Localized(de: "Rechtsgrundlage", en: "Legal basis")[l]) | \(a.legalBasis.title[l]) |\n"
            out += "| \(Localized(de: "Betroffene", en: "Data subjects")[l]) | \(subjects(a)[l]) |\n"
            out += "| \(Localized(de: "Datenkategorien", en: "Categories of data")[l]) | \(a.dataCategories.joined(separator: ", ")) |\n"
            out += "| \(Localized(de: "Gelesene Felder", en: "Fields read")[l]) | \(a.fields.map { "`\($0)`" }.joined(separator: ", ")) |\n"
            out +=
                "| \(Localized(de: "Ergebnisse und Löschfrist", en: "Results and erasure period")[l]) | \(a.results.map { "\($0.name) (\($0.perPerson ? Localized(de: "je Person", en: "per person")[l] : Localized(de: "aggregiert", en: "aggregate")[l]), \($0.retentionDays) \(Localized(de: "Tage", en: "days")[l]))" }.joined(separator: "; ")) |\n"
            out +=
                "| \(Localized(de: "Menschliche Prüfung (Art. 22)", en: "Human review (Art. 22)")[l]) | \(a.humanReview ? Localized(de: "ja, Ergebnisse wirken nie von selbst", en: "yes, results never act on their own")[l] : Localized(de: "nein (keine Entscheidung mit Rechtswirkung)", en: "no (no decision with legal effect)")[l]) |\n"
            out += "| \(Localized(de: "Mindest-Datenqualität", en: "Minimum data quality")[l]) | \(a.qualityThreshold)/100 |\n"
            let approval =
                a.approval.map {
                    Localized(de: "freigegeben von \($0.by) am \(DateText.day($0.at))", en: "approved by \($0.by) on \(DateText.day($0.at))")[l]
                }
                ?? Localized(de: "**nicht freigegeben** — läuft nicht", en: "**not approved** — does not run")[l]
            out += "| \(Localized(de: "Freigabe DSB", en: "DPO approval")[l]) | \(approval) |\n\n"
        }

        let r = register.retention
        out += "## \(Localized(de: "Löschfristen", en: "Erasure periods")[l])\n\n"
        out +=
            Localized(
                de:
                    "- Feedback: \(r.feedbackDays) Tage\n- Kundendaten: \(r.customerDaysAfterLastOrder) Tage nach der letzten Bestellung\n- Offene Leads: \(r.leadDaysWithoutActivity) Tage ohne Aktivität\n- Bestellungen und Rechnungen: \(r.orderDays) Tage (§147 AO, §257 HGB); bei Löschung einer Person anonymisiert\n- Einwilligungen werden nach \(r.consentRenewalDays) Tagen zur Erneuerung vorgelegt\n\n",
                en:
                    "- Feedback: \(r.feedbackDays) days\n- Customer data: \(r.customerDaysAfterLastOrder) days after the last order\n- Open leads: \(r.leadDaysWithoutActivity) days without activity\n- Orders and invoices: \(r.orderDays) days (§147 AO, §257 HGB); anonymised when the person is erased\n- Consents are put up for renewal after \(r.consentRenewalDays) days\n\n"
            )[l]
        out +=
            "## \(Localized(de: "Technische und organisatorische Maßnahmen (Art. 32)", en: "Technical and organisational measures (Art. 32)")[l])\n\n"
        out +=
            Localized(
                de: """
                    - Personenbezogene Felder und Feedback-Texte AES-GCM-verschlüsselt mit einem Schlüssel je Person; Löschung vernichtet den Schlüssel
                    - Suche über verschlüsselte Felder nur über geschlüsselte Hash-Indizes (HMAC-SHA-256)
                    - Analysen sehen nur pseudonymisierte, zweckgebundene Ausschnitte (Scope) mit den deklarierten Feldern
                    - Jede Verarbeitung wird vor dem Lauf geprüft (Pre-Flight) und mit ihrem Prüfbericht protokolliert
                    - Manipulationssicheres Zugriffsprotokoll (Hash-Kette mit signierten Prüfpunkten)
                    - SQLite secure_delete, WAL wird nach Löschungen geleert; Hauptschlüssel-Datei nur für den Eigentümer lesbar

                    """,
                en: """
                    - Personal fields and feedback texts encrypted with AES-GCM under a key per person; erasure destroys the key
                    - Search over encrypted fields only through keyed hash indexes (HMAC-SHA-256)
                    - Analytics see only pseudonymised, purpose-bound extracts (scopes) with the declared fields
                    - Every processing is checked before it runs (pre-flight) and logged with its report
                    - Tamper-evident access log (hash chain with signed checkpoints)
                    - SQLite secure_delete, the WAL is emptied after erasures; master key file readable only by its owner

                    """)[l]
        return out
    }

    func subjects(_ a: ProcessingActivity) -> Localized {
        if a.fields.contains(where: { $0.hasPrefix("leads.") }) {
            return Localized(de: "Ansprechpartner von Interessenten (Leads)", en: "Contact persons of prospects (leads)")
        }
        if a.legalBasis.requiresConsent {
            return Localized(de: "Kundinnen und Kunden mit Einwilligung für diesen Zweck", en: "Customers who consented to this purpose")
        }
        return Localized(
            de: "Kundinnen und Kunden ohne Widerspruch und ohne Einschränkung", en: "Customers who have not objected and are not restricted")
    }
}

/// A minimal, self-contained HTML page (no scripts, no external resources) from the simple
/// Markdown Obhut writes: headings, tables, lists, bold and code.
public enum HTMLPage {
    public static func wrap(title: String, markdownLike md: String, language: Language) -> String {
        var body = ""
        var inTable = false, inList = false
        for raw in md.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if raw.hasPrefix("|") {
                if raw.hasPrefix("|---") { continue }
                if !inTable { body += "<table>\n"; inTable = true }
                let cells = raw.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                body += "<tr>" + cells.map { "<td>\(inline(String($0).trimmingCharacters(in: .whitespaces)))</td>" }.joined() + "</tr>\n"
                continue
            } else if inTable {
                body += "</table>\n"; inTable = false
            }
            if raw.hasPrefix("- ") {
                if !inList { body += "<ul>\n"; inList = true }
                body += "<li>\(inline(String(raw.dropFirst(2))))</li>\n"
                continue
            } else if inList {
                body += "</ul>\n"; inList = false
            }
            if raw.hasPrefix("## ") {
                body += "<h2>\(inline(String(raw.dropFirst(3))))</h2>\n"
            } else if raw.hasPrefix("# ") {
                body += "<h1>\(inline(String(raw.dropFirst(2))))</h1>\n"
            } else if !raw.isEmpty {
                body += "<p>\(inline(raw))</p>\n"
            }
        }
        if inTable { body += "</table>\n" }
        if inList { body += "</ul>\n" }
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)"><head><meta charset="utf-8"><title>\(escape(title))</title>
            <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
            table{border-collapse:collapse;margin:0 0 1.5rem;width:100%}td{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top}
            td:first-child{width:16rem;background:#f6f6f6}code{background:#f0f0f0;padding:0 .2rem}</style></head>
            <body>
            \(body)</body></html>
            """
    }

    public static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func inline(_ s: String) -> String {
        var out = escape(s)
        out = out.replacingOccurrences(of: #"\*\*(.+?)\*\*"#, with: "<strong>$1</strong>", options: .regularExpression)
        out = out.replacingOccurrences(of: #"`(.+?)`"#, with: "<code>$1</code>", options: .regularExpression)
        return out
    }
}
