// Benchmarks of the privacy kernel (issue "Privacy kernel", BENCHMARKS.md):
//   obhut-bench kernel DIR      scope per activity, export and erasure of one person, on a workspace
//   obhut-bench scope DIR A [N] one activity's scope built N times (for perf)
//   obhut-bench encryption N    N demo customers through the import pipeline with and without sealing
//   obhut-bench recs-read DIR N read N customers' precomputed recommendation lists (with the audit entry each)
//   obhut-bench audit-log N     an audit log of N entries: group commits of audited reads, one person's entries
// Release build: scripts/bench-kernel.sh. Timings are wall clock, best of three where it is cheap.
import Foundation
import GRDB
import Obhut
import ObhutCore
import ObhutDemo
@_spi(Benchmark) import ObhutStore

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func kernel(_ dir: String) throws {
    let ws = try Workspace.open(at: URL(fileURLWithPath: dir))
    let counts = try ws.store.counts()
    print("workspace: \(counts[.customers] ?? 0) customers, \(counts[.orders] ?? 0) order lines")
    let register = try ws.register()
    // The columnar copy of the order lines: built on the first scope after a change (here: all of
    // it when the workspace was just made or migrated), then only the chunks a change touched.
    let copy = try seconds { _ = try OrderLineColumns.refresh(ws.store.writer) }
    print(String(format: "| refresh the order lines' columnar copy (first scope after import) | %.3f s | |", copy))
    for activity in register.activities {
        var people = 0
        let t = try (0..<3).map { _ in
            try seconds { people = try PrivacyKernel(workspace: ws).scopeSize(activity.name) }
        }.min()!
        print(String(format: "| build scope: %@ | %.3f s | %d people in scope |", activity.name, t, people))
        guard activity.fields.contains(where: { $0.hasPrefix("orders.") }) else { continue }
        // The same scope with every order line read from `order_line` (as before the copy).
        let scan = try (0..<3).map { _ in
            try seconds { people = try PrivacyKernel(workspace: ws).scopeSize(activity.name, usesColumnCopy: false) }
        }.min()!
        print(
            String(
                format: "| build scope: %@, lines scanned in order_line (no copy) | %.3f s | ratio copy/scan %.2f |", activity.name, scan, t / scan))
    }
    let preflight = try (0..<3).map { _ in try seconds { _ = try PrivacyKernel(workspace: ws).preflight("segments") } }.min()!
    print(String(format: "| pre-flight check: segments (quality gate, consent coverage, Art. 9 scan) | %.3f s | |", preflight))
    // The DPO's cockpit: every activity's pre-flight, one data-quality report for all.
    let names = register.activities.map(\.name)
    let all = try seconds { _ = try PrivacyKernel(workspace: ws).preflights(names) }
    print(String(format: "| pre-flight check of all %d activities (cockpit, one quality report) | %.3f s | |", names.count, all))
    let ids = try ws.store.writer.read { db in try String.fetchAll(db, sql: "SELECT id FROM customer ORDER BY id LIMIT 3 OFFSET 1000") }
    let rights = SubjectRights(workspace: ws)
    var exportSize = 0
    let export = try ids.map { id in try seconds { exportSize = try JSONEncoder().encode(rights.export(id)).count } }.min()!
    print(String(format: "| export one person (JSON, %d bytes) | %.3f s | |", exportSize, export))
    let erase = try ids.map { id in try seconds { _ = try rights.erase(id) } }.min()!
    print(String(format: "| erase one person (incl. WAL checkpoint) | %.3f s | |", erase))
    let partial = try seconds { _ = try OrderLineColumns.refresh(ws.store.writer) }
    print(String(format: "| refresh the columnar copy after those 3 erasures (chunks of their orders) | %.3f s | |", partial))
}

