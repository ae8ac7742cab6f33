import Foundation
import Synchronization

/// Results that are expensive at scale (a pre-flight of every activity, the audit chain's
/// verification, a retention dry run: seconds each at a million customers) kept for a short
/// time, so the privacy cockpit does not redo them on every view. Each entry remembers when it
/// was computed, and pages say so; `?refresh=1` computes anew.
public final class TimedCache: Sendable {
    public let lifetime: TimeInterval
    private let entries = Mutex<[String: (at: Date, value: any Sendable)]>([:])

    public init(lifetime: TimeInterval = 120) { self.lifetime = lifetime }

    /// The cached value for `key` if it is younger than `lifetime` and `refresh` is false; else
    /// computes, stores and returns it. Returns the time the value was computed with it.
    public func value<T: Sendable>(_ key: String, now: Date, refresh: Bool = false, compute: () throws -> T) rethrows -> (T, Date) {
        if !refresh, let hit = entries.withLock({ $0[key] }), now.timeIntervalSince(hit.at) < lifetime, let value = hit.value as? T {
            return (value, hit.at)
        }
        let value = try compute()
        entries.withLock { $0[key] = (now, value) }
        return (value, now)
    }

    public func removeAll() { entries.withLock { $0.removeAll() } }
}
