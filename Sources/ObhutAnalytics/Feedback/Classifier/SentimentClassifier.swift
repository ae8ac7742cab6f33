import ObhutCore

/// A review with the customer's star rating: the training data of ``SentimentClassifier``.
public struct RatedText: Sendable, Hashable, Codable {
    public var text: String
    /// 1-5 stars.
    public var rating: Int

    public init(text: String, rating: Int) {
        self.text = text
        self.rating = rating
    }

    /// The training label a rating gives: 4-5 stars positive, 1-2 negative, 3 nil.
    ///
    /// Three-star reviews are left out of training and of the comparison: they mix praise and
    /// complaint (the demo shop writes them that way, and real ones read that way), and as a third
    /// class they would need far more data per shop. The classifier is therefore binary; its score
    /// 2·P(positive) − 1 falls in the neutral band (|score| < 0.05) only when it is unsure.
    public var positive: Bool? {
        switch rating {
        case 4...: true
        case ...2: false
        default: nil
        }
    }
}

/// A sentiment classifier a shop trains on its own rated reviews: logistic regression on hashed
/// word and character n-grams (``FeatureHasher``, ``TextLogisticRegression``).
///
/// What ships is the training code, not a model: no labelled German data here may be shipped, so
/// each shop's classifier comes from its own reviews (texts redacted before training).
public struct SentimentClassifier: Sendable, Hashable, Codable {
    public var hasher: FeatureHasher
    public var model: TextLogisticRegression
    public var options: TextLogisticRegression.Options
    /// How many reviews of each class it learned from.
    public var positiveCount: Int
    public var negativeCount: Int

    public static let modelVersion = "logreg-hashed-ngrams-1"

    /// Trains on the reviews with a rating other than 3. Deterministic for `options.seed`.
    public static func train(_ reviews: [RatedText], hasher: FeatureHasher = FeatureHasher(), options: TextLogisticRegression.Options = .init())
        -> SentimentClassifier
    {
        var xs: [SparseVector] = []
        var ys: [Bool] = []
        for r in reviews {
            guard let y = r.positive else { continue }
            xs.append(hasher.features(r.text))
            ys.append(y)
        }
        let model = TextLogisticRegression.train(xs, positive: ys, dimension: hasher.dimension, options: options)
        return SentimentClassifier(
            hasher: hasher, model: model, options: options, positiveCount: ys.filter { $0 }.count, negativeCount: ys.filter { !$0 }.count)
    }

    /// 2·P(positive) − 1, in (-1, 1).
    public func score(_ text: String) -> Double { 2 * model.probability(hasher.features(text)) - 1 }

    public func label(_ text: String) -> SentimentLabel { SentimentLabel(score: score(text)) }
}
