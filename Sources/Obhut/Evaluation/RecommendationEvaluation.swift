import Foundation
import ObhutAnalytics
import ObhutCore

/// `obhut evaluate recommendations`: offline evaluation of the recommendation models on an
/// analyst's interaction files (`user, item[, timestamp]`, CSV or TSV), with the split and metric
/// definitions of the anchor `a2_recs.py` so the figures compare with `implicit`'s. No workspace.
///
/// Interactions are binary (a repeated pair counts once, as the anchor). Ids are ordered
/// numerically when all are integers, else as strings, so ties in time break by item as in the
/// anchors. Evaluated users have at least one train and one test interaction; customers
/// without train history would get popularity.
public struct RecommendationEvaluation: Sendable, Codable {
    /// One evaluated model.
    public struct Model: Sendable, Codable, Equatable {
        public var model: String
        public var precision: Double
        public var recall: Double
        public var ndcg: Double
        public var map: Double
        public var coverage: Double
        public var fitSeconds: Double
    }

    /// How test interactions were chosen.
    public enum Split: Sendable, Codable, Equatable {
        /// Separate train and test files.
        case files
        /// Per user, the last ⌈fraction · n⌉ interactions by (timestamp, item).
        case temporalPerUser(Double)
        /// All interactions by (timestamp, user, item), the last round(fraction · n).
        case temporalGlobal(Double)

        /// Parses `temporal:0.1` (per user) or `global:0.2`.
        public init(option: String) throws {
            let parts = option.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let f = Double(parts[1]), f > 0, f < 1 else {
                throw EvaluationError.option("--split", "temporal:F | global:F, 0 < F < 1")
            }
            switch parts[0] {
            case "temporal": self = .temporalPerUser(f)
            case "global": self = .temporalGlobal(f)
            default: throw EvaluationError.option("--split", "temporal:F | global:F, 0 < F < 1")
            }
        }
    }

    public var split: Split
    public var users: Int
    public var items: Int
    public var trainInteractions: Int
    public var testInteractions: Int
    public var evaluatedUsers: Int
    public var k: Int
    /// Best first by NDCG@k; popularity included.
    public var models: [Model]
    public var best: String
    /// Best NDCG@k over popularity's.
    public var bestOverPopularity: Double?

    /// Evaluates on separate train and test files; `candidates` defaults to
    /// ``ModelSelection/defaultCandidates(seed:)`` (popularity, cosine and BM25 neighbours, an ALS grid).
    public static func run(
        train: URL, test: URL, k: Int = 10, threads: Int = 2, seed: UInt64 = 42, candidates: [ModelCandidate]? = nil
    ) throws -> RecommendationEvaluation {
        let a = try InteractionFile.read(train)
        let b = try InteractionFile.read(test)
        let ids = IdSpace(users: a.users + b.users, items: a.items + b.items)
        return try evaluate(
            train: (ids.userIndices(a.users), ids.itemIndices(a.items)), test: (ids.userIndices(b.users), ids.itemIndices(b.items)),
            ids: ids, split: .files, k: k, threads: threads, candidates: candidates ?? ModelSelection.defaultCandidates(seed: seed))
    }

    /// Splits one file by time and evaluates.
    ///
    /// - Throws: ``EvaluationError`` when a row has no timestamp (the split needs one).
    public static func run(
        input: URL, split: Split, k: Int = 10, threads: Int = 2, seed: UInt64 = 42, candidates: [ModelCandidate]? = nil
    ) throws -> RecommendationEvaluation {
        let file = try InteractionFile.read(input)
        guard let times = file.timestamps else {
            throw EvaluationError.line(
                file: input.lastPathComponent, line: 1, field: "timestamp",
                reason: Localized(de: "Spalte fehlt; die zeitliche Aufteilung braucht sie", en: "column missing; the temporal split needs it"))
        }
        let ids = IdSpace(users: file.users, items: file.items)
        let users = ids.userIndices(file.users)
        let items = ids.itemIndices(file.items)
        let isTest: [Bool]
        switch split {
        case .temporalPerUser(let f): isTest = TemporalSplit.perUser(users: users, items: items, timestamps: times, fraction: f)
        case .temporalGlobal(let f): isTest = TemporalSplit.global(users: users, items: items, timestamps: times, fraction: f)
        case .files: throw EvaluationError.option("--split", "temporal:F | global:F")
        }
        var train: ([Int], [Int]) = ([], [])
        var test: ([Int], [Int]) = ([], [])
        for r in users.indices {
            if isTest[r] {
                test.0.append(users[r])
                test.1.append(items[r])
            } else {
                train.0.append(users[r])
                train.1.append(items[r])
            }
        }
        return try evaluate(
            train: train, test: test, ids: ids, split: split, k: k, threads: threads,
            candidates: candidates ?? ModelSelection.defaultCandidates(seed: seed))
    }

