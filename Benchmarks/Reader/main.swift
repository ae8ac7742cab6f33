// Reader benchmark: generates order-line files and reads them with ObhutImport's readers.
//
//   ReaderBenchmark generate PATH [ROWS] [--german]   CSV: order_id,line,customer_id,product_id,
//                                                     quantity,unit_price,currency,ordered_at
//   ReaderBenchmark generate-jsonl PATH [ROWS]        the same rows as JSON Lines
//   ReaderBenchmark read PATH                         CSVReader only: records/s
//   ReaderBenchmark parse PATH [--german]             CSVReader + value parsing of every field
//   ReaderBenchmark read-jsonl PATH                   JSONLinesReader only
//
// Data is invented (seeded SplitMix64). Run it with Benchmarks/Reader/run.sh, which builds in
// release in a scratch package and measures peak RSS with /usr/bin/time -v.
import Foundation
import ObhutImport

struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: UInt64) -> Int { Int(next() % n) }
}

func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}

/// Rows of invented order lines: orders of 1-5 lines, 200k customers, 20k products, two years.
func generate(path: String, rows: Int, german: Bool, jsonl: Bool) throws {
    guard let out = FileHandle(forWritingAtPath: path) ?? {
        FileManager.default.createFile(atPath: path, contents: nil)
        return FileHandle(forWritingAtPath: path)
    }() else { throw CocoaError(.fileWriteUnknown) }
    try out.truncate(atOffset: 0)
    var rng = SplitMix64(state: 20_261_122)
    let sep = german ? ";" : ","
    var buffer = ""
    if !jsonl {
        buffer += ["order_id", "line", "customer_id", "product_id", "quantity", "unit_price", "currency", "ordered_at"]
            .joined(separator: sep) + "\n"
    }
    var orderID = 100_000
    var written = 0
    let start = CivilDate.days(year: 2024, month: 1, day: 1) * 86_400
    while written < rows {
        orderID += 1
        let lines = 1 + rng.below(5)
        let customer = 1 + rng.below(200_000)
        let at = start + Int64(rng.below(2 * 365 * 86_400))
        let (y, m, d) = CivilDate.date(fromDays: at / 86_400)
        let s = Int(at % 86_400)
        let time = "\(pad(s / 3600, 2)):\(pad(s / 60 % 60, 2)):\(pad(s % 60, 2))"
        let timestamp = german
            ? "\(pad(d, 2)).\(pad(m, 2)).\(y) \(time)" : "\(y)-\(pad(m, 2))-\(pad(d, 2))T\(time)Z"
        for line in 1...lines where written < rows {
            let product = "P-\(pad(1 + rng.below(20_000), 5))"
            let quantity = 1 + rng.below(5)
            let cents = 99 + rng.below(25_000)
            let price = "\(cents / 100)\(german ? "," : ".")\(pad(cents % 100, 2))"
            if jsonl {
                buffer += "{\"order_id\":\(orderID),\"line\":\(line),\"customer_id\":\"C\(customer)\",\"product_id\":\"\(product)\","
                    + "\"quantity\":\(quantity),\"unit_price\":\(price),\"currency\":\"EUR\",\"ordered_at\":\"\(timestamp)\"}\n"
            } else {
                buffer += [String(orderID), String(line), "C\(customer)", product, String(quantity), price, "EUR", timestamp]
                    .joined(separator: sep) + "\n"
            }
            written += 1
        }
        if buffer.utf8.count > 1 << 20 {
            out.write(Data(buffer.utf8))
            buffer.removeAll(keepingCapacity: true)
        }
    }
    out.write(Data(buffer.utf8))
    try out.close()
}

func seconds(since start: ContinuousClock.Instant) -> Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

func report(_ what: String, records: Int, errors: Int, bytes: Int, elapsed: Double, checksum: Int) {
    let rate = Double(records) / elapsed
    print(
        "\(what): \(records) records, \(errors) errors, \(String(format: "%.3f", elapsed)) s, "
            + "\(Int(rate)) records/s, \(String(format: "%.1f", Double(bytes) / elapsed / 1e6)) MB/s (checksum \(checksum))")
}

