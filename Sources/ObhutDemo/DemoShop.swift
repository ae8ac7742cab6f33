import Foundation
import ObhutCore

/// A deterministic, invented online shop (home, garden, gifts, coffee and tea, kitchen, clothing,
/// toys and a small drugstore range) for `obhut demo`, tests and benchmarks.
///
/// Everyone in it is invented. Customers are generated in batches; `batch(_:)` is a pure
/// function of the config and the index, so batches can be produced on several threads in any
/// order and imported as they come. Within a batch every order line, consent and feedback
/// refers to a customer of that batch and a product of `products`.
///
/// What is realistic about it (and what analytics should find):
/// - seasons per category and article, sales with discounts, evening and Sunday peaks online,
///   times in German local time stored as UTC;
/// - customer types that buy differently (`DemoCustomerType`), purchase rates drawn from a gamma
///   distribution and dropout after each purchase (the BG/NBD story), coffee and tea rebuyers
///   with about 4 weeks between orders;
/// - planted co-purchases (`bundles`), about 3 % returns as negative quantities;
/// - reviews, mails and chats whose words fit their rating, some naming the writer;
/// - consents for personalisation (about 55 %) and marketing (about 35 %) with later withdrawals;
/// - about `dirtyShare` soft defects, counted in `injectedDefects`.
public struct DemoShop: Sendable {
    public let config: DemoConfig
    let timeline: Timeline
    let catalog: Catalog
    let people: People
    let writer: FeedbackWriter
    let uniqueScramble: Scrambler
    let phoneScramble: Scrambler
    let uniqueWidth: Int
    let orderScramble: Scrambler
    let feedbackScramble: Scrambler
    let idWidth: Int
    let v2Start: Int
    private let defectTotals: DemoDefects

    public init(config: DemoConfig) {
        let config = config.clamped
        self.config = config
        timeline = Timeline(now: config.now, years: config.years)
        catalog = Catalog(timeline: timeline)
        people = People()
        writer = FeedbackWriter()
        var bits = 12
        while (1 << bits) < 2 * config.customers + 2 { bits += 1 }
        uniqueScramble = Scrambler(bits: bits, seed: config.seed, salt: 0xE3A1)
        phoneScramble = Scrambler(bits: bits, seed: config.seed, salt: 0x7E1E)
        uniqueWidth = String((1 << bits) - 1).count
        orderScramble = Scrambler(bits: 39, seed: config.seed, salt: 0x0DE5)
        feedbackScramble = Scrambler(bits: 39, seed: config.seed, salt: 0xFEED)
        idWidth = max(7, String(2 * config.customers).count)
        // The consent text changed 14 months before the end of the history.
        v2Start = timeline.nowSeconds - 426 * 86_400

        var totals = DemoDefects()
        for k in 0..<config.customers {
            if let d = Self.header(k, config: config).defect { totals.count(d) }
        }
        totals.staleLeads = Self.staleLeadCount(config)
        defectTotals = totals
    }

    /// The product range (206 articles in 8 categories; 5 discontinued, `forSale == false`).
    public var products: [Product] { catalog.products }

    /// The category names, in German as the shop uses them.
    public static let categories: [String] = CategoryID.allCases.map(\.name)

    /// The planted co-purchases.
    public var bundles: [DemoBundle] { catalog.bundles }

    /// Number of batches (`customers / batchSize`, rounded up).
    public var batchCount: Int { (config.customers + config.batchSize - 1) / config.batchSize }

    /// Customer records in total: customers plus injected duplicates.
    public var customerRecordCount: Int { config.customers + defectTotals.duplicates }

    /// Every defect injected into the whole shop, counted without generating it (O(customers)
    /// hashing, done once in `init`).
    public var injectedDefects: DemoDefects { defectTotals }

    /// The customer id of customer number `number` (1-based); duplicates get numbers above `customers`.
    public func customerId(number: Int) -> String { FastText.code("C", UInt64(number), width: idWidth) }

    /// Batch `index` (0..<batchCount): customers `index * batchSize ..< (index + 1) * batchSize`
    /// with their orders, returns, consents and feedback, then the injected duplicates.
    public func batch(_ index: Int) -> DemoBatch {
        var batch = DemoBatch(index: index)
        let lower = index * config.batchSize
        let upper = min(config.customers, lower + config.batchSize)
        guard lower < upper else { return batch }
        let n = upper - lower
        batch.customers.reserveCapacity(n + n / 50 + 1)
        batch.truth.reserveCapacity(n + n / 50 + 1)
        batch.orderLines.reserveCapacity(n * 5)
        batch.consents.reserveCapacity(n)
        batch.feedback.reserveCapacity(n / 4)
        var duplicates: [(Customer, DemoCustomerTruth)] = []
        for k in lower..<upper {
            generateCustomer(k, into: &batch, duplicates: &duplicates)
        }
        for (c, t) in duplicates {
            batch.customers.append(c)
            batch.truth.append(t)
        }
        return batch
    }
}

// MARK: - Decisions that must be countable without generating

extension DemoShop {
    enum Stream: UInt64 {
        case customer = 1, type, onlyId, defect, leads, leadDefect
    }

    struct Header {
        let type: DemoCustomerType
        let onlyId: Bool
        let defect: DemoDefect?
    }

    static let typeShares: [(DemoCustomerType, Double)] = [
        (.loyal, 0.10), (.regular, 0.30), (.bargainHunter, 0.12), (.oneOff, 0.25), (.lapsed, 0.12),
        (.new, 0.08), (.neverOrdered, 0.03),
    ]

    /// Share of each defect among the dirty customers.
    static let defectShares: [(DemoDefect, Double)] = [
        (.duplicateSameEmail, 0.17), (.duplicateOtherEmail, 0.08), (.missingName, 0.12), (.missingEmail, 0.12),
        (.invalidPhone, 0.14), (.invalidPostalCode, 0.14), (.outlierQuantity, 0.10), (.staleCustomer, 0.13),
    ]

    /// Type, "only an id" and defect of customer `k`, from hashes alone.
    static func header(_ k: Int, config: DemoConfig) -> Header {
        let u = SplitMix64.unit(SplitMix64.hash(config.seed, Stream.type.rawValue, UInt64(k)))
        var acc = 0.0
        var type = DemoCustomerType.regular
        for (t, s) in typeShares {
            acc += s
            if u < acc {
                type = t
                break
            }
        }
        let onlyId = SplitMix64.unit(SplitMix64.hash(config.seed, Stream.onlyId.rawValue, UInt64(k))) < 0.03
        let hd = SplitMix64.hash(config.seed, Stream.defect.rawValue, UInt64(k))
        var defect: DemoDefect?
        if SplitMix64.unit(hd) < config.dirtyShare {
            let v = SplitMix64.unit(SplitMix64.mix(hd))
            var a = 0.0
            for (d, s) in defectShares {
                a += s
                if v < a {
                    defect = d
                    break
                }
            }
            switch defect {
            case .duplicateSameEmail, .duplicateOtherEmail, .missingName, .missingEmail, .invalidPhone, .invalidPostalCode:
                if onlyId { defect = nil }
            case .outlierQuantity:
                if type == .neverOrdered { defect = nil }
            default: break
            }
        }
        return Header(type: type, onlyId: onlyId, defect: defect)
    }
}
