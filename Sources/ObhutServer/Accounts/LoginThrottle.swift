import Foundation

/// Slows down password guessing from one place: at most `limit` failed sign-ins per client
/// address in `window`; after that the address gets 429 until the window has passed. (The
/// per-account lock-out in `UserDirectory` stops guessing one account from many addresses.)
public actor LoginThrottle {
    public let limit: Int
    public let window: TimeInterval
    private var failures: [String: [Date]] = [:]

    public init(limit: Int = 10, window: TimeInterval = 10 * 60) {
        self.limit = limit
        self.window = window
    }

    public func allowed(_ client: String, now: Date = Date()) -> Bool {
        prune(client, now: now)
        return (failures[client]?.count ?? 0) < limit
    }

    public func recordFailure(_ client: String, now: Date = Date()) {
        prune(client, now: now)
        failures[client, default: []].append(now)
        if failures.count > 100_000 { failures.removeAll() }  // bounded memory under a flood
    }

    public func reset(_ client: String) { failures[client] = nil }

    private func prune(_ client: String, now: Date) {
        guard var list = failures[client] else { return }
        list.removeAll { now.timeIntervalSince($0) > window }
        failures[client] = list.isEmpty ? nil : list
    }
}
