import ObhutCore

extension BehaviourSegmentation {
    /// Why customer `i` is in their segment: the segment's name and description, and for each of
    /// its three strongest traits the customer's own value next to the segment's and everyone's
    /// mean. Contribution = how many population deviations the customer's value lies from the
    /// population mean in the trait's direction (positive: the customer shares the trait).
    public func explanation(forCustomer i: Int, behaviour: CustomerBehaviour) -> Explanation {
        let segment = segments[Int(labels[i])]
        let categories = behaviour.categoryNames.count
        let factors = segment.traits.prefix(3).map { trait -> Explanation.Factor in
            let own: Double
            switch trait.feature {
            case "orders": own = behaviour.orders[i]
            case "recency": own = behaviour.recencyDays[i]
            case "averageOrderValue": own = behaviour.averageOrderValue(i)
            case "discountShare": own = behaviour.discountShare[i]
            case "returnShare": own = behaviour.returnShare[i]
            case "tenure": own = behaviour.tenureDays[i]
            default:
                let name = String(trait.feature.dropFirst("category:".count))
                let c = behaviour.categoryNames.firstIndex(of: name) ?? 0
                own = categories > 0 ? behaviour.categoryShares[i * categories + c] : 0
            }
            let isShare = trait.feature.hasSuffix("Share") || trait.feature.hasPrefix("category:")
            let isMoney = trait.feature == "averageOrderValue"
            func show(_ x: Double, _ l: Language) -> String {
                if isShare { return Number.percent(x) }
                if isMoney || x < 10 { return l == .de ? Number.de(x) : Number.en(x) }
                return String(Int(x.rounded()))
            }
            let deviation = abs(trait.segmentValue - trait.overallValue) / max(abs(trait.strength), 1e-12)
            let direction: Double = trait.strength >= 0 ? 1 : -1
            let ownText = isShare || isMoney ? show(own, .en) : String(Int(own.rounded()))
            return Explanation.Factor(
                name: Localized(
                    de: "\(trait.label.de) (Segment ⌀ \(show(trait.segmentValue, .de)), alle ⌀ \(show(trait.overallValue, .de)))",
                    en: "\(trait.label.en) (segment avg \(show(trait.segmentValue, .en)), all avg \(show(trait.overallValue, .en)))"),
                value: ownText,
                contribution: direction * (own - trait.overallValue) / max(deviation, 1e-12))
        }
        return Explanation(
            summary: Localized(
                de: "Segment „\(segment.name.de)“: \(segment.description.de)", en: "Segment “\(segment.name.en)”: \(segment.description.en)"),
            factors: Array(factors))
    }
}
