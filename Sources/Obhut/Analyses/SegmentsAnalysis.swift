import Foundation
import ObhutAnalytics
import ObhutCore

/// The `segments` activity: per consenting customer with orders, the RFM quintile segment
/// (recency, frequency, monetary; named segments such as Champions or At risk) and the
/// behavioural segment from k-means on standardised buying behaviour (k chosen by silhouette,
/// described in plain words from what sets it apart). Both come with their explanation.
///
/// Below ``SegmentationOptions/minimumCustomers`` buyers only RFM scores are given (the summary
/// says why): clusters of a handful of people would describe individuals, not groups.
public struct SegmentsAnalysis: Analysis {
    public let modelVersion = "rfm-kmeans-2"
    public var options: SegmentationOptions

    public init(options: SegmentationOptions = .init()) {
        self.options = options
    }

    public func run(scope: Scope, seed: UInt64) throws -> AnalysisOutput {
        guard let orders = scope.orders, let at = orders.orderedAt, let quantity = orders.quantity, let price = orders.unitPriceMinor,
            let orderNumbers = orders.order
        else {
            return AnalysisOutput(perPerson: [])
        }
        let history = PurchaseHistory(scope: scope, orders: orders, at: at, quantity: quantity, price: price, orderNumbers: orderNumbers)
        let buyers = history.buyers
        let recency = buyers.map { history.recencyDays($0) }
        let scores = try RFM.scores(
            recencyDays: recency, frequency: buyers.map { Double(history.orderCount[$0]) },
            monetary: buyers.map { Double(history.spent[$0]) })

        let behaviour = history.behaviour()
        var segmentation: BehaviourSegmentation?
        var clusteringNote: Localized?
        if buyers.count >= SegmentationOptions.minimumCustomers {
            var o = options
            o.seed = seed
            segmentation = try BehaviourSegmentation.fit(behaviour, options: o)
        } else {
            clusteringNote = Localized(
                de: "Zu wenige Kunden mit Bestellungen für Verhaltenssegmente (\(buyers.count), mindestens \(SegmentationOptions.minimumCustomers)).",
                en: "Too few customers with orders for behavioural segments (\(buyers.count), at least \(SegmentationOptions.minimumCustomers)).")
        }

        var results: [PersonResult] = []
        results.reserveCapacity(buyers.count)
        for (k, p) in buyers.enumerated() {
            let s = scores[k]
            let segment = s.segment
            let days = Int(recency[k].rounded())
            var value =
                "{\"segment\":\"\(segment.rawValue)\",\"r\":\(s.recency),\"f\":\(s.frequency),\"m\":\(s.monetary),\"recencyDays\":\(days),\"orders\":\(history.orderCount[p]),\"spentMinor\":\(history.spent[p])"
            var summary = Localized(
                de: "\(segment.germanName): \(segment.germanDescription) (R\(s.recency) F\(s.frequency) M\(s.monetary))",
                en: "\(segment.englishName): \(segment.englishDescription) (R\(s.recency) F\(s.frequency) M\(s.monetary))")
            var factors: [Explanation.Factor] = [
                .init(
                    name: Localized(de: "Tage seit der letzten Bestellung", en: "Days since the last order"), value: String(days),
                    contribution: Double(s.recency)),
                .init(name: Localized(de: "Bestellungen", en: "Orders"), value: String(history.orderCount[p]), contribution: Double(s.frequency)),
                .init(
                    name: Localized(de: "Umsatz", en: "Spent"), value: String(format: "%.2f EUR", Double(history.spent[p]) / 100),
                    contribution: Double(s.monetary)),
            ]
            if let segmentation {
                let cluster = segmentation.segments[Int(segmentation.labels[k])]
                value += ",\"cluster\":\(cluster.index),\"clusterName\":\(jsonString(cluster.name.en))"
                let why = segmentation.explanation(forCustomer: k, behaviour: behaviour)
                summary = Localized(de: summary.de + ". " + why.summary.de, en: summary.en + ". " + why.summary.en)
                factors += why.factors
            }
            value += "}"
            results.append(
                PersonResult(person: Int32(p), kind: "segment", valueJSON: value, explanation: Explanation(summary: summary, factors: factors)))
        }
        var sizes: [String: Int] = [:]
        for s in scores { sizes[s.segment.rawValue, default: 0] += 1 }
        let summary = SegmentsSummary(
            segments: sizes, customersWithOrders: buyers.count, clusters: segmentation?.segments, candidates: segmentation?.candidates,
            stability: segmentation?.stability, overall: segmentation?.overall, features: segmentation?.featureNames, note: clusteringNote)
        return AnalysisOutput(perPerson: results, summaryJSON: try JSON.encode(summary))
    }

