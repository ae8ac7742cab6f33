import Foundation

/// A declared processing activity (an entry of the record of processing activities, GDPR Art. 30).
/// No analytics run without one that is approved (invariant 1).
public struct ProcessingActivity: Sendable, Hashable, Codable {
    public var name: String
    public var purpose: PurposeID
    public var legalBasis: LegalBasis
    public var description: Localized
    /// Categories of data concerned ("purchase history", "contact data", ...).
    public var dataCategories: [String]
    /// The exact fields it may read, as "entity.field" (e.g. "orders.product_id").
    public var fields: [String]
    /// The results it produces and how long they are kept.
    public var results: [ResultDeclaration]
    /// Whether a person must review results before they affect someone (GDPR Art. 22).
    public var humanReview: Bool
    /// Minimum data-quality score (0-100) of the input for a run to start.
    public var qualityThreshold: Int
    /// Special categories (Art. 9) the activity is allowed to touch with explicit consent; empty for most.
    public var specialCategories: [String]
    public var approval: Approval?

    public init(
        name: String, purpose: PurposeID, legalBasis: LegalBasis, description: Localized,
        dataCategories: [String], fields: [String], results: [ResultDeclaration], humanReview: Bool,
        qualityThreshold: Int = 60, specialCategories: [String] = [], approval: Approval? = nil
    ) {
        self.name = name
        self.purpose = purpose
        self.legalBasis = legalBasis
        self.description = description
        self.dataCategories = dataCategories
        self.fields = fields
        self.results = results
        self.humanReview = humanReview
        self.qualityThreshold = qualityThreshold
        self.specialCategories = specialCategories
        self.approval = approval
    }
}

/// A kind of result an activity produces, with its retention.
public struct ResultDeclaration: Sendable, Hashable, Codable {
    public var name: String
    /// Whether each result is about one person (then it is linked to the person, exported and erased with them).
    public var perPerson: Bool
    public var retentionDays: Int

    public init(name: String, perPerson: Bool, retentionDays: Int) {
        self.name = name
        self.perPerson = perPerson
        self.retentionDays = retentionDays
    }
}

/// The data-protection officer's approval of an activity.
public struct Approval: Sendable, Hashable, Codable {
    public var by: String
    public var at: Date
    /// Keyed hash (HMAC with a key derived from the workspace secret) over the declaration as it
    /// was approved, the approver and the time. An approval whose seal does not match is void: the
    /// declaration changed after the approval, or someone wrote the approval into register.yaml by
    /// hand instead of with `obhut register approve`.
    public var seal: String?

    public init(by: String, at: Date, seal: String? = nil) {
        self.by = by
        self.at = at
        self.seal = seal
    }
}

extension ProcessingActivity {
    /// Everything the approval covers, in a fixed order: purpose, legal basis, fields, results and
    /// their retention, human review, quality threshold, special categories (not the description
    /// texts, which a DPO may polish without a new approval).
    public func canonicalDeclaration(approvedBy by: String, at: Date) -> String {
        let results = results.map { "\($0.name)|\($0.perPerson)|\($0.retentionDays)" }.sorted()
        return [
            "activity=\(name)", "purpose=\(purpose.rawValue)", "legal-basis=\(legalBasis.rawValue)",
            "fields=" + fields.sorted().joined(separator: ","), "results=" + results.joined(separator: ","),
            "human-review=\(humanReview)", "quality=\(qualityThreshold)", "special=" + specialCategories.sorted().joined(separator: ","),
            "by=\(by)", "at=\(Int64(at.timeIntervalSince1970))",
        ].joined(separator: "\n")
    }
}
