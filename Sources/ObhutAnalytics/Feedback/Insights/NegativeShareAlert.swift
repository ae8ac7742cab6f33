import Foundation
import ObhutCore

/// "Is negative feedback rising?": the share of negative texts in the last 4 weeks against the
/// 12 weeks before, with a one-sided two-proportion z-test (pooled variance; e.g. Agresti,
/// "Categorical Data Analysis", 3rd ed., 2013, §3.1): z = (p₁ − p₂) / √(p̂(1 − p̂)(1/n₁ + 1/n₂)),
/// p = P(Z ≥ z). The alert fires when p < `alpha` and the recent share is the higher one.
///
/// Edge cases: with fewer than `minimumPerWindow` texts in either window, or fewer than
/// `minimumNegatives` negative texts in both together, the test is not run (`tested` false) and
/// the statement says so; a pooled share of 0 or 1 gives no test either (nothing varies).
public struct NegativeShareAlert: Sendable, Hashable, Codable {
    public var fired: Bool
    /// Whether there were enough texts to test at all.
    public var tested: Bool
    public var recentCount: Int
    public var recentNegative: Int
    public var baselineCount: Int
    public var baselineNegative: Int
    public var recentShare: Double
    public var baselineShare: Double
    public var z: Double?
    /// One-sided p-value, P(Z ≥ z).
    public var p: Double?
    public var statement: Localized

    public static let recentDays: Int64 = 28
    public static let baselineDays: Int64 = 84
    public static let alpha = 0.05
    public static let minimumPerWindow = 30
    public static let minimumNegatives = 10

    /// `createdAt` in seconds (UTC), `negative` per text; the windows end at `asOf`.
    public static func evaluate(createdAt: [Int64], negative: [Bool], asOf: Int64) -> NegativeShareAlert {
        let recentStart = asOf - recentDays * 86_400
        let baselineStart = recentStart - baselineDays * 86_400
        var n1 = 0, x1 = 0, n2 = 0, x2 = 0
        for i in createdAt.indices {
            let t = createdAt[i]
            if t >= recentStart && t <= asOf {
                n1 += 1
                if negative[i] { x1 += 1 }
            } else if t >= baselineStart && t < recentStart {
                n2 += 1
                if negative[i] { x2 += 1 }
            }
        }
        let p1 = n1 > 0 ? Double(x1) / Double(n1) : 0
        let p2 = n2 > 0 ? Double(x2) / Double(n2) : 0
        let pct = { (x: Double) in String(format: "%.1f", x * 100) }
        var alert = NegativeShareAlert(
            fired: false, tested: false, recentCount: n1, recentNegative: x1, baselineCount: n2, baselineNegative: x2, recentShare: p1,
            baselineShare: p2, z: nil, p: nil,
            statement: Localized(
                de:
                    "Zu wenig Rückmeldungen für einen Test auf steigende Kritik (letzte 4 Wochen \(n1), 12 Wochen davor \(n2); nötig je \(minimumPerWindow) und zusammen \(minimumNegatives) negative).",
                en:
                    "Too little feedback to test for rising criticism (last 4 weeks \(n1), 12 weeks before \(n2); needed \(minimumPerWindow) each and \(minimumNegatives) negative in all)."
            ))
        let pooled = Double(x1 + x2) / Double(max(n1 + n2, 1))
        guard n1 >= minimumPerWindow, n2 >= minimumPerWindow, x1 + x2 >= minimumNegatives, pooled > 0, pooled < 1 else { return alert }
        let se = (pooled * (1 - pooled) * (1 / Double(n1) + 1 / Double(n2))).squareRoot()
        let z = (p1 - p2) / se
        let p = 0.5 * erfc(z / 2.0.squareRoot())
        alert.tested = true
        alert.z = z
        alert.p = p
        alert.fired = z > 0 && p < alpha
        let pText = p < 0.001 ? "< 0.001" : String(format: "%.3f", p)
        alert.statement =
            alert.fired
            ? Localized(
                de:
                    "Warnung: Der Anteil negativer Rückmeldungen ist in den letzten 4 Wochen deutlich gestiegen: \(pct(p1).replacingOccurrences(of: ".", with: ",")) % (\(x1) von \(n1)) gegenüber \(pct(p2).replacingOccurrences(of: ".", with: ",")) % (\(x2) von \(n2)) in den 12 Wochen davor (p \(pText.replacingOccurrences(of: ".", with: ","))).",
                en:
                    "Alert: the share of negative feedback rose significantly in the last 4 weeks: \(pct(p1))% (\(x1) of \(n1)) against \(pct(p2))% (\(x2) of \(n2)) in the 12 weeks before (p \(pText))."
            )
            : Localized(
                de:
                    "Kein signifikanter Anstieg negativer Rückmeldungen: letzte 4 Wochen \(pct(p1).replacingOccurrences(of: ".", with: ",")) % (\(x1) von \(n1)), 12 Wochen davor \(pct(p2).replacingOccurrences(of: ".", with: ",")) % (\(x2) von \(n2)) (p \(pText.replacingOccurrences(of: ".", with: ","))).",
                en:
                    "No significant rise in negative feedback: last 4 weeks \(pct(p1))% (\(x1) of \(n1)), 12 weeks before \(pct(p2))% (\(x2) of \(n2)) (p \(pText))."
            )
        return alert
    }
}
