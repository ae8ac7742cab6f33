// Benchmark of ObhutAnalytics/Recommendations (scripts/bench-recs.sh):
//   RecsBench ml100k u.data          quality on MovieLens-100k, per user last 10 % by time (a2_recs.py)
//   RecsBench retail retail.csv      quality on UCI Online Retail, decompressed (a8_retail.py's rules)
//   RecsBench scale [repeats [alpha]] ALS 200k × 20k × 5M, 64 factors, 15 iterations; top-10 for all users
import Foundation
import ObhutAnalytics

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let t = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9
}

/// CPU seconds (user + system) of this process so far: with the wall time, the share of the
/// 2 cores the benchmark actually got on a shared machine.
func cpuSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    #else
        getrusage(RUSAGE_SELF, &usage)
    #endif
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

func fmt(_ x: Double) -> String { String(format: "%.4f", x) }

func peakRSSMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
        return kb / 1024
    }
    return 0
}

/// Splits per user (last ⌈fraction⌉ by time), fits every candidate, prints the metrics.
func quality(name: String, users: [Int], items: [Int], times: [Double], userCount: Int, itemCount: Int, allUsers: Bool) throws {
    let isTest = TemporalSplit.perUser(users: users, items: items, timestamps: times, fraction: 0.1)
    var tu: [Int] = [], ti: [Int] = []
    var test: [Int: Set<Int>] = [:]
    for r in users.indices {
        if isTest[r] { test[users[r], default: []].insert(items[r]) } else { tu.append(users[r]); ti.append(items[r]) }
    }
    let train = try InteractionMatrix(rows: userCount, columns: itemCount, rowIndices: tu, columnIndices: ti).binarized()
    let evalUsers = test.keys.filter { allUsers || !train.range(ofRow: $0).isEmpty }.sorted()
    print(
        "\(name): \(userCount) users, \(itemCount) items, train \(train.nonZeroCount), test \(isTest.filter { $0 }.count), evaluated users \(evalUsers.count)\(allUsers ? " (all, as a8: cold users get popularity)" : "")"
    )
    var candidates: [ModelCandidate] = [.popularity]
    for alpha: Float in [1, 5, 10, 20, 40] { candidates.append(.als(ALSConfiguration(factors: 64, regularization: 0.01, alpha: alpha))) }
    for alpha: Float in [1, 5, 20] {
        for factors in [32, 64] {
            for reg: Float in [1] { candidates.append(.als(ALSConfiguration(factors: factors, regularization: reg, alpha: alpha))) }
        }
    }
    for k in [20, 100] {
        candidates.append(.neighbours(k: k, weighting: .cosine))
        candidates.append(.neighbours(k: k, weighting: .bm25(k1: 1.2, b: 0.75)))
    }
    let popularity = Popularity(train)
    for c in candidates {
        var rec: Recommender?
        let fit = try seconds { rec = try c.fit(train, popularity: popularity, threads: 2) }
        guard let rec else { continue }
        var lists: [Int32] = []
        let top = seconds { lists = rec.topN(for: evalUsers, userItems: train, limit: 10, threads: 2) }
        let m = RankingMetrics.evaluate(lists: lists, limit: 10, users: evalUsers, test: test, k: 10, catalogue: itemCount)
        print(
            "  \(c.label.padding(toLength: 44, withPad: " ", startingAt: 0)) P@10 \(fmt(m.precision)) R@10 \(fmt(m.recall)) NDCG@10 \(fmt(m.ndcg)) MAP@10 \(fmt(m.map)) cov \(fmt(m.coverage))  fit \(String(format: "%.3f", fit)) s, top10 \(String(format: "%.3f", top)) s"
        )
    }
}

func ml100k(_ path: String) throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var users: [Int] = [], items: [Int] = [], times: [Double] = []
    for line in text.split(separator: "\n") {
        let f = line.split(separator: "\t")
        guard f.count >= 4, let u = Int(f[0]), let i = Int(f[1]), let t = Double(f[3]) else { continue }
        users.append(u - 1); items.append(i - 1); times.append(t)
    }
    try quality(name: "ML-100k per_user_last10", users: users, items: items, times: times, userCount: 943, itemCount: 1682, allUsers: false)
}

