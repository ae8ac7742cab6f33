// Fuzzing of the CSV and JSON Lines readers and the import mapping (issue 9, "Hostile input"):
//   obhut-fuzz --seconds N --seed S [--out DIR] [--hang-seconds T]   generate, mutate, check
//   obhut-fuzz --seed S --only I [--dump FILE]                       rerun input I alone (and save its bytes)
//   obhut-fuzz --replay FILE --entity E [--format F] [--jsonl 1]        read one file through the harness, timed
//   obhut-fuzz --seed S --corpus DIR --count N                       write N inputs as a libFuzzer seed corpus
// A seeded structure-aware generator (Generator, Serializer) plus byte mutations (Mutator); each
// input is read twice (whole and in short reads) and checked by Harness. Exit 0: no finding;
// 1: a property was violated (printed with the input's number); 70: crash; 71: hang.
// Release build and a bounded run: scripts/fuzz.sh.
import Foundation
import ObhutImport

var seconds = 60.0
var seed: UInt64 = 1
var only: UInt64?
var dump: String?
var out = FileManager.default.currentDirectoryPath
var hangSeconds = 10.0
var corpus: String?
var replay: String?
var entity = ImportEntity.customers
var format = ImportFormat.generic
var jsonl = false
var count = 200
var args = CommandLine.arguments.dropFirst()
while let a = args.popFirst() {
    let v = args.popFirst() ?? ""
    switch a {
    case "--seconds": seconds = Double(v) ?? seconds
    case "--seed": seed = UInt64(v) ?? seed
    case "--only": only = UInt64(v)
    case "--dump": dump = v
    case "--out": out = v
    case "--hang-seconds": hangSeconds = Double(v) ?? hangSeconds
    case "--corpus": corpus = v
    case "--replay": replay = v
    case "--entity": entity = ImportEntity(rawValue: v) ?? entity
    case "--format": format = ImportFormat(rawValue: v) ?? format
    case "--jsonl": jsonl = v == "1"
    case "--count": count = Int(v) ?? count
    default:
        FileHandle.standardError.write(
            Data("usage: obhut-fuzz --seconds N --seed S [--out DIR] [--hang-seconds T] | --seed S --only I [--dump FILE]\n".utf8))
        exit(2)
    }
}

func input(_ index: UInt64, seed: UInt64) -> FuzzInput {
    var r = FuzzRandom(seed: seed, input: index)
    var input = Generator.make(&r)
    if r.chance(0.7) { Mutator.mutate(&input.bytes, &r) }
    return input
}

if let replay {
    let bytes = Array(FileManager.default.contents(atPath: replay) ?? Data())
    let t0 = Date()
    let o = Harness.run(FuzzInput(entity: entity, format: format, jsonLines: jsonl, bytes: bytes, secrets: []), variant: 0)
    print(
        "\(bytes.count) bytes in \(String(format: "%.3f", Date().timeIntervalSince(t0))) s: records \(o.records), record errors \(o.recordErrors), row issues \(o.rowIssues)"
    )
    for v in o.violations { print("VIOLATION: \(v)") }
    exit(o.violations.isEmpty ? 0 : 1)
}

if let corpus {
    // The first byte selects what Benchmarks/FuzzLibFuzzer/Entry.swift reads: entity, format, JSON Lines.
    try FileManager.default.createDirectory(atPath: corpus, withIntermediateDirectories: true)
    for n in 0..<UInt64(count) {
        let i = input(n, seed: seed)
        var selector = UInt8(ImportEntity.allCases.firstIndex(of: i.entity) ?? 0)
        selector |= i.format == .shopify ? 0x18 : i.format == .woocommerce ? 0x10 : 0
        selector |= i.jsonLines ? 0x80 : 0
        FileManager.default.createFile(atPath: "\(corpus)/seed-\(n)", contents: Data([selector] + i.bytes.prefix(65_535)))
    }
    exit(0)
}

CrashGuard.install(directory: out, hangSeconds: hangSeconds)
if let only {
    let i = input(only, seed: seed)
    print("input \(only): \(i.entity) \(i.jsonLines ? "JSON Lines" : "CSV") \(i.format), \(i.bytes.count) bytes")
    if let dump { FileManager.default.createFile(atPath: dump, contents: Data(i.bytes)) }
    CrashGuard.begin(i.bytes, index: only)
    let o = Harness.run(i, variant: only)
    CrashGuard.end()
    print("records \(o.records), record errors \(o.recordErrors), row issues \(o.rowIssues), accepted \(o.accepted)")
    for v in o.violations { print("VIOLATION: \(v)") }
    exit(o.violations.isEmpty ? 0 : 1)
}

let start = Date()
var executions: UInt64 = 0
var bytes = 0
var totals = Outcome()
var findings: [(UInt64, String)] = []
var lastReport = start
var slowest: (input: UInt64, seconds: Double, bytes: Int) = (0, 0, 0)
while Date().timeIntervalSince(start) < seconds {
    let i = input(executions, seed: seed)
    CrashGuard.begin(i.bytes, index: executions)
    let t0 = DispatchTime.now().uptimeNanoseconds
    let o = Harness.run(i, variant: executions)
    let took = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
    CrashGuard.end()
    if took > slowest.seconds { slowest = (executions, took, i.bytes.count) }
    bytes += i.bytes.count
    totals.records += o.records
    totals.recordErrors += o.recordErrors
    totals.rowIssues += o.rowIssues
    totals.accepted += o.accepted
    if o.sourceError { totals.sourceError = true }
    for v in o.violations where findings.count < 50 {
        findings.append((executions, v))
        print("FINDING on input \(executions) (seed \(seed), --only \(executions)): \(v)")
    }
    executions += 1
    if Date().timeIntervalSince(lastReport) > 30 {
        lastReport = Date()
        print("… \(executions) inputs, \(Int(Date().timeIntervalSince(start))) s")
    }
}
let elapsed = Date().timeIntervalSince(start)
print(
    """
    obhut-fuzz: seed \(seed), \(executions) inputs (each read twice) in \(String(format: "%.0f", elapsed)) s, \
    \(String(format: "%.0f", Double(executions) / elapsed)) inputs/s, \(bytes / 1_048_576) MiB
    records \(totals.records), record errors \(totals.recordErrors), row issues \(totals.rowIssues), rows accepted \(totals.accepted)
    slowest input: \(slowest.input) (\(slowest.bytes) bytes) in \(String(format: "%.3f", slowest.seconds)) s
    findings: \(findings.count)
    """)
exit(findings.isEmpty ? 0 : 1)
