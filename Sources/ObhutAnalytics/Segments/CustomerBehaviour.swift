/// Buying behaviour of customers, one value per customer in each column: what behavioural
/// segmentation clusters on and describes.
///
/// Units: days for recency and tenure, the shop's currency (not minor units) for spend, shares
/// in [0, 1]. Spend is net of returns and discounts; a customer whose returns exceed their
/// purchases has spend 0 (clamped), never a negative logarithm.
public struct CustomerBehaviour: Sendable, Equatable {
    /// Days from the last order to the as-of date.
    public var recencyDays: [Double]
    /// Number of orders.
    public var orders: [Double]
    /// Money spent, net.
    public var spend: [Double]
    /// Share of the gross value bought with a discount.
    public var discountShare: [Double]
    /// Returned quantity as a share of the quantity bought.
    public var returnShare: [Double]
    /// Days from the first order to the as-of date.
    public var tenureDays: [Double]
    /// Category names (columns of ``categoryShares``); empty when categories are not declared.
    public var categoryNames: [String]
    /// Share of each customer's gross value per category, row-major (`count × categoryNames.count`).
    public var categoryShares: [Double]

    public var count: Int { recencyDays.count }

    public init(
        recencyDays: [Double], orders: [Double], spend: [Double], discountShare: [Double], returnShare: [Double], tenureDays: [Double],
        categoryNames: [String] = [], categoryShares: [Double] = []
    ) {
        self.recencyDays = recencyDays
        self.orders = orders
        self.spend = spend
        self.discountShare = discountShare
        self.returnShare = returnShare
        self.tenureDays = tenureDays
        self.categoryNames = categoryNames
        self.categoryShares = categoryShares
    }

    /// Checks shapes and values, naming the first offending column and row.
    func validate() throws(ClusteringError) {
        let n = count
        let columns: [(String, [Double])] = [
            ("orders", orders), ("spend", spend), ("discountShare", discountShare), ("returnShare", returnShare), ("tenureDays", tenureDays),
        ]
        for (index, (_, values)) in columns.enumerated() where values.count != n {
            throw .shapeMismatch(expected: "\(n) values in column \(index + 1)", actual: values.count)
        }
        guard categoryShares.count == n * categoryNames.count else {
            throw .shapeMismatch(expected: "\(n * categoryNames.count) category shares", actual: categoryShares.count)
        }
        for (column, values) in ([("recencyDays", recencyDays)] + columns).enumerated() {
            if let bad = values.1.firstIndex(where: { !$0.isFinite || $0 < 0 }) { throw .notFinite(row: bad, column: column) }
        }
        if let bad = categoryShares.firstIndex(where: { !$0.isFinite }) {
            throw .notFinite(row: bad / max(1, categoryNames.count), column: 6 + bad % max(1, categoryNames.count))
        }
    }

    /// Average order value of customer `i` (spend per order; 0 without orders).
    func averageOrderValue(_ i: Int) -> Double { orders[i] > 0 ? spend[i] / orders[i] : 0 }
}
