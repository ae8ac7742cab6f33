import Foundation
import ObhutCore

/// Whom a scope's people are drawn from.
public enum ScopePopulation: String, Sendable, Codable {
    /// Every customer (activities that read orders, products or customer attributes).
    case customers
    /// The authors of feedback (activities that read feedback and nothing else): only their data
    /// is read, so only they are counted.
    case feedbackAuthors = "feedback-authors"
}

/// What the pre-flight check looks at, gathered from the store before anything runs.
public struct PreflightFacts: Sendable, Codable {
    public var activity: ProcessingActivity
    public var purpose: Purpose?
    /// People the scope would hold (valid legal basis, not restricted, not objecting), drawn from
    /// `population`.
    public var peopleInScope: Int
    public var customersTotal: Int
    /// People with a currently granted consent, per purpose (over all customers).
    public var consentCoverage: [String: Int]
    /// People of the population left out, by reason.
    public var excludedNoConsent: Int
    public var excludedRestricted: Int
    public var excludedObjecting: Int
    /// Whom the people in scope are drawn from, and how many that are (nil: `customersTotal`).
    public var population: ScopePopulation = .customers
    public var populationTotal: Int? = nil

    /// How many people the population has.
    var populationCount: Int { populationTotal ?? customersTotal }
    /// Quality score (0-100) of the entities the activity reads.
    public var qualityScore: Int
    /// Product categories that reveal Art. 9 data, with the special category and order lines concerned.
    public var specialCategoryLines: [SpecialCategoryUse]
    /// Leads: how many are in scope (lead activities only).
    public var leadsInScope: Int?
    /// Whether the DPO's approval (if any) still covers the declaration: false when the declaration
    /// changed after approval or the approval was not made with `obhut register approve`.
    public var approvalHolds: Bool = true

    public struct SpecialCategoryUse: Sendable, Codable, Equatable {
        public var productCategory: String
        public var specialCategory: String
        public var orderLines: Int
    }
}

/// One line of the pre-flight report.
public struct PreflightItem: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable { case ok, warning, fail }
    public var check: String
    public var status: Status
    public var message: Localized
}

/// The answer of the pre-flight check: may the activity run, and why (not).
public struct PreflightReport: Sendable, Codable {
    public var activity: String
    public var purpose: String
    public var legalBasis: String
    public var fields: [String]
    public var results: [ResultDeclaration]
    public var peopleInScope: Int
    public var customersTotal: Int
    /// Whom `peopleInScope` are drawn from, and how many that are (all customers, or the
    /// customers who wrote feedback).
    public var population: ScopePopulation
    public var populationTotal: Int
    public var consentCoverage: [String: Int]
    public var qualityScore: Int
    public var qualityThreshold: Int
    public var items: [PreflightItem]
    public var passed: Bool { !items.contains { $0.status == .fail } }
    public var checkedAt: Date

    public func render(in l: Language) -> String {
        var lines = [Localized(de: "Pre-Flight-Prüfung: \(activity)", en: "Pre-flight check: \(activity)")[l]]
        lines.append(
            Localized(
                de: "  Zweck: \(purpose), Rechtsgrundlage Art. 6 Abs. 1 lit. \(legalBasis) DSGVO",
                en: "  Purpose: \(purpose), legal basis GDPR Art. 6(1)(\(legalBasis))")[l])
        lines.append(Localized(de: "  Eingaben: ", en: "  Inputs: ")[l] + fields.joined(separator: ", "))
        lines.append(Localized(de: "  Ergebnisse: ", en: "  Results: ")[l] + results.map(\.name).joined(separator: ", "))
        switch population {
        case .customers:
            lines.append(
                Localized(
                    de: "  Personen im Scope: \(peopleInScope) von \(customersTotal)", en: "  People in scope: \(peopleInScope) of \(customersTotal)")[
                        l])
        case .feedbackAuthors:
            lines.append(
                Localized(
                    de:
                        "  Personen im Scope: \(peopleInScope) von \(populationTotal), die Feedback geschrieben haben (\(customersTotal) Kunden insgesamt)",
                    en: "  People in scope: \(peopleInScope) of \(populationTotal) who wrote feedback (\(customersTotal) customers in all)")[l])
        }
        for item in items {
            let mark =
                switch item.status {
                case .ok: "✓";
                case .warning: "!";
                case .fail: "✗"
                }
            lines.append("  \(mark) \(item.message[l])")
        }
        lines.append(
            passed
                ? Localized(de: "Ergebnis: bestanden", en: "Result: passed")[l]
                : Localized(de: "Ergebnis: NICHT bestanden — die Verarbeitung läuft nicht", en: "Result: FAILED — the processing does not run")[l])
        return lines.joined(separator: "\n")
    }
}

