import Foundation
import ObhutCore
import ObhutDemo
import Testing

/// One mid-sized shop shared by the tests (generated once, about 20k customers).
enum Fixture {
    static let config = DemoConfig(seed: 7, customers: 20_000, dirtyShare: 0.02, batchSize: 5_000)
    static let shop = DemoShop(config: config)
    static let batches: [DemoBatch] = (0..<shop.batchCount).map { shop.batch($0) }
    static let products = Dictionary(uniqueKeysWithValues: shop.products.map { ($0.id, $0) })
    static let customers = batches.flatMap(\.customers)
    static let truth = batches.flatMap(\.truth)
    static let lines = batches.flatMap(\.orderLines)
    static let consents = batches.flatMap(\.consents)
    static let feedback = batches.flatMap(\.feedback)
    static let now = config.now

    static var berlin: Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Europe/Berlin")!
        return c
    }

    static func productId(named name: String) -> String {
        shop.products.first { $0.name == name }!.id
    }
}

struct DemoShopDeterminismTests {
    @Test func sameSeedGivesIdenticalBatchesAndLeads() {
        let config = DemoConfig(seed: 11, customers: 1_500, batchSize: 600)
        let a = DemoShop(config: config)
        let b = DemoShop(config: config)
        // Generate in a different order for the second shop: a batch depends only on its index.
        let second = [2, 0, 1].map { b.batch($0) }
        #expect(a.batch(0) == second[1])
        #expect(a.batch(1) == second[2])
        #expect(a.batch(2) == second[0])
        #expect(a.leads() == b.leads())
        #expect(a.products == b.products)
        #expect(a.injectedDefects == b.injectedDefects)
    }

    @Test func differentSeedsGiveDifferentShops() {
        let a = DemoShop(config: DemoConfig(seed: 1, customers: 500)).batch(0)
        let b = DemoShop(config: DemoConfig(seed: 2, customers: 500)).batch(0)
        let sameNames = zip(a.customers, b.customers).filter { $0.personal == $1.personal }.count
        #expect(sameNames < 5, "customers with identical personal fields across seeds: \(sameNames)")
        #expect(Set(a.orderLines.map(\.orderId)).isDisjoint(with: Set(b.orderLines.map(\.orderId))))
    }

    @Test func contentDoesNotDependOnBatchSize() {
        let small = DemoShop(config: DemoConfig(seed: 5, customers: 900, dirtyShare: 0.1, batchSize: 250))
        let large = DemoShop(config: DemoConfig(seed: 5, customers: 900, dirtyShare: 0.1, batchSize: 900))
        let s = (0..<small.batchCount).map { small.batch($0) }
        let l = large.batch(0)
        #expect(small.batchCount == 4 && large.batchCount == 1)
        #expect(Set(s.flatMap(\.customers)) == Set(l.customers))
        #expect(Set(s.flatMap(\.orderLines)) == Set(l.orderLines))
        #expect(Set(s.flatMap(\.feedback)) == Set(l.feedback))
        #expect(Set(s.flatMap(\.consents)) == Set(l.consents))
    }

    @Test func batchBeyondTheEndIsEmpty() {
        let shop = DemoShop(config: DemoConfig(customers: 100))
        #expect(shop.batchCount == 1)
        #expect(shop.batch(1).customers.isEmpty)
    }
}

