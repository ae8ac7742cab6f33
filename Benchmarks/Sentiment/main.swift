import Foundation
import ObhutAnalytics
import ObhutCore

#if canImport(Glibc)
    import Glibc
#endif

// Sentiment benchmark (scripts/bench-sentiment.sh): accuracy of the lexicon scorer and of the
// trained classifier on the public data sets in ../shared/data, and throughput on one core.
//
//   SentimentBenchmark DATA_DIR CLOTHING_CSV [quick]
// DATA_DIR is shared/data/public; CLOTHING_CSV the unpacked clothing reviews (the script gunzips).

func readLines(_ path: String) -> [String]? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
}

/// RFC 4180 CSV (quoted fields may hold commas, quotes and newlines).
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field: [UInt8] = []
    var quoted = false
    var bytes = Array(text.utf8)
    bytes.append(0x0A)
    var i = 0
    while i < bytes.count {
        let b = bytes[i]
        if quoted {
            if b == 0x22 {
                if i + 1 < bytes.count && bytes[i + 1] == 0x22 { field.append(0x22); i += 1 } else { quoted = false }
            } else {
                field.append(b)
            }
        } else if b == 0x22 {
            quoted = true
        } else if b == 0x2C {
            row.append(String(decoding: field, as: UTF8.self)); field.removeAll()
        } else if b == 0x0A {
            row.append(String(decoding: field, as: UTF8.self)); field.removeAll()
            if row.count > 1 { rows.append(row) }
            row = []
        } else if b != 0x0D {
            field.append(b)
        }
        i += 1
    }
    return rows
}

struct Labelled {
    var text: String
    var positive: Bool
    var stars: Int
}

func accuracy(_ rows: [Labelled], _ language: Language) -> (acc: Double, balanced: Double, recallPos: Double, recallNeg: Double) {
    var tp = 0, tn = 0, pos = 0, neg = 0
    for r in rows {
        let p = LexiconScorer.score(r.text, language: language) >= 0.05
        if r.positive { pos += 1; if p { tp += 1 } } else { neg += 1; if !p { tn += 1 } }
    }
    let rp = Double(tp) / Double(max(pos, 1)), rn = Double(tn) / Double(max(neg, 1))
    return (Double(tp + tn) / Double(rows.count), (rp + rn) / 2, rp, rn)
}

func f3(_ x: Double) -> String { String(format: "%.3f", x) }

let args = CommandLine.arguments
let dataDir = args.count > 1 ? args[1] : "../shared/data/public"
let clothingPath = args.count > 2 ? args[2] : ""
let quick = args.count > 3 && args[3] == "quick"

var uci: [(String, [Labelled])] = []
for name in ["amazon_cells_labelled.txt", "imdb_labelled.txt", "yelp_labelled.txt"] {
    guard let lines = readLines(dataDir + "/uci-sentences/" + name) else { continue }
    let rows = lines.compactMap { line -> Labelled? in
        guard let tab = line.lastIndex(of: "\t") else { return nil }
        let label = line[line.index(after: tab)...].trimmingCharacters(in: .whitespaces)
        return Labelled(text: String(line[..<tab]), positive: label == "1", stars: 0)
    }
    uci.append((name, rows))
}
var german: [Labelled] = []
if let lines = readLines(dataDir + "/german-amazon-reviews-4k/german_amazon_reviews_4k.tsv") {
    for line in lines.dropFirst() {
        let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard parts.count >= 4 else { continue }
        german.append(Labelled(text: String(parts[3]), positive: parts[2] == "positive", stars: Int(parts[1]) ?? 0))
    }
}
var clothing: [Labelled] = []
if !clothingPath.isEmpty, let data = FileManager.default.contents(atPath: clothingPath) {
    let rows = parseCSV(String(decoding: data, as: UTF8.self))
    for r in rows.dropFirst() where r.count >= 6 {
        let text = r[4].trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, let stars = Int(r[5]), stars != 3 else { continue }
        clothing.append(Labelled(text: text, positive: stars >= 4, stars: stars))
    }
}

print("## Lexicon scorer (positive iff score >= 0.05, as the VADER anchor)")
for (name, rows) in uci {
    let a = accuracy(rows, .en)
    print("UCI \(name): n=\(rows.count) accuracy \(f3(a.acc))")
}
if !clothing.isEmpty {
    let a = accuracy(clothing, .en)
    print(
        "clothing reviews: n=\(clothing.count) accuracy \(f3(a.acc)) balanced \(f3(a.balanced)) recall_pos \(f3(a.recallPos)) recall_neg \(f3(a.recallNeg))"
    )
}
// A second German domain (evaluation only, CC BY-NC-SA): One Million Posts forum posts, 3 classes.
if let lines = readLines(dataDir + "/omp-sentiment-de/million_pos_corpus.tsv") {
    var right = 0, n = 0
    var recall: [String: (Int, Int)] = [:]
    for line in lines {
        let parts = line.split(separator: "\t", maxSplits: 1)
        guard parts.count == 2 else { continue }
        let gold = String(parts[0])
        let predicted = SentimentLabel(score: LexiconScorer.score(String(parts[1]), language: .de)).rawValue
        n += 1
        if predicted == gold { right += 1 }
        recall[gold, default: (0, 0)].1 += 1
        if predicted == gold { recall[gold, default: (0, 0)].0 += 1 }
    }
    let r = recall.sorted { $0.key < $1.key }.map { "\($0.key) \(f3(Double($0.value.0) / Double(max($0.value.1, 1))))" }
    print("One Million Posts (de forum, 3 classes): n=\(n) accuracy \(f3(Double(right) / Double(max(n, 1)))) recall: \(r.joined(separator: ", "))")
}
if !german.isEmpty {
    let a = accuracy(german, .de)
    print(
        "german-amazon-reviews-4k: n=\(german.count) accuracy \(f3(a.acc)) balanced \(f3(a.balanced)) recall_pos \(f3(a.recallPos)) recall_neg \(f3(a.recallNeg))"
    )
}

