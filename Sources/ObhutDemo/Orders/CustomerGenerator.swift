import Foundation
import ObhutCore

/// Purchase behaviour per customer type. Rates are per day; dropout is Beta(dropA, dropB).
struct TypeParams: Sendable {
    let rateMean: Double
    let rateShape: Double
    let dropA: Double
    let dropB: Double
    /// Gamma shape of the category affinities: small = few favourite categories.
    let affinityShape: Double
    /// Mean number of extra articles per basket beyond the first (and its bundle partners).
    let extraItems: Double
    let coffeeShare: Double
    let personalization: Double
    let marketing: Double

    static func of(_ type: DemoCustomerType) -> TypeParams {
        switch type {
        case .loyal:
            TypeParams(
                rateMean: 1 / 100, rateShape: 2.5, dropA: 1, dropB: 40, affinityShape: 1.5, extraItems: 0.9, coffeeShare: 0.25, personalization: 0.72,
                marketing: 0.50)
        case .regular:
            TypeParams(
                rateMean: 1 / 290, rateShape: 1.0, dropA: 1.5, dropB: 6, affinityShape: 0.5, extraItems: 0.55, coffeeShare: 0.05,
                personalization: 0.56, marketing: 0.35)
        case .bargainHunter:
            TypeParams(
                rateMean: 1 / 170, rateShape: 1.2, dropA: 1.2, dropB: 9, affinityShape: 0.6, extraItems: 0.6, coffeeShare: 0.03,
                personalization: 0.55, marketing: 0.45)
        case .oneOff:
            TypeParams(
                rateMean: 0, rateShape: 1, dropA: 1, dropB: 1, affinityShape: 0.4, extraItems: 0.6, coffeeShare: 0, personalization: 0.46,
                marketing: 0.25)
        case .lapsed:
            TypeParams(
                rateMean: 1 / 110, rateShape: 1.5, dropA: 1.2, dropB: 8, affinityShape: 0.5, extraItems: 0.6, coffeeShare: 0.06,
                personalization: 0.52, marketing: 0.32)
        case .new:
            TypeParams(
                rateMean: 1 / 70, rateShape: 1.5, dropA: 1, dropB: 8, affinityShape: 0.5, extraItems: 0.6, coffeeShare: 0.06, personalization: 0.58,
                marketing: 0.38)
        case .neverOrdered:
            TypeParams(
                rateMean: 0, rateShape: 1, dropA: 1, dropB: 1, affinityShape: 0.5, extraItems: 0, coffeeShare: 0, personalization: 0.40,
                marketing: 0.30)
        }
    }
}

/// Channel, weekday and hour patterns: online peaks in the evening and on Sunday, the shop in
/// town is closed on Sunday and busiest on Saturday. Local German time.
enum Rhythm {
    static let channelNames = ["web", "app", "store"]
    static let channels = cumulative([0.58, 0.30, 0.12])
    static let onlineWeekday = cumulative([1.05, 1.0, 1.0, 1.0, 0.85, 0.8, 1.4])
    static let storeWeekday = cumulative([1.0, 1.0, 1.0, 1.0, 1.15, 1.6, 0])
    static let onlineHour = cumulative([
        0.3, 0.15, 0.1, 0.07, 0.07, 0.15, 0.4, 0.8, 1.0, 1.1, 1.2, 1.3,
        1.6, 1.5, 1.2, 1.2, 1.3, 1.5, 1.9, 2.4, 2.8, 2.7, 2.0, 1.0,
    ])
    static let storeHour = cumulative([
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0.8, 1.1, 1.4, 1.5, 1.3, 1.1, 1.2, 1.4, 1.6, 1.5, 0.7, 0, 0, 0, 0,
    ])
    static let categorySeason: [[Double]] = CategoryID.allCases.map { $0.season.monthly }
}

/// What a basket draw needs to know about the customer.
struct BasketContext {
    var affinity: [Double]
    var extraItems: Double
    var bargain: Bool
    var favouriteRebuy: Int
}

/// One order as placed: local day and second, UTC seconds, channel.
struct Placed {
    var day: Int
    var second: Int
    var utc: Int
    var channel: Int
    var coffee: Bool
}

/// An order as kept for feedback: id, time and what was in it.
struct OrderRecord {
    var id: String
    var utc: Int
    var products: [Int]
    var returned: [Bool]
}

extension DemoShop {
    func orderId(number: Int, sequence: Int) -> String {
        FastText.code("O", orderScramble(UInt64(number) << 10 | UInt64(sequence)), width: 12)
    }

