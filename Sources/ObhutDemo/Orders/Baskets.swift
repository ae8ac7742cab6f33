import Foundation
import ObhutCore

extension DemoShop {
    /// A category for a month, by the customer's affinities and the category seasons.
    @inline(__always)
    private func pickCategory(month: Int, context: BasketContext, _ rng: inout SplitMix64) -> Int {
        var weights = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
        var total = 0.0
        withUnsafeMutableBytes(of: &weights) { raw in
            let w = raw.bindMemory(to: Double.self)
            for c in 0..<8 {
                total += context.affinity[c] * Rhythm.categorySeason[c][month]
                w[c] = total
            }
        }
        let target = rng.uniform() * total
        return withUnsafeBytes(of: &weights) { raw in
            let w = raw.bindMemory(to: Double.self)
            for c in 0..<8 where w[c] > target { return c }
            return 7
        }
    }

    @inline(__always)
    private func quantity(_ product: Int, _ rng: inout SplitMix64) -> Int {
        let u = rng.uniform()
        if catalog.specs[product].traits.contains(.consumable) {
            return u < 0.6 ? 1 : (u < 0.85 ? 2 : (u < 0.95 ? 3 : (u < 0.98 ? 4 : 6)))
        }
        return u < 0.93 ? 1 : (u < 0.99 ? 2 : 3)
    }

    /// The articles of one order: a first article from a category the customer likes in that
    /// season, its bundle partners, and a few extras. Coffee rebuys start with the usual coffee.
    func basket(day: Int, coffee: Bool, context: BasketContext, _ rng: inout SplitMix64) -> (products: [Int], quantities: [Int]) {
        let month = timeline.month(day) - 1
        let mi = timeline.monthIndex(day)
        let boost = context.bargain && timeline.isSale(day)
        var items: [Int] = []
        var qty: [Int] = []
        items.reserveCapacity(6)
        qty.reserveCapacity(6)

        func add(_ p: Int, _ q: Int) {
            if let j = items.firstIndex(of: p) {
                qty[j] += q
            } else {
                items.append(p)
                qty.append(q)
            }
        }

        if coffee && catalog.isAvailable(context.favouriteRebuy, monthIndex: mi) {
            add(context.favouriteRebuy, rng.chance(0.3) ? 2 : 1)
            if rng.chance(0.15) {
                let c = pickCategory(month: month, context: context, &rng)
                if let p = catalog.pick(category: c, monthIndex: mi, boost: boost, rng: &rng) { add(p, quantity(p, &rng)) }
            }
        } else {
            let c = pickCategory(month: month, context: context, &rng)
            if let p = catalog.pick(category: c, monthIndex: mi, boost: boost, rng: &rng) { add(p, quantity(p, &rng)) }
            let extras = rng.poisson(mean: context.extraItems)
            for _ in 0..<extras {
                let c2 = rng.chance(0.55) ? c : pickCategory(month: month, context: context, &rng)
                if let p = catalog.pick(category: c2, monthIndex: mi, boost: boost, rng: &rng) { add(p, quantity(p, &rng)) }
            }
        }
        if items.isEmpty {
            // Only possible if a category had nothing on offer; coffee and tea always has.
            if let p = catalog.pick(category: CategoryID.coffeeTea.rawValue, monthIndex: mi, boost: false, rng: &rng) { add(p, 1) }
        }
        var i = 0
        while i < items.count && items.count < 10 {
            for partner in catalog.partners[items[i]]
            where !items.contains(partner.product) && catalog.isAvailable(partner.product, monthIndex: mi)
                && rng.chance(partner.probability)
            {
                add(partner.product, 1)
            }
            i += 1
        }
        return (items, qty)
    }