struct DemoShopIntegrityTests {
    @Test func everyRowReferencesACustomerOfItsBatchAndAKnownProduct() {
        for batch in Fixture.batches {
            let ids = Set(batch.customers.map(\.id))
            for line in batch.orderLines {
                #expect(line.customerId.map(ids.contains) == true, "order line \(line.orderId) without its customer")
                #expect(Fixture.products[line.productId] != nil)
            }
            for c in batch.consents { #expect(ids.contains(c.customerId)) }
            for f in batch.feedback {
                #expect(f.customerId.map(ids.contains) == true)
                if let p = f.productId { #expect(Fixture.products[p] != nil) }
            }
            #expect(batch.truth.map(\.customerId) == batch.customers.map(\.id))
        }
    }

    @Test func identifiersAreUniqueAndLinesAreNumberedFromOne() {
        let customerIds = Fixture.customers.map(\.id)
        #expect(Set(customerIds).count == customerIds.count)
        #expect(customerIds.count == Fixture.shop.customerRecordCount)
        #expect(Set(Fixture.feedback.map(\.id)).count == Fixture.feedback.count)
        var linesByOrder: [String: [Int]] = [:]
        var signs: [String: Set<Bool>] = [:]
        for l in Fixture.lines {
            linesByOrder[l.orderId, default: []].append(l.line)
            signs[l.orderId, default: []].insert(l.quantity > 0)
        }
        for (order, lines) in linesByOrder {
            #expect(lines == Array(1...lines.count), "order \(order) has lines \(lines)")
        }
        // An order is either a sale or a return, never both.
        #expect(signs.values.allSatisfy { $0.count == 1 })
        let consentKeys = Fixture.consents.map { "\($0.customerId)|\($0.purpose)|\($0.at.timeIntervalSince1970)|\($0.granted)" }
        #expect(Set(consentKeys).count == consentKeys.count)
    }

    @Test func everythingIsHardValid() throws {
        let email = try Regex("^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$")
        let iso = try Regex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
        let now = Fixture.now
        for c in Fixture.customers {
            if let e = c.personal.email {
                #expect(e.trimmingCharacters(in: .whitespaces).wholeMatch(of: email) != nil, "bad e-mail syntax")
            }
            if let b = c.personal.birthDate {
                #expect(b.wholeMatch(of: iso) != nil)
                let year = Int(b.prefix(4)) ?? 0
                #expect((1930...2008).contains(year))
            }
            let created = try #require(c.createdAt)
            let updated = try #require(c.updatedAt)
            #expect(created <= updated && updated < now)
            #expect(c.personal.isEmpty == (c.country == nil))
        }
        for l in Fixture.lines {
            #expect(l.currency == "EUR")
            #expect(l.orderedAt < now)
            #expect(l.unitPriceMinor > 0 && l.discountMinor >= 0)
            #expect(l.quantity != 0 && l.quantity == l.quantity.rounded())
            #expect(["web", "app", "store"].contains(l.channel ?? ""))
        }
        for f in Fixture.feedback {
            #expect(!f.text.isEmpty && f.createdAt < now)
            if let r = f.rating { #expect((1...5).contains(r)) }
        }
        for c in Fixture.consents { #expect(c.at < now) }
    }

    @Test func articlesAreNeverSoldBeforeTheyExist() {
        for l in Fixture.lines {
            let created = Fixture.products[l.productId]!.createdAt!
            #expect(created <= l.orderedAt, "\(l.productId) sold before it was listed")
        }
    }

    @Test(arguments: [1, 10])
    func historiesOfOtherLengthsStayConsistent(years: Int) {
        let shop = DemoShop(config: DemoConfig(seed: 4, customers: 3_000, years: years, dirtyShare: 0.05))
        let batch = shop.batch(0)
        let start = shop.config.now.addingTimeInterval(-Double(years) * 365.25 * 86_400 - 86_400)
        let fourYears = shop.config.now.addingTimeInterval(-4 * 365.25 * 86_400)
        let stale = Set(batch.truth.filter { $0.defect == .staleCustomer }.map(\.customerId))
        for l in batch.orderLines where !stale.contains(l.customerId!) {
            #expect(l.orderedAt < shop.config.now && l.orderedAt > start)
        }
        // Injected stale records lie before the history; with a history shorter than 4 years
        // they are the only records that old.
        let oldRecords = Set(batch.customers.filter { $0.updatedAt! < fourYears && $0.updatedAt! < start }.map(\.id))
        #expect(oldRecords == stale)
        let anyOld = batch.customers.filter { $0.updatedAt! < fourYears }.count
        if years < 4 { #expect(anyOld == stale.count) } else { #expect(anyOld > stale.count) }
    }

    @Test func productsHaveCategoriesPricesAndAFewDiscontinued() {
        let products = Fixture.shop.products
        #expect((190...220).contains(products.count))
        #expect(Set(products.compactMap(\.category)) == Set(DemoShop.categories))
        #expect(products.allSatisfy { ($0.priceMinor ?? 0) > 0 && $0.currency == "EUR" })
        let share = Double(products.filter { !$0.forSale }.count) / Double(products.count)
        #expect((0.02...0.03).contains(share), "share not for sale: \(share)")
        // Discontinued articles are not sold in the last two months.
        let cutoff = Fixture.now.addingTimeInterval(-60 * 86_400)
        let gone = Set(products.filter { !$0.forSale }.map(\.id))
        #expect(!Fixture.lines.contains { gone.contains($0.productId) && $0.orderedAt > cutoff && $0.quantity > 0 })
    }
}

struct DemoShopBehaviourTests {
    static func monthCounts(category: String) -> [Double] {
        var counts = [Double](repeating: 0, count: 12)
        let cal = Fixture.berlin
        for l in Fixture.lines where l.quantity > 0 && Fixture.products[l.productId]?.category == category {
            counts[cal.component(.month, from: l.orderedAt) - 1] += 1
        }
        return counts
    }

    @Test func gardenSellsMoreInSpringThanInWinter() {
        let m = Self.monthCounts(category: "Garten")
        let spring = (m[2] + m[3] + m[4] + m[5]) / 4
        let winter = (m[10] + m[11] + m[0] + m[1]) / 4
        print("garden lines per month: spring \(spring), winter \(winter), expected ratio >= 3")
        #expect(spring >= 3 * winter)
    }

    @Test func toysAndGiftsPeakBeforeChristmas() {
        for category in ["Spielwaren", "Geschenke"] {
            let m = Self.monthCounts(category: category)
            let advent = (m[10] + m[11]) / 2
            let summer = (m[5] + m[6] + m[7]) / 3
            print("\(category): Nov-Dec \(advent) per month, Jun-Aug \(summer), expected ratio >= 2.5")
            #expect(advent >= 2.5 * summer)
        }
    }

    @Test func onlineOrdersPeakInTheEveningAndOnSunday() {
        let cal = Fixture.berlin
        var hours = [Int](repeating: 0, count: 24)
        var weekdays = [Int](repeating: 0, count: 8)
        var storeOnSunday = 0
        var seen = Set<String>()
        for l in Fixture.lines where l.quantity > 0 && seen.insert(l.orderId).inserted {
            let wd = cal.component(.weekday, from: l.orderedAt)  // 1 = Sunday
            if l.channel == "store" {
                if wd == 1 { storeOnSunday += 1 }
                continue
            }
            hours[cal.component(.hour, from: l.orderedAt)] += 1
            weekdays[wd] += 1
        }
        let evening = hours[19...21].reduce(0, +)
        let morning = hours[6...8].reduce(0, +)
        print("online orders 19-22 h: \(evening), 6-9 h: \(morning); Sunday \(weekdays[1]), Saturday \(weekdays[7])")
        #expect(evening > 2 * morning)
        #expect(weekdays[1] > weekdays[7] && weekdays[1] == weekdays[1...7].max())
        #expect(storeOnSunday == 0)
    }

    @Test func plantedBundleCoOccursFarAboveChance() {
        var baskets: [String: Set<String>] = [:]
        for l in Fixture.lines where l.quantity > 0 { baskets[l.orderId, default: []].insert(l.productId) }
        func lift(_ a: String, _ b: String) -> Double {
            let n = Double(baskets.count)
            var na = 0.0, nb = 0.0, nab = 0.0
            for items in baskets.values {
                let ha = items.contains(a), hb = items.contains(b)
                if ha { na += 1 }
                if hb { nb += 1 }
                if ha && hb { nab += 1 }
            }
            return nab * n / max(1, na * nb)
        }
        let shears = Fixture.productId(named: "Gartenschere Bypass")
        let gloves = Fixture.productId(named: "Gartenhandschuhe Leder")
        let beans = Fixture.productId(named: "Kaffeebohnen Espresso Classico 1 kg")
        let planted = lift(shears, gloves)
        let unrelated = lift(shears, beans)
        print("lift shears→gloves \(planted) (expected > 10), shears→coffee beans \(unrelated) (expected < 2)")
        #expect(planted > 10)
        #expect(unrelated < 2)
        #expect(Fixture.shop.bundles.contains { $0.anchorProductIds.contains(shears) && $0.partnerProductId == gloves })
    }

    @Test func orderVolumeAndReturnsAreWithinBudget() {
        let n = Double(Fixture.config.customers)
        let perCustomer = Double(Fixture.lines.count) / n
        let returns = Double(Fixture.lines.filter { $0.quantity < 0 }.count) / Double(Fixture.lines.count)
        print("order lines per customer \(perCustomer) (expected 3.5-5.5), return share \(returns) (expected 0.02-0.045)")
        #expect((3.5...5.5).contains(perCustomer))
        #expect((0.02...0.045).contains(returns))
        let outliers = Fixture.lines.filter { $0.quantity >= 100 }.count
        #expect(outliers == Fixture.shop.injectedDefects.outlierOrderLines)
    }

    @Test func customerTypesBuyDifferently() {
        var orders: [DemoCustomerType: [Int]] = [:]
        for t in Fixture.truth where t.duplicateOf == nil && t.defect != .staleCustomer { orders[t.type, default: []].append(t.orders) }
        func mean(_ t: DemoCustomerType) -> Double { Double(orders[t]!.reduce(0, +)) / Double(orders[t]!.count) }
        print("mean orders: loyal \(mean(.loyal)), regular \(mean(.regular)), one-off \(mean(.oneOff))")
        #expect(mean(.loyal) > 3 * mean(.regular))
        #expect(orders[.oneOff]!.allSatisfy { $0 == 1 })
        #expect(orders[.neverOrdered]!.allSatisfy { $0 == 0 })
        let shares = Dictionary(grouping: Fixture.truth.filter { $0.duplicateOf == nil }, by: \.type).mapValues {
            Double($0.count) / Double(Fixture.config.customers)
        }
        #expect(abs(shares[.loyal]! - 0.10) < 0.015 && abs(shares[.oneOff]! - 0.25) < 0.02)

        // Lapsed customers bought nothing in the last year; new ones joined in the last 90 days.
        let type = Dictionary(uniqueKeysWithValues: Fixture.truth.map { ($0.customerId, $0) })
        let yearAgo = Fixture.now.addingTimeInterval(-365 * 86_400)
        #expect(
            !Fixture.lines.contains {
                $0.quantity > 0 && type[$0.customerId!]?.type == .lapsed && type[$0.customerId!]?.duplicateOf == nil && $0.orderedAt > yearAgo
            })
        let quarter = Fixture.now.addingTimeInterval(-91 * 86_400)
        for c in Fixture.customers where type[c.id]?.type == .new && type[c.id]?.duplicateOf == nil && type[c.id]?.defect != .staleCustomer {
            #expect(c.createdAt! > quarter.addingTimeInterval(-61 * 86_400))
        }
    }

    @Test func coffeeRebuyersReorderAboutEveryFourWeeks() {
        let rebuyers = Set(Fixture.truth.filter { $0.coffeeRebuyer && $0.orders >= 6 }.map(\.customerId))
        let coffee = Set(Fixture.shop.products.filter { $0.category == "Kaffee & Tee" }.map(\.id))
        var times: [String: [Date]] = [:]
        var seen = Set<String>()
        for l in Fixture.lines where l.quantity > 0 && coffee.contains(l.productId) && rebuyers.contains(l.customerId ?? "") {
            if seen.insert(l.orderId).inserted { times[l.customerId!, default: []].append(l.orderedAt) }
        }
        var gaps: [Double] = []
        for list in times.values {
            let sorted = list.sorted()
            for i in 1..<max(1, sorted.count) { gaps.append(sorted[i].timeIntervalSince(sorted[i - 1]) / 86_400) }
        }
        gaps.sort()
        let median = gaps[gaps.count / 2]
        print("coffee rebuyers \(rebuyers.count), median days between coffee orders \(median) (expected 21-35)")
        #expect(rebuyers.count > 100)
        #expect((21...35).contains(median))
    }

    @Test func consentMixIsWithinRanges() {
        let n = Double(Fixture.config.customers)
        let granted = Fixture.consents.filter(\.granted)
        let personalization = Double(granted.filter { $0.purpose == .personalization }.count) / n
        let marketing = Double(granted.filter { $0.purpose == .marketing }.count) / n
        let withdrawals = Fixture.consents.filter { !$0.granted }
        let withdrawn = Double(withdrawals.count) / Double(granted.count)
        print("consent: personalization \(personalization) (0.50-0.60), marketing \(marketing) (0.30-0.40), withdrawn \(withdrawn) (0.03-0.07)")
        #expect((0.50...0.60).contains(personalization))
        #expect((0.30...0.40).contains(marketing))
        #expect((0.03...0.07).contains(withdrawn))
        #expect(Set(Fixture.consents.map(\.source)).isSuperset(of: ["checkout", "newsletter-form", "account"]))
        #expect(Set(Fixture.consents.map(\.textVersion)) == ["v1", "v2"])
        // Every withdrawal follows a grant of the same purpose.
        let grants = Dictionary(granted.map { ("\($0.customerId)|\($0.purpose)", $0.at) }, uniquingKeysWith: min)
        for w in withdrawals {
            let g = grants["\(w.customerId)|\(w.purpose)"]
            #expect(g != nil && g! < w.at)
        }
    }
}

struct DemoShopDefectTests {
    @Test func injectedDefectsAreExactlyTheDeclaredOnes() {
        let shop = Fixture.shop
        let declared = shop.injectedDefects
        let summed = Fixture.batches.map(\.defects).reduce(DemoDefects(), +)
        var expectedBatches = declared
        expectedBatches.staleLeads = 0
        #expect(summed == expectedBatches)

        // What a quality check would see, found here with simple rules.
        var byEmail: [String: Int] = [:]
        var byNamePostal: [String: Set<String>] = [:]
        var missingName = 0, missingEmail = 0, badPhone = 0, badPostal = 0, stale = 0
        let fourYears = Fixture.now.addingTimeInterval(-4 * 365.25 * 86_400)
        for c in Fixture.customers {
            let p = c.personal
            if let e = p.email { byEmail[e.trimmingCharacters(in: .whitespaces).lowercased(), default: 0] += 1 }
            if let last = p.lastName, let pc = p.postalCode, let first = p.firstName {
                byNamePostal["\(first)|\(last)|\(pc)|\(p.street ?? "")", default: []].insert(
                    p.email?.trimmingCharacters(in: .whitespaces).lowercased() ?? "")
            }
            if !p.isEmpty {
                if p.firstName == nil || p.lastName == nil { missingName += 1 }
                if p.email == nil { missingEmail += 1 }
            }
            if let phone = p.phone {
                // E.164: 5-15 digits including the country code, nothing but layout besides.
                let digits = phone.filter(\.isNumber).count
                if digits < 5 || digits > 15 || phone.contains(where: \.isLetter) { badPhone += 1 }
            }
            if let pc = p.postalCode, pc.count != 5 { badPostal += 1 }
            if let u = c.updatedAt, u < fourYears { stale += 1 }
        }
        let sameEmail = byEmail.values.reduce(0) { $0 + $1 - 1 }
        let otherEmail = byNamePostal.values.reduce(0) { $0 + $1.count - 1 }
        print("declared \(declared)")
        #expect(sameEmail == declared.duplicateSameEmail)
        #expect(otherEmail == declared.duplicateOtherEmail)
        #expect(missingName == declared.missingName)
        #expect(missingEmail == declared.missingEmail)
        #expect(badPhone == declared.invalidPhone)
        #expect(badPostal == declared.invalidPostalCode)
        #expect(stale == declared.staleCustomers)
        #expect(declared.total > 0 && declared.duplicates > 0)

        let leads = shop.leads()
        let twoYears = Fixture.now.addingTimeInterval(-730 * 86_400)
        let staleLeads = leads.filter { $0.outcome == .open && ($0.lastActivityAt ?? $0.createdAt) < twoYears }.count
        #expect(staleLeads == declared.staleLeads)
    }

    @Test func dirtyShareScalesTheDefects() {
        let clean = DemoShop(config: DemoConfig(seed: 3, customers: 5_000, dirtyShare: 0))
        let dirty = DemoShop(config: DemoConfig(seed: 3, customers: 5_000, dirtyShare: 0.1))
        #expect(clean.injectedDefects.total == 0)
        #expect(clean.customerRecordCount == 5_000)
        let share = Double(dirty.injectedDefects.total - dirty.injectedDefects.staleLeads) / 5_000
        print("customer defect share at dirtyShare 0.1: \(share)")
        #expect((0.08...0.11).contains(share))
    }
}

struct DemoShopFeedbackTests {
    static let negativeOnly = [
        "enttäuscht", "nicht gut", "kaputt", "beschädigt", "unfreundlich", "Nie wieder", "zu lange", "nicht pünktlich",
        "disappointed", "not good", "broke", "damaged", "rude", "not worth", "Never again", "too long", "never replied",
    ]
    static let positiveOnly = [
        "begeistert", "hervorragend", "Gerne wieder", "perfekt", "sofort geholfen", "Empfehlung",
        "excellent", "love it", "Highly recommend", "perfectly", "helped right away", "Would buy again",
    ]

    @Test func fiveStarTextsContainNoNegativePhrases() {
        let five = Fixture.feedback.filter { $0.rating == 5 }
        #expect(five.count > 300)
        for f in five {
            let hit = Self.negativeOnly.first { f.text.localizedCaseInsensitiveContains($0) }
            #expect(hit == nil, "5-star text with negative phrase: \(f.text)")
        }
    }

    @Test func oneStarTextsContainNoPositivePhrases() {
        let one = Fixture.feedback.filter { $0.rating == 1 }
        #expect(one.count > 50)
        for f in one {
            let hit = Self.positiveOnly.first { f.text.localizedCaseInsensitiveContains($0) }
            #expect(hit == nil, "1-star text with positive phrase: \(f.text)")
        }
    }

    @Test func feedbackComesFromAboutAFifthOfCustomersInTheirLanguage() throws {
        let writers = Set(Fixture.feedback.compactMap(\.customerId))
        let share = Double(writers.count) / Double(Fixture.config.customers)
        print("share of customers with feedback \(share) (expected 0.17-0.23)")
        #expect((0.17...0.23).contains(share))
        let language = Dictionary(uniqueKeysWithValues: Fixture.customers.map { ($0.id, $0.language) })
        for f in Fixture.feedback {
            #expect(f.language == (language[f.customerId!] ?? nil) ?? .de)
        }
        let english = Fixture.feedback.filter { $0.language == .en }
        #expect(!english.isEmpty && english.allSatisfy { !$0.text.contains(" der ") && !$0.text.contains(" die ") })
        #expect(Set(Fixture.feedback.map(\.kind)) == Set(FeedbackKind.allCases))
        // Contrasts and negations that fool word counting are there.
        #expect(Fixture.feedback.contains { $0.text.contains(", aber ") })
        #expect(Fixture.feedback.contains { $0.text.contains(", but ") })
        #expect(Fixture.feedback.contains { $0.rating == 5 && $0.text.contains("Nicht zu teuer") })
    }

    @Test func someTextsNamePeopleAndContactDetailsForRedaction() {
        let names = Dictionary(
            uniqueKeysWithValues: Fixture.customers.compactMap { c -> (String, String)? in
                guard let f = c.personal.firstName, let l = c.personal.lastName else { return nil }
                return (c.id, f + " " + l)
            })
        let mails = Fixture.feedback.filter { $0.kind == .email }
        let named = mails.filter { f in names[f.customerId!].map { f.text.contains($0) } ?? false }.count
        let phones = Fixture.feedback.filter { $0.text.contains("+49 ") }.count
        let emails = Fixture.feedback.filter { $0.text.contains("@") }.count
        print("mails naming the writer \(named) of \(mails.count); texts with phone \(phones), with e-mail \(emails)")
        #expect(Double(named) > 0.3 * Double(mails.count))
        #expect(phones > 20 && emails > 20)
    }
}

struct DemoShopLeadTests {
    @Test(arguments: [(100, 300), (20_000, 2_000), (1_000_000, 5_000)])
    func leadCountFollowsCustomers(customers: Int, expected: Int) {
        #expect(DemoShop.leadCount(customers: customers) == expected)
    }

    @Test func leadsHaveInventedCompaniesAndContacts() {
        let leads = Fixture.shop.leads()
        #expect(leads.count == 2_000)
        #expect(Set(leads.map(\.id)).count == leads.count)
        let legalForms = ["GmbH", "KG", "e.K.", "OHG", "AG", "(haftungsbeschränkt)"]
        #expect(leads.allSatisfy { lead in legalForms.contains { lead.company.hasSuffix($0) } })
        #expect(leads.compactMap(\.contactEmail).allSatisfy { $0.hasSuffix(".example") })
        #expect(leads.allSatisfy { ($0.outcome == .open) == ($0.stage != .closed) })
        #expect(
            leads.allSatisfy {
                $0.createdAt <= ($0.lastActivityAt ?? $0.createdAt) && ($0.stageSince ?? $0.createdAt) <= ($0.lastActivityAt ?? Fixture.now)
            })
        #expect(Set(leads.compactMap(\.source)) == ["trade-fair", "website", "referral", "cold-call", "newsletter"])
    }

    @Test func leadOutcomeIsLearnableButNoisy() {
        let closed = DemoShop(config: DemoConfig(seed: 9, customers: 50_000)).leads().filter { $0.outcome != .open }
        let sources = ["trade-fair", "website", "referral", "cold-call"]
        let industries = Array(Set(closed.compactMap(\.industry))).sorted()
        func features(_ l: Lead) -> [Double] {
            var x: [Double] = [1]
            x += sources.map { l.source == $0 ? 1 : 0 }
            x += industries.dropFirst().map { l.industry == $0 ? 1 : 0 }
            x.append(l.size.map { log(Double($0)) } ?? 3)
            x.append(l.size == nil ? 1 : 0)
            x += [Double(min(l.meetings, 6)), Double(min(l.visits, 15)) / 5, Double(min(l.emailsOpened, 30)) / 10]
            return x
        }
        let xs = closed.map(features)
        let ys = closed.map { $0.outcome == .won ? 1.0 : 0.0 }
        let half = xs.count / 2
        let w = logisticRegression(Array(xs[..<half]), Array(ys[..<half]))
        let scores = xs[half...].map { x in zip(w, x).reduce(0) { $0 + $1.0 * $1.1 } }
        let auc = areaUnderCurve(scores: Array(scores), labels: Array(ys[half...]))
        let wonShare = ys.reduce(0, +) / Double(ys.count)
        func winRate(_ s: String) -> Double {
            let g = closed.filter { $0.source == s }
            return Double(g.filter { $0.outcome == .won }.count) / Double(g.count)
        }
        print(
            "closed leads \(closed.count), won \(wonShare), held-out AUC \(auc) (expected 0.75-0.85); win rate referral \(winRate("referral")), cold call \(winRate("cold-call"))"
        )
        #expect((0.75...0.85).contains(auc))
        #expect((0.15...0.45).contains(wonShare))
        #expect(winRate("referral") > 2 * winRate("cold-call"))
    }

    /// Logistic regression by Newton's method with a small ridge (test helper, not production code).
    func logisticRegression(_ xs: [[Double]], _ ys: [Double]) -> [Double] {
        let d = xs[0].count
        var w = [Double](repeating: 0, count: d)
        for _ in 0..<25 {
            var g = [Double](repeating: 0, count: d)
            var h = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
            for (x, y) in zip(xs, ys) {
                let p = 1 / (1 + exp(-zip(w, x).reduce(0) { $0 + $1.0 * $1.1 }))
                for i in 0..<d {
                    g[i] += (p - y) * x[i]
                    for j in 0..<d { h[i][j] += p * (1 - p) * x[i] * x[j] }
                }
            }
            for i in 0..<d {
                g[i] += 1e-3 * w[i]
                h[i][i] += 1e-3
            }
            // Solve h · step = g by Gaussian elimination with partial pivoting.
            var a = h
            var b = g
            for col in 0..<d {
                let pivot = (col..<d).max { abs(a[$0][col]) < abs(a[$1][col]) }!
                a.swapAt(col, pivot)
                b.swapAt(col, pivot)
                for r in (col + 1)..<d {
                    let f = a[r][col] / a[col][col]
                    for c in col..<d { a[r][c] -= f * a[col][c] }
                    b[r] -= f * b[col]
                }
            }
            var step = [Double](repeating: 0, count: d)
            for r in stride(from: d - 1, through: 0, by: -1) {
                var s = b[r]
                for c in (r + 1)..<d { s -= a[r][c] * step[c] }
                step[r] = s / a[r][r]
            }
            for i in 0..<d { w[i] -= step[i] }
        }
        return w
    }

    /// Rank-based AUC (Mann-Whitney U), ties counted half.
    func areaUnderCurve(scores: [Double], labels: [Double]) -> Double {
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var rankSum = 0.0
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && scores[order[j + 1]] == scores[order[i]] { j += 1 }
            let rank = Double(i + j) / 2 + 1
            for k in i...j where labels[order[k]] == 1 { rankSum += rank }
            i = j + 1
        }
        let pos = labels.reduce(0, +)
        let neg = Double(labels.count) - pos
        return (rankSum - pos * (pos + 1) / 2) / (pos * neg)
    }
}

struct DemoConfigTests {
    @Test(arguments: [
        DemoConfig(customers: 0), DemoConfig(customers: 20_000_000), DemoConfig(years: 0),
        DemoConfig(dirtyShare: 0.9), DemoConfig(batchSize: 0),
    ])
    func rejectsOutOfRangeSettings(config: DemoConfig) {
        #expect(throws: DemoConfigError.self) { try config.validate() }
    }

    @Test func acceptsTheDefaultsAndExplainsErrorsInBothLanguages() throws {
        try DemoConfig().validate()
        let error = DemoConfigError.customers(0)
        #expect(error.message(in: .de).contains("--customers"))
        #expect(error.message(in: .en).contains("--customers"))
        #expect(DemoConfig().now == Date(timeIntervalSince1970: 1_793_491_200))
    }
}
