/// Who is due to buy a product again: the person's last purchase day plus the product's median
/// repeat interval (or the person's own median when they have at least
/// ``Parameters/personalGaps`` gaps for it), compared with the as-of day.
///
/// Returned by person index, for the privacy kernel to map back; this is a per-person result
/// and stays out of ``PurchasePatternSummary``. Only products whose interval is stated (enough
/// gaps) are used, and only people who bought the product on at least
/// ``Parameters/minimumPurchases`` days.
public enum DueList {
    public struct Parameters: Sendable, Hashable, Codable {
        /// Due within this many days after as-of counts as "due soon".
        public var lookAheadDays: Int
        /// Up to this many days past due counts as "overdue"; later ones are left out (they
        /// have probably stopped buying it).
        public var overdueDays: Int
        /// Purchase days of the product a person needs to be listed.
        public var minimumPurchases: Int
        /// Gaps of their own a person needs before their personal median is used.
        public var personalGaps: Int

        public init(lookAheadDays: Int = 7, overdueDays: Int = 14, minimumPurchases: Int = 2, personalGaps: Int = 3) {
            self.lookAheadDays = lookAheadDays
            self.overdueDays = overdueDays
            self.minimumPurchases = minimumPurchases
            self.personalGaps = personalGaps
        }
    }

    /// The due person-product pairs, by person index and then product index.
    public static func find(days: PurchaseDays, intervals: RepeatIntervalsResult, parameters: Parameters = Parameters()) -> [DuePurchase] {
        var productMedian = [Double?](repeating: nil, count: days.productCount)
        for interval in intervals.products where interval.isStated && interval.product < days.productCount {
            productMedian[interval.product] = interval.medianDays
        }
        var result: [DuePurchase] = []
        var own: [Int32] = []
        var start = 0
        let n = days.count
        while start < n {
            var end = start + 1
            while end < n, days.person[end] == days.person[start], days.product[end] == days.product[start] { end += 1 }
            defer { start = end }
            let product = Int(days.product[start])
            guard end - start >= max(1, parameters.minimumPurchases), let median = productMedian[product] else { continue }
            var interval = median
            var source = DuePurchase.IntervalSource.product
            if end - start - 1 >= max(1, parameters.personalGaps) {
                own.removeAll(keepingCapacity: true)
                for index in start + 1..<end { own.append(days.day[index] - days.day[index - 1]) }
                own.sort()
                interval = RepeatIntervals.quantile(own, 0.5)
                source = .personal
            }
            let last = Int64(days.day[end - 1])
            let due = last + Int64(interval.rounded())
            let until = Int(due - days.asOfDay)
            let status: DuePurchase.Status
            if until >= 0, until <= parameters.lookAheadDays {
                status = .dueSoon
            } else if until < 0, -until <= parameters.overdueDays {
                status = .overdue
            } else {
                continue
            }
            result.append(
                DuePurchase(
                    person: days.person[start], product: Int32(product), lastPurchaseDay: last, dueDay: due, daysUntilDue: until,
                    intervalDays: interval, intervalSource: source, status: status))
        }
        return result
    }
}

/// One person due to buy one product again.
public struct DuePurchase: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        case dueSoon = "due_soon"
        case overdue
    }

    public enum IntervalSource: String, Sendable, Hashable, Codable {
        /// The product's median over all buyers.
        case product
        /// The person's own median for this product.
        case personal
    }

    /// Person index in the scope (mapped back by the privacy kernel).
    public let person: Int32
    public let product: Int32
    /// Local day numbers.
    public let lastPurchaseDay: Int64
    public let dueDay: Int64
    /// Negative when overdue.
    public let daysUntilDue: Int
    public let intervalDays: Double
    public let intervalSource: IntervalSource
    public let status: Status
}
