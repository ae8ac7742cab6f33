import Foundation
import ObhutAnalytics
import ObhutCore

/// The `segments` activity, first model: RFM quintile scores per customer (recency of the last
/// order, number of orders, money spent) and the named segment they fall into, with the three
/// scores as the explanation. Customers in scope without orders get no segment.
///
/// Clustering on behavioural features (k-means) joins this activity in a later model version.
public struct RFMSegmentsAnalysis: Analysis {
    public let modelVersion = "rfm-quintiles-1"

    public init() {}

    public func run(scope: Scope, seed: UInt64) throws -> AnalysisOutput {
        guard let orders = scope.orders, let at = orders.orderedAt, let quantity = orders.quantity, let price = orders.unitPriceMinor,
            let orderNumbers = orders.order
        else {
            return AnalysisOutput(perPerson: [])
        }
        let n = scope.people.count
        var last = [Int64](repeating: .min, count: n)
        var spent = [Int64](repeating: 0, count: n)
        var orderCount = [Int](repeating: 0, count: n)
        var lastOrder = [Int32](repeating: -1, count: n)
        let discount = orders.discountMinor
        for i in 0..<orders.count {
            let p = Int(orders.person[i])
            last[p] = max(last[p], at[i])
            spent[p] += Int64((quantity[i] * Double(price[i])).rounded()) - (discount?[i] ?? 0)
            // Lines of one order are adjacent in the scope, so counting changes counts orders.
            if lastOrder[p] != orderNumbers[i] {
                orderCount[p] += 1
                lastOrder[p] = orderNumbers[i]
            }
        }
        let buyers = (0..<n).filter { orderCount[$0] > 0 }
        let now = Int64(scope.asOf.timeIntervalSince1970)
        let recency = buyers.map { Double(max(0, now - last[$0])) / 86_400 }
        let scores = try RFM.scores(
            recencyDays: recency, frequency: buyers.map { Double(orderCount[$0]) }, monetary: buyers.map { Double(spent[$0]) })
        var results: [PersonResult] = []
        results.reserveCapacity(buyers.count)
        for (k, p) in buyers.enumerated() {
            let s = scores[k]
            let segment = s.segment
            let days = Int(recency[k].rounded())
            let euros = Double(spent[p]) / 100
            let value =
                "{\"segment\":\"\(segment.rawValue)\",\"r\":\(s.recency),\"f\":\(s.frequency),\"m\":\(s.monetary),\"recencyDays\":\(days),\"orders\":\(orderCount[p]),\"spentMinor\":\(spent[p])}"
            let explanation = Explanation(
                summary: Localized(
                    de: "\(segment.germanName): \(segment.germanDescription) (R\(s.recency) F\(s.frequency) M\(s.monetary))",
                    en: "\(segment.englishName): \(segment.englishDescription) (R\(s.recency) F\(s.frequency) M\(s.monetary))"),
                factors: [
                    .init(
                        name: Localized(de: "Tage seit der letzten Bestellung", en: "Days since the last order"), value: String(days),
                        contribution: Double(s.recency)),
                    .init(name: Localized(de: "Bestellungen", en: "Orders"), value: String(orderCount[p]), contribution: Double(s.frequency)),
                    .init(name: Localized(de: "Umsatz", en: "Spent"), value: String(format: "%.2f EUR", euros), contribution: Double(s.monetary)),
                ])
            results.append(PersonResult(person: Int32(p), kind: "segment", valueJSON: value, explanation: explanation))
        }
        var sizes: [String: Int] = [:]
        for s in scores { sizes[s.segment.rawValue, default: 0] += 1 }
        let summary =
            "{\"segments\":{" + sizes.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",")
            + "},\"customersWithOrders\":\(buyers.count)}"
        return AnalysisOutput(perPerson: results, summaryJSON: summary)
    }
}
