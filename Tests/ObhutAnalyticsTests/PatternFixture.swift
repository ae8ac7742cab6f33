@testable import ObhutAnalytics

/// Seeded synthetic order lines with planted patterns, for the purchase-pattern tests.
///
/// Three years (2023-01-01 to 2025-12-31, local time), as-of 2026-01-01 00:00. Products:
/// 0 "Garten" sells three times as often in spring (March-May); 1 "Kaffee" is rebought by each of
/// its buyers every 26 ± 2 days; 2 "Neuheit" rises linearly from a fifth to the full rate;
/// 3 ... 7 "Artikel 3" ... sell uniformly in time. Hours are uniform over 8-20 h, every weekday.
/// Every line is its own order except that every fifth uniform line joins the previous order;
/// order numbers are dense.
enum PatternFixture {
    static let start = LocalCalendar.day(year: 2023, month: 1, day: 1)
    static let end = LocalCalendar.day(year: 2026, month: 1, day: 1)
    static let asOf = end * LocalCalendar.secondsPerDay
    static let names = ["Garten", "Kaffee", "Neuheit", "Artikel 3", "Artikel 4", "Artikel 5", "Artikel 6", "Artikel 7"]

    static func lines(seed: UInt64 = 42, linesPerProduct: Int = 3000, people: Int = 2000) -> PurchaseLines {
        var random = SplitMix64(seed: seed)
        var person: [Int32] = [], order: [Int32] = [], product: [Int32] = [], seconds: [Int64] = []
        let span = Int(end - start)
        var orders: Int32 = 0
        func time(_ random: inout SplitMix64, day: Int64) -> Int64 {
            day * LocalCalendar.secondsPerDay + Int64(8 + random.next(below: 12)) * 3600 + Int64(random.next(below: 3600))
        }
        func add(_ p: Int, _ who: Int, _ at: Int64, sameOrder: Bool = false) {
            person.append(Int32(who))
            product.append(Int32(p))
            seconds.append(at)
            if !sameOrder || order.isEmpty { orders += 1 }
            order.append(orders - 1)
        }
        // Garden: rejection sampling with weight 3 in spring.
        var garden = 0
        while garden < linesPerProduct {
            let day = start + Int64(random.next(below: span))
            let month = LocalCalendar.civil(day: day).month
            let weight = (3...5).contains(month) ? 1.0 : 1.0 / 3
            guard random.nextDouble() < weight else { continue }
            add(0, random.next(below: people), time(&random, day: day))
            garden += 1
        }
        // Coffee: 150 buyers, every 26 ± 2 days from a random start.
        for buyer in 0..<150 {
            var day = start + Int64(random.next(below: 26))
            while day < end {
                add(1, buyer, time(&random, day: day))
                day += Int64(24 + random.next(below: 5))
            }
        }
        // Rising: acceptance grows linearly over the history.
        var rising = 0
        while rising < linesPerProduct {
            let offset = random.next(below: span)
            guard random.nextDouble() < 0.2 + 0.8 * Double(offset) / Double(span) else { continue }
            add(2, random.next(below: people), time(&random, day: start + Int64(offset)))
            rising += 1
        }
        for p in 3..<names.count {
            for index in 0..<linesPerProduct {
                add(p, random.next(below: people), time(&random, day: start + Int64(random.next(below: span))), sameOrder: index % 5 == 4)
            }
        }
        return PurchaseLines(
            person: person, order: order, product: product, localSeconds: seconds, productNames: names,
            productCategory: [0, 1, 2, 2, 2, 2, 2, 2], categoryNames: ["Garten & Outdoor", "Kaffee & Tee", "Sonstiges"])
    }
}