    /// Writes one order (and its return, if any) as order lines.
    func appendOrder(
        number: Int, customerId: String, sequence: Int, order: Placed, context: inout BasketContext, outlier: Bool,
        lines: inout [OrderLine], _ rng: inout SplitMix64
    ) -> OrderRecord {
        let (items, quantities) = basket(day: order.day, coffee: order.coffee, context: context, &rng)
        let oid = orderId(number: number, sequence: sequence)
        let at = Date(timeIntervalSince1970: Double(order.utc))
        let channel = Rhythm.channelNames[order.channel]
        let sale = timeline.isSale(order.day)
        let coupon = context.bargain && !sale && rng.chance(0.3)
        var returned = [Bool](repeating: false, count: items.count)
        var anyReturn = false
        var paid = [Int64](repeating: 0, count: items.count)
        var qtys = quantities
        if outlier { qtys[0] = 500 }
        for (j, p) in items.enumerated() {
            let price = catalog.specs[p].price
            let q = Int64(qtys[j])
            var discount: Int64 = 0
            if sale && catalog.salePercent[p] > 0 {
                discount = (q * price * Int64(catalog.salePercent[p]) + 50) / 100
            } else if coupon {
                discount = (q * price * 10 + 50) / 100
            }
            paid[j] = q * price - discount
            lines.append(
                OrderLine(
                    orderId: oid, line: j + 1, customerId: customerId, productId: catalog.ids[p], quantity: Double(q),
                    unitPriceMinor: price, currency: "EUR", orderedAt: at, channel: channel, discountMinor: discount))
            let rate = CategoryID(rawValue: catalog.category[p])?.returnRate ?? 0.02
            if !(outlier && j == 0) && rng.chance(context.bargain ? rate * 1.2 : rate) {
                returned[j] = true
                anyReturn = true
            }
        }
        if anyReturn {
            let day = order.day + 3 + rng.below(19)
            if day < timeline.endDay {
                let second = 9 * 3600 + rng.below(9 * 3600)
                let rid = orderId(number: number, sequence: 512 + sequence)
                let rat = Date(timeIntervalSince1970: Double(timeline.utc(localDay: day, second: second)))
                var n = 0
                for (j, p) in items.enumerated() where returned[j] {
                    n += 1
                    let q = Int64(qtys[j])
                    let unit = (paid[j] + q / 2) / q
                    lines.append(
                        OrderLine(
                            orderId: rid, line: n, customerId: customerId, productId: catalog.ids[p], quantity: -Double(q),
                            unitPriceMinor: unit, currency: "EUR", orderedAt: rat, channel: channel, discountMinor: 0))
                }
            } else {
                returned = [Bool](repeating: false, count: items.count)
            }
        }
        return OrderRecord(id: oid, utc: order.utc, products: items, returned: returned)
    }

    /// A second record of the same person under a new id (the duplicate defect).
    func makeDuplicate(
        of original: Customer, number: Int, defect: DemoDefect, type: DemoCustomerType, english: Bool,
        firstSlug: String, lastSlug: String, context: inout BasketContext, lines: inout [OrderLine], _ rng: inout SplitMix64
    ) -> (Customer, DemoCustomerTruth) {
        let dupNumber = config.customers + number
        let id = customerId(number: dupNumber)
        var p = original.personal
        if defect == .duplicateSameEmail, let email = p.email {
            switch rng.below(4) {
            case 0: p.email = email.uppercased()
            case 1: p.email = FastText.upperFirst(email)
            case 2: p.email = " " + email
            default: p.email = email + " "
            }
        } else {
            p.email = people.email(first: firstSlug, last: lastSlug, unique: uniqueScramble(UInt64(dupNumber)), english: english, &rng)
        }
        if rng.chance(0.5) { p.phone = nil }
        if rng.chance(0.5) { p.birthDate = nil }

        let now = timeline.nowSeconds
        let originalCreated = Int(original.createdAt?.timeIntervalSince1970 ?? Double(now - 86_400))
        let createdDay = min(timeline.endDay - 1, Int(Double(originalCreated) / 86_400) + 30 + rng.below(370))
        var orders = 0
        var created = timeline.utc(localDay: createdDay, second: 8 * 3600 + rng.below(14 * 3600))
        if created >= now - 3600 || created <= originalCreated { created = originalCreated + max(1, (now - originalCreated) / 2) }
        var updated = created
        if type != .neverOrdered && rng.chance(0.5) {
            let day = Int(Double(created + 3600) / 86_400)
            if day < timeline.endDay {
                let order = Placed(day: day, second: 20 * 3600 + rng.below(3 * 3600), utc: 0, channel: 0, coffee: false)
                var o = order
                o.utc = timeline.utc(localDay: o.day, second: o.second)
                if o.utc > created && o.utc < now {
                    _ = appendOrder(
                        number: dupNumber, customerId: id, sequence: 0, order: o, context: &context,
                        outlier: false, lines: &lines, &rng)
                    orders = 1
                    updated = o.utc
                }
            }
        }
        let customer = Customer(
            id: id, personal: p, country: original.country, language: original.language,
            createdAt: Date(timeIntervalSince1970: Double(created)), updatedAt: Date(timeIntervalSince1970: Double(updated)))
        let truth = DemoCustomerTruth(
            customerId: id, type: type, purchasesPerYear: 0, dropoutProbability: 1, activeAtEnd: false, orders: orders,
            coffeeRebuyer: false, duplicateOf: original.id, defect: defect)
        return (customer, truth)
    }
}