if let dump = ProcessInfo.processInfo.environment["DUMP"] {
    var out = ""
    for (_, rows) in uci { for r in rows { out += "\(LexiconScorer.score(r.text, language: .en))\t\(r.positive ? 1 : 0)\t\(r.text)\n" } }
    FileManager.default.createFile(atPath: dump, contents: Data(out.utf8))
}

if let explain = ProcessInfo.processInfo.environment["EXPLAIN"] {
    let lang: Language = ProcessInfo.processInfo.environment["EXPLAIN_LANG"] == "de" ? .de : .en
    for line in explain.split(separator: "\n") {
        let a = LexiconScorer.analyze(String(line), language: lang)
        print(f3(a.score), a.label.rawValue, line)
        for r in a.reasons { print("   ", r.text.en, f3(r.contribution)) }
    }
}

// Throughput on one core: all UCI sentences, scored repeatedly for about 2 s per method. Reports
// items per wall-clock second and per CPU second of this thread (the machine is shared: the CPU
// figure is what one core does when it is not taken away).
func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func throughput(_ texts: [String], seconds: Double, _ body: (String) -> Double) -> String {
    var sink = 0.0
    var n = 0
    let start = DispatchTime.now().uptimeNanoseconds
    let cpu0 = threadCPUSeconds()
    var elapsed = 0.0
    repeat {
        for t in texts { sink += body(t) }
        n += texts.count
        elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    } while elapsed < seconds
    let cpu = threadCPUSeconds() - cpu0
    if sink == .infinity { print("") }
    return "\(Int(Double(n) / elapsed)) per wall second, \(Int(Double(n) / cpu)) per CPU second"
}
let sentences = uci.flatMap { $0.1.map(\.text) }
if !sentences.isEmpty {
    _ = LexiconScorer.score("warm up", language: .en)
    _ = LexiconScorer.score("aufwärmen", language: .de)
    let secs = quick ? 0.5 : 2.0
    print(
        "## Throughput, one thread (\(sentences.count) UCI sentences, \(sentences.reduce(0) { $0 + $1.utf8.count } / sentences.count) bytes on average)"
    )
    if ProcessInfo.processInfo.environment["ONLY_ANALYZER"] != nil {
        let analyzer = FeedbackAnalyzer()
        print("FeedbackAnalyzer.analyze, sentences: " + throughput(sentences, seconds: 3) { analyzer.analyze($0).score })
        exit(0)
    }
    for round in 1...3 {
        print(
            "round \(round): LexiconScorer.score (en), sentences: " + throughput(sentences, seconds: secs) { LexiconScorer.score($0, language: .en) })
    }
    print(
        "LexiconScorer.analyze (en, with reasons), sentences: "
            + throughput(sentences, seconds: secs) { LexiconScorer.analyze($0, language: .en).score })
    let analyzer = FeedbackAnalyzer()
    print(
        "FeedbackAnalyzer.analyze (redaction, detection, reasons, aspects), sentences: "
            + throughput(sentences, seconds: secs) { analyzer.analyze($0).score })
    let germanTexts = german.map(\.text)
    if !germanTexts.isEmpty {
        print(
            "LexiconScorer.score (de), 4k reviews (155 characters median): "
                + throughput(germanTexts, seconds: secs) { LexiconScorer.score($0, language: .de) })
    }
}

if let analyze = ProcessInfo.processInfo.environment["ANALYZE"] {
    let analyzer = FeedbackAnalyzer()
    for line in analyze.split(separator: "\n") {
        let a = analyzer.analyze(String(line))
        print(a.language.language.rawValue, f3(a.score), a.label.rawValue, a.redacted.text, a.redacted.counts)
        for r in a.reasons { print("   ", r.text.de) }
        for x in a.aspects { print("   aspect", x.aspect, f3(x.score), x.evidence) }
    }
}

if ProcessInfo.processInfo.environment["SKIP_CLASSIFIER"] == nil {
    print("## Lexicon vs trained classifier, 5-fold cross-validation (seed 20261123)")
    func report(_ name: String, _ rows: [Labelled], _ lang: TextLanguage) {
        let reviews = rows.map { RatedText(text: $0.text, rating: $0.stars != 0 ? $0.stars : ($0.positive ? 5 : 1)) }
        let t0 = DispatchTime.now().uptimeNanoseconds
        let c = MethodComparison.compare(reviews, language: lang, folds: 5)
        let secs = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        print(
            "\(name): n=\(c.used) lexicon acc \(f3(c.lexicon.accuracy)) bal \(f3(c.lexicon.balancedAccuracy)) | classifier acc \(f3(c.classifier.accuracy)) bal \(f3(c.classifier.balancedAccuracy)) folds \(c.classifier.foldAccuracies.map(f3)) | winner \(c.winner.rawValue) by \(String(format: "%.1f", c.marginPoints)) points (\(String(format: "%.1f", secs)) s)"
        )
    }
    if !german.isEmpty { report("german-amazon-reviews-4k", german, .de) }
    if !clothing.isEmpty { report("clothing reviews", clothing, .en) }
    for (name, rows) in uci { report("UCI \(name)", rows, .en) }
}