    func feedbackId(number: Int, sequence: Int) -> String {
        FastText.code("F", feedbackScramble(UInt64(number) << 4 | UInt64(sequence)), width: 12)
    }

    // MARK: Customer

    func generateCustomer(_ k: Int, into batch: inout DemoBatch, duplicates: inout [(Customer, DemoCustomerTruth)]) {
        let header = Self.header(k, config: config)
        var rng = SplitMix64(seed: config.seed, stream: Stream.customer.rawValue, index: UInt64(k))
        let number = k + 1
        let id = customerId(number: number)
        let type = header.type
        let params = TypeParams.of(type)
        let defect = header.defect
        let stale = defect == .staleCustomer
        let start = timeline.startDay
        let end = timeline.endDay
        let now = timeline.nowSeconds

        // The person.
        var personal = PersonalFields()
        var language: Language?
        var city = people.cities[0]
        var english = false
        var firstSlug = ""
        var lastSlug = ""
        if !header.onlyId {
            english = rng.chance(0.15)
            language = english ? .en : .de
            let female = rng.chance(0.5)
            let firstPool = english ? (female ? people.englishFemale : people.englishMale) : (female ? people.germanFemale : people.germanMale)
            let lastPool = english ? people.englishSurnames : people.germanSurnames
            let fi = firstPool.draw(&rng)
            let li = lastPool.draw(&rng)
            personal.firstName = firstPool.names[fi]
            personal.lastName = lastPool.names[li]
            firstSlug = firstPool.slugs[fi]
            lastSlug = lastPool.slugs[li]
            city = people.cities[rng.index(cumulative: people.cityCumulative)]
            personal.street = people.street(&rng)
            personal.postalCode = people.postalCode(city, &rng)
            personal.city = city.name
            personal.email = people.email(first: firstSlug, last: lastSlug, unique: uniqueScramble(UInt64(number)), english: english, &rng)
            if rng.chance(0.7) {
                personal.phone = people.phone(city: city, unique: phoneScramble(UInt64(number)), width: max(7, uniqueWidth), &rng)
            }
            if rng.chance(0.6) {
                let age = min(88, max(18, 46 + 15 * rng.normal()))
                personal.birthDate = CivilDate.iso(end - Int(age * 365.25) - rng.below(365))
            }
        }

        // Category affinities and the seasonal intensity they imply.
        var affinity = [Double](repeating: 0, count: CategoryID.allCases.count)
        var affinityTotal = 0.0
        for c in CategoryID.allCases {
            let a = c.popularity * max(1e-3, rng.gamma(shape: params.affinityShape, scale: 1))
            affinity[c.rawValue] = a
            affinityTotal += a
        }
        var intensity = [Double](repeating: 0, count: 12)
        for m in 0..<12 {
            var s = 0.0
            for c in 0..<affinity.count { s += affinity[c] * Rhythm.categorySeason[c][m] }
            intensity[m] = s / affinityTotal
        }
        let peak = intensity.max() ?? 1
        let meanIntensity = intensity.reduce(0, +) / 12
        let mainChannel = rng.index(cumulative: Rhythm.channels)
        var context = BasketContext(
            affinity: affinity, extraItems: params.extraItems, bargain: type == .bargainHunter,
            favouriteRebuy: catalog.rebuyItems[rng.index(cumulative: catalog.rebuyCumulative)])

        // When the customer joined and when they bought (fractional local days). The first
        // purchase is seasonal too: a candidate day is kept with the customer's own seasonal
        // intensity, so garden lovers tend to arrive in spring and gift buyers before Christmas.
        let days = timeline.days
        var joinDay = Double(start)
        var deathDay = Double(end)
        let cut = Double(end - min(365, days / 3) - 7)
        for _ in 0..<64 {
            switch type {
            case .new:
                joinDay = Double(end) - 0.01 - rng.uniform() * 89.99
            case .lapsed:
                joinDay = Double(start) + rng.uniform() * (cut - 60 - Double(start))
            default:
                // More customers join later: density rising linearly to 2.5 times the start.
                let g = 1.5
                let f = (-1 + (1 + g * (2 + g) * rng.uniform()).squareRoot()) / g
                joinDay = Double(start) + f * Double(days)
            }
            if rng.uniform() * peak < intensity[timeline.month(Int(joinDay)) - 1] { break }
        }
        if type == .lapsed { deathDay = joinDay + 30 + rng.uniform() * max(0, cut - joinDay - 30) }
        if stale { joinDay = Double(timeline.archiveDay - rng.below(548)) + rng.uniform() }

        var lambda = 0.0
        var dropout = 1.0
        var coffee = false
        var dead = true
        var events: [(Double, Bool)] = []
        if type != .neverOrdered {
            events.append((joinDay, false))
        }
        if !stale, type != .neverOrdered, type != .oneOff {
            lambda = rng.gamma(shape: params.rateShape, scale: params.rateMean / params.rateShape)
            dropout = rng.beta(params.dropA, params.dropB)
            coffee = rng.chance(params.coffeeShare)
            if coffee { dropout *= 0.35 }
            let candidateMean = meanIntensity / max(1e-9, lambda * peak)
            // As in BG/NBD, dropout follows repeat purchases only: the first order is the trial.
            dead = false
            var tMain = joinDay + rng.exponential(mean: candidateMean)
            var tCoffee = coffee ? joinDay + rng.gamma(shape: 8, scale: 3.5) : Double.infinity
            while !dead && events.count < 400 {
                if tCoffee < tMain {
                    if tCoffee >= deathDay { break }
                    events.append((tCoffee, true))
                    dead = rng.chance(dropout)
                    tCoffee += rng.gamma(shape: 8, scale: 3.5)
                } else {
                    if tMain >= deathDay { break }
                    let m = timeline.month(Int(tMain)) - 1
                    if rng.uniform() * peak < intensity[m] {
                        var day = tMain
                        if context.bargain && rng.chance(0.6), let sale = timeline.nextSale(from: Int(tMain)),
                            Double(sale.start + sale.length) <= deathDay
                        {
                            day = Double(sale.start + rng.below(sale.length)) + rng.uniform()
                        }
                        events.append((day, false))
                        dead = rng.chance(dropout)
                    }
                    tMain += rng.exponential(mean: candidateMean)
                }
            }
            if type == .lapsed { dead = true }
        }

        // Place the orders on weekdays and hours.
        var placed: [Placed] = []
        placed.reserveCapacity(events.count)
        let firstAllowed = Int(joinDay)
        for (day, isCoffee) in events {
            placed.append(
                place(
                    day: Int(day), coffee: isCoffee, mainChannel: mainChannel, firstAllowed: firstAllowed,
                    limit: min(end, Int(deathDay) + 1), stale: stale, &rng))
        }
        placed.sort { $0.utc < $1.utc }

        // Account creation: at the first checkout, or some days before it.
        var created: Int
        if let first = placed.first {
            created = first.utc - 30 - rng.below(1800)
            if !stale && rng.chance(0.2) { created -= 86_400 * (1 + rng.below(60)) }
        } else {
            created = timeline.utc(localDay: Int(joinDay), second: 8 * 3600 + rng.below(14 * 3600))
        }
        created = min(created, now - 3600)

        // Orders, returns and the records kept for feedback.
        var records: [OrderRecord] = []
        records.reserveCapacity(placed.count)
        for (seq, order) in placed.enumerated() {
            let outlier = defect == .outlierQuantity && seq == 0
            records.append(
                appendOrder(
                    number: number, customerId: id, sequence: seq, order: order, context: &context, outlier: outlier,
                    lines: &batch.orderLines, &rng))
        }

        // Feedback.
        if !records.isEmpty && rng.chance(0.206) {
            writeFeedback(
                number: number, customerId: id, personal: personal, language: language ?? .de,
                english: english, records: records, into: &batch.feedback, &rng)
        }

        // Consents.
        var lastConsent = created
        let firstOrder = placed.first?.utc
        for (purpose, probability) in [(PurposeID.personalization, params.personalization), (PurposeID.marketing, params.marketing)] {
            guard rng.chance(probability) else { continue }
            var at: Int
            var source: String
            if stale {
                at = created + 60 + rng.below(600)
                source = "account"
            } else if let f = firstOrder, rng.chance(purpose == .personalization ? 0.6 : 0.4) {
                at = f + 20 + rng.below(180)
                source = "checkout"
            } else if purpose == .personalization {
                at = created + rng.below(max(1, min(200 * 86_400, now - created - 3600)))
                source = "account"
            } else {
                at = created + rng.below(max(1, now - created - 3600))
                source = "newsletter-form"
            }
            at = min(at, now - 1)
            let version = at >= v2Start ? "v2" : "v1"
            batch.consents.append(
                ConsentEvent(
                    customerId: id, purpose: purpose, granted: true, at: Date(timeIntervalSince1970: Double(at)), source: source, textVersion: version
                ))
            lastConsent = max(lastConsent, at)
            if !stale && rng.chance(0.05) && at + 86_400 < now - 60 {
                let withdrawn = at + 86_400 + rng.below(now - 60 - at - 86_400)
                let wSource = purpose == .marketing && rng.chance(0.6) ? "unsubscribe-link" : "account"
                batch.consents.append(
                    ConsentEvent(
                        customerId: id, purpose: purpose, granted: false, at: Date(timeIntervalSince1970: Double(withdrawn)), source: wSource,
                        textVersion: version))
                lastConsent = max(lastConsent, withdrawn)
            }
        }

        // Last change of the record: last order, last consent, or an edit of the profile.
        var updated = max(created, lastConsent, placed.last?.utc ?? created)
        if !stale && rng.chance(0.15) { updated = max(updated, created + rng.below(max(1, now - created))) }
        updated = min(updated, now - 1)

        // Soft defects.
        switch defect {
        case .missingName:
            if rng.chance(0.5) { personal.firstName = nil }
            personal.lastName = nil
        case .missingEmail:
            personal.email = nil
        case .invalidPhone:
            // Fails E.164 plausibility (5-15 digits, no letters) the way real exports do: a local
            // number without area code, digits run together, or a remark in the field.
            switch rng.below(3) {
            case 0: personal.phone = FastText.decimal(rng.int(100, 9_999))
            case 1:
                personal.phone =
                    "+49 " + city.areaCode + " " + FastText.code("", UInt64(rng.int(1_000_000, 9_999_999)), width: 7)
                    + FastText.code("", UInt64(rng.below(1_000_000)), width: 6)
            default:
                personal.phone =
                    "+49 " + city.areaCode + " " + FastText.code("", UInt64(rng.int(2_000_000, 9_999_999)), width: 7)
                    + (english ? " evenings" : " abends")
            }
        case .invalidPostalCode:
            if let code = personal.postalCode {
                personal.postalCode = code.hasPrefix("0") ? String(code.dropFirst()) : String(code.dropLast())
            }
        default: break
        }

        let customer = Customer(
            id: id, personal: personal, country: header.onlyId ? nil : "DE", language: language,
            createdAt: Date(timeIntervalSince1970: Double(created)), updatedAt: Date(timeIntervalSince1970: Double(updated)))
        batch.customers.append(customer)
        batch.truth.append(
            DemoCustomerTruth(
                customerId: id, type: type, purchasesPerYear: lambda * 365.25, dropoutProbability: dropout,
                activeAtEnd: !dead, orders: placed.count, coffeeRebuyer: coffee, duplicateOf: nil, defect: defect))
        if let defect, defect != .duplicateSameEmail && defect != .duplicateOtherEmail {
            batch.defects.count(defect)
        }

        if defect == .duplicateSameEmail || defect == .duplicateOtherEmail, let defect {
            duplicates.append(
                makeDuplicate(
                    of: customer, number: number, defect: defect, type: type, english: english, firstSlug: firstSlug,
                    lastSlug: lastSlug, context: &context, lines: &batch.orderLines, &rng))
            batch.defects.count(defect)
        }
    }

    /// Puts an order on a weekday and hour that fit its channel, never on or after `limit` (the
    /// end of the history or the day a lapsed customer stopped) and never before they joined.
    private func place(day: Int, coffee: Bool, mainChannel: Int, firstAllowed: Int, limit: Int, stale: Bool, _ rng: inout SplitMix64) -> Placed {
        var channel = rng.chance(0.8) ? mainChannel : rng.index(cumulative: Rhythm.channels)
        if coffee && channel == 2 && rng.chance(0.7) { channel = 0 }
        let store = channel == 2
        let target = rng.index(cumulative: store ? Rhythm.storeWeekday : Rhythm.onlineWeekday)
        var d = day + (target - CivilDate.weekday(day) + 7) % 7
        if d >= limit { d -= 7 }
        if d < firstAllowed || (stale && d != day) { d = day }
        if store && CivilDate.weekday(d) == 6 { channel = 0 }
        let hour = rng.index(cumulative: channel == 2 ? Rhythm.storeHour : Rhythm.onlineHour)
        let second = hour * 3600 + rng.below(3600)
        return Placed(day: d, second: second, utc: timeline.utc(localDay: d, second: second), channel: channel, coffee: coffee)
    }
}
