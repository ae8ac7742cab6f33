import Foundation
import ObhutCore
import ObhutImport

/// A byte source that hands out short reads of varying length, so records straddle the reader's
/// window at every possible place.
struct ChoppySource: ByteSource {
    let bytes: [UInt8]
    var offset = 0
    var state: UInt64

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(SourceError) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let want = min(buffer.count, bytes.count - offset, 1 + Int(state >> 58))
        guard want > 0, let destination = buffer.baseAddress else { return 0 }
        bytes.withUnsafeBytes { source in
            if let from = source.baseAddress { destination.copyMemory(from: from + offset, byteCount: want) }
        }
        offset += want
        return want
    }
}

/// What one input did, for the statistics.
struct Outcome {
    var records = 0
    var recordErrors = 0
    var rowIssues = 0
    var accepted = 0
    var sourceError = false
    var importError = false
    var violations: [String] = []
}

/// Reads one input through the importer's path (reader → column resolver → row mapper) and checks
/// the properties: the same result however the bytes arrive; every rejection says where (line, and
/// field for a row) and why; no message repeats a planted personal value; accepted values are sane.
enum Harness {
    static let now = Date(timeIntervalSince1970: 1_763_856_000)  // 2025-11-23: fixed, so runs repeat

    static func read(_ input: FuzzInput, source: any ByteSource, chunk: Int?) -> Result<([Result<SourceRecord, RecordError>], Columns), SourceError> {
        do throws(SourceError) {
            if input.jsonLines {
                let specs = FieldCatalog.fields(for: input.entity)
                var names: [String] = []
                var seen = Set<String>()
                for name in specs.flatMap({ $0.headerNames(for: input.format) }) where seen.insert(name.lowercased()).inserted { names.append(name) }
                var reader = JSONLinesReader(
                    source: source, expectedColumns: names, options: chunk.map { JSONLinesOptions(chunkSize: $0) } ?? JSONLinesOptions())
                let all = try reader.readAll()
                return .success((all, reader.columns))
            }
            var reader = try CSVReader(source: source, options: chunk.map { CSVOptions(chunkSize: $0) } ?? CSVOptions())
            let all = try reader.readAll()
            return .success((all, reader.columns))
        } catch {
            return .failure(error)
        }
    }

