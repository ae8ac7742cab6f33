// Generates the whole demo shop on N threads and reports time, peak RSS and the shape of the
// data. Build and run with Benchmarks/Demo/bench.sh (release mode, scratch package).
//
//   DemoBench [--customers N] [--seed S] [--threads T] [--batch B]
import Foundation
import ObhutCore
import ObhutDemo

#if canImport(Glibc)
import Glibc
#endif

func argument(_ name: String, _ fallback: Int) -> Int {
    let args = CommandLine.arguments
    if let i = args.firstIndex(of: name), i + 1 < args.count, let v = Int(args[i + 1]) { return v }
    return fallback
}

let customers = argument("--customers", 1_000_000)
let seed = UInt64(argument("--seed", 42))
let threads = max(1, argument("--threads", 2))
let batchSize = argument("--batch", 10_000)

struct Tally: Sendable {
    var records = 0, orderLines = 0, returnLines = 0, consents = 0, feedback = 0, orders = 0
    var grantsPersonalization = 0, grantsMarketing = 0, withdrawals = 0
    var types: [String: Int] = [:]
    var ordersByType: [String: Int] = [:]
    var hours = [Int](repeating: 0, count: 24)
    var gardenByMonth = [Int](repeating: 0, count: 12)
    var linesByMonth = [Int](repeating: 0, count: 12)
    var textChars = 0
    var notUpdatedFor2Years = 0
    var defects = DemoDefects()
    /// last name + postal code → normalised e-mails (only with --collisions).
    var identities: [String: [String]] = [:]

    mutating func merge(_ o: Tally) {
        records += o.records; orderLines += o.orderLines; returnLines += o.returnLines; consents += o.consents
        feedback += o.feedback; orders += o.orders; grantsPersonalization += o.grantsPersonalization
        grantsMarketing += o.grantsMarketing; withdrawals += o.withdrawals; textChars += o.textChars
        notUpdatedFor2Years += o.notUpdatedFor2Years
        for (k, v) in o.types { types[k, default: 0] += v }
        for (k, v) in o.ordersByType { ordersByType[k, default: 0] += v }
        for i in 0..<24 { hours[i] += o.hours[i] }
        for i in 0..<12 { gardenByMonth[i] += o.gardenByMonth[i]; linesByMonth[i] += o.linesByMonth[i] }
        defects.duplicateSameEmail += o.defects.duplicateSameEmail
        defects.duplicateOtherEmail += o.defects.duplicateOtherEmail
        defects.missingName += o.defects.missingName
        defects.missingEmail += o.defects.missingEmail
        defects.invalidPhone += o.defects.invalidPhone
        defects.invalidPostalCode += o.defects.invalidPostalCode
        defects.outlierOrderLines += o.defects.outlierOrderLines
        defects.staleCustomers += o.defects.staleCustomers
        for (k, v) in o.identities { identities[k, default: []] += v }
    }
}

final class Collector: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var tally = Tally()
    func add(_ t: Tally) { lock.lock(); tally.merge(t); lock.unlock() }
}

