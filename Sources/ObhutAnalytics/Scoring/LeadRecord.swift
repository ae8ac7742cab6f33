/// What lead scoring knows of one lead: attributes and engagement, no contact data.
/// Times are seconds since 1970 (UTC).
public struct LeadRecord: Sendable, Equatable {
    public var source: String?
    public var industry: String?
    /// Number of employees.
    public var size: Int?
    public var emailsOpened: Int
    public var visits: Int
    public var meetings: Int
    public var createdAt: Int64
    public var lastActivityAt: Int64?
    public var stage: String
    public var stageSince: Int64?
    /// open, won or lost.
    public var outcome: String
    /// A person's corrected estimate of the chance to win, from the lead's owner (0...1), if any.
    public var correctedProbability: Double?

    public init(
        source: String?, industry: String?, size: Int?, emailsOpened: Int, visits: Int, meetings: Int, createdAt: Int64,
        lastActivityAt: Int64?, stage: String, stageSince: Int64?, outcome: String, correctedProbability: Double? = nil
    ) {
        self.source = source
        self.industry = industry
        self.size = size
        self.emailsOpened = emailsOpened
        self.visits = visits
        self.meetings = meetings
        self.createdAt = createdAt
        self.lastActivityAt = lastActivityAt
        self.stage = stage
        self.stageSince = stageSince
        self.outcome = outcome
        self.correctedProbability = correctedProbability
    }

    public var isClosed: Bool { outcome == "won" || outcome == "lost" }
}