    static func evaluate(
        train: ([Int], [Int]), test: ([Int], [Int]), ids: IdSpace, split: Split, k: Int, threads: Int, candidates: [ModelCandidate]
    ) throws -> RecommendationEvaluation {
        guard k >= 1 else { throw EvaluationError.option("--k", "1…") }
        let matrix = try InteractionMatrix(
            rows: ids.userCount, columns: ids.itemCount, rowIndices: train.0, columnIndices: train.1
        ).binarized()
        var truth: [Int: Set<Int>] = [:]
        for (u, i) in zip(test.0, test.1) { truth[u, default: []].insert(i) }
        let users = truth.keys.filter { !matrix.range(ofRow: $0).isEmpty }.sorted()
        guard !users.isEmpty else {
            throw EvaluationError.tooLittleData(
                Localized(
                    de: "Kein Nutzer hat sowohl Trainings- als auch Testinteraktionen.",
                    en: "No user has both train and test interactions."))
        }
        let popularity = Popularity(matrix)
        var models: [Model] = []
        for candidate in candidates {
            let start = Date()
            let recommender = try candidate.fit(matrix, popularity: popularity, threads: threads)
            let seconds = Date().timeIntervalSince(start)
            let lists = recommender.topN(for: users, userItems: matrix, limit: k, threads: threads)
            let m = RankingMetrics.evaluate(lists: lists, limit: k, users: users, test: truth, k: k, catalogue: ids.itemCount)
            models.append(
                Model(
                    model: candidate.label, precision: m.precision, recall: m.recall, ndcg: m.ndcg, map: m.map, coverage: m.coverage,
                    fitSeconds: seconds))
        }
        let ranked = models.enumerated().sorted { a, b in
            a.element.ndcg > b.element.ndcg || (a.element.ndcg == b.element.ndcg && a.offset < b.offset)
        }.map(\.element)
        let pop = models.first { $0.model == "popularity" }?.ndcg ?? 0
        let best = ranked.first
        return RecommendationEvaluation(
            split: split, users: ids.userCount, items: ids.itemCount, trainInteractions: matrix.nonZeroCount,
            testInteractions: test.0.count, evaluatedUsers: users.count, k: k, models: ranked, best: best?.model ?? "popularity",
            bestOverPopularity: pop > 0 ? best.map { $0.ndcg / pop } : nil)
    }

    static func row(_ label: String, _ cells: [String]) -> String {
        let padded = label.count >= 44 ? label : label + String(repeating: " ", count: 44 - label.count)
        return padded + cells.map { String(repeating: " ", count: max(0, 11 - $0.count)) + $0 }.joined()
    }

    /// A table, best model first.
    public func render(in l: Language) -> String {
        var lines = [
            Localized(
                de:
                    "\(users) Nutzer, \(items) Artikel; Training \(trainInteractions), Test \(testInteractions) Interaktionen; \(evaluatedUsers) Nutzer ausgewertet, k = \(k).",
                en:
                    "\(users) users, \(items) items; train \(trainInteractions), test \(testInteractions) interactions; \(evaluatedUsers) users evaluated, k = \(k)."
            )[l],
            Self.row(
                l == .de ? "Modell" : "model",
                ["P@\(k)", "R@\(k)", "NDCG@\(k)", "MAP@\(k)", l == .de ? "Abdeckung" : "coverage", l == .de ? "Training s" : "fit s"]),
        ]
        for m in models {
            let values = [m.precision, m.recall, m.ndcg, m.map, m.coverage].map { String(format: "%.4f", $0) }
            lines.append(Self.row(m.model, values + [String(format: "%.2f", m.fitSeconds)]))
        }
        if let ratio = bestOverPopularity {
            lines.append(
                Localized(
                    de: "Bestes Modell: \(best), NDCG \(String(format: "%.2f", ratio))-mal so hoch wie Beliebtheit.",
                    en: "Best model: \(best), NDCG \(String(format: "%.2f", ratio)) times popularity's.")[l])
        } else {
            lines.append(Localized(de: "Bestes Modell: \(best).", en: "Best model: \(best).")[l])
        }
        return lines.joined(separator: "\n")
    }
}

/// Dense indices for the ids of an evaluation: numeric order when every id is an integer, else
/// string order.
struct IdSpace {
    let userIndex: [String: Int]
    let itemIndex: [String: Int]
    var userCount: Int { userIndex.count }
    var itemCount: Int { itemIndex.count }

    init(users: [String], items: [String]) {
        userIndex = Self.index(users)
        itemIndex = Self.index(items)
    }

    static func index(_ ids: [String]) -> [String: Int] {
        let distinct = Array(Set(ids))
        let numbers = distinct.compactMap { Int($0) }
        let sorted =
            numbers.count == distinct.count
            ? distinct.sorted { (Int($0) ?? 0) < (Int($1) ?? 0) } : distinct.sorted()
        return Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, $0) })
    }

    func userIndices(_ ids: [String]) -> [Int] { ids.map { userIndex[$0] ?? 0 } }
    func itemIndices(_ ids: [String]) -> [Int] { ids.map { itemIndex[$0] ?? 0 } }
}