let detailed = CommandLine.arguments.contains("--stats")
if let i = CommandLine.arguments.firstIndex(of: "--export"), i + 1 < CommandLine.arguments.count {
    // Transactions (customer, UTC day, value in cents; returns left out) and the truth, as CSV
    // for checking the purchase process with an outside tool (e.g. lifetimes' BG/NBD).
    let dir = CommandLine.arguments[i + 1]
    let s = DemoShop(config: DemoConfig(seed: seed, customers: customers, batchSize: batchSize))
    var tx = "customer_id,date,value\n"
    var truth = "customer_id,type,purchases_per_year,dropout,active,orders,coffee\n"
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withFullDate]
    for b in (0..<s.batchCount).map(s.batch) {
        var seen = Set<String>()
        for l in b.orderLines where l.quantity > 0 && seen.insert(l.orderId).inserted {
            tx += "\(l.customerId!),\(f.string(from: l.orderedAt)),\(l.valueMinor)\n"
        }
        for t in b.truth where t.duplicateOf == nil && t.defect != .staleCustomer {
            truth += "\(t.customerId),\(t.type.rawValue),\(t.purchasesPerYear),\(t.dropoutProbability),\(t.activeAtEnd),\(t.orders),\(t.coffeeRebuyer)\n"
        }
    }
    try! tx.write(toFile: dir + "/transactions.csv", atomically: true, encoding: .utf8)
    try! truth.write(toFile: dir + "/truth.csv", atomically: true, encoding: .utf8)
    exit(0)
}
let collisions = CommandLine.arguments.contains("--collisions")
if CommandLine.arguments.contains("--sample") {
    let s = DemoShop(config: DemoConfig(seed: seed, customers: 200, dirtyShare: 0.2))
    let b = s.batch(0)
    for c in b.customers.prefix(12) { print(c.id, c.personal, c.language as Any, c.createdAt as Any, c.updatedAt as Any) }
    for c in b.customers.suffix(6) { print(c.id, c.personal) }
    for l in b.orderLines.prefix(25) { print(l.orderId, l.line, l.customerId ?? "-", l.productId, l.quantity, l.unitPriceMinor, l.discountMinor, l.orderedAt, l.channel ?? "-") }
    for f in b.feedback.prefix(25) { print(f.id, f.kind, f.rating as Any, f.language as Any, "|", f.text.replacingOccurrences(of: "\n", with: " / ")) }
    for c in b.consents.prefix(10) { print(c) }
    for l in s.leads().prefix(8) { print(l.id, l.company, l.contactName ?? "-", l.contactEmail ?? "-", l.source ?? "-", l.industry ?? "-", l.size ?? -1, l.stage, l.outcome, l.emailsOpened, l.visits, l.meetings) }
    print(s.injectedDefects)
    exit(0)
}
let t0 = Date()
let shop = DemoShop(config: DemoConfig(seed: seed, customers: customers, batchSize: batchSize))
let tInit = Date().timeIntervalSince(t0)
let garden = Set(shop.products.filter { $0.category == "Garten" }.map(\.id))
let collector = Collector()
let batches = shop.batchCount
let t1 = Date()
DispatchQueue.concurrentPerform(iterations: threads) { worker in
    var local = Tally()
    var i = worker
    while i < batches {
        let b = shop.batch(i)
        local.records += b.customers.count
        local.orderLines += b.orderLines.count
        local.consents += b.consents.count
        local.feedback += b.feedback.count
        local.defects = local.defects + b.defects
        if collisions {
            for c in b.customers {
                guard let last = c.personal.lastName, let pc = c.personal.postalCode else { continue }
                // --with-first-name: the key a stricter duplicate check could use.
                let first = CommandLine.arguments.contains("--with-first-name") ? (c.personal.firstName ?? "").lowercased() + "|" : ""
                let key = first + last.lowercased() + "|" + pc
                local.identities[key, default: []].append(c.personal.email?.trimmingCharacters(in: .whitespaces).lowercased() ?? "-" + c.id)
            }
        }
        if detailed {
            var lastOrder = ""
            for l in b.orderLines {
                if l.quantity < 0 { local.returnLines += 1 }
                if l.orderId != lastOrder { local.orders += 1; lastOrder = l.orderId }
                if l.quantity > 0 {
                    let s = Int(l.orderedAt.timeIntervalSince1970)
                    let local1 = s + 3600
                    local.hours[(local1 % 86_400) / 3600] += 1
                }
            }
            for c in b.consents {
                if c.granted { if c.purpose == .personalization { local.grantsPersonalization += 1 } else { local.grantsMarketing += 1 } }
                else { local.withdrawals += 1 }
            }
            for t in b.truth where t.duplicateOf == nil {
                local.types[t.type.rawValue, default: 0] += 1
                local.ordersByType[t.type.rawValue, default: 0] += t.orders
            }
            for f in b.feedback { local.textChars += f.text.utf8.count }
            let twoYears = shop.config.now.addingTimeInterval(-730 * 86_400)
            local.notUpdatedFor2Years += b.customers.filter { ($0.updatedAt ?? .distantPast) < twoYears }.count
        }
        i += threads
    }
    collector.add(local)
}
let tGen = Date().timeIntervalSince(t1)
var usage = rusage()
getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
let t = collector.tally
let tLeads0 = Date()
let leads = shop.leads()
let tLeads = Date().timeIntervalSince(tLeads0)

print("customers \(customers) (records \(t.records)), batches \(batches) x \(batchSize), threads \(threads), seed \(seed)")
print(String(format: "init %.3f s, generation %.2f s, leads %.3f s (%d), peak RSS %.0f MiB", tInit, tGen, tLeads, leads.count, Double(usage.ru_maxrss) / 1024))
print("order lines \(t.orderLines) (\(String(format: "%.2f", Double(t.orderLines) / Double(customers))) per customer), consents \(t.consents), feedback \(t.feedback)")
print("defects in batches \(t.defects.total) vs declared \(shop.injectedDefects.total - shop.injectedDefects.staleLeads)")
if collisions {
    // The quality report's "likely duplicates": same last name + postal code, other e-mail.
    var likely = 0
    for emails in t.identities.values where emails.count > 1 { likely += emails.count - Set(emails).count + (Set(emails).count - 1) }
    var exact = 0
    for emails in t.identities.values where emails.count > 1 { exact += emails.count - Set(emails).count }
    print("same last name + postal code: \(likely - exact) extra records with another e-mail (injected \(shop.injectedDefects.duplicateOtherEmail)), \(exact) with the same e-mail (injected \(shop.injectedDefects.duplicateSameEmail))")
}
if detailed {
    print("orders \(t.orders), lines/order \(String(format: "%.2f", Double(t.orderLines) / Double(t.orders))), return lines \(String(format: "%.2f %%", 100 * Double(t.returnLines) / Double(t.orderLines)))")
    print(String(format: "consent: personalization %.1f %%, marketing %.1f %%, withdrawals %.1f %% of grants",
                 100 * Double(t.grantsPersonalization) / Double(customers), 100 * Double(t.grantsMarketing) / Double(customers),
                 100 * Double(t.withdrawals) / Double(t.grantsPersonalization + t.grantsMarketing)))
    for (k, v) in t.types.sorted(by: { $0.key < $1.key }) {
        print("  \(k): \(v) customers, \(String(format: "%.2f", Double(t.ordersByType[k] ?? 0) / Double(v))) orders each")
    }
    print("hour (CET approx): " + t.hours.map(String.init).joined(separator: " "))
    print("customers not updated for 730 days: \(t.notUpdatedFor2Years) (injected stale, 4+ years: \(shop.injectedDefects.staleCustomers))")
    print("feedback chars avg \(t.feedback > 0 ? t.textChars / t.feedback : 0)")
}
