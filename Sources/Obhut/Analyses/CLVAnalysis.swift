import Foundation
import ObhutAnalytics
import ObhutCore

/// The `clv` activity: per consenting customer with orders, the probability of still being
/// active (BG/NBD), expected purchases and spend over the next 12 months (Gamma-Gamma), the
/// discounted lifetime value over that horizon, and a churn-risk flag with its reason.
///
/// The whole history up to the run is the calibration period; a purchase is a distinct purchase
/// day in the shop's local time (Europe/Berlin), spend is net of discounts and returns.
public struct CLVAnalysis: Analysis {
    public let modelVersion = "bgnbd-gg-1"
    public var options: LifetimeValue.Options
    /// P(alive) below this flags a churn risk.
    public var churnThreshold: Double

    public init(options: LifetimeValue.Options = .init(), churnThreshold: Double = 0.5) {
        self.options = options
        self.churnThreshold = churnThreshold
    }

    public func run(scope: Scope, seed: UInt64) throws -> AnalysisOutput {
        guard let orders = scope.orders, let at = orders.orderedAt, let quantity = orders.quantity, let price = orders.unitPriceMinor else {
            return AnalysisOutput(perPerson: [])
        }
        let discount = orders.discountMinor
        var records = PurchaseRecords()
        for i in 0..<orders.count {
            let local = at[i] + Int64(PurchaseLinesBuilder.zone.offset(atUTC: at[i]))
            let day = Int32(clamping: PurchaseRecords.day(fromSeconds: local))
            let value = (quantity[i] * Double(price[i])).rounded() - Double(discount?[i] ?? 0)
            try records.append(person: orders.person[i], day: day, amount: value / 100)
        }
        let asOfDay = Int32(clamping: PurchaseRecords.day(fromSeconds: PurchaseLinesBuilder.local(scope.asOf)))
        let summary = try TransactionSummary(records: records, calibrationEnd: asOfDay, observationEnd: asOfDay)
        let purchases = try BGNBDModel.fit(summary)
        let spend = try GammaGammaModel.fit(summary)
        let horizonWeeks = Double(options.horizonMonths) * options.unitsPerMonth
        var results: [PersonResult] = []
        results.reserveCapacity(summary.count)
        var totalValue = 0.0
        var atRisk = 0
        // Everything but the spend depends on (x, t_x, T) only, which many customers share (days are
        // whole, so there are far fewer histories than customers): computed once per history.
        struct History: Hashable { let x: Double, tx: Double, T: Double }
        var cache: [History: (expected: Double, discounted: Double, churn: ChurnRisk)] = [:]
        for k in 0..<summary.count {
            let x = summary.frequency[k], tx = summary.recency[k], T = summary.age[k]
            let history = History(x: x, tx: tx, T: T)
            let shared: (expected: Double, discounted: Double, churn: ChurnRisk)
            if let known = cache[history] {
                shared = known
            } else {
                shared = (
                    try purchases.model.expectedPurchases(within: horizonWeeks, frequency: x, recency: tx, age: T),
                    try LifetimeValue.discountedPurchases(purchases: purchases.model, frequency: x, recency: tx, age: T, options: options),
                    try ChurnRisk(model: purchases.model, frequency: x, recency: tx, age: T, threshold: churnThreshold)
                )
                cache[history] = shared
            }
            let expected = shared.expected
            let meanSpend = try spend.model.expectedMeanSpend(frequency: x, meanSpend: summary.meanRepeatSpend[k])
            let value = meanSpend * shared.discounted
            let churn = shared.churn
            totalValue += value
            if churn.atRisk { atRisk += 1 }
            let alive = Int((churn.probabilityAlive * 100).rounded())
            let months = options.horizonMonths
            let explanation = Explanation(
                summary: Localized(
                    de:
                        "Kundenwert \(months) Monate: \(Self.euro(value, .de)) (abgezinst); noch aktiv mit \(alive) % Wahrscheinlichkeit; erwartet \(Self.decimal(expected, .de)) Käufe zu je \(Self.euro(meanSpend, .de)). "
                        + churn.reason.de,
                    en:
                        "Lifetime value over \(months) months: \(Self.euro(value, .en)) (discounted); still active with \(alive) % probability; expected \(Self.decimal(expected, .en)) purchases of \(Self.euro(meanSpend, .en)) each. "
                        + churn.reason.en),
                factors: [
                    .init(
                        name: Localized(de: "Wiederholungskäufe (Kauftage − 1)", en: "Repeat purchases (purchase days − 1)"), value: String(Int(x)),
                        contribution: x),
                    .init(
                        name: Localized(de: "Wochen seit dem letzten Kauf", en: "Weeks since the last purchase"), value: Self.decimal(T - tx, .en),
                        contribution: -(T - tx)),
                    .init(
                        name: Localized(de: "Wochen seit dem ersten Kauf", en: "Weeks since the first purchase"), value: Self.decimal(T, .en),
                        contribution: 0),
                    .init(
                        name: Localized(de: "Mittlerer Umsatz der Wiederholungskäufe", en: "Mean spend of repeat purchases"),
                        value: Self.euro(summary.meanRepeatSpend[k], .en), contribution: summary.meanRepeatSpend[k]),
                ])
            let valueJSON = try JSON.encode(
                CLVResult(
                    probabilityAlive: churn.probabilityAlive, expectedPurchases: expected, expectedSpendPerPurchase: meanSpend, value: value,
                    horizonMonths: months, churnRisk: churn.atRisk))
            results.append(PersonResult(person: summary.persons[k], kind: "clv", valueJSON: valueJSON, explanation: explanation))
        }
        let summaryJSON = try JSON.encode(
            CLVSummary(
                r: purchases.model.r, alpha: purchases.model.alpha, a: purchases.model.a, b: purchases.model.b, p: spend.model.p, q: spend.model.q,
                v: spend.model.v, logLikelihood: purchases.logLikelihood, customers: summary.count, spendModelCustomers: spend.customers,
                totalValue: totalValue, atRisk: atRisk, horizonMonths: options.horizonMonths, monthlyDiscountRate: options.monthlyDiscountRate,
                churnThreshold: churnThreshold))
        return AnalysisOutput(perPerson: results, summaryJSON: summaryJSON)
    }

