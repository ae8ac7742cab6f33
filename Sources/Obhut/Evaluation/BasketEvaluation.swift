import Foundation
import ObhutAnalytics
import ObhutCore

/// `obhut evaluate baskets`: FP-growth and association rules on an analyst's basket file (one
/// basket per line, items separated by commas, as the Groceries file). Works on files without
/// personal data and never touches a workspace.
public struct BasketEvaluation: Sendable, Codable {
    public struct Itemset: Sendable, Codable, Equatable {
        public var items: [String]
        public var count: Int
        public var support: Double
    }

    public struct Rule: Sendable, Codable, Equatable {
        public var antecedent: [String]
        public var consequent: [String]
        public var support: Double
        public var confidence: Double
        public var lift: Double
        public var leverage: Double
        /// nil when the rule is never wrong (infinite conviction, which JSON cannot hold).
        public var conviction: Double?
    }

    public var baskets: Int
    public var distinctItems: Int
    public var minSupport: Double
    public var minConfidence: Double
    /// Number of frequent itemsets (the figure to compare with mlxtend's `fpgrowth`).
    public var itemsets: Int
    /// Itemsets per length: element k counts itemsets of k items.
    public var itemsetsByLength: [Int]
    public var frequentItemsets: [Itemset]
    public var rules: [Rule]
    public var seconds: Double

    /// Reads `file` and mines it.
    ///
    /// - Throws: ``EvaluationError`` for an unreadable file or a malformed line (with its number).
    public static func run(
        file: URL, minSupport: Double, minConfidence: Double = 0.5, maxLength: Int? = nil, maxItemsets: Int = 5_000_000
    ) throws -> BasketEvaluation {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw EvaluationError.unreadable(file.lastPathComponent)
        }
        guard minSupport > 0, minSupport <= 1 else { throw EvaluationError.option("--min-support", "(0, 1]") }
        guard minConfidence >= 0, minConfidence <= 1 else { throw EvaluationError.option("--min-confidence", "[0, 1]") }
        let start = Date()
        let parsed: BasketText.Parsed
        do { parsed = try BasketText.parse(utf8: data) } catch { throw EvaluationError.baskets(file.lastPathComponent, error) }
        let found: FrequentItemsets
        let rules: [AssociationRule]
        do {
            found = try FPGrowth.frequentItemsets(in: parsed.baskets, minSupport: minSupport, maxLength: maxLength, maxItemsets: maxItemsets)
            rules = try found.associationRules(minConfidence: minConfidence)
        } catch { throw EvaluationError.baskets(file.lastPathComponent, error) }
        let seconds = Date().timeIntervalSince(start)
        let names = parsed.catalog
        return BasketEvaluation(
            baskets: parsed.baskets.count, distinctItems: names.count, minSupport: minSupport, minConfidence: minConfidence,
            itemsets: found.count, itemsetsByLength: found.countsByLength(),
            frequentItemsets: found.itemsets.map { Itemset(items: names.names(of: $0.items), count: $0.count, support: found.support(of: $0)) },
            rules: rules.sorted { $0.lift > $1.lift || ($0.lift == $1.lift && $0.confidence > $1.confidence) }.map {
                Rule(
                    antecedent: names.names(of: $0.antecedent), consequent: names.names(of: $0.consequent), support: $0.support,
                    confidence: $0.confidence, lift: $0.lift, leverage: $0.leverage, conviction: $0.conviction.isFinite ? $0.conviction : nil)
            }, seconds: seconds)
    }

    /// A short report: counts, then the strongest rules.
    public func render(in l: Language, rulesShown: Int = 20) -> String {
        var lines = [
            Localized(
                de:
                    "\(baskets) Warenkörbe, \(distinctItems) Artikel; Mindest-Support \(minSupport): \(itemsets) häufige Artikelmengen, \(rules.count) Regeln (Konfidenz ≥ \(minConfidence)) in \(String(format: "%.3f", seconds)) s.",
                en:
                    "\(baskets) baskets, \(distinctItems) items; min support \(minSupport): \(itemsets) frequent itemsets, \(rules.count) rules (confidence ≥ \(minConfidence)) in \(String(format: "%.3f", seconds)) s."
            )[l]
        ]
        let byLength = itemsetsByLength.enumerated().dropFirst().map { "\($0.offset): \($0.element)" }.joined(separator: ", ")
        lines.append(Localized(de: "Nach Größe: \(byLength)", en: "By size: \(byLength)")[l])
        if !rules.isEmpty {
            lines.append(Localized(de: "Stärkste Regeln (nach Lift):", en: "Strongest rules (by lift):")[l])
            for r in rules.prefix(rulesShown) {
                lines.append(
                    String(
                        format: "  {%@} → {%@}  support %.4f  %@ %.2f  lift %.2f", r.antecedent.joined(separator: ", "),
                        r.consequent.joined(separator: ", "), r.support, l == .de ? "Konfidenz" : "confidence", r.confidence, r.lift))
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// Errors of the offline evaluations, saying what to fix; never echoing file contents.
public enum EvaluationError: UserFacingError {
    case unreadable(String)
    case option(String, String)
    case baskets(String, BasketError)
    case line(file: String, line: Int, field: String, reason: Localized)
    case tooLittleData(Localized)

    public func message(in l: Language) -> String {
        switch self {
        case .unreadable(let f):
            return Localized(de: "\(f) lässt sich nicht lesen.", en: "Cannot read \(f).")[l]
        case .option(let name, let range):
            return Localized(de: "\(name) muss in \(range) liegen.", en: "\(name) must lie in \(range).")[l]
        case .baskets(let f, .malformedLine(let line, let reason)):
            return "\(f):\(line): \(reason)"
        case .baskets(let f, let error):
            return "\(f): \(error)"
        case .line(let f, let line, let field, let reason):
            return "\(f):\(line): \(field): \(reason[l])"
        case .tooLittleData(let reason):
            return reason[l]
        }
    }
}