    static func run(_ input: FuzzInput, variant: UInt64) -> Outcome {
        var out = Outcome()
        let secrets = input.secrets.filter { $0.utf8.count >= 5 }
        var messages: [String] = []
        let lines = input.bytes.reduce(1) { $0 + ($1 == 0x0A || $1 == 0x0D ? 1 : 0) }

        let plain = read(input, source: MemoryByteSource(input.bytes), chunk: nil)
        let chunk = [1, 2, 3, 7, 64, 4096][Int(variant % 6)]
        let choppy = read(input, source: ChoppySource(bytes: input.bytes, state: variant), chunk: chunk)
        switch (plain, choppy) {
        case (.success(let a), .success(let b)):
            if a.0 != b.0 {
                let i = (0..<min(a.0.count, b.0.count)).first { a.0[$0] != b.0[$0] } ?? min(a.0.count, b.0.count)
                out.violations.append("result depends on how the bytes arrive (chunk \(chunk)): first difference at record \(i)")
            }
        case (.failure(let a), .failure(let b)):
            if a != b { out.violations.append("source error depends on chunking: \(a) vs \(b)") }
        default:
            out.violations.append("reading fails only with one chunking (chunk \(chunk))")
        }

        guard case .success(let (results, columns)) = plain else {
            if case .failure(let e) = plain {
                out.sourceError = true
                messages.append(e.description)
            }
            check(messages, secrets, &out)
            return out
        }
        let resolver: ColumnResolver
        do {
            resolver = try ColumnResolver(entity: input.entity, format: input.format, columns: columns, mapping: nil)
        } catch {
            out.importError = true
            messages += [error.message(in: .de), error.message(in: .en)]
            check(messages, secrets, &out)
            return out
        }
        let mapper = RowMapper(entity: input.entity, format: input.format, resolver: resolver, now: now) { _ in "shopify-pseudonym" }
        let known = Set(FieldCatalog.fields(for: input.entity).map(\.name))
        // Values read from personal columns count as secrets too (libFuzzer's inputs plant none).
        let personalPositions = Generator.personalFields.compactMap { resolver.position($0) }
        var readSecrets = Set<String>()
        for result in results {
            switch result {
            case .failure(let e):
                out.recordErrors += 1
                if e.line < 1 || e.line > lines { out.violations.append("record error at line \(e.line) of \(lines)") }
                messages.append(e.description)
            case .success(let record):
                out.records += 1
                for p in personalPositions where out.records <= 50 {
                    if let v = record[p], v.count >= 8, !v.allSatisfy({ $0 == " " }) { readSecrets.insert(v) }
                }
                switch mapper.map(record) {
                case .rejected(let issue):
                    out.rowIssues += 1
                    if issue.line != record.line { out.violations.append("row issue at line \(issue.line), record at \(record.line)") }
                    if issue.field.map(known.contains) != true { out.violations.append("row issue names no known field: \(issue.field ?? "nil")") }
                    if issue.reason.en.isEmpty || issue.reason.de.isEmpty { out.violations.append("row issue without a reason") }
                    messages += [issue.text(file: "f.csv", language: .de), issue.text(file: "f.csv", language: .en)]
                case let mapped:
                    out.accepted += 1
                    if let problem = Sanity.check(mapped) { out.violations.append("accepted: \(problem)") }
                }
            }
        }
        check(messages, secrets + readSecrets, &out)
        return out
    }

    /// No message may contain a secret. At most 150 secrets per input (the first rows' values come
    /// first: a lost header row turns exactly those into column names), searched in the bytes of
    /// all messages at once, so a large input costs milliseconds, not seconds.
    static func check(_ messages: [String], _ secrets: [String], _ out: inout Outcome) {
        if messages.contains(where: \.isEmpty) { out.violations.append("empty error message") }
        let all = Array(messages.joined(separator: "\n").utf8)
        for secret in secrets.prefix(150) {
            let needle = Array(secret.utf8)
            if contains(all, needle), let m = messages.first(where: { contains(Array($0.utf8), needle) }) {
                out.violations.append("error message repeats a personal value (\(secret.count) characters): \(m.prefix(160))")
            }
        }
    }
}

/// Plain byte search (Foundation's generic one cost seconds per large input).
func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
    guard let first = needle.first, hay.count >= needle.count else { return needle.isEmpty }
    return hay.withUnsafeBufferPointer { h in
        needle.withUnsafeBufferPointer { n in
            var i = 0
            let last = h.count - n.count
            while i <= last {
                if h[i] == first {
                    var k = 1
                    while k < n.count && h[i + k] == n[k] { k += 1 }
                    if k == n.count { return true }
                }
                i += 1
            }
            return false
        }
    }
}

/// Values that passed validation must be usable downstream without overflow or nonsense.
enum Sanity {
    static func check(_ m: MappedRecord) -> String? {
        switch m {
        case .order(let o, _):
            if !o.quantity.isFinite || abs(o.quantity) > 1e9 { return "order quantity \(o.quantity)" }
            if o.unitPriceMinor < 0 || o.unitPriceMinor > 1_000_000_000_000 { return "unit price \(o.unitPriceMinor) minor units" }
            if o.line < 1 { return "order line \(o.line)" }
        case .product(let p):
            if let price = p.priceMinor, price < 0 || price > 1_000_000_000_000 { return "product price \(price) minor units" }
        case .lead(let l):
            if let size = l.size, size > 10_000_000 { return "lead size \(size)" }
        default: break
        }
        return nil
    }
}