func fileSize(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
}

func readOnly(path: String) throws {
    let start = ContinuousClock.now
    let reader = try CSVReader(path: path)
    var records = 0
    var errors = 0
    var checksum = 0
    while let result = try reader.next() {
        switch result {
        case .success(let record):
            records += 1
            checksum &+= record.fields.count &+ (record.fields[7]?.utf8.count ?? 0)
        case .failure:
            errors += 1
        }
    }
    report("read (CSVReader, separator \(reader.separator))", records: records, errors: errors,
        bytes: fileSize(path), elapsed: seconds(since: start), checksum: checksum)
}

/// Reader plus the value parsing an import does per row: integers, money, quantity, currency, time.
func readAndParse(path: String, german: Bool) throws {
    let start = ContinuousClock.now
    let reader = try CSVReader(path: path)
    let columns = reader.columns
    guard let order = columns.position(of: "order_id"), let qty = columns.position(of: "quantity"),
        let price = columns.position(of: "unit_price"), let currency = columns.position(of: "currency"),
        let at = columns.position(of: "ordered_at")
    else { throw CocoaError(.fileReadCorruptFile) }
    let decimal = DecimalParser(style: german ? .comma : .point)
    let time = TimestampParser(localTime: german ? .zone(ZoneRules(TimeZone(identifier: "Europe/Berlin") ?? .gmt)) : .utc)
    let plausible = PlausibleTimeRange()
    let now = Int64(Date().timeIntervalSince1970)
    var records = 0
    var errors = 0
    var checksum = 0
    while let result = try reader.next() {
        guard case .success(let record) = result else {
            errors += 1
            continue
        }
        guard let orderID = Int(record[order] ?? ""),
            case .success(let q) = decimal.double(record[qty] ?? ""),
            case .success(let cents) = decimal.minorUnits(record[price] ?? ""),
            case .success(let code) = CurrencyCode.parse(record[currency] ?? ""),
            case .success(let t) = time.seconds(record[at] ?? ""),
            plausible.check(seconds: t, now: now) == nil
        else {
            errors += 1
            continue
        }
        records += 1
        checksum &+= orderID &+ Int(q) &+ Int(cents) &+ Int(t % 1000) &+ code.utf8.count
    }
    report("read+parse (CSVReader + DecimalParser + TimestampParser + CurrencyCode)", records: records,
        errors: errors, bytes: fileSize(path), elapsed: seconds(since: start), checksum: checksum)
}

func readJSONLines(path: String) throws {
    let start = ContinuousClock.now
    let reader = try JSONLinesReader(path: path)
    var records = 0
    var errors = 0
    var checksum = 0
    while let result = try reader.next() {
        switch result {
        case .success(let record):
            records += 1
            checksum &+= record.fields.count
        case .failure:
            errors += 1
        }
    }
    report("read (JSONLinesReader)", records: records, errors: errors, bytes: fileSize(path),
        elapsed: seconds(since: start), checksum: checksum)
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    print("usage: ReaderBenchmark generate|generate-jsonl|read|parse|read-jsonl PATH [ROWS] [--german]")
    exit(2)
}
let path = arguments[2]
let german = arguments.contains("--german")
let rows = arguments.count > 3 ? Int(arguments[3]) ?? 1_000_000 : 1_000_000
do {
    switch arguments[1] {
    case "generate": try generate(path: path, rows: rows, german: german, jsonl: false)
    case "generate-jsonl": try generate(path: path, rows: rows, german: false, jsonl: true)
    case "read": try readOnly(path: path)
    case "parse": try readAndParse(path: path, german: german)
    case "read-jsonl": try readJSONLines(path: path)
    default:
        print("unknown command \(arguments[1])")
        exit(2)
    }
} catch {
    print("error: \(error)")
    exit(1)
}
