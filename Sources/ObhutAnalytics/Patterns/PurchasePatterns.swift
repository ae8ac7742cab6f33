import ObhutCore

/// The purchase-pattern analysis in one call: when products and categories sell, which rise and
/// fall, how soon products are bought again, and what is bought together, as one summary of
/// aggregates (no person indexes). The due list is per person and comes from ``dueList(_:asOf:parameters:)``.
///
/// Cost on five million lines (see Benchmarks/Patterns): one pass for the calendar counts of
/// products (categories are summed from them), one for the period counts, one sort of packed
/// person-product-day keys, one counting sort into baskets and a few FP-growth runs.
public enum PurchasePatterns {
    public struct Parameters: Sendable, Hashable, Codable {
        public var timing: SalesTiming.Parameters
        public var trend: SalesTrend.Parameters
        public var intervals: RepeatIntervals.Parameters
        public var baskets: BasketParameters
        /// Highlights per kind in the summary.
        public var highlights: Int

        public init(
            timing: SalesTiming.Parameters = .init(), trend: SalesTrend.Parameters = .init(), intervals: RepeatIntervals.Parameters = .init(),
            baskets: BasketParameters = .init(), highlights: Int = 5
        ) {
            self.timing = timing
            self.trend = trend
            self.intervals = intervals
            self.baskets = baskets
            self.highlights = highlights
        }
    }

    /// The summary of all purchase patterns up to `asOf` (local seconds). Lines at or after
    /// `asOf` count in no part of it.
    public static func analyse(_ lines: PurchaseLines, asOf: Int64, parameters: Parameters = Parameters()) -> PurchasePatternSummary {
        let before = lines.localSeconds.indices.filter { lines.localSeconds[$0] < asOf }
        let cut = before.count == lines.count ? lines : subset(lines, before)
        let productGroups = cut.product
        let productCount = max(lines.productNames.count, Int(cut.product.max() ?? -1) + 1)
        let names = (0..<productCount).map { $0 < lines.productNames.count ? lines.productNames[$0] : "#\($0)" }
        let hasCategories = !lines.categoryNames.isEmpty && !lines.productCategory.isEmpty

        let timingCounts = TimingCounts(localSeconds: cut.localSeconds, groups: productGroups, groupCount: productCount)
        let timingByProduct = SalesTiming.analyse(counts: timingCounts, groupNames: names, parameters: parameters.timing)
        let timingByCategory =
            hasCategories
            ? SalesTiming.analyse(
                counts: timingCounts.regrouped(by: lines.productCategory, groupCount: lines.categoryNames.count), groupNames: lines.categoryNames,
                parameters: parameters.timing) : nil

        let periodCounts = PeriodCounts(
            localSeconds: lines.localSeconds, groups: lines.product, groupCount: productCount, asOf: asOf, historyStart: nil,
            period: parameters.trend.period)
        let trendsByProduct = SalesTrend.analyse(counts: periodCounts, groupNames: names, parameters: parameters.trend)
        let trendsByCategory =
            hasCategories
            ? SalesTrend.analyse(
                counts: periodCounts.regrouped(by: lines.productCategory, groupCount: lines.categoryNames.count), groupNames: lines.categoryNames,
                parameters: parameters.trend) : nil

        let days = PurchaseDays(person: cut.person, product: cut.product, localSeconds: cut.localSeconds, asOf: asOf, productCount: productCount)
        let intervals = RepeatIntervals.analyse(days: days, productNames: names, parameters: parameters.intervals)

        let baskets = cut.order.flatMap { orders in
            BasketSummary.mine(orders: orders, products: cut.product, names: names, parameters: parameters.baskets)
        }

        var seen = [Bool](repeating: false, count: Int(cut.person.max() ?? -1) + 1)
        var personCount = 0
        for person in cut.person where person >= 0 && !seen[Int(person)] {
            seen[Int(person)] = true
            personCount += 1
        }
        return PurchasePatternSummary(
            lineCount: cut.count, linesAfterAsOf: lines.count - cut.count, personCount: personCount, productCount: productCount,
            asOfDay: LocalCalendar.day(asOf), timingByCategory: timingByCategory, timingByProduct: timingByProduct,
            trendsByCategory: trendsByCategory, trendsByProduct: trendsByProduct, repeatIntervals: intervals, baskets: baskets,
            highlights: highlights(
                timing: [timingByCategory, timingByProduct].compactMap { $0 }, trends: [trendsByCategory, trendsByProduct].compactMap { $0 },
                intervals: intervals, baskets: baskets, limit: parameters.highlights))
    }

