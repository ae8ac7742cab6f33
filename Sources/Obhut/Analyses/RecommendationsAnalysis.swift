import Foundation
import ObhutAnalytics
import ObhutCore

/// The `recommendations` activity: per consenting customer, the products to show next, each
/// with the reason a customer understands ("Weil Sie die Gartenschere gekauft haben").
///
/// The model is chosen on the workspace's own purchases (per customer, the latest tenth held out;
/// popularity, item neighbours and implicit ALS compared by NDCG@10) and refitted on everything.
/// Shop rules: nothing not for sale; nothing already bought unless it is a product people rebuy
/// (a stated repeat interval) and the customer is due; at most three products of one category.
public struct RecommendationsAnalysis: Analysis {
    public let modelVersion = "recs-1"
    public var limit: Int
    public var candidates: [ModelCandidate]

    public init(limit: Int = 10, candidates: [ModelCandidate]? = nil) {
        self.limit = limit
        self.candidates =
            candidates ?? [
                .popularity, .neighbours(k: 20, weighting: .cosine), .neighbours(k: 100, weighting: .bm25(k1: 1.2, b: 0.75)),
                .als(ALSConfiguration(factors: 32, regularization: 1, alpha: 5, seed: 42)),
                .als(ALSConfiguration(factors: 64, regularization: 1, alpha: 5, seed: 42)),
            ]
    }

    public func run(scope: Scope, seed: UInt64) throws -> AnalysisOutput {
        guard let orders = scope.orders, let product = orders.product, let at = orders.orderedAt, let products = scope.products else {
            return AnalysisOutput(perPerson: [])
        }
        let people = scope.people.count
        let items = products.ids.count
        let quantity = orders.quantity
        // One interaction per person and product (returns do not count as interest).
        var rows: [Int] = [], columns: [Int] = [], times: [Double] = []
        var seen = Set<Int64>()
        for i in 0..<orders.count where (quantity?[i] ?? 1) > 0 {
            let key = Int64(orders.person[i]) << 32 | Int64(product[i])
            guard seen.insert(key).inserted else { continue }
            rows.append(Int(orders.person[i]))
            columns.append(Int(product[i]))
            times.append(Double(at[i]))
        }
        guard !rows.isEmpty else { return AnalysisOutput(perPerson: []) }
        var configured = candidates
        for (i, c) in configured.enumerated() {
            if case .als(var configuration) = c {
                configuration.seed = seed
                configured[i] = .als(configuration)
            }
        }
        let ranked = try ModelSelection.select(
            users: rows, items: columns, timestamps: times, userCount: people, itemCount: items, candidates: configured)
        guard let best = ranked.first else { return AnalysisOutput(perPerson: []) }
        let matrix = try InteractionMatrix(rows: people, columns: items, rowIndices: rows, columnIndices: columns).binarized()
        let recommender = try best.candidate.fit(matrix)

        // Rules of the shop.
        let categories = products.categories.map { PurchaseLines.categoryIndexes($0) }
        let rules = CatalogueRules(
            forSale: products.forSale ?? [], categories: categories?.indexes ?? [], groups: categories?.indexes ?? [],
            maxPerGroup: categories == nil ? .max : 3)
        try rules.validate(items: items)
        // Products people rebuy, and who is due: those may be shown again.
        var due = Set<Int64>()
        if let lines = PurchaseLinesBuilder.lines(scope) {
            for d in PurchasePatterns.dueList(lines, asOf: PurchaseLinesBuilder.local(scope.asOf)) {
                due.insert(Int64(d.person) << 32 | Int64(d.product))
            }
        }
        let names = products.names ?? products.ids
        var results: [PersonResult] = []
        for person in 0..<people {
            let range = matrix.range(ofRow: person)
            let history = range.map { (item: Int(matrix.columnIndices[$0]), weight: matrix.values[$0]) }
            var exclusions = CustomerExclusions()
            if let objected = scope.objectedCategories[Int32(person)], let names = categories?.names {
                for name in objected { if let c = names.firstIndex(of: name) { exclusions.categories.insert(Int32(c)) } }
            }
            for (item, _) in history where !due.contains(Int64(person) << 32 | Int64(item)) { exclusions.items.insert(item) }
            let list = recommender.recommend(
                user: person, history: history, limit: limit, rules: rules, exclusions: exclusions, excludeHistory: false)
            guard !list.isEmpty else { continue }
            let entries = list.map { r -> RecommendedProduct in
                let because = r.reason.map { names[$0.historyItem] }
                let rebuy = history.contains { $0.item == r.item }
                return RecommendedProduct(
                    product: products.ids[r.item], name: names[r.item], score: Double(r.score),
                    reason: Self.reason(because: because, rebuy: rebuy, name: names[r.item]), basedOn: r.reason.map { products.ids[$0.historyItem] },
                    share: r.reason?.share)
            }
            let first = entries[0]
            results.append(
                PersonResult(
                    person: Int32(person), kind: "recommendation", valueJSON: try JSON.encode(entries),
                    explanation: Explanation(
                        summary: Localized(
                            de: "\(entries.count) Empfehlungen (Modell \(best.candidate.label)); zuerst \(first.name): \(first.reason.de)",
                            en: "\(entries.count) recommendations (model \(best.candidate.label)); first \(first.name): \(first.reason.en)"),
                        factors: entries.prefix(3).map {
                            Explanation.Factor(name: Localized(de: $0.name, en: $0.name), value: $0.reason.en, contribution: $0.score)
                        })))
        }
        let summary = RecommendationsSummary(
            chosen: best.candidate.label,
            candidates: ranked.map {
                .init(
                    model: $0.candidate.label, ndcg: $0.metrics.ndcg, precision: $0.metrics.precision, recall: $0.metrics.recall, map: $0.metrics.map,
                    coverage: $0.metrics.coverage, users: $0.metrics.users)
            }, customers: results.count, interactions: rows.count)
        return AnalysisOutput(perPerson: results, summaryJSON: try JSON.encode(summary))
    }

