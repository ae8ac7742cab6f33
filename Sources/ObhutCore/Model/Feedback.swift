import Foundation

/// Where a piece of feedback came from.
public enum FeedbackKind: String, Sendable, Codable, CaseIterable {
    case review, email, chat, survey
}

/// A review, mail, chat or survey answer. The text may name people, so it is encrypted at rest.
public struct Feedback: Sendable, Hashable, Codable {
    public var id: String
    public var customerId: String?
    public var productId: String?
    public var kind: FeedbackKind
    /// 1-5 stars, if the channel has ratings.
    public var rating: Int?
    public var text: String
    public var language: Language?
    public var createdAt: Date

    public init(
        id: String, customerId: String? = nil, productId: String? = nil, kind: FeedbackKind,
        rating: Int? = nil, text: String, language: Language? = nil, createdAt: Date
    ) {
        self.id = id
        self.customerId = customerId
        self.productId = productId
        self.kind = kind
        self.rating = rating
        self.text = text
        self.language = language
        self.createdAt = createdAt
    }
}
