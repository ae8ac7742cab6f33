import Foundation

/// Where a lead is in the sales pipeline.
public enum LeadStage: String, Sendable, Codable, CaseIterable {
    case new, contacted, qualified, proposal, negotiation, closed
}

/// How a lead ended, once closed.
public enum LeadOutcome: String, Sendable, Codable, CaseIterable {
    case open, won, lost
}

/// A prospective business customer for the sales team. The contact person's name and e-mail are
/// personal data and encrypted at rest like a customer's.
public struct Lead: Sendable, Hashable, Codable {
    public var id: String
    public var company: String
    public var contactName: String?
    public var contactEmail: String?
    public var source: String?
    public var industry: String?
    /// Number of employees, if known.
    public var size: Int?
    public var createdAt: Date
    public var stage: LeadStage
    public var outcome: LeadOutcome
    /// Engagement so far: e-mails opened, website visits, meetings.
    public var emailsOpened: Int
    public var visits: Int
    public var meetings: Int
    public var lastActivityAt: Date?
    /// When the lead entered its current stage.
    public var stageSince: Date?

    public init(
        id: String, company: String, contactName: String? = nil, contactEmail: String? = nil,
        source: String? = nil, industry: String? = nil, size: Int? = nil, createdAt: Date,
        stage: LeadStage = .new, outcome: LeadOutcome = .open, emailsOpened: Int = 0, visits: Int = 0,
        meetings: Int = 0, lastActivityAt: Date? = nil, stageSince: Date? = nil
    ) {
        self.id = id
        self.company = company
        self.contactName = contactName
        self.contactEmail = contactEmail
        self.source = source
        self.industry = industry
        self.size = size
        self.createdAt = createdAt
        self.stage = stage
        self.outcome = outcome
        self.emailsOpened = emailsOpened
        self.visits = visits
        self.meetings = meetings
        self.lastActivityAt = lastActivityAt
        self.stageSince = stageSince
    }
}