    /// Who is due to buy a product again as of `asOf`, by person index (a per-person result:
    /// the kernel stores it with its explanation, it is not part of the summary).
    public static func dueList(
        _ lines: PurchaseLines, asOf: Int64, intervals: RepeatIntervals.Parameters = .init(), parameters: DueList.Parameters = .init()
    ) -> [DuePurchase] {
        let productCount = max(lines.productNames.count, Int(lines.product.max() ?? -1) + 1)
        let days = PurchaseDays(
            person: lines.person, product: lines.product, localSeconds: lines.localSeconds, asOf: asOf, productCount: productCount)
        let result = RepeatIntervals.analyse(days: days, productNames: lines.productNames, parameters: intervals)
        return DueList.find(days: days, intervals: result, parameters: parameters)
    }

    private static func subset(_ lines: PurchaseLines, _ kept: [Int]) -> PurchaseLines {
        PurchaseLines(
            person: kept.map { lines.person[$0] }, order: lines.order.map { order in kept.map { order[$0] } },
            product: kept.map { lines.product[$0] }, localSeconds: kept.map { lines.localSeconds[$0] }, productNames: lines.productNames,
            productCategory: lines.productCategory, categoryNames: lines.categoryNames)
    }

    /// The strongest findings as statements: real timing patterns by effect size, risers and
    /// fallers, the best-supported repeat intervals, the rules with the highest lift.
    static func highlights(
        timing: [SalesTimingResult], trends: [SalesTrendResult], intervals: RepeatIntervalsResult, baskets: BasketSummary?, limit: Int
    ) -> [Localized] {
        var result: [Localized] = []
        for analysis in timing {
            let profiles = analysis.groups.flatMap { [$0.season, $0.month, $0.hourByWeekday] }.filter { $0.verdict == .realPattern }
            result += profiles.sorted { ($0.test?.cramersV ?? 0) > ($1.test?.cramersV ?? 0) }.prefix(limit).map(\.statement)
        }
        for analysis in trends {
            let byGroup = Dictionary(analysis.groups.map { ($0.group, $0) }, uniquingKeysWith: { first, _ in first })
            result += (analysis.topRising.prefix(limit) + analysis.topFalling.prefix(limit)).compactMap { byGroup[$0]?.statement }
        }
        result += intervals.products.filter(\.isStated).sorted { ($0.gapCount, -$0.product) > ($1.gapCount, -$1.product) }.prefix(limit)
            .compactMap(\.statement)
        if let baskets { result += baskets.rules.prefix(limit).map(\.statement) }
        return result
    }
}

/// Everything ``PurchasePatterns/analyse(_:asOf:parameters:)`` found, aggregates only.
public struct PurchasePatternSummary: Sendable, Hashable, Codable {
    public let lineCount: Int
    public let linesAfterAsOf: Int
    public let personCount: Int
    public let productCount: Int
    /// Local day number of the as-of instant.
    public let asOfDay: Int64
    /// Nil when the products have no categories.
    public let timingByCategory: SalesTimingResult?
    public let timingByProduct: SalesTimingResult
    public let trendsByCategory: SalesTrendResult?
    public let trendsByProduct: SalesTrendResult
    public let repeatIntervals: RepeatIntervalsResult
    /// Nil when the lines carry no order numbers.
    public let baskets: BasketSummary?
    /// The strongest statements of all parts, for a first screen.
    public let highlights: [Localized]
}
