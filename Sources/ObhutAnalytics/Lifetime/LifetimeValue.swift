import Foundation

/// Customer lifetime value: discounted expected purchases times expected spend per purchase.
public enum LifetimeValue {
    /// Horizon and discounting of a lifetime value.
    public struct Options: Sendable, Equatable, Codable {
        /// Months ahead (whole months, 1...1200).
        public var horizonMonths: Int
        /// Discount rate per month (0.01 = 1 % a month); cash in month k is divided by (1 + rate)^k.
        public var monthlyDiscountRate: Double
        /// Model time units per month: 4.345 weeks (lifetimes' factor for weekly data).
        public var unitsPerMonth: Double

        public init(horizonMonths: Int = 12, monthlyDiscountRate: Double = 0.01, unitsPerMonth: Double = 4.345) {
            self.horizonMonths = horizonMonths
            self.monthlyDiscountRate = monthlyDiscountRate
            self.unitsPerMonth = unitsPerMonth
        }

        func validate() throws(CLVError) {
            guard (1...1200).contains(horizonMonths) else { throw .invalidArgument(name: "horizonMonths", reason: .badHorizon) }
            guard monthlyDiscountRate >= 0, monthlyDiscountRate.isFinite else {
                throw .invalidArgument(name: "monthlyDiscountRate", reason: .negative)
            }
            guard monthlyDiscountRate < 1 else { throw .invalidArgument(name: "monthlyDiscountRate", reason: .notBelowOne) }
            guard unitsPerMonth > 0, unitsPerMonth.isFinite else { throw .invalidArgument(name: "unitsPerMonth", reason: .notPositive) }
        }
    }

    /// CLV = Σ_{k=1..H} spend · (E[N(k·u)] − E[N((k−1)·u)]) / (1 + d)^k, with u the time units
    /// per month, E[N(t)] the BG/NBD expected purchases up to t and spend the Gamma-Gamma
    /// expected mean spend: lifetimes' `GammaGammaFitter.customer_lifetime_value` (its
    /// `_customer_lifetime_value` with `freq="W"`), so values can be compared one to one.
    ///
    /// Edge cases: a discount rate of 0 gives spend · E[N(H·u)].
    /// - Throws: ``CLVError/invalidArgument(name:reason:)`` for options out of range; errors
    ///   of ``BGNBDModel/expectedPurchases(within:frequency:recency:age:)``.
    public static func value(
        purchases model: BGNBDModel, frequency x: Double, recency tx: Double, age T: Double, expectedSpend: Double,
        options: Options = Options()
    ) throws(CLVError) -> Double {
        guard expectedSpend.isFinite else { throw .invalidArgument(name: "expectedSpend", reason: .notFinite) }
        return try expectedSpend * discountedPurchases(purchases: model, frequency: x, recency: tx, age: T, options: options)
    }

    /// Σ_{k=1..H} (E[N(k·u)] − E[N((k−1)·u)]) / (1 + d)^k: the discounted expected purchases,
    /// which times the expected spend is the lifetime value. Depends on (x, t_x, T) only, so
    /// customers with equal histories can share it.
    public static func discountedPurchases(
        purchases model: BGNBDModel, frequency x: Double, recency tx: Double, age T: Double, options: Options = Options()
    ) throws(CLVError) -> Double {
        try options.validate()
        var total = 0.0
        var previous = 0.0
        for month in 1...options.horizonMonths {
            let cumulative = try model.expectedPurchases(within: Double(month) * options.unitsPerMonth, frequency: x, recency: tx, age: T)
            total += (cumulative - previous) / pow(1 + options.monthlyDiscountRate, Double(month))
            previous = cumulative
        }
        return total
    }
}
