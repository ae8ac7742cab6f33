// Purchase-pattern benchmark: PurchasePatterns.analyse (timing, trends, repeat intervals, baskets)
// and the due list on synthetic order lines.
//
//   PatternsBenchmark csv PATH [LINES PEOPLE PRODUCTS]    writes the generated lines as CSV for the
//                                                       pandas anchor (person,order,product,local_seconds)
//   PatternsBenchmark bench [LINES PEOPLE PRODUCTS RUNS]  generates the same lines in memory, then
//                                                       times each part once and the whole analysis RUNS times
//
// Defaults: 5,000,000 lines, 1,000,000 people, 200 products (20 categories), three years
// 2023-2025 in local time, as-of 2026-01-01. Build and run with scripts/bench-patterns.sh.
import Foundation
import ObhutAnalytics
import ObhutCore

/// Seeded synthetic orders: 1-4 lines per order (mean 2.5), people and products drawn with a
/// skew (product p has weight 1 / (p + 10)), an evening-heavy day and weekend-heavy week;
/// category 0 (products 0, 20, 40, ...) sells three times as often in spring, product 1 is a
/// coffee bought again about every 26 days by 20,000 people, product 2 rises over the years,
/// product 4 is mostly bought together with product 3.
struct Generator {
    static let start = LocalCalendar.day(year: 2023, month: 1, day: 1)
    static let end = LocalCalendar.day(year: 2026, month: 1, day: 1)
    static var asOf: Int64 { end * LocalCalendar.secondsPerDay }

