import Foundation
import ObhutCore

/// Accuracy of one method on held-out reviews.
public struct MethodScore: Sendable, Hashable, Codable {
    /// Share of reviews labelled right (positive iff score ≥ 0.05).
    public var accuracy: Double
    /// Mean of the recall on positive and on negative reviews: fair when one class dominates.
    public var balancedAccuracy: Double
    /// Accuracy per fold.
    public var foldAccuracies: [Double]
}

/// "Lexicon or classifier?": both measured on the same held-out reviews of a shop, the better
/// one named, and by how much.
///
/// Method: k-fold cross-validation (``CrossValidation``); in each fold the classifier is trained
/// on the other folds and both methods label the held-out fold. The lexicon needs no training, so
/// its figure is simply its accuracy on all reviews, fold by fold. "Better" is decided on
/// balanced accuracy (shops' reviews are mostly positive; plain accuracy would reward saying
/// "positive" to everything); a difference under one point is called a tie and the lexicon kept
/// (it explains itself word by word).
public struct MethodComparison: Sendable, Hashable, Codable {
    public enum Method: String, Sendable, Hashable, Codable {
        case lexicon, classifier
    }

    public var lexicon: MethodScore
    public var classifier: MethodScore
    public var winner: Method
    /// Balanced accuracy of the winner minus the other's, in points (0...100).
    public var marginPoints: Double
    public var folds: Int
    /// Reviews used (rating ≠ 3) and left out (rating 3).
    public var used: Int
    public var leftOut: Int

    public var summary: Localized {
        let l = String(format: "%.1f", lexicon.balancedAccuracy * 100)
        let c = String(format: "%.1f", classifier.balancedAccuracy * 100)
        let m = String(format: "%.1f", marginPoints)
        switch winner {
        case .classifier:
            return Localized(
                de:
                    "Der trainierte Klassifikator ist besser: \(c.replacingOccurrences(of: ".", with: ",")) % gegenüber \(l.replacingOccurrences(of: ".", with: ",")) % (Lexikon), \(m.replacingOccurrences(of: ".", with: ",")) Punkte mehr, \(folds)-fache Kreuzvalidierung auf \(used) Bewertungen.",
                en:
                    "The trained classifier is better: \(c)% against \(l)% (lexicon), \(m) points more, \(folds)-fold cross-validation on \(used) reviews."
            )
        case .lexicon:
            return Localized(
                de:
                    "Das Lexikon bleibt: \(l.replacingOccurrences(of: ".", with: ",")) % gegenüber \(c.replacingOccurrences(of: ".", with: ",")) % (Klassifikator), \(m.replacingOccurrences(of: ".", with: ",")) Punkte Unterschied, \(folds)-fache Kreuzvalidierung auf \(used) Bewertungen.",
                en:
                    "The lexicon stays: \(l)% against \(c)% (classifier), a difference of \(m) points, \(folds)-fold cross-validation on \(used) reviews."
            )
        }
    }

    /// Compares the lexicon scorer (in `language`, or detected per review) with a classifier
    /// trained per fold. `reviews` should be redacted already.
    public static func compare(
        _ reviews: [RatedText], language: TextLanguage = .auto, folds k: Int = 5, hasher: FeatureHasher = FeatureHasher(),
        options: TextLogisticRegression.Options = .init()
    ) -> MethodComparison {
        let usable = reviews.filter { $0.positive != nil }
        let labels = usable.map { $0.positive == true }
        let fold = CrossValidation.folds(positive: labels, k: k, seed: options.seed)
        let k = (fold.max() ?? 0) + 1
        let lexiconPositive = usable.map { r -> Bool in
            let lang = language.fixed ?? LanguageDetector.detect(r.text).language
            return LexiconScorer.score(r.text, language: lang) >= SentimentLabel.threshold
        }
        let features = usable.map { hasher.features($0.text) }
        var classifierPositive = [Bool](repeating: false, count: usable.count)
        for f in 0..<k {
            var xs: [SparseVector] = []
            var ys: [Bool] = []
            for i in usable.indices where fold[i] != f {
                xs.append(features[i])
                ys.append(labels[i])
            }
            let model = TextLogisticRegression.train(xs, positive: ys, dimension: hasher.dimension, options: options)
            for i in usable.indices where fold[i] == f {
                classifierPositive[i] = 2 * model.probability(features[i]) - 1 >= SentimentLabel.threshold
            }
        }
        func score(_ predicted: [Bool]) -> MethodScore {
            var tp = 0, tn = 0, pos = 0, neg = 0
            var foldRight = [Int](repeating: 0, count: k)
            var foldCount = [Int](repeating: 0, count: k)
            for i in usable.indices {
                let right = predicted[i] == labels[i]
                if labels[i] { pos += 1; if right { tp += 1 } } else { neg += 1; if right { tn += 1 } }
                foldCount[fold[i]] += 1
                if right { foldRight[fold[i]] += 1 }
            }
            let n = max(usable.count, 1)
            let recalls = [pos > 0 ? Double(tp) / Double(pos) : nil, neg > 0 ? Double(tn) / Double(neg) : nil].compactMap { $0 }
            return MethodScore(
                accuracy: Double(tp + tn) / Double(n),
                balancedAccuracy: recalls.isEmpty ? 0 : recalls.reduce(0, +) / Double(recalls.count),
                foldAccuracies: (0..<k).map { foldCount[$0] > 0 ? Double(foldRight[$0]) / Double(foldCount[$0]) : 0 })
        }
        let lex = score(lexiconPositive)
        let cls = score(classifierPositive)
        let diff = (cls.balancedAccuracy - lex.balancedAccuracy) * 100
        let winner: Method = diff >= 1 ? .classifier : .lexicon
        return MethodComparison(
            lexicon: lex, classifier: cls, winner: winner, marginPoints: abs(diff), folds: k, used: usable.count,
            leftOut: reviews.count - usable.count)
    }
}
