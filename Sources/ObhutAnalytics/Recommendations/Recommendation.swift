/// One recommended item with its score and, where the model can give one, the reason.
public struct Recommendation: Sendable, Hashable, Codable {
    public let item: Int
    /// The model's score (ALS: x_uᵀy_i; neighbours: Σ w·s; popularity: the item's count).
    public let score: Float
    /// The history item that contributed most; nil for popularity.
    public let reason: RecommendationReason?

    public init(item: Int, score: Float, reason: RecommendationReason?) {
        self.item = item
        self.score = score
        self.reason = reason
    }
}

/// "Because you bought X": the customer's item that contributed most to a recommendation.
public struct RecommendationReason: Sendable, Hashable, Codable {
    /// The history item (index into the catalogue).
    public let historyItem: Int
    /// Its contribution over the sum of all positive contributions, in (0, 1].
    public let share: Double

    public init(historyItem: Int, share: Double) {
        self.historyItem = historyItem
        self.share = share
    }
}

/// The model behind a ``Recommender``.
public enum RecommendationModel: Sendable {
    case als(ALSModel)
    case neighbours(ItemNeighbours)
    case popularity
}