    static func euro(_ x: Double, _ l: Language) -> String { l.decimal(x, digits: 2) + " EUR" }

    static func decimal(_ x: Double, _ l: Language) -> String { l.decimal(x, digits: 1) }
}

/// The stored value of one `clv` result.
public struct CLVResult: Sendable, Codable, Equatable {
    public var probabilityAlive: Double
    public var expectedPurchases: Double
    public var expectedSpendPerPurchase: Double
    public var value: Double
    public var horizonMonths: Int
    public var churnRisk: Bool
}

extension CLVResult {
    /// Reads a stored result as its `Codable` form writes it, without `JSONDecoder` (see `JSONNode`).
    public init(json: JSONNode) throws {
        guard let months = json["horizonMonths"]?.int else { throw JSONReadError.shape(member: "horizonMonths") }
        guard let churn = json["churnRisk"]?.bool else { throw JSONReadError.shape(member: "churnRisk") }
        self.init(
            probabilityAlive: try json.requiredNumber("probabilityAlive"), expectedPurchases: try json.requiredNumber("expectedPurchases"),
            expectedSpendPerPurchase: try json.requiredNumber("expectedSpendPerPurchase"), value: try json.requiredNumber("value"),
            horizonMonths: months, churnRisk: churn)
    }
}

/// What a `clv` run stores as its summary: the fitted parameters (named as in the papers) and totals.
public struct CLVSummary: Sendable, Codable, Equatable {
    public var r: Double
    public var alpha: Double
    public var a: Double
    public var b: Double
    public var p: Double
    public var q: Double
    public var v: Double
    public var logLikelihood: Double
    public var customers: Int
    public var spendModelCustomers: Int
    public var totalValue: Double
    public var atRisk: Int
    public var horizonMonths: Int
    public var monthlyDiscountRate: Double
    public var churnThreshold: Double
}
