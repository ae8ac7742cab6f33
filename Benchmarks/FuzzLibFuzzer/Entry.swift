// libFuzzer entry for the import readers (scripts/libfuzz.sh compiles it with swiftc
// -sanitize=fuzzer together with Benchmarks/Fuzz's harness; it is not a SwiftPM target).
// The first byte of an input chooses entity, format and CSV or JSON Lines; the rest is the file.
// Properties are Harness.run's; a violation traps, so libFuzzer saves the input as a crash.
import ObhutImport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let all = Array(UnsafeRawBufferPointer(start: data, count: count))
    guard let first = all.first else { return 0 }
    let entities = ImportEntity.allCases
    let input = FuzzInput(
        entity: entities[Int(first & 0x07) % entities.count],
        format: (first & 0x18) == 0x18 ? .shopify : (first & 0x18) == 0x10 ? .woocommerce : .generic,
        jsonLines: first & 0x80 != 0, bytes: Array(all.dropFirst()), secrets: [])
    let outcome = Harness.run(input, variant: UInt64(count))
    if let v = outcome.violations.first { fatalError("property violated: \(v)") }
    return 0
}
