import Dispatch
import Foundation
import ObhutStore

/// Opens the feedback texts of a scope on every core, while they are still being read.
///
/// Each text is sealed under its author's key (unwrap the key, then AES-GCM): about 2.5 µs of
/// CPU a text from raw bytes (3.5 µs through `Data` and a `String` context), two thirds of a
/// second for the 264,122 texts of the 1,000,000-customer demo. The texts are independent, so
/// the reader hands them over as it goes: background workers (one fewer than the cores) open
/// published chunks while the reading thread goes on reading, and the reading thread joins them
/// in `finish()`. The reader's bytes (sealed text, wrapped key, context) are copied into a
/// `ByteArena`, not a `Data` each. A person's key is unwrapped once for consecutive texts of the
/// same person. The order of `append` is the order of the result. Any failure (a damaged text or
/// key) fails the whole scope, as on one core.
///
/// Use from one thread (the reader); `finish()` or `cancel()` must be called, or the workers wait
/// for more texts for ever.
final class FeedbackDecryption: @unchecked Sendable {
    // Safety: `items` and `texts` are fixed buffers of `capacity` elements, never reallocated,
    // and the arena's bytes never move. The reader initialises item i (and its bytes) before it
    // publishes i (under `state`'s lock); a worker reads only items below the published count it
    // took under the same lock, and writes only the texts of the chunk it took, which no other
    // thread touches; the reader reads `texts` only after every worker has left (`group.wait()`).
    // `count`, `lastPublished` and `arena` belong to the reader alone.

    /// Below this many texts one core does it (thread start-up would cost more than it saves).
    static let parallelFrom = 2_048
    /// Texts handed to a worker at a time.
    static let chunk = 512

    /// A text to open, its bytes in the arena.
    private struct Item {
        var sealed: UnsafeRawBufferPointer
        var context: UnsafeRawBufferPointer
        /// The author's wrapped key; nil: sealed with the workspace key.
        var wrappedKey: UnsafeRawBufferPointer?
    }

    private let keys: KeyRing
    private let capacity: Int
    private let arena = ByteArena()
    private let items: UnsafeMutablePointer<Item>
    private let texts: UnsafeMutablePointer<String>
    private var count = 0
    private var lastPublished = 0

    private let state = NSCondition()
    private var published = 0
    private var next = 0
    private var closed = false
    private var failure: (any Error)?
    private let group = DispatchGroup()

    /// `capacity`: the most texts that will be appended (the rows the read can return).
    /// `workers`: background threads; none below `parallelFrom` texts.
    init(capacity: Int, keys: KeyRing, workers: Int = ProcessInfo.processInfo.activeProcessorCount - 1) {
        self.keys = keys
        self.capacity = max(capacity, 0)
        items = .allocate(capacity: self.capacity)
        texts = .allocate(capacity: self.capacity)
        texts.initialize(repeating: "", count: self.capacity)
        for _ in 0..<(capacity >= Self.parallelFrom ? max(workers, 0) : 0) {
            DispatchQueue.global(qos: .userInitiated).async(group: group) { self.work() }
        }
    }

    deinit {
        items.deinitialize(count: count)
        items.deallocate()
        texts.deinitialize(count: capacity)
        texts.deallocate()
    }

    /// Adds a text to open; its position in the result is the number of texts appended before it.
    /// `id` and `customerId` are the feedback's and author's ids as UTF-8; the text is sealed under
    /// the author's key where both an author and `wrappedKey` are given, else the workspace key
    /// (as `KeyRing.openFeedbackText` decides). The bytes are copied.
    func append(
        id: UnsafeRawBufferPointer, customerId: UnsafeRawBufferPointer?, sealed: UnsafeRawBufferPointer, wrappedKey: UnsafeRawBufferPointer?
    ) throws {
        guard count < capacity else { throw FeedbackDecryptionError.moreTextsThanAnnounced(capacity) }
        var item: Item
        if let customerId, let wrappedKey {
            item = Item(
                sealed: arena.append(sealed),
                context: Self.prefix.withUnsafeBytes { p in Self.author.withUnsafeBytes { a in arena.append(p, id, a, customerId) } },
                wrappedKey: arena.append(wrappedKey))
        } else {
            item = Item(sealed: arena.append(sealed), context: Self.prefix.withUnsafeBytes { arena.append($0, id) }, wrappedKey: nil)
        }
        (items + count).initialize(to: item)
        count += 1
        if count - lastPublished >= Self.chunk { publish(closing: false) }
    }

    private static let prefix = Array(KeyRing.feedbackContextPrefix.utf8)
    private static let author = Array(KeyRing.feedbackContextAuthor.utf8)

    /// Opens what is left (with the workers), waits for them, and returns every text in order.
    func finish() throws -> [String] {
        publish(closing: true)
        work()
        group.wait()
        if let failure = state.withLock({ failure }) { throw failure }
        return Array(UnsafeBufferPointer(start: texts, count: count))
    }

    /// Stops the workers (the reader failed); what was opened is dropped.
    func cancel() {
        state.withLock {
            if failure == nil { failure = CancellationError() }
            closed = true
            state.broadcast()
        }
        group.wait()
    }

    private func publish(closing: Bool) {
        lastPublished = count
        state.withLock {
            published = count
            if closing { closed = true }
            state.broadcast()
        }
    }

    /// Takes the next published chunk; nil once everything is taken and no more will come, or
    /// after a failure.
    private func take() -> Range<Int>? {
        state.lock()
        defer { state.unlock() }
        while true {
            if failure != nil { return nil }
            if next < published {
                let range = next..<min(next + Self.chunk, published)
                next = range.upperBound
                return range
            }
            if closed { return nil }
            state.wait()
        }
    }

    private func work() {
        var lastWrapped: UnsafeRawBufferPointer?
        var lastKey: PersonKey?
        while let range = take() {
            do {
                for i in range {
                    let item = items[i]
                    var key: PersonKey?
                    if let wrapped = item.wrappedKey {
                        if let lastKey, let lastWrapped, lastWrapped.elementsEqual(wrapped) {
                            key = lastKey
                        } else {
                            key = try keys.unwrap(wrapped)
                            lastWrapped = wrapped
                            lastKey = key
                        }
                    }
                    texts[i] = try keys.openFeedbackText(sealed: item.sealed, context: item.context, personKey: key)
                }
            } catch {
                state.withLock {
                    if failure == nil { failure = error }
                    state.broadcast()
                }
                return
            }
        }
    }
}

enum FeedbackDecryptionError: Error, Equatable {
    /// More texts were appended than the capacity given (the read returned more rows than counted).
    case moreTextsThanAnnounced(Int)
}