/// Reads the stored recommendation lists of `n` customers, one by one, as `obhut recommend` and the
/// server do: one indexed row, decoded, and an audit entry per read. Prints the per-read percentiles.
func recommendationReads(_ dir: String, _ n: Int) throws {
    let ws = try Workspace.open(at: URL(fileURLWithPath: dir))
    let ids = try ws.store.writer.read { db in
        try String.fetchAll(db, sql: "SELECT customer_id FROM derived_result WHERE activity = 'recommendations' ORDER BY id LIMIT ?", arguments: [n])
    }
    var times: [Double] = []
    for id in ids { times.append(try seconds { _ = try RecommendationsReport.list(id, in: ws) }) }
    times.sort()
    func q(_ p: Double) -> Double { times.isEmpty ? 0 : times[min(times.count - 1, Int(p * Double(times.count)))] * 1000 }
    print(
        String(
            format: "| read one customer's recommendations (%d reads) | median %.3f ms, p99 %.3f ms | incl. audit entry |", times.count, q(0.5),
            q(0.99)))
}

/// CPU time of the process so far (user + system), in seconds.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

/// The audit log at `n` entries (one person per 20 entries, one entry in ten without a person):
/// what an audited read's entry costs in a group commit of 20 (as the server's, `synchronous =
/// FULL`), and how long finding one person's entries takes, with the block index
/// (`AuditSubjectIndex`) against the index on `audit_entry(subject)` it replaced and a scan.
func auditLog(_ n: Int) throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("obhut-bench-audit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let store = try SQLiteStore(path: dir.appendingPathComponent("audit.sqlite").path, masterKey: .generate())
    let people = max(1, n / 20)
    let tokens = (0..<people).map { store.keys.subjectToken(customerId: "C\($0)") }
    var next = 0
    func append(_ db: Database, _ count: Int) throws {
        for _ in 0..<count {
            let i = next
            next += 1
            _ = try store.appendAudit(
                db, actor: "bench", role: "marketing", action: "recommendations.read", subject: i % 10 == 9 ? nil : tokens[(i &* 7_919) % people],
                count: 1, activity: "recommendations", reason: nil, at: Date(timeIntervalSince1970: 1_790_000_000 + Double(i) / 100))
        }
    }
    let fill = try seconds { try store.writer.write { db in try append(db, n) } }
    print(String(format: "| audit log: %d entries appended in one transaction | %.1f s | |", n, fill))
    /// CPU per entry of 2,000 group commits of 20 entries each, at the end of the log.
    func groupCommits() throws -> Double {
        let c0 = cpuSeconds()
        for _ in 0..<2_000 { try store.writer.write { db in try append(db, 20) } }
        return (cpuSeconds() - c0) / 40_000 * 1e6
    }
    let sample = stride(from: 0, to: people, by: max(1, people / 200)).map { tokens[$0] }
    /// Milliseconds per person, over the same 200 people.
    func perPerson(_ find: (String) throws -> Int) throws -> Double {
        var found = 0
        let t = try seconds { for token in sample { found += try find(token) } }
        return t / Double(sample.count) * 1000
    }
    func bySQL(_ token: String) throws -> Int {
        try store.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_entry WHERE subject = ? ORDER BY sequence", arguments: [token]).count
        }
    }
    let rebuild = try seconds {
        try store.writer.write { db in
            try db.execute(sql: "DELETE FROM audit_subject")
            try AuditSubjectIndex.build(db)
        }
    }
    print(String(format: "| build the block index of the whole log (what migration v10 does) | %.2f s | |", rebuild))
    let blocks = try groupCommits()
    let blockLookup = try perPerson { try store.auditEntries(subject: $0).count }
    let scanned = try seconds { for token in sample.prefix(5) { _ = try bySQL(token) } } / 5 * 1000
    try store.writer.writeWithoutTransaction { db in
        try db.execute(sql: "CREATE INDEX audit_entry_subject ON audit_entry(subject) WHERE subject IS NOT NULL")
    }
    let indexed = try groupCommits()
    let indexLookup = try perPerson(bySQL)
    print(String(format: "| an audited read's entry in group commits of 20 (block index) | %.1f us CPU | |", blocks))
    print(String(format: "| the same with an index on audit_entry(subject) (before) | %.1f us CPU | ratio %.2f |", indexed, blocks / indexed))
    print(String(format: "| one person's entries: block index (%d entries) | %.2f ms | |", next, blockLookup))
    print(String(format: "| one person's entries: index on audit_entry(subject) | %.2f ms | ratio %.2f |", indexLookup, blockLookup / indexLookup))
    print(String(format: "| one person's entries: scan of the log | %.1f ms | ratio %.3f |", scanned, blockLookup / scanned))
}