    static func reason(because: String?, rebuy: Bool, name: String) -> Localized {
        if rebuy {
            return Localized(de: "Sie kaufen \(name) regelmäßig, und es ist wieder fällig", en: "You buy \(name) regularly, and it is due again")
        }
        if let because {
            return Localized(de: "Weil Sie \(because) gekauft haben", en: "Because you bought \(because)")
        }
        return Localized(de: "Beliebt bei anderen Kundinnen und Kunden", en: "Popular with other customers")
    }
}

/// One product in a customer's stored list.
public struct RecommendedProduct: Sendable, Codable, Equatable {
    public var product: String
    public var name: String
    public var score: Double
    public var reason: Localized
    /// The product of the customer's history the recommendation rests on most, if any.
    public var basedOn: String?
    public var share: Double?
}

extension RecommendedProduct {
    /// Reads one product as its `Codable` form stores it, without `JSONDecoder` (the customer
    /// page reads a list per request; see `JSONNode`).
    public init(json: JSONNode) throws {
        guard let reason = json["reason"] else { throw JSONReadError.shape(member: "reason") }
        self.init(
            product: try json.requiredString("product"), name: try json.requiredString("name"), score: try json.requiredNumber("score"),
            reason: try Localized(json: reason), basedOn: try json.optionalString("basedOn"), share: try json.optionalNumber("share"))
    }

    /// A stored list (a JSON array of products).
    public static func list(jsonText: String) throws -> [RecommendedProduct] {
        guard let items = try JSONNode(parsing: jsonText).array else { throw JSONReadError.shape(member: "products") }
        return try items.map(RecommendedProduct.init(json:))
    }
}

/// What a `recommendations` run stores as its summary: how each model did on the held-out purchases.
public struct RecommendationsSummary: Sendable, Codable {
    public struct Candidate: Sendable, Codable {
        public var model: String
        public var ndcg, precision, recall, map, coverage: Double
        public var users: Int
    }
    public var chosen: String
    public var candidates: [Candidate]
    public var customers: Int
    public var interactions: Int
}
