import Foundation
import ObhutCore

/// Names and describes segments from what sets them apart from everyone.
///
/// For every feature the segment mean is compared with the population mean in units of the
/// population's standard deviation ("strength"). Traits weaker than ``minimumStrength`` are not
/// mentioned; the three strongest make the description ("kaufen 3,1-mal so oft wie der
/// Durchschnitt; vor allem Garten (52 % des Umsatzes, alle: 18 %)"). The name comes from recency
/// and frequency (regulars, newcomers, lapsing, dormant, occasional), replaced by a sharper one
/// when discounts, basket size or returns dominate, with the leading category appended.
struct SegmentDescriber {
    let behaviour: CustomerBehaviour
    let labels: [Int32]
    let clusters: Int

    /// Differences below this many standard deviations are not called a trait.
    static let minimumStrength = 0.25
    /// A category is named when the segment spends at least this share on it and clearly more than everyone.
    static let categoryFocusShare = 0.2

    var overall: SegmentProfile { profile(of: nil) }

    func segments() -> [BehaviourSegment] {
        let everyone = overall
        let deviations = self.deviations(around: everyone)
        var used: [String: Int] = [:]
        return (0..<clusters).map { c in
            let p = profile(of: Int32(c))
            let traits = self.traits(of: p, everyone: everyone, deviations: deviations)
            var name = self.name(p, traits: traits)
            used[name.en, default: 0] += 1
            if let count = used[name.en], count > 1 {
                name = Localized(de: "\(name.de) (\(count))", en: "\(name.en) (\(count))")
            }
            let shown = traits.prefix(3)
            let description =
                shown.isEmpty
                ? Localized(de: "kaufen wie der Durchschnitt", en: "buy like the average customer")
                : Localized(de: shown.map(\.statement.de).joined(separator: "; "), en: shown.map(\.statement.en).joined(separator: "; "))
            return BehaviourSegment(index: c, name: name, description: description, profile: p, traits: traits)
        }
    }

    /// Mean behaviour of segment `label`, or of everyone for nil.
    func profile(of label: Int32?) -> SegmentProfile {
        let categories = behaviour.categoryNames.count
        var n = 0
        var sums = [Double](repeating: 0, count: 7)
        var shares = [Double](repeating: 0, count: categories)
        for i in 0..<behaviour.count where label == nil || labels[i] == label {
            n += 1
            sums[0] += behaviour.recencyDays[i]
            sums[1] += behaviour.orders[i]
            sums[2] += behaviour.spend[i]
            sums[3] += behaviour.averageOrderValue(i)
            sums[4] += behaviour.discountShare[i]
            sums[5] += behaviour.returnShare[i]
            sums[6] += behaviour.tenureDays[i]
            for c in 0..<categories { shares[c] += behaviour.categoryShares[i * categories + c] }
        }
        let d = Double(max(1, n))
        return SegmentProfile(
            customers: n, recencyDays: sums[0] / d, orders: sums[1] / d, spend: sums[2] / d, averageOrderValue: sums[3] / d,
            discountShare: sums[4] / d, returnShare: sums[5] / d, tenureDays: sums[6] / d, categoryShares: shares.map { $0 / d })
    }

    /// Population standard deviations: 7 behavioural values, then one per category.
    func deviations(around mean: SegmentProfile) -> [Double] {
        let categories = behaviour.categoryNames.count
        var squares = [Double](repeating: 0, count: 7 + categories)
        let means = [
            mean.recencyDays, mean.orders, mean.spend, mean.averageOrderValue, mean.discountShare, mean.returnShare, mean.tenureDays,
        ]
        for i in 0..<behaviour.count {
            let values = [
                behaviour.recencyDays[i], behaviour.orders[i], behaviour.spend[i], behaviour.averageOrderValue(i), behaviour.discountShare[i],
                behaviour.returnShare[i], behaviour.tenureDays[i],
            ]
            for k in 0..<7 { squares[k] += (values[k] - means[k]) * (values[k] - means[k]) }
            for c in 0..<categories {
                let x = behaviour.categoryShares[i * categories + c] - mean.categoryShares[c]
                squares[7 + c] += x * x
            }
        }
        let n = Double(max(1, behaviour.count))
        return squares.map { max(($0 / n).squareRoot(), 1e-12) }
    }