/// Fields of one CSV line (RFC 4180 quotes).
func csvFields(_ line: Substring) -> [String] {
    var fields: [String] = []
    var field = ""
    var quoted = false
    var chars = line.makeIterator()
    var pending: Character? = nil
    while let c = pending ?? chars.next() {
        pending = nil
        if quoted {
            if c == "\"" {
                if let n = chars.next() { if n == "\"" { field.append("\"") } else { quoted = false; pending = n } } else { quoted = false }
            } else {
                field.append(c)
            }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            fields.append(field); field = ""
        } else {
            field.append(c)
        }
    }
    fields.append(field)
    return fields
}

/// a8_retail.py: customer id present, quantity > 0, invoice not starting with C, stock code starting
/// with a digit; per (customer, product) the first purchase time; ids sorted as strings.
func retail(_ path: String) throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var first: [String: [String: String]] = [:]
    for line in text.split(separator: "\n").dropFirst() {
        let f = csvFields(line.hasSuffix("\r") ? line.dropLast() : line)
        guard f.count >= 8, !f[6].isEmpty, !f[0].hasPrefix("C"), let q = Double(f[3]), q > 0, f[1].first?.isNumber == true else { continue }
        let old = first[f[6], default: [:]][f[1]]
        if old == nil || f[4] < old! { first[f[6], default: [:]][f[1]] = f[4] }
    }
    let customers = first.keys.sorted()
    let products = Set(first.values.flatMap(\.keys)).sorted()
    let pIndex = Dictionary(uniqueKeysWithValues: products.enumerated().map { ($1, $0) })
    let allTimes = Set(first.values.flatMap(\.values)).sorted()
    let tIndex = Dictionary(uniqueKeysWithValues: allTimes.enumerated().map { ($1, Double($0)) })
    var users: [Int] = [], items: [Int] = [], times: [Double] = []
    for (u, c) in customers.enumerated() {
        for (p, t) in first[c, default: [:]] { users.append(u); items.append(pIndex[p] ?? 0); times.append(tIndex[t] ?? 0) }
    }
    try quality(
        name: "UCI Online Retail", users: users, items: items, times: times, userCount: customers.count, itemCount: products.count, allUsers: true)
}

/// The a2_recs.py generator with SplitMix64 in place of numpy's PCG64 (same distributions, not the
/// same draws): items Zipf(0.8), user activity lognormal(0, 1), pairs drawn until 5M distinct,
/// the first 5M distinct in draw order kept.
func synthetic(users nu: Int = 200_000, items ni: Int = 20_000, nnz: Int = 5_000_000, seed: UInt64 = 20251122) throws -> InteractionMatrix {
    var rng = SplitMix64(seed: seed)
    func cumulative(_ w: [Double]) -> [Double] {
        var c = [Double](repeating: 0, count: w.count)
        var s = 0.0
        for (k, v) in w.enumerated() { s += v; c[k] = s }
        return c.map { $0 / s }
    }
    func draw(_ c: [Double]) -> Int {
        let x = rng.nextDouble()
        var lo = 0, hi = c.count - 1
        while lo < hi { let m = (lo + hi) / 2; if c[m] <= x { lo = m + 1 } else { hi = m } }
        return lo
    }
    let itemC = cumulative((1...ni).map { 1 / pow(Double($0), 0.8) })
    var userW = [Double](repeating: 0, count: nu)
    for u in 0..<nu {
        let a = max(rng.nextDouble(), 1e-300), b = rng.nextDouble()
        userW[u] = exp((-2 * log(a)).squareRoot() * cos(2 * .pi * b))
    }
    let userC = cumulative(userW)
    var keys: [Int64] = []
    var seen = Set<Int64>(minimumCapacity: nnz)
    keys.reserveCapacity(nnz)
    while keys.count < nnz {
        let key = Int64(draw(userC)) * Int64(ni) + Int64(draw(itemC))
        if seen.insert(key).inserted { keys.append(key) }
    }
    return try InteractionMatrix(
        rows: nu, columns: ni, rowIndices: keys.map { Int($0 / Int64(ni)) }, columnIndices: keys.map { Int($0 % Int64(ni)) })
}

