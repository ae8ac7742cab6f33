import Foundation
import ObhutStore
import Testing

@testable import Obhut

/// The scope's feedback texts are opened on every core; the result must be the same texts in the
/// same order as one core gives, and a damaged text must fail the whole scope.
@Suite("Feedback decryption")
struct FeedbackDecryptionTests {
    @Test func severalSlicesGiveTheSameTextsInOrderAsOne() throws {
        let ws = try makeWorkspace()
        defer { try? FileManager.default.removeItem(at: ws.directory) }
        // Anonymous feedback (sealed with the workspace key), enough to take the parallel path.
        let count = FeedbackDecryption.parallelFrom + 37
        let items = try (0..<count).map { i in
            FeedbackDecryption.Sealed(
                id: "F\(i)", customerId: nil, sealed: try ws.store.keys.sealForWorkspace(Data("Text \(i) – sehr gut".utf8), context: "f:F\(i)"),
                wrappedKey: nil)
        }
        let one = try FeedbackDecryption.open(items, keys: ws.store.keys, slices: 1)
        let three = try FeedbackDecryption.open(items, keys: ws.store.keys, slices: 3)
        #expect(one.count == count)
        #expect(one == three)
        #expect(three[count - 1] == "Text \(count - 1) – sehr gut")
        var damaged = items
        damaged[count / 2].sealed[damaged[count / 2].sealed.count - 1] ^= 0x01
        #expect(throws: (any Error).self) { try FeedbackDecryption.open(damaged, keys: ws.store.keys, slices: 3) }
    }
}

/// A list of sealed texts handed to the opener at once (the scope reader hands them over row by
/// row while it reads).
extension FeedbackDecryption {
    struct Sealed: Sendable {
        var id: String
        var customerId: String?
        var sealed: Data
        var wrappedKey: Data?
    }

    /// All `items` at once, on `slices` threads (the calling one included): the same result as one.
    static func open(_ items: [Sealed], keys: KeyRing, slices: Int = ProcessInfo.processInfo.activeProcessorCount) throws -> [String] {
        let opener = FeedbackDecryption(capacity: items.count, keys: keys, workers: slices - 1)
        do {
            for item in items {
                var id = item.id
                try id.withUTF8 { id in
                    try item.sealed.withUnsafeBytes { sealed in
                        if var customer = item.customerId, let wrapped = item.wrappedKey {
                            try customer.withUTF8 { customer in
                                try wrapped.withUnsafeBytes {
                                    try opener.append(id: .init(id), customerId: .init(customer), sealed: sealed, wrappedKey: $0)
                                }
                            }
                        } else {
                            try opener.append(id: .init(id), customerId: nil, sealed: sealed, wrappedKey: nil)
                        }
                    }
                }
            }
        } catch {
            opener.cancel()
            throw error
        }
        return try opener.finish()
    }
}