    func traits(of p: SegmentProfile, everyone e: SegmentProfile, deviations sd: [Double]) -> [SegmentTrait] {
        var out: [SegmentTrait] = []
        func add(_ feature: String, _ s: Double, _ o: Double, _ deviation: Double, _ label: Localized, _ statement: Localized) {
            let strength = (s - o) / deviation
            guard abs(strength) >= Self.minimumStrength else { return }
            out.append(SegmentTrait(feature: feature, segmentValue: s, overallValue: o, strength: strength, statement: statement, label: label))
        }
        let frequencyRatio = p.orders / max(e.orders, 1e-9)
        add(
            "orders", p.orders, e.orders, sd[1], Localized(de: "Bestellungen", en: "Orders"),
            frequencyRatio >= 1
                ? Localized(
                    de: "kaufen \(Number.de(frequencyRatio))-mal so oft wie der Durchschnitt",
                    en: "buy \(Number.en(frequencyRatio)) times as often as average")
                : Localized(
                    de: "kaufen seltener als der Durchschnitt (\(Number.de(p.orders)) statt \(Number.de(e.orders)) Bestellungen)",
                    en: "buy less often than average (\(Number.en(p.orders)) instead of \(Number.en(e.orders)) orders)"))
        add(
            "recency", p.recencyDays, e.recencyDays, sd[0], Localized(de: "Tage seit der letzten Bestellung", en: "Days since the last order"),
            Localized(
                de: "letzter Kauf vor durchschnittlich \(Int(p.recencyDays.rounded())) Tagen (alle: \(Int(e.recencyDays.rounded())))",
                en: "last bought \(Int(p.recencyDays.rounded())) days ago on average (all: \(Int(e.recencyDays.rounded())))"))
        let basketRatio = p.averageOrderValue / max(e.averageOrderValue, 1e-9)
        add(
            "averageOrderValue", p.averageOrderValue, e.averageOrderValue, sd[3], Localized(de: "Wert je Bestellung", en: "Value per order"),
            basketRatio >= 1
                ? Localized(
                    de: "geben je Bestellung \(Number.de(basketRatio))-mal so viel aus wie der Durchschnitt",
                    en: "spend \(Number.en(basketRatio)) times as much per order as average")
                : Localized(
                    de: "kleinere Bestellungen (\(Number.de(p.averageOrderValue)) statt \(Number.de(e.averageOrderValue)) je Bestellung)",
                    en: "smaller orders (\(Number.en(p.averageOrderValue)) instead of \(Number.en(e.averageOrderValue)) per order)"))
        add(
            "discountShare", p.discountShare, e.discountShare, sd[4], Localized(de: "Anteil mit Rabatt", en: "Share bought on discount"),
            p.discountShare >= e.discountShare
                ? Localized(
                    de:
                        "reagieren auf Rabatte (\(Number.percent(p.discountShare)) des Umsatzes rabattiert, alle: \(Number.percent(e.discountShare)))",
                    en:
                        "respond to discounts (\(Number.percent(p.discountShare)) of spend discounted, all: \(Number.percent(e.discountShare)))")
                : Localized(
                    de: "kaufen kaum mit Rabatt (\(Number.percent(p.discountShare)), alle: \(Number.percent(e.discountShare)))",
                    en: "rarely buy on discount (\(Number.percent(p.discountShare)), all: \(Number.percent(e.discountShare)))"))
        add(
            "returnShare", p.returnShare, e.returnShare, sd[5], Localized(de: "Rücksendequote", en: "Return rate"),
            p.returnShare >= e.returnShare
                ? Localized(
                    de: "senden häufiger zurück (\(Number.percent(p.returnShare)) der Artikel, alle: \(Number.percent(e.returnShare)))",
                    en: "return more often (\(Number.percent(p.returnShare)) of items, all: \(Number.percent(e.returnShare)))")
                : Localized(
                    de: "senden selten zurück (\(Number.percent(p.returnShare)), alle: \(Number.percent(e.returnShare)))",
                    en: "rarely return (\(Number.percent(p.returnShare)), all: \(Number.percent(e.returnShare)))"))
        add(
            "tenure", p.tenureDays, e.tenureDays, sd[6], Localized(de: "Kunde seit (Tage)", en: "Customer for (days)"),
            Localized(
                de: "seit durchschnittlich \(Number.duration(p.tenureDays, .de)) Kunde (alle: \(Number.duration(e.tenureDays, .de)))",
                en: "customers for \(Number.duration(p.tenureDays, .en)) on average (all: \(Number.duration(e.tenureDays, .en)))"))
        for (c, category) in behaviour.categoryNames.enumerated()
        where p.categoryShares[c] >= Self.categoryFocusShare && p.categoryShares[c] > e.categoryShares[c] {
            add(
                "category:" + category, p.categoryShares[c], e.categoryShares[c], sd[7 + c],
                Localized(de: "Anteil \(category)", en: "Share \(category)"),
                Localized(
                    de: "vor allem \(category) (\(Number.percent(p.categoryShares[c])) des Umsatzes, alle: \(Number.percent(e.categoryShares[c])))",
                    en: "mostly \(category) (\(Number.percent(p.categoryShares[c])) of spend, all: \(Number.percent(e.categoryShares[c])))"))
        }
        return out.sorted { abs($0.strength) > abs($1.strength) || (abs($0.strength) == abs($1.strength) && $0.feature < $1.feature) }
    }

