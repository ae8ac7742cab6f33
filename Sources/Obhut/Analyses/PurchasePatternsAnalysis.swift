import Foundation
import ObhutAnalytics
import ObhutCore
import ObhutImport

/// The `purchase-patterns` activity: when products and categories sell (with a test that says
/// whether a pattern is real), rising and falling products, repeat-purchase intervals and what is
/// bought together. Aggregates only: its purpose (analytics, legitimate interest) allows no
/// result about a person; who is due to rebuy is the consent-based `rebuy-reminders` activity.
public struct PurchasePatternsAnalysis: Analysis {
    public let modelVersion = PurchasePatterns.modelVersion
    public var parameters: PurchasePatterns.Parameters

    public init(parameters: PurchasePatterns.Parameters = .init()) {
        self.parameters = parameters
    }

    public func run(scope: Scope, seed: UInt64) throws -> AnalysisOutput {
        guard let lines = PurchaseLinesBuilder.lines(scope) else { return AnalysisOutput(perPerson: []) }
        let summary = PurchasePatterns.analyse(lines, asOf: PurchaseLinesBuilder.local(scope.asOf), parameters: parameters)
        return AnalysisOutput(perPerson: [], summaryJSON: try JSON.encode(summary))
    }
}

/// The `rebuy-reminders` activity: per consenting customer, the products they are due to buy
/// again (their last purchase plus the product's repeat interval, or their own when they have
/// enough history), each with its reason.
public struct RebuyRemindersAnalysis: Analysis {
    public let modelVersion = "rebuy-due-1"

    public init() {}

    public func run(scope: Scope, seed: UInt64) throws -> AnalysisOutput {
        guard let lines = PurchaseLinesBuilder.lines(scope) else { return AnalysisOutput(perPerson: []) }
        let asOf = PurchaseLinesBuilder.local(scope.asOf)
        let due = PurchasePatterns.dueList(lines, asOf: asOf)
        let results = try due.map { d -> PersonResult in
            let name = lines.productNames[Int(d.product)]
            let dueDate = DateText.day(Date(timeIntervalSince1970: TimeInterval(d.dueDay * 86_400)))
            let lastDate = DateText.day(Date(timeIntervalSince1970: TimeInterval(d.lastPurchaseDay * 86_400)))
            let days = Int(d.intervalDays.rounded())
            let whose = d.intervalSource == .personal
            let summary = Localized(
                de:
                    "\(name): \(whose ? "Sie kaufen" : "Wird") etwa alle \(days) Tage \(whose ? "nach" : "nachgekauft"); letzter Kauf am \(lastDate), "
                    + (d.status == .overdue ? "fällig seit \(dueDate)." : "fällig am \(dueDate)."),
                en: "\(name): \(whose ? "you rebuy it" : "bought again") about every \(days) days; last bought on \(lastDate), "
                    + (d.status == .overdue ? "due since \(dueDate)." : "due on \(dueDate)."))
            let value = try JSON.encode(
                RebuyDue(
                    product: scope.products?.ids[Int(d.product)] ?? "", productName: name, status: d.status.rawValue, dueDate: dueDate,
                    intervalDays: days, intervalSource: d.intervalSource.rawValue))
            return PersonResult(
                person: d.person, kind: "rebuy-due", valueJSON: value,
                explanation: Explanation(
                    summary: summary,
                    factors: [
                        .init(name: Localized(de: "Wiederkaufintervall (Tage)", en: "Repeat interval (days)"), value: String(days), contribution: 1),
                        .init(name: Localized(de: "Letzter Kauf", en: "Last purchase"), value: lastDate, contribution: 1),
                    ]))
        }
        let overdue = due.filter { $0.status == .overdue }.count
        return AnalysisOutput(
            perPerson: results, summaryJSON: "{\"due\":\(due.count),\"overdue\":\(overdue),\"dueSoon\":\(due.count - overdue)}")
    }
}

/// One product a customer is due to buy again (the stored value of a `rebuy-due` result).
public struct RebuyDue: Sendable, Codable, Equatable {
    public var product: String
    public var productName: String
    public var status: String
    public var dueDate: String
    public var intervalDays: Int
    public var intervalSource: String
}

/// Order lines of a scope as the purchase-pattern analytics read them: times in the shop's local
/// time (Europe/Berlin), so hours and weekdays are those the shop experiences.
enum PurchaseLinesBuilder {
    static let zone = ZoneRules(TimeZone(identifier: "Europe/Berlin") ?? TimeZone(secondsFromGMT: 3_600) ?? .current, from: 1990, through: 2100)

    static func local(_ date: Date) -> Int64 {
        let utc = Int64(date.timeIntervalSince1970)
        return utc + Int64(zone.offset(atUTC: utc))
    }

    static func lines(_ scope: Scope) -> PurchaseLines? {
        guard let orders = scope.orders, let product = orders.product, let at = orders.orderedAt, let products = scope.products else {
            return nil
        }
        // The offset changes twice a year: look it up once per hour of the history.
        var cache: [Int64: Int64] = [:]
        let local = at.map { t -> Int64 in
            let hour = t / 3_600
            if let offset = cache[hour] { return t + offset }
            let offset = Int64(zone.offset(atUTC: hour * 3_600))
            cache[hour] = offset
            return t + offset
        }
        let categories = products.categories.map { PurchaseLines.categoryIndexes($0) }
        return PurchaseLines(
            person: orders.person, order: orders.order, product: product, localSeconds: local, productNames: products.names ?? products.ids,
            productCategory: categories?.indexes ?? [], categoryNames: categories?.names ?? [])
    }
}
