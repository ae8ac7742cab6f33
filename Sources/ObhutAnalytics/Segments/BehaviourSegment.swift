import ObhutCore

/// Mean behaviour of a group of customers (a segment, or everyone).
public struct SegmentProfile: Sendable, Codable, Equatable {
    public var customers: Int
    public var recencyDays: Double
    public var orders: Double
    public var spend: Double
    public var averageOrderValue: Double
    public var discountShare: Double
    public var returnShare: Double
    public var tenureDays: Double
    /// Mean spend share per category, in the order of ``CustomerBehaviour/categoryNames``.
    public var categoryShares: [Double]
}

/// What sets a segment apart from everyone, as a number and a sentence.
public struct SegmentTrait: Sendable, Codable, Equatable {
    /// The feature: recency, orders, averageOrderValue, discountShare, returnShare, tenure,
    /// or `category:NAME`.
    public var feature: String
    /// Segment mean and population mean, in the feature's unit (days, orders, money, share).
    public var segmentValue: Double
    public var overallValue: Double
    /// Standardised difference: (segment mean − population mean) / population deviation.
    public var strength: Double
    public var statement: Localized
    /// Label of the feature for tables and explanations.
    public var label: Localized
}

/// One behavioural segment: its name, the sentence that describes it, and the traits behind both.
public struct BehaviourSegment: Sendable, Codable, Equatable {
    /// Index of the segment (0 = largest).
    public var index: Int
    public var name: Localized
    public var description: Localized
    public var profile: SegmentProfile
    /// Strongest first; the first three make up the description.
    public var traits: [SegmentTrait]
}