    static func lines(count: Int, people: Int, products: Int, seed: UInt64 = 2026) -> PurchaseLines {
        var random = SplitMix64(seed: seed)
        var person = [Int32](), order = [Int32](), product = [Int32](), seconds = [Int64]()
        person.reserveCapacity(count)
        order.reserveCapacity(count)
        product.reserveCapacity(count)
        seconds.reserveCapacity(count)
        // Cumulative product weights for inverse-CDF draws.
        var cumulative = [Double]()
        var total = 0.0
        for p in 0..<products {
            total += 1 / Double(p + 10)
            cumulative.append(total)
        }
        func drawProduct(_ random: inout SplitMix64) -> Int32 {
            let u = random.nextDouble() * total
            var low = 0, high = products - 1
            while low < high {
                let mid = (low + high) / 2
                if cumulative[mid] < u { low = mid + 1 } else { high = mid }
            }
            return Int32(low)
        }
        let hourWeights: [Double] = [1, 0.5, 0.3, 0.2, 0.2, 0.3, 1, 2, 3, 4, 5, 5, 6, 6, 5, 5, 6, 7, 8, 10, 10, 8, 5, 2]
        let hourTotal = hourWeights.reduce(0, +)
        func drawTime(_ random: inout SplitMix64, day: Int64) -> Int64 {
            var u = random.nextDouble() * hourTotal
            var hour = 0
            while hour < 23, u >= hourWeights[hour] {
                u -= hourWeights[hour]
                hour += 1
            }
            return day * LocalCalendar.secondsPerDay + Int64(hour) * 3600 + Int64(random.next(below: 3600))
        }
        let span = Int(end - start)
        var orders: Int32 = 0
        // The coffee drinkers: person i < 20,000 rebuys every 24-28 days.
        let coffeePeople = min(20_000, people / 50)
        for buyer in 0..<coffeePeople where seconds.count < count {
            var day = start + Int64(random.next(below: 26))
            while day < end, seconds.count < count {
                person.append(Int32(buyer))
                order.append(orders)
                orders += 1
                product.append(1)
                seconds.append(drawTime(&random, day: day))
                day += Int64(24 + random.next(below: 5))
            }
        }
        while seconds.count < count {
            let day = start + Int64(random.next(below: span))
            let weekday = LocalCalendar.weekday(day: day)
            if weekday < 5, random.nextDouble() < 0.25 { continue }  // weekends busier
            let buyer = Int32(random.next(below: people))
            let time = drawTime(&random, day: day)
            let month = LocalCalendar.civil(day: day).month
            let fraction = Double(day - start) / Double(span)
            let lineCount = 1 + random.next(below: 4)
            var written = 0
            while written < lineCount, seconds.count < count {
                let p = drawProduct(&random)
                if p % 20 == 0, !(3...5).contains(month), random.nextDouble() < 2.0 / 3 { continue }
                if p == 1 { continue }
                if p == 2, random.nextDouble() > 0.2 + 0.8 * fraction { continue }
                if p == 4, random.nextDouble() < 0.5 { continue }  // product 4 comes mostly with product 3 (below)
                person.append(buyer)
                order.append(orders)
                product.append(p)
                seconds.append(time)
                written += 1
                if p == 3, random.nextDouble() < 0.6, seconds.count < count {
                    person.append(buyer)
                    order.append(orders)
                    product.append(4)
                    seconds.append(time)
                    written += 1
                }
            }
            if written > 0 { orders += 1 }
        }
        let names = (0..<products).map { p in p == 1 ? "Kaffee" : (p == 2 ? "Neuheit" : "Artikel \(p)") }
        let categories = (0..<products).map { Int32($0 % 20) }
        let categoryNames = (0..<20).map { $0 == 0 ? "Garten" : "Kategorie \($0)" }
        return PurchaseLines(
            person: person, order: order, product: product, localSeconds: seconds, productNames: names, productCategory: categories,
            categoryNames: categoryNames)
    }
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let arguments = CommandLine.arguments
func argument(_ index: Int, _ fallback: Int) -> Int { arguments.count > index ? Int(arguments[index]) ?? fallback : fallback }

switch arguments.count > 1 ? arguments[1] : "" {
case "csv":
    guard arguments.count > 2 else { exit(2) }
    let lines = Generator.lines(count: argument(3, 5_000_000), people: argument(4, 1_000_000), products: argument(5, 200))
    var text = "person,order,product,category,local_seconds\n"
    text.reserveCapacity(lines.count * 32)
    let orders = lines.order ?? []
    for line in 0..<lines.count {
        let p = Int(lines.product[line])
        text += "\(lines.person[line]),\(orders[line]),\(p),\(lines.productCategory[p]),\(lines.localSeconds[line])\n"
    }
    try text.write(toFile: arguments[2], atomically: false, encoding: .utf8)
    print("wrote \(lines.count) lines to \(arguments[2])")
case "bench":
    let count = argument(2, 5_000_000), people = argument(3, 1_000_000), products = argument(4, 200), runs = argument(5, 3)
    var lines: PurchaseLines?
    let generation = seconds { lines = Generator.lines(count: count, people: people, products: products) }
    guard let lines else { exit(1) }
    print(
        String(format: "generated %d lines, %d orders, %d products in %.2f s", lines.count, Int((lines.order?.last ?? 0) + 1), products, generation))
    let asOf = Generator.asOf
    // Parts, once each.
    var timing: SalesTimingResult?
    let tTiming = seconds {
        timing = SalesTiming.analyse(localSeconds: lines.localSeconds, groups: lines.product, groupNames: lines.productNames)
    }
    var trend: SalesTrendResult?
    let tTrend = seconds {
        trend = SalesTrend.analyse(localSeconds: lines.localSeconds, groups: lines.product, groupNames: lines.productNames, asOf: asOf)
    }
    var days: PurchaseDays?
    let tDays = seconds {
        days = PurchaseDays(person: lines.person, product: lines.product, localSeconds: lines.localSeconds, asOf: asOf, productCount: products)
    }
    var intervals: RepeatIntervalsResult?
    let tIntervals = seconds { if let days { intervals = RepeatIntervals.analyse(days: days, productNames: lines.productNames) } }
    var due: [DuePurchase] = []
    let tDue = seconds { if let days, let intervals { due = DueList.find(days: days, intervals: intervals) } }
    var baskets: Baskets?
    let tBaskets = try seconds { baskets = try Baskets(orders: lines.order ?? [], products: lines.product, productCount: products) }
    if let baskets {
        var found = 0
        let tMine = seconds { found = (try? FPGrowth.frequentItemsets(in: baskets, minSupport: 0.0009, maxLength: 4, maxItemsets: 2000))?.count ?? -1 }
        print(String(format: "FP-growth at support 0.0009: %d itemsets in %.3f s", found, tMine))
    }
    print(String(format: "timing (products, 168+12+4 cells, %d tests): %.3f s", timing?.testCount ?? 0, tTiming))
    print(String(format: "trends (products, %d months): %.3f s", trend?.periodCount ?? 0, tTrend))
    print(String(format: "purchase days (sort of %d person-product-day keys): %.3f s", days?.count ?? 0, tDays))
    print(String(format: "repeat intervals: %.3f s; due list (%d due): %.3f s", tIntervals, due.count, tDue))
    print(String(format: "baskets from order lines (%d baskets): %.3f s", baskets?.count ?? 0, tBaskets))
    var withoutOrders = lines
    withoutOrders.order = nil
    let tNoBaskets = seconds { _ = PurchasePatterns.analyse(withoutOrders, asOf: asOf) }
    print(String(format: "PurchasePatterns.analyse without baskets: %.3f s", tNoBaskets))
    // The whole analysis.
    var times: [Double] = []
    var summary: PurchasePatternSummary?
    for _ in 0..<max(1, runs) { times.append(seconds { summary = PurchasePatterns.analyse(lines, asOf: asOf) }) }
    times.sort()
    guard let summary else { exit(1) }
    print(String(format: "PurchasePatterns.analyse: median %.2f s, min %.2f s (%d runs)", times[times.count / 2], times[0], times.count))
    if let test = summary.timingByProduct.overall.hourByWeekday.test {
        print(
            String(
                format: "  hour x weekday independence: chi2 %.4f, df %d, p %.3g, Cramér's V %.4f", test.statistic, test.degreesOfFreedom,
                test.pValue, test.cramersV))
    }
    if let b = summary.baskets {
        print("  baskets: min support \(b.minSupport), \(b.itemsetCount) itemsets, \(b.rules.count) rules reported")
    }
    let json = try JSONEncoder().encode(summary)
    print("  summary JSON: \(json.count / 1024) KiB; highlights:")
    for highlight in summary.highlights.prefix(12) { print("    " + highlight.de) }
default:
    print("usage: PatternsBenchmark csv PATH [LINES PEOPLE PRODUCTS] | bench [LINES PEOPLE PRODUCTS RUNS]")
    exit(2)
}
