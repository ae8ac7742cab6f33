import Foundation
import ObhutCore

/// A churn-risk flag: the customer is probably no longer active, with the reason in words.
public struct ChurnRisk: Sendable, Equatable, Codable {
    /// P(alive | x, t_x, T) from BG/NBD.
    public var probabilityAlive: Double
    public var threshold: Double
    /// True when `probabilityAlive < threshold`.
    public var atRisk: Bool
    /// Why, in both languages, from the customer's own numbers (no personal data).
    public var reason: Localized

    /// Assesses one customer from the BG/NBD model and their summary (weeks).
    ///
    /// The reason names P(alive), the weeks since the last purchase and the customer's usual gap
    /// between purchases (t_x / x), the comparison a person would make. Customers without
    /// repeat purchases have P(alive) = 1 in BG/NBD and are never flagged; the reason says so.
    ///
    /// - Throws: ``CLVError/invalidArgument(name:reason:)`` unless 0 < threshold < 1 and the
    ///   summary is finite with 0 ≤ t_x ≤ T.
    public init(model: BGNBDModel, frequency x: Double, recency tx: Double, age T: Double, threshold: Double = 0.5) throws(CLVError) {
        guard threshold > 0, threshold < 1 else { throw .invalidArgument(name: "threshold", reason: .notProbability) }
        guard x >= 0, tx >= 0, T >= tx, x.isFinite, T.isFinite else {
            throw .invalidArgument(name: "x, t_x, T", reason: .summaryNotFinite)
        }
        let alive = model.probabilityAlive(frequency: x, recency: tx, age: T)
        probabilityAlive = alive
        self.threshold = threshold
        atRisk = alive < threshold
        let percent = Int((alive * 100).rounded())
        let limit = Int((threshold * 100).rounded())
        let since = Int((T - tx).rounded())
        guard x > 0 else {
            reason = Localized(
                de: "Erst ein Kauftag, vor \(since) Wochen: BG/NBD hält Kunden ohne Wiederholungskauf für aktiv (100 %).",
                en: "Only one purchase day, \(since) weeks ago: BG/NBD treats customers without a repeat purchase as active (100%).")
            return
        }
        let gap = Self.oneDecimal(tx / x)
        if atRisk {
            reason = Localized(
                de:
                    "Wahrscheinlich nicht mehr aktiv (\(percent) % < \(limit) %): letzter Kauf vor \(since) Wochen, sonst etwa alle \(gap.de) Wochen.",
                en: "Probably no longer active (\(percent)% < \(limit)%): last purchase \(since) weeks ago, usually every \(gap.en) weeks.")
        } else {
            reason = Localized(
                de: "Wahrscheinlich aktiv (\(percent) % ≥ \(limit) %): letzter Kauf vor \(since) Wochen, sonst etwa alle \(gap.de) Wochen.",
                en: "Probably active (\(percent)% ≥ \(limit)%): last purchase \(since) weeks ago, usually every \(gap.en) weeks.")
        }
    }

    private static func oneDecimal(_ value: Double) -> (de: String, en: String) {
        let tenths = Int((value * 10).rounded())
        let en = "\(tenths / 10).\(tenths % 10)"
        return (en.replacingOccurrences(of: ".", with: ","), en)
    }
}