func scale(repeats: Int, alpha: Float) throws {
    var m: InteractionMatrix?
    let gen = try seconds { m = try synthetic() }
    guard let m else { return }
    let counts = m.columnCounts()
    let userLengths = (0..<m.rows).map { m.range(ofRow: $0).count }.sorted()
    print(
        "synthetic: \(m.rows) users × \(m.columns) items, \(m.nonZeroCount) entries (gen \(String(format: "%.1f", gen)) s), top item share \(fmt(Double(counts.max() ?? 0) / Double(m.nonZeroCount))), items with 0: \(counts.filter { $0 == 0 }.count), users with 0: \(userLengths.filter { $0 == 0 }.count), user median \(userLengths[userLengths.count / 2]), max \(userLengths.last ?? 0)"
    )
    var times: [Double] = []
    var model: ALSModel?
    for _ in 0..<repeats {
        let cpu0 = cpuSeconds()
        times.append(
            try seconds {
                model = try ImplicitALS.fit(
                    m, configuration: ALSConfiguration(factors: 64, regularization: 0.01, alpha: alpha, iterations: 15, threads: 2))
            })
        let cpu = cpuSeconds() - cpu0
        print(
            "  ALS f=64 alpha=\(alpha) 15 it, 2 threads: \(String(format: "%.2f", times.last ?? 0)) s wall, \(String(format: "%.1f", cpu)) s CPU (\(String(format: "%.2f", cpu / (times.last ?? 1))) cores)"
        )
    }
    guard let model else { return }
    let sorted = times.sorted()
    print(
        "  ALS fit median \(String(format: "%.2f", sorted[sorted.count / 2])) s (min \(String(format: "%.2f", sorted[0])), \(String(format: "%.3f", sorted[sorted.count / 2] / 15)) s/iteration)"
    )
    let rawData = m.nonZeroCount * (4 + 4 + 4)  // (user, item, weight) as Int32, Int32, Float
    let rawModel = (m.rows + m.columns) * 64 * 4
    let held = m.nonZeroCount * 8 * 2 + (m.rows + m.columns + 2) * 8 + (model.userFactors.count + model.itemFactors.count + model.itemGram.count) * 4
    print(
        "  memory: raw arrays \(rawData / 1_048_576) MiB data + \(rawModel / 1_048_576) MiB factors; held (matrix + transpose + model) \(held / 1_048_576) MiB = \(String(format: "%.2f", Double(held) / Double(rawData + rawModel)))x; peak RSS \(Int(peakRSSMiB())) MiB"
    )
    let rec = Recommender(model: .als(model), popularity: Popularity(m))
    let all = Array(0..<m.rows)
    var lists: [Int32] = []
    let cpu0 = cpuSeconds()
    let top = seconds { lists = rec.topN(for: all, userItems: m, limit: 10, threads: 2) }
    let cpu = cpuSeconds() - cpu0
    print(
        "  top-10 for all \(all.count) users: \(String(format: "%.2f", top)) s (\(Int(Double(all.count) / top)) users/s), \(String(format: "%.1f", cpu)) s CPU (\(String(format: "%.2f", cpu / top)) cores), first list \(lists.prefix(10).map(String.init).joined(separator: ","))"
    )
}

let args = CommandLine.arguments
do {
    switch args.count > 1 ? args[1] : "" {
    case "ml100k": try ml100k(args[2])
    case "retail": try retail(args[2])
    case "scale": try scale(repeats: args.count > 2 ? Int(args[2]) ?? 3 : 3, alpha: args.count > 3 ? Float(args[3]) ?? 1 : 1)
    default: print("usage: RecsBench ml100k FILE | retail FILE | scale [repeats]")
    }
} catch {
    print("error: \(error)")
    exit(1)
}
