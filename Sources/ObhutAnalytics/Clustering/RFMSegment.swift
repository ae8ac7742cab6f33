/// The named customer segments of the common RFM segment map, on the recency × frequency grid of
/// quintile scores.
///
/// The grid is the widely used one (R rows, F columns, as in most RFM tutorials and the Putler /
/// rfm-package names), with its "hibernating" corner split by recency so that the customers with
/// the oldest purchases are "lost":
///
/// | R \ F | 1 | 2 | 3 | 4 | 5 |
/// |---|---|---|---|---|---|
/// | 5 | new customers | potential loyalist | potential loyalist | champions | champions |
/// | 4 | promising | potential loyalist | potential loyalist | loyal customers | loyal customers |
/// | 3 | about to sleep | about to sleep | need attention | loyal customers | loyal customers |
/// | 2 | hibernating | hibernating | at risk | at risk | can't lose them |
/// | 1 | lost | lost | at risk | at risk | can't lose them |
///
/// Monetary value does not move a customer between segments (it ranks customers within one).
/// Raw values are stable identifiers for storage and APIs; never reuse or rename them.
public enum RFMSegment: String, Sendable, Codable, CaseIterable {
    case champions = "champions"
    case loyalCustomers = "loyal_customers"
    case potentialLoyalist = "potential_loyalist"
    case newCustomers = "new_customers"
    case promising = "promising"
    case needAttention = "need_attention"
    case aboutToSleep = "about_to_sleep"
    case atRisk = "at_risk"
    case cantLoseThem = "cant_lose_them"
    case hibernating = "hibernating"
    case lost = "lost"

    /// The segment of a recency and a frequency score (each clamped to 1...5).
    public init(recency: Int, frequency: Int) {
        let r = min(5, max(1, recency)), f = min(5, max(1, frequency))
        switch (r, f) {
        case (5, 4...5): self = .champions
        case (3...4, 4...5): self = .loyalCustomers
        case (4...5, 2...3): self = .potentialLoyalist
        case (5, 1): self = .newCustomers
        case (4, 1): self = .promising
        case (3, 3): self = .needAttention
        case (3, 1...2): self = .aboutToSleep
        case (1...2, 3...4): self = .atRisk
        case (1...2, 5): self = .cantLoseThem
        case (2, 1...2): self = .hibernating
        default: self = .lost  // (1, 1...2)
        }
    }

    /// English display name.
    public var englishName: String {
        switch self {
        case .champions: "Champions"
        case .loyalCustomers: "Loyal Customers"
        case .potentialLoyalist: "Potential Loyalists"
        case .newCustomers: "New Customers"
        case .promising: "Promising"
        case .needAttention: "Need Attention"
        case .aboutToSleep: "About to Sleep"
        case .atRisk: "At Risk"
        case .cantLoseThem: "Can't Lose Them"
        case .hibernating: "Hibernating"
        case .lost: "Lost"
        }
    }

    /// German display name.
    public var germanName: String {
        switch self {
        case .champions: "Champions"
        case .loyalCustomers: "Treue Kunden"
        case .potentialLoyalist: "Potenzielle Stammkunden"
        case .newCustomers: "Neukunden"
        case .promising: "Vielversprechend"
        case .needAttention: "Brauchen Aufmerksamkeit"
        case .aboutToSleep: "Drohen einzuschlafen"
        case .atRisk: "Gefährdet"
        case .cantLoseThem: "Nicht verlieren"
        case .hibernating: "Im Winterschlaf"
        case .lost: "Verloren"
        }
    }

    /// One English sentence saying who is in the segment.
    public var englishDescription: String {
        switch self {
        case .champions: "Buy often, spend a lot and bought very recently."
        case .loyalCustomers: "Buy often and not long ago."
        case .potentialLoyalist: "Bought recently and more than once, and could become regulars."
        case .newCustomers: "Bought very recently, for the first time or rarely so far."
        case .promising: "Bought fairly recently, but only once or rarely so far."
        case .needAttention: "Buy about as often and as recently as the average customer."
        case .aboutToSleep: "Buy rarely and have not bought for a while."
        case .atRisk: "Used to buy often but have not bought for a long time."
        case .cantLoseThem: "Bought most often of all, but not for a long time."
        case .hibernating: "Bought rarely and a long time ago."
        case .lost: "Bought rarely and longest ago of all."
        }
    }

    /// One German sentence saying who is in the segment.
    public var germanDescription: String {
        switch self {
        case .champions: "Kaufen oft, viel und zuletzt vor Kurzem."
        case .loyalCustomers: "Kaufen häufig und zuletzt vor nicht allzu langer Zeit."
        case .potentialLoyalist: "Haben vor Kurzem mehrmals gekauft und könnten Stammkunden werden."
        case .newCustomers: "Haben gerade erst zum ersten Mal oder bisher selten gekauft."
        case .promising: "Haben vor nicht langer Zeit gekauft, aber bisher nur einmal oder selten."
        case .needAttention: "Liegen bei Kaufhäufigkeit und letztem Kauf im Durchschnitt."
        case .aboutToSleep: "Kaufen selten und schon eine Weile nicht mehr."
        case .atRisk: "Haben früher oft gekauft, aber schon lange nicht mehr."
        case .cantLoseThem: "Haben am häufigsten gekauft, aber schon lange nicht mehr."
        case .hibernating: "Haben selten und vor langer Zeit gekauft."
        case .lost: "Haben selten und am längsten nicht mehr gekauft."
        }
    }
}
