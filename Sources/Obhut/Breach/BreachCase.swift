import Foundation
import ObhutCore

/// A personal-data breach under investigation (GDPR Art. 33, 34): what the audit log says was
/// accessed in the window, by whom, and the 72-hour clock for notifying the authority.
public struct BreachCase: Sendable, Codable, Equatable {
    public var id: Int64
    public var openedAt: Date
    /// Art. 33(1): the authority is to be notified within 72 hours of becoming aware.
    public var deadline: Date
    public var from: Date
    public var to: Date
    /// The actor the case is about ("user:NAME", "token:NAME"), nil for everyone.
    public var actor: String?
    public var status: Status
    public var findings: Findings
    public var closedAt: Date?
    public var closingNote: String?

    public enum Status: String, Sendable, Codable { case open, closed }

    /// What the audit log shows for the window.
    public struct Findings: Sendable, Codable, Equatable {
        /// Audit entries in the window (of the actor, if one is named).
        public var entries: Int
        /// Entries per action ("subject.export": 3, "scope.read": 2, ...).
        public var actions: [String: Int]
        /// Distinct people named individually in those entries (by keyed token).
        public var peopleIdentified: Int
        /// People read in bulk (scope reads, lists): the sum of their counts, an upper bound.
        public var peopleInBulkReads: Int
        /// Activities whose data was read, with their data categories from the register.
        public var activities: [String]
        public var dataCategories: [String]
        /// Actors seen in the window (when no actor is named).
        public var actors: [String]
        /// Whether the audit chain verified when the case was opened (a broken chain is itself a finding).
        public var auditChainIntact: Bool
    }

    /// Hours left until the deadline at `now` (negative once it has passed).
    public func hoursLeft(at now: Date) -> Double { deadline.timeIntervalSince(now) / 3_600 }
}
