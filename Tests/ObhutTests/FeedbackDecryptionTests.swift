import Foundation
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