    /// A short name from recency and frequency, sharpened by a dominant discount, basket or return
    /// trait, with the leading category.
    func name(_ p: SegmentProfile, traits: [SegmentTrait]) -> Localized {
        func strength(_ feature: String) -> Double { traits.first { $0.feature == feature }?.strength ?? 0 }
        let recent = strength("recency") <= -Self.minimumStrength
        let lapsed = strength("recency") >= Self.minimumStrength
        let frequent = strength("orders") >= Self.minimumStrength
        let rare = strength("orders") <= -Self.minimumStrength
        let young = strength("tenure") <= -Self.minimumStrength
        var name: Localized
        switch (recent, lapsed, frequent, rare) {
        case (true, _, true, _): name = Localized(de: "Stammkundschaft", en: "Regulars")
        case (true, _, _, _) where young || rare: name = Localized(de: "Neue Kundschaft", en: "Newcomers")
        case (_, true, true, _): name = Localized(de: "Abwandernde Stammkundschaft", en: "Lapsing regulars")
        case (_, true, _, _): name = Localized(de: "Schlafende Kundschaft", en: "Dormant customers")
        case (_, _, true, _): name = Localized(de: "Häufige Käufer", en: "Frequent buyers")
        default: name = Localized(de: "Gelegenheitskundschaft", en: "Occasional buyers")
        }
        // A trait of at least 0.8 deviations that leads the list names the segment instead.
        if let lead = traits.first(where: { !$0.feature.hasPrefix("category:") }), lead.strength >= 0.8 {
            switch lead.feature {
            case "discountShare": name = Localized(de: "Schnäppchenjäger", en: "Bargain hunters")
            case "averageOrderValue": name = Localized(de: "Großeinkäufer", en: "Big-basket buyers")
            case "returnShare": name = Localized(de: "Häufige Rücksender", en: "Frequent returners")
            default: break
            }
        }
        if let category = traits.first(where: { $0.feature.hasPrefix("category:") }) {
            let label = String(category.feature.dropFirst("category:".count))
            name = Localized(de: "\(name.de) – \(label)", en: "\(name.en) – \(label)")
        }
        return name
    }
}

/// Numbers as people read them: German with a decimal comma.
enum Number {
    static func en(_ x: Double) -> String { String(format: x >= 10 ? "%.0f" : "%.1f", x) }
    static func de(_ x: Double) -> String { en(x).replacingOccurrences(of: ".", with: ",") }
    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded())) %" }
    static func duration(_ days: Double, _ l: Language) -> String {
        if days >= 365 {
            let years = days / 365.25
            return l == .de ? "\(de(years)) Jahren" : "\(en(years)) years"
        }
        let months = days / 30.44
        if months >= 1 { return l == .de ? "\(Int(months.rounded())) Monaten" : "\(Int(months.rounded())) months" }
        return l == .de ? "\(Int(days.rounded())) Tagen" : "\(Int(days.rounded())) days"
    }
}