/// The pre-flight check: a pure function from facts to a decision (invariant 1). Nothing runs
/// unless every item passes; warnings are recorded with the run.
public enum Preflight {
    /// Fields that identify a person: analytics never receive them, so declaring one fails.
    public static let identifyingFields: Set<String> = [
        "customers.first_name", "customers.last_name", "customers.email", "customers.phone",
        "customers.street", "customers.birth_date", "leads.contact_name", "leads.contact_email",
    ]

    public static func evaluate(_ f: PreflightFacts, now: Date) -> PreflightReport {
        let a = f.activity
        var items: [PreflightItem] = []
        func add(_ check: String, _ status: PreflightItem.Status, de: String, en: String) {
            items.append(PreflightItem(check: check, status: status, message: Localized(de: de, en: en)))
        }

        // Purpose and legal basis.
        if let p = f.purpose {
            if p.legalBasis == a.legalBasis {
                add("legal-basis", .ok, de: "Rechtsgrundlage passt zum Zweck \(p.id)", en: "Legal basis matches purpose \(p.id)")
            } else {
                add(
                    "legal-basis", .fail, de: "Rechtsgrundlage (\(a.legalBasis.rawValue)) weicht vom Zweck \(p.id) ab (\(p.legalBasis.rawValue))",
                    en: "Legal basis (\(a.legalBasis.rawValue)) differs from purpose \(p.id) (\(p.legalBasis.rawValue))")
            }
            if a.results.contains(where: \.perPerson) && !p.allowsProfiling {
                add(
                    "profiling", .fail, de: "Zweck \(p.id) erlaubt keine Auswertung je Person (Profiling)",
                    en: "Purpose \(p.id) does not allow per-person results (profiling)")
            }
        } else {
            add(
                "purpose", .fail, de: "Zweck \(a.purpose) ist im Verzeichnis nicht deklariert",
                en: "Purpose \(a.purpose) is not declared in the register")
        }

        // DPO approval.
        if let approval = a.approval, !f.approvalHolds {
            add(
                "approval", .fail,
                de:
                    "Die Freigabe von \(approval.by) am \(DateText.day(approval.at)) deckt die Deklaration nicht mehr (seither geändert oder nicht mit obhut register approve erteilt); erneut freigeben: obhut register approve \(a.name) --by NAME",
                en:
                    "The approval by \(approval.by) on \(DateText.day(approval.at)) no longer covers the declaration (changed since, or not given with obhut register approve); approve again: obhut register approve \(a.name) --by NAME"
            )
        } else if let approval = a.approval {
            add(
                "approval", .ok, de: "Freigegeben von \(approval.by) am \(DateText.day(approval.at))",
                en: "Approved by \(approval.by) on \(DateText.day(approval.at))")
        } else {
            add(
                "approval", .fail, de: "Keine Freigabe der/des Datenschutzbeauftragten (obhut register approve \(a.name) --by NAME)",
                en: "Not approved by the data-protection officer (obhut register approve \(a.name) --by NAME)")
        }

        // Declared fields exist, and none identifies a person.
        let unknown = a.fields.filter { !ScopeFields.known.contains($0) }
        if unknown.isEmpty {
            add("fields", .ok, de: "Alle \(a.fields.count) deklarierten Felder existieren", en: "All \(a.fields.count) declared fields exist")
        } else {
            add(
                "fields", .fail, de: "Unbekannte Felder: \(unknown.joined(separator: ", "))", en: "Unknown fields: \(unknown.joined(separator: ", "))"
            )
        }
        let identifying = a.fields.filter(identifyingFields.contains)
        if !identifying.isEmpty {
            add(
                "minimisation", .fail, de: "Felder, die Personen identifizieren, gehen nie in Analysen: \(identifying.joined(separator: ", "))",
                en: "Fields that identify people never go into analytics: \(identifying.joined(separator: ", "))")
        }
        if a.results.isEmpty {
            add("results", .fail, de: "Keine Ergebnisse deklariert", en: "No results declared")
        }

        // People in scope, consent coverage.
        let readsLeads = a.fields.contains { $0.hasPrefix("leads.") }
        if readsLeads {
            let n = f.leadsInScope ?? 0
            add("scope", n > 0 ? .ok : .fail, de: "\(n) Leads im Scope", en: "\(n) leads in scope")
        } else if f.peopleInScope == 0 {
            add(
                "scope", .fail, de: "Niemand im Scope (keine Rechtsgrundlage, eingeschränkt oder Widerspruch)",
                en: "Nobody in scope (no legal basis, restricted or objecting)")
        } else {
            let total = f.populationCount
            var de: String, en: String
            switch f.population {
            case .customers:
                de = "\(f.peopleInScope) von \(total) Personen im Scope"
                en = "\(f.peopleInScope) of \(total) people in scope"
            case .feedbackAuthors:
                de = "\(f.peopleInScope) von \(total) Personen, die Feedback geschrieben haben, im Scope"
                en = "\(f.peopleInScope) of \(total) people who wrote feedback in scope"
            }
            if a.legalBasis.requiresConsent {
                let consenting =
                    f.population == .customers ? f.consentCoverage[a.purpose.rawValue] ?? 0 : max(0, total - f.excludedNoConsent)
                let pct = total == 0 ? 0 : 100 * Double(consenting) / Double(total)
                de += String(format: ", Einwilligung für %@ bei %.0f %%", a.purpose.rawValue, pct)
                en += String(format: ", consent for %@ from %.0f %%", a.purpose.rawValue, pct)
            }
            de +=
                "; ausgeschlossen: \(f.excludedNoConsent) ohne Einwilligung, \(f.excludedRestricted) eingeschränkt, \(f.excludedObjecting) mit Widerspruch"
            en += "; left out: \(f.excludedNoConsent) without consent, \(f.excludedRestricted) restricted, \(f.excludedObjecting) objecting"
            add("scope", .ok, de: de, en: en)
        }

        // Data quality gate.
        if f.qualityScore >= a.qualityThreshold {
            add(
                "quality", .ok, de: "Datenqualität \(f.qualityScore)/100 ≥ Schwelle \(a.qualityThreshold)",
                en: "Data quality \(f.qualityScore)/100 ≥ threshold \(a.qualityThreshold)")
        } else {
            add(
                "quality", .fail, de: "Datenqualität \(f.qualityScore)/100 unter der Schwelle \(a.qualityThreshold) (obhut quality zeigt, was fehlt)",
                en: "Data quality \(f.qualityScore)/100 below the threshold \(a.qualityThreshold) (obhut quality shows what is wrong)")
        }

        // Special categories (Art. 9).
        for use in f.specialCategoryLines {
            if a.specialCategories.contains(use.specialCategory) {
                add(
                    "special-category", .fail,
                    de:
                        "Kategorie „\(use.productCategory)“ verrät \(use.specialCategory) (Art. 9): ausdrückliche Einwilligung nach Art. 9 Abs. 2 lit. a ist nicht erfasst",
                    en:
                        "Category “\(use.productCategory)” reveals \(use.specialCategory) (Art. 9): explicit consent under Art. 9(2)(a) is not recorded"
                )
            } else {
                add(
                    "special-category", .warning,
                    de:
                        "Kategorie „\(use.productCategory)“ verrät \(use.specialCategory) (Art. 9): \(use.orderLines) Positionen bleiben außerhalb des Scopes",
                    en:
                        "Category “\(use.productCategory)” reveals \(use.specialCategory) (Art. 9): \(use.orderLines) order lines are left out of the scope"
                )
            }
        }
        if a.humanReview {
            add(
                "human-review", .ok, de: "Ergebnisse sind Vorschläge; ein Mensch entscheidet (Art. 22)",
                en: "Results are suggestions; a person decides (Art. 22)")
        }

        return PreflightReport(
            activity: a.name, purpose: a.purpose.rawValue, legalBasis: a.legalBasis.rawValue, fields: a.fields, results: a.results,
            peopleInScope: f.peopleInScope, customersTotal: f.customersTotal, population: f.population,
            populationTotal: f.populationCount, consentCoverage: f.consentCoverage,
            qualityScore: f.qualityScore, qualityThreshold: a.qualityThreshold, items: items, checkedAt: now)
    }
}
