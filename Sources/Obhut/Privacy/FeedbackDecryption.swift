import Dispatch
import Foundation
import ObhutStore

/// Opens the feedback texts of a scope on every core, while they are still being read.
///
/// Each text is sealed under its author's key (unwrap the key, then AES-GCM): about 3.7 µs of
/// CPU a text, a second for the 264,122 texts of the 1,000,000-customer demo. The texts are
/// independent, so the reader hands them over as it goes: background workers (one fewer than the
/// cores) open published chunks while the reading thread goes on reading, and the reading thread
/// joins them in `finish()`. A person's key is unwrapped once for consecutive texts of the same
/// person. The order of `append` is the order of the result. Any failure (a damaged text or key)
/// fails the whole scope, as on one core.
///
/// Use from one thread (the reader); `finish()` or `cancel()` must be called, or the workers wait
/// for more texts for ever.
final class FeedbackDecryption: @unchecked Sendable {
    // Safety: `items` and `texts` are fixed buffers of `capacity` elements, never reallocated.
    // The reader initialises item i before it publishes i (under `state`'s lock); a worker reads
    // only items below the published count it took under the same lock, and writes only the texts
    // of the chunk it took, which no other thread touches; the reader reads `texts` only after every
    // worker has left (`group.wait()`). `count` and `lastPublished` belong to the reader alone.

    struct Sealed: Sendable {
        var id: String
        var customerId: String?
        var sealed: Data
        var wrappedKey: Data?
    }

    /// Below this many texts one core does it (thread start-up would cost more than it saves).
    static let parallelFrom = 2_048
    /// Texts handed to a worker at a time.
    static let chunk = 512

    private let keys: KeyRing
    private let capacity: Int
    private let items: UnsafeMutablePointer<Sealed>
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
    func append(_ item: Sealed) throws {
        guard count < capacity else { throw FeedbackDecryptionError.moreTextsThanAnnounced(capacity) }
        (items + count).initialize(to: item)
        count += 1
        if count - lastPublished >= Self.chunk { publish(closing: false) }
    }

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

    /// All `items` at once, on `slices` threads (the calling one included): the same result as one.
    static func open(_ items: [Sealed], keys: KeyRing, slices: Int = ProcessInfo.processInfo.activeProcessorCount) throws -> [String] {
        let opener = FeedbackDecryption(capacity: items.count, keys: keys, workers: slices - 1)
        do {
            for item in items { try opener.append(item) }
        } catch {
            opener.cancel()
            throw error
        }
        return try opener.finish()
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
        var lastWrapped: Data?
        var lastKey: PersonKey?
        while let range = take() {
            do {
                for i in range {
                    let item = items[i]
                    var key: PersonKey?
                    if item.customerId != nil, let wrapped = item.wrappedKey {
                        if let lastKey, wrapped == lastWrapped {
                            key = lastKey
                        } else {
                            key = try keys.unwrap(wrapped)
                            lastWrapped = wrapped
                            lastKey = key
                        }
                    }
                    texts[i] = try keys.openFeedbackText(id: item.id, customerId: item.customerId, sealed: item.sealed, personKey: key)
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