/// N customers from the demo generator through the importer's two-thread pipeline (prepare on
/// one thread, write on the other), once sealed and once not, in fresh workspaces.
func encryption(_ n: Int) throws {
    let shop = DemoShop(config: DemoConfig(seed: 1, customers: n))
    var customers: [Customer] = []
    customers.reserveCapacity(n)
    for i in 0..<shop.batchCount { customers += shop.batch(i).customers }
    func run(sealed: Bool) throws -> Double {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("obhut-bench-enc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let ws = try Workspace.create(at: dir, environment: [:])
        let keys = ws.store.keys
        let input = customers
        return try seconds {
            let chunk = 4096
            let total = (input.count + chunk - 1) / chunk
            let slots = Slots(count: total)
            let producer = Thread {
                for c in 0..<total {
                    let slice = input[(c * chunk)..<min(input.count, (c + 1) * chunk)]
                    slots.put(c, sealed ? slice.map { try! keys.prepare($0) } : slice.map { keys.prepareWithoutEncryption($0) })
                }
            }
            producer.start()
            try ws.store.importTransaction(entity: .customers, fileName: "bench", format: "bench") { w in
                for c in 0..<total {
                    for p in slots.take(c) { _ = try w.write(p) }
                }
                return ((), input.count, 0)
            }
        }
    }
    let plain = try (0..<2).map { _ in try run(sealed: false) }.min()!
    let sealed = try (0..<2).map { _ in try run(sealed: true) }.min()!
    print(String(format: "| import %d customers without encryption (anchor) | %.2f s | %.0f rows/s |", n, plain, Double(n) / plain))
    print(
        String(
            format: "| import %d customers, sealed per person (AES-GCM, key wrap, blind indexes) | %.2f s | %.0f rows/s |", n, sealed,
            Double(n) / sealed))
    print(String(format: "ratio sealed/plain time: %.2f", sealed / plain))
}

/// Batches handed from the preparing thread to the writing one.
final class Slots: @unchecked Sendable {
    private var items: [[PreparedCustomer]?]
    private let condition = NSCondition()
    init(count: Int) { items = Array(repeating: nil, count: count) }
    func put(_ i: Int, _ batch: [PreparedCustomer]) {
        condition.lock(); items[i] = batch; condition.broadcast(); condition.unlock()
    }
    func take(_ i: Int) -> [PreparedCustomer] {
        condition.lock(); defer { condition.unlock() }
        while items[i] == nil { condition.wait() }
        let batch = items[i]!
        items[i] = []
        return batch
    }
}

let args = CommandLine.arguments
do {
    switch args.count > 1 ? args[1] : "" {
    case "kernel" where args.count > 2: try kernel(args[2])
    case "scope" where args.count > 3:
        // One activity's scope, built N times (for perf): obhut-bench scope DIR ACTIVITY [N]
        let ws = try Workspace.open(at: URL(fileURLWithPath: args[2]))
        for _ in 0..<(args.count > 4 ? Int(args[4]) ?? 5 : 5) {
            print(String(format: "| build scope: %@ | %.3f s |", args[3], try seconds { _ = try PrivacyKernel(workspace: ws).scopeSize(args[3]) }))
        }
    case "encryption": try encryption(args.count > 2 ? Int(args[2]) ?? 1_000_000 : 1_000_000)
    case "recs-read" where args.count > 2: try recommendationReads(args[2], args.count > 3 ? Int(args[3]) ?? 1_000 : 1_000)
    case "audit-log": try auditLog(args.count > 2 ? Int(args[2]) ?? 1_000_000 : 1_000_000)
    default:
        print(
            "usage: obhut-bench kernel DIR | obhut-bench scope DIR ACTIVITY [N] | obhut-bench encryption [N] | obhut-bench recs-read DIR [N] | obhut-bench audit-log [N]"
        )
        exit(2)
    }
} catch {
    // A clear message instead of a crash (an unknown activity, a missing workspace).
    FileHandle.standardError.write(Data("obhut-bench: \(error)\n".utf8))
    exit(1)
}