    private func jsonString(_ s: String) -> String {
        String(decoding: (try? JSONEncoder().encode(s)) ?? Data("\"\"".utf8), as: UTF8.self)
    }
}

/// What a `segments` run stores as its summary (aggregates only).
public struct SegmentsSummary: Sendable, Codable {
    /// RFM segment id → customers.
    public var segments: [String: Int]
    public var customersWithOrders: Int
    public var clusters: [BehaviourSegment]?
    public var candidates: [BehaviourSegmentation.Candidate]?
    public var stability: Double?
    public var overall: SegmentProfile?
    public var features: [String]?
    /// Why there are no behavioural segments, if there are none.
    public var note: Localized?
}

/// Per-person purchase facts of a scope's order lines, by person index.
struct PurchaseHistory {
    let count: Int
    var first: [Int64], last: [Int64]
    var spent: [Int64], gross: [Int64], discounted: [Int64]
    var bought: [Double], returned: [Double]
    var orderCount: [Int]
    /// Gross value per category, row-major by person (empty without categories).
    var categoryValue: [Double]
    let categoryNames: [String]
    let asOf: Int64

    init(scope: Scope, orders: OrderTable, at: [Int64], quantity: [Double], price: [Int64], orderNumbers: [Int32]) {
        let n = scope.people.count
        count = n
        asOf = Int64(scope.asOf.timeIntervalSince1970)
        first = [Int64](repeating: .max, count: n)
        last = [Int64](repeating: .min, count: n)
        spent = [Int64](repeating: 0, count: n)
        gross = spent
        discounted = spent
        bought = [Double](repeating: 0, count: n)
        returned = bought
        orderCount = [Int](repeating: 0, count: n)
        // Categories: only when the scope declares both the product of a line and its category.
        var categoryOfProduct: [Int32] = []
        var names: [String] = []
        if orders.product != nil, let categories = scope.products?.categories {
            var index: [String: Int32] = [:]
            categoryOfProduct = categories.map { c in
                guard let c else { return -1 }
                if let i = index[c] { return i }
                index[c] = Int32(names.count)
                names.append(c)
                return Int32(names.count - 1)
            }
        }
        categoryNames = names
        categoryValue = [Double](repeating: 0, count: names.isEmpty ? 0 : n * names.count)
        var lastOrder = [Int32](repeating: -1, count: n)
        let discount = orders.discountMinor
        for i in 0..<orders.count {
            let p = Int(orders.person[i])
            first[p] = min(first[p], at[i])
            last[p] = max(last[p], at[i])
            let value = Int64((quantity[i] * Double(price[i])).rounded())
            let off = discount?[i] ?? 0
            spent[p] += value - off
            if quantity[i] > 0 {
                gross[p] += value
                bought[p] += quantity[i]
                if off > 0 { discounted[p] += value }
                if !names.isEmpty, let product = orders.product?[i] {
                    let c = categoryOfProduct[Int(product)]
                    if c >= 0 { categoryValue[p * names.count + Int(c)] += Double(value) }
                }
            } else {
                returned[p] -= quantity[i]
            }
            // Lines of one order are adjacent in the scope, so counting changes counts orders.
            if lastOrder[p] != orderNumbers[i] {
                orderCount[p] += 1
                lastOrder[p] = orderNumbers[i]
            }
        }
    }

    var buyers: [Int] { (0..<count).filter { orderCount[$0] > 0 } }

    func recencyDays(_ p: Int) -> Double { Double(max(0, asOf - last[p])) / 86_400 }

    /// The behaviour of the buyers, in the order of ``buyers``.
    func behaviour() -> CustomerBehaviour {
        let b = buyers
        let c = categoryNames.count
        var shares = [Double](repeating: 0, count: b.count * c)
        if c > 0 {
            for (k, p) in b.enumerated() {
                let total = (0..<c).reduce(0.0) { $0 + categoryValue[p * c + $1] }
                guard total > 0 else { continue }
                for j in 0..<c { shares[k * c + j] = categoryValue[p * c + j] / total }
            }
        }
        return CustomerBehaviour(
            recencyDays: b.map { recencyDays($0) }, orders: b.map { Double(orderCount[$0]) },
            spend: b.map { Double(max(0, spent[$0])) / 100 },
            discountShare: b.map { gross[$0] > 0 ? Double(discounted[$0]) / Double(gross[$0]) : 0 },
            returnShare: b.map { bought[$0] > 0 ? min(1, returned[$0] / bought[$0]) : 0 },
            tenureDays: b.map { Double(max(0, asOf - first[$0])) / 86_400 }, categoryNames: categoryNames, categoryShares: shares)
    }
}
