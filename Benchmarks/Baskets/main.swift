// Basket benchmark: FP-growth and association rules of ObhutAnalytics on a basket file.
//
//   BasketsBenchmark bench PATH [SUPPORT ...]   parse once, then per support: FP-growth and rules
//                                               (confidence 0.5), 15 timed runs each after 2
//                                               warm-ups; prints median and min seconds
//   BasketsBenchmark dump PATH SUPPORT PREFIX   writes PREFIX-itemsets.txt ("count<TAB>a|b|c", names
//                                               sorted) and PREFIX-rules.txt for a diff with mlxtend
//
// Build and run with scripts/bench-baskets.sh (release, scratch package, anchors in the same run).
import Foundation
import ObhutAnalytics

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func summary(_ times: [Double]) -> String {
    let sorted = times.sorted()
    return String(format: "median %.2f ms, min %.2f ms, max %.2f ms (%d runs)",
                  sorted[sorted.count / 2] * 1000, sorted[0] * 1000, sorted[sorted.count - 1] * 1000, sorted.count)
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    print("usage: BasketsBenchmark bench PATH [SUPPORT ...] | dump PATH SUPPORT PREFIX")
    exit(2)
}
let data = try Data(contentsOf: URL(fileURLWithPath: arguments[2]))
var parsed: BasketText.Parsed?
let parseTime = try seconds { parsed = try BasketText.parse(utf8: data) }
guard let parsed else { exit(1) }
let baskets = parsed.baskets
let catalog = parsed.catalog

switch arguments[1] {
case "bench":
    print("parsed \(baskets.count) baskets, \(catalog.count) items, \(baskets.items.count) item slots in \(String(format: "%.4f", parseTime)) s")
    let supports = arguments.count > 3 ? arguments[3...].compactMap(Double.init) : [0.01, 0.001]
    for support in supports {
        var result: FrequentItemsets?
        var times: [Double] = []
        for run in 0 ..< 17 {
            let t = try seconds { result = try FPGrowth.frequentItemsets(in: baskets, minSupport: support) }
            if run >= 2 { times.append(t) }
        }
        guard let result else { exit(1) }
        print("fpgrowth min_support \(support): \(result.count) itemsets \(result.countsByLength().dropFirst()) — \(summary(times))")
        var rules: [AssociationRule] = []
        times = []
        for run in 0 ..< 17 {
            let t = try seconds { rules = try result.associationRules(minConfidence: 0.5) }
            if run >= 2 { times.append(t) }
        }
        let single = rules.filter { $0.consequent.count == 1 }.count
        print("rules confidence 0.5: \(rules.count) (\(single) single-item consequents) — \(summary(times))")
    }
case "dump":
    guard arguments.count == 5, let support = Double(arguments[3]) else { exit(2) }
    let result = try FPGrowth.frequentItemsets(in: baskets, minSupport: support)
    func names(_ ids: [Int32]) -> String { catalog.names(of: ids).sorted().joined(separator: "|") }
    var text = ""
    for itemset in result.itemsets { text += "\(itemset.count)\t\(names(itemset.items))\n" }
    try text.write(toFile: arguments[4] + "-itemsets.txt", atomically: true, encoding: .utf8)
    text = ""
    for rule in try result.associationRules(minConfidence: 0.5) {
        text += "\(names(rule.antecedent))\t\(names(rule.consequent))\t\(rule.count)\t\(rule.confidence)\t\(rule.lift)\t\(rule.leverage)\t\(rule.conviction)\n"
    }
    try text.write(toFile: arguments[4] + "-rules.txt", atomically: true, encoding: .utf8)
    print("wrote \(result.count) itemsets")
default:
    print("unknown mode \(arguments[1])")
    exit(2)
}
