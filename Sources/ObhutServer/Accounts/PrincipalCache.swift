import Synchronization

/// The principals of recently used API tokens, so that a client sending many requests does not
/// cost a database read each (the look-up was a tenth of a recommendations request's CPU: a
/// read transaction on a pooled connection whose page cache every audit commit had dropped).
///
/// Revocation, the bound: an entry is used for at most `maxAge` (one second) after the database
/// last confirmed it; then the next request reads the token again. Changes made through the
/// `UserDirectory` that owns the cache (the server's: revoking a token, disabling a user, a new
/// password, failed sign-ins) empty the cache at once, so they count from the next request on.
/// Changes made elsewhere (the CLI `obhut user revoke-token` / `user disable`, another process)
/// count within `maxAge`.
///
/// Keyed by the token's SHA-256 (the server uses the digest's bytes; hex text, as stored, only
/// for the database), never by the secret itself. At most `capacity`
/// entries; when full, the cache is emptied (tokens are few; this only bounds memory against a
/// flood of distinct valid tokens).
final class PrincipalCache<Key: Hashable & Sendable>: Sendable {
    struct Entry {
        var principal: Principal
        var confirmedAt: ContinuousClock.Instant
    }

    let maxAge: Duration
    let capacity: Int
    /// The entries, and how often they were emptied: a look-up that started before a change
    /// must not put back what the change removed.
    private let state = Mutex<(entries: [Key: Entry], generation: UInt64)>(([:], 0))

    init(maxAge: Duration = .seconds(1), capacity: Int = 1_024) {
        self.maxAge = maxAge
        self.capacity = capacity
    }

    /// The principal for a token hash, if the database confirmed it less than `maxAge` ago.
    func principal(tokenHash: Key, now: ContinuousClock.Instant = .now) -> Principal? {
        state.withLock { s in
            guard let e = s.entries[tokenHash] else { return nil }
            guard now - e.confirmedAt < maxAge else {
                s.entries[tokenHash] = nil
                return nil
            }
            return e.principal
        }
    }

    /// Taken before reading the database; `store` keeps the answer only if nothing was emptied since.
    var generation: UInt64 { state.withLock { $0.generation } }

    /// Notes what the database said about a token (nil: not valid, nothing kept), unless the
    /// cache was emptied after `generation` was taken (the answer may predate that change).
    func store(tokenHash: Key, _ principal: Principal?, generation: UInt64, confirmedAt: ContinuousClock.Instant) {
        state.withLock { s in
            guard s.generation == generation, let principal else {
                s.entries[tokenHash] = nil
                return
            }
            if s.entries.count >= capacity { s.entries.removeAll(keepingCapacity: true) }
            s.entries[tokenHash] = Entry(principal: principal, confirmedAt: confirmedAt)
        }
    }

    /// Forgets everything (a user or token changed).
    func removeAll() {
        state.withLock { s in
            s.entries.removeAll()
            s.generation &+= 1
        }
    }

    var count: Int { state.withLock { $0.entries.count } }
}
