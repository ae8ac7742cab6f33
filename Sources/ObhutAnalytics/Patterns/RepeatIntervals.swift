import ObhutCore

/// Repeat-purchase intervals per product: the gaps in days between successive purchase days of
/// the same product by the same person, with median and quartiles.
///
/// Several lines of one product on one day count as one purchase (``PurchaseDays``), so a
/// second order on the same day is not a "0-day repeat". Quartiles are the linear-interpolation
/// quantiles (Hyndman & Fan 1996, type 7: numpy's and R's default). Only products with at least
/// ``Parameters/minimumGaps`` gaps get a statement: a median of five gaps says little.
public enum RepeatIntervals {
    public struct Parameters: Sendable, Hashable, Codable {
        /// Gaps a product needs before its interval is stated (and used for the due list).
        public var minimumGaps: Int

        public init(minimumGaps: Int = 20) {
            self.minimumGaps = minimumGaps
        }
    }

    /// The intervals of every product bought at least once.
    public static func analyse(days: PurchaseDays, productNames: [String], parameters: Parameters = Parameters()) -> RepeatIntervalsResult {
        var gaps = [[Int32]](repeating: [], count: days.productCount)
        var buyers = [Int](repeating: 0, count: days.productCount)
        var repeatBuyers = [Int](repeating: 0, count: days.productCount)
        var start = 0
        let n = days.count
        while start < n {
            var end = start + 1
            while end < n, days.person[end] == days.person[start], days.product[end] == days.product[start] { end += 1 }
            let product = Int(days.product[start])
            buyers[product] += 1
            if end - start > 1 { repeatBuyers[product] += 1 }
            for index in start + 1..<end { gaps[product].append(days.day[index] - days.day[index - 1]) }
            start = end
        }
        var products: [ProductInterval] = []
        for product in 0..<days.productCount where buyers[product] > 0 {
            gaps[product].sort()
            let sorted = gaps[product]
            let quartiles = sorted.isEmpty ? nil : (quantile(sorted, 0.25), quantile(sorted, 0.5), quantile(sorted, 0.75))
            let name = product < productNames.count ? productNames[product] : "#\(product)"
            let enough = sorted.count >= max(1, parameters.minimumGaps)
            products.append(
                ProductInterval(
                    product: product, name: name, buyers: buyers[product], repeatBuyers: repeatBuyers[product], gapCount: sorted.count,
                    lowerQuartileDays: quartiles?.0, medianDays: quartiles?.1, upperQuartileDays: quartiles?.2,
                    statement: enough ? statement(name: name, sorted: sorted) : nil))
        }
        return RepeatIntervalsResult(minimumGaps: parameters.minimumGaps, products: products)
    }

    /// Type-7 quantile of sorted values.
    static func quantile(_ sorted: [Int32], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let h = Double(sorted.count - 1) * p
        let low = Int(h.rounded(.down))
        let high = min(low + 1, sorted.count - 1)
        return Double(sorted[low]) + (h - Double(low)) * Double(sorted[high] - sorted[low])
    }

    static func statement(name: String, sorted: [Int32]) -> Localized {
        let median = NumberText.decimal(quantile(sorted, 0.5), fractionDigits: 0)
        let q1 = NumberText.decimal(quantile(sorted, 0.25), fractionDigits: 0)
        let q3 = NumberText.decimal(quantile(sorted, 0.75), fractionDigits: 0)
        let n = NumberText.count(sorted.count)
        let days = quantile(sorted, 0.5) == 1 ? ("Tag", "day") : ("Tagen", "days")
        return Localized(
            de:
                "\(name) wird nach etwa \(median.de) \(days.0) nachgekauft (die Hälfte der Nachkäufe nach \(q1.de) bis \(q3.de) Tagen; \(n.de) Abstände).",
            en:
                "\(name) is bought again after about \(median.en) \(days.1) (half of the repeat purchases after \(q1.en) to \(q3.en) days; \(n.en) intervals)."
        )
    }
}

/// The repeat-purchase interval of one product.
public struct ProductInterval: Sendable, Hashable, Codable {
    public let product: Int
    public let name: String
    /// People who bought it at least once.
    public let buyers: Int
    /// People who bought it on at least two days.
    public let repeatBuyers: Int
    /// Number of gaps between successive purchase days.
    public let gapCount: Int
    /// Quartiles of the gaps in days (nil without gaps).
    public let lowerQuartileDays: Double?
    public let medianDays: Double?
    public let upperQuartileDays: Double?
    /// Present only with at least the minimum number of gaps.
    public let statement: Localized?

    /// Whether the interval is backed by enough gaps to be stated and used.
    public var isStated: Bool { statement != nil }
}

/// Repeat-purchase intervals of all products bought.
public struct RepeatIntervalsResult: Sendable, Hashable, Codable {
    public let minimumGaps: Int
    /// One entry per product bought at least once, by product index.
    public let products: [ProductInterval]
}
