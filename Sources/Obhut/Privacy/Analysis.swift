import Foundation
import ObhutCore

/// An analysis an activity runs. It receives only a scope and a seed — never the store, never a
/// workspace — and returns results by person index, which the kernel maps back to people.
public protocol Analysis: Sendable {
    /// Name and version of the model, stored with every result (invariant 5).
    var modelVersion: String { get }
    func run(scope: Scope, seed: UInt64) throws -> AnalysisOutput
}

/// What an analysis produced.
public struct AnalysisOutput: Sendable {
    public var perPerson: [PersonResult]
    /// Results about leads (business contacts), by index into `Scope.leads`.
    public var perLead: [LeadResult]
    /// Aggregate results (no personal data), as JSON, stored with the run.
    public var summaryJSON: String?

    public init(perPerson: [PersonResult], perLead: [LeadResult] = [], summaryJSON: String? = nil) {
        self.perPerson = perPerson
        self.perLead = perLead
        self.summaryJSON = summaryJSON
    }
}

/// A score for one lead, with its explanation.
public struct LeadResult: Sendable {
    /// Index into `Scope.leads`.
    public var lead: Int
    public var probability: Double
    public var explanation: Explanation

    public init(lead: Int, probability: Double, explanation: Explanation) {
        self.lead = lead
        self.probability = probability
        self.explanation = explanation
    }
}

/// One AI output about one person, with its explanation.
public struct PersonResult: Sendable {
    /// Index into `Scope.people`.
    public var person: Int32
    /// Kind of result as declared by the activity ("segment", "clv", ...).
    public var kind: String
    /// The value as JSON.
    public var valueJSON: String
    public var explanation: Explanation

    public init(person: Int32, kind: String, valueJSON: String, explanation: Explanation) {
        self.person = person
        self.kind = kind
        self.valueJSON = valueJSON
        self.explanation = explanation
    }
}

/// Errors of the privacy kernel that a person can act on.
public enum KernelError: UserFacingError {
    case preflightFailed(PreflightReport)
    case notImplemented(activity: String)
    case resultNotDeclared(activity: String, kind: String)
    /// Another run of the activity is in progress (in this or another process).
    case alreadyRunning(activity: String)
    /// The run lock file in the workspace folder could not be opened or locked.
    case runLockUnavailable(activity: String, errno: Int32)

    public func message(in l: Language) -> String {
        switch self {
        case .preflightFailed(let report):
            let failing = report.items.filter { $0.status == .fail }.map { $0.message[l] }
            return Localized(
                de: "Pre-Flight-Prüfung für \(report.activity) nicht bestanden: ", en: "Pre-flight check for \(report.activity) failed: ")[l]
                + failing.joined(separator: "; ")
        case .notImplemented(let a):
            return Localized(
                de: "Für die Tätigkeit \(a) gibt es in dieser Version noch keine Auswertung.",
                en: "Activity \(a) has no analysis in this version yet.")[l]
        case .resultNotDeclared(let a, let k):
            return Localized(
                de: "Die Auswertung von \(a) liefert „\(k)“, das im Verzeichnis nicht deklariert ist; nichts wurde gespeichert.",
                en: "The analysis of \(a) produced “\(k)”, which the register does not declare; nothing was stored.")[l]
        case .alreadyRunning(let a):
            return Localized(
                de: "\(a) läuft bereits (in diesem oder einem anderen Prozess); nichts wurde gestartet. Bitte warten, bis der Lauf endet.",
                en: "\(a) is already running (in this or another process); nothing was started. Wait until that run ends.")[l]
        case .runLockUnavailable(let a, let code):
            return Localized(
                de:
                    "Die Sperrdatei für Läufe von \(a) im Arbeitsbereich lässt sich nicht anlegen oder sperren (errno \(code)); nichts wurde gestartet.",
                en: "The run lock file for \(a) in the workspace cannot be created or locked (errno \(code)); nothing was started.")[l]
        }
    }
}
