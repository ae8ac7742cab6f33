import Foundation
import GRDB
import Synchronization
import Testing

@testable import ObhutStore

/// `AuditBatcher`'s committer thread: started on demand, ended after idling, restarted, and every
/// caller answered exactly once with its entries in arrival order.
@Suite("AuditBatcher: the committer thread")
struct AuditCommitterTests {
    func makeStore() throws -> (SQLiteStore, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("obhut-committer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return (try SQLiteStore(path: dir.appendingPathComponent("a.sqlite").path, masterKey: .generate()), dir)
    }

    func draft(_ subject: String) -> AuditBatcher.Draft {
        .init(
            actor: "user:reader", role: "support", action: "customer.view", subject: subject, count: 1, activity: nil, reason: "detail",
            at: Date(timeIntervalSince1970: 1_790_000_000))
    }

    func subjects(_ store: SQLiteStore) throws -> [String] {
        try store.writer.read { db in try String.fetchAll(db, sql: "SELECT subject FROM audit_entry ORDER BY sequence") }
    }

    func outcome(_ call: @Sendable () async throws -> Int) async -> Result<Int, any Error> {
        do { return .success(try await call()) } catch { return .failure(error) }
    }

    /// Waits (polling, up to `limit`) until the committer thread has ended; false if it has not.
    func ended(_ batcher: AuditBatcher, limit: Duration = .seconds(10)) async throws -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while batcher.committerRunning {
            guard clock.now < deadline else { return false }
            try await Task.sleep(for: .milliseconds(10))
        }
        return true
    }

    @Test("no thread before the first job; one starts on it, ends after idling, and a new one commits the next job")
    func restartsAfterIdling() async throws {
        let (store, dir) = try makeStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let batcher = AuditBatcher(store: store, idleTimeout: .milliseconds(20))
        #expect(batcher.committerRunning == false)
        #expect(batcher.threadsStarted == 0)
        try await batcher.append(draft("p_first"))
        #expect(batcher.threadsStarted == 1)
        #expect(try await ended(batcher), "the committer ends once it has had nothing to do for its idle time")
        try await batcher.append(draft("p_second"))
        #expect(batcher.threadsStarted == 2)
        #expect(try subjects(store) == ["p_first", "p_second"])
        #expect(batcher.entries == 2)
        #expect(batcher.commits == 2)
        #expect(try store.verifyAudit().isIntact)
    }

    @Test("one caller's entries land in the order of its calls, a multi-entry append stays together")
    func arrivalOrder() async throws {
        let (store, dir) = try makeStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let batcher = store.auditBatcher
        for i in 0..<20 { try await batcher.append(draft("p_\(i)")) }
        try await batcher.append([draft("p_a"), draft("p_b"), draft("p_c")])
        #expect(try subjects(store) == (0..<20).map { "p_\($0)" } + ["p_a", "p_b", "p_c"])
        #expect(batcher.commits == 21)
        #expect(try store.verifyAudit().isIntact)
    }

    @Test("800 concurrent callers in waves while the committer idles out and restarts: each answered once, each entry once, the chain verifies")
    func manyCallersAcrossRestarts() async throws {
        let (store, dir) = try makeStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let batcher = AuditBatcher(store: store, idleTimeout: .milliseconds(1))
        var answered: [Int] = []
        for wave in 0..<4 {
            let got = try await withThrowingTaskGroup(of: Int.self) { group in
                for j in 0..<200 {
                    let i = wave * 200 + j
                    group.addTask {
                        if i % 2 == 0 {
                            try await batcher.append(draft("p_token\(i)"))
                            return i
                        }
                        return try await batcher.read({ _ in i }, entries: [draft("p_token\(i)")], when: { _ in true })
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            answered += got
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(answered.sorted() == Array(0..<800))
        let logged = try subjects(store)
        #expect(logged.count == 800)
        #expect(Set(logged) == Set((0..<800).map { "p_token\($0)" }))
        #expect(batcher.entries == 800)
        #expect(batcher.commits < 800, "callers that arrive during a commit share the next one")
        #expect(try store.verifyAudit().isIntact)
    }

    @Test("a read that throws fails alone; a caller beside it and the next one are answered, their entries written")
    func failingJobFailsAlone() async throws {
        struct Refused: Error, Equatable {}
        let (store, dir) = try makeStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let batcher = store.auditBatcher
        async let bad = outcome { try await batcher.read({ _ in throw Refused() }, entries: [draft("p_bad")], when: { _ in false }) }
        async let good: Int = batcher.read({ _ in 7 }, entries: [draft("p_good")], when: { _ in true })
        let badOutcome = await bad
        #expect(throws: Refused()) { try badOutcome.get() }
        #expect(try await good == 7)
        #expect(try await batcher.read({ _ in 8 }, entries: [draft("p_next")], when: { _ in true }) == 8)
        #expect(try subjects(store) == ["p_good", "p_next"])
        #expect(try store.verifyAudit().isIntact)
    }

    /// An fsync the test holds until it lets it go, and can make fail.
    final class HeldSync: Sendable {
        struct State {
            var released = false
            var failing = false
            var started = 0
        }
        let state = Mutex(State())
        func sync(_ path: String) throws {
            state.withLock { $0.started += 1 }
            while !(state.withLock { $0.released }) { usleep(1_000) }
            if state.withLock({ $0.failing }) { throw POSIXError(.EIO) }
            try AuditBatcher.fsync(path: path)
        }
    }

    final class Count: Sendable {
        let value = Mutex(0)
        var current: Int { value.withLock { $0 } }
    }

    /// A job queued straight on the batcher (no task): its answer counts into `answered`.
    func job(_ subject: String, answered: Count) -> AuditBatcher.Job {
        let drafts = [draft(subject)]
        return AuditBatcher.Job(
            perform: { db, store in
                let (outcome, written) = AuditBatcher.perform({ _ in () }, drafts: drafts, when: { _ in true }, in: db, store: store)
                return .init(entries: written, answer: { if case .success = outcome { answered.value.withLock { $0 += 1 } } })
            }, fail: { _ in })
    }

    @Test("a durable caller is answered only after the fsync that follows its commit, while the next group commits beside that fsync")
    func durableAnswersWaitForTheirFsync() async throws {
        let (store, dir) = try makeStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let held = HeldSync()
        let batcher = AuditBatcher(store: store, idleTimeout: .seconds(1), syncFile: { try held.sync($0) })
        // Jobs go straight to the committer thread: no task of this test has to be scheduled for
        // the groups to commit (tests in parallel can keep Swift's few threads busy for seconds).
        let answered = Count()
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(60)
        batcher.enqueue(job("p_first", answered: answered))
        while held.state.withLock({ $0.started }) == 0, clock.now < deadline { usleep(2_000) }
        // The first group is committed and its fsync under way (held).
        #expect(batcher.commits == 1)
        batcher.enqueue(job("p_second", answered: answered))
        while batcher.commits < 2, clock.now < deadline { usleep(2_000) }
        #expect(batcher.commits == 2, "the next group commits while the first one's fsync is held")
        usleep(50_000)
        #expect(answered.current == 0, "nobody is answered while the fsync after their commit is held")
        #expect(batcher.durableSyncs == 0)
        held.state.withLock { $0.released = true }
        while answered.current < 2, clock.now < deadline { usleep(2_000) }
        #expect(answered.current == 2)
        #expect(batcher.durableSyncs >= 1)
        #expect(batcher.durableSyncs <= 2)
        #expect(batcher.syncs == 0)
        #expect(try subjects(store) == ["p_first", "p_second"])
        #expect(try store.verifyAudit().isIntact)
    }

    @Test("when the fsync of a durable commit fails, its callers get the error, not their reads")
    func aFailedFsyncFailsItsDurableCallers() async throws {
        let (store, dir) = try makeStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let held = HeldSync()
        held.state.withLock {
            $0.released = true
            $0.failing = true
        }
        let batcher = AuditBatcher(store: store, idleTimeout: .seconds(1), syncFile: { try held.sync($0) })
        let failed = await outcome { try await batcher.read({ _ in 7 }, entries: [draft("p_one")], when: { _ in true }) }
        #expect(throws: POSIXError.self) { try failed.get() }
        held.state.withLock { $0.failing = false }
        let fine = await outcome { try await batcher.read({ _ in 8 }, entries: [draft("p_two")], when: { _ in true }) }
        #expect((try? fine.get()) == 8)
        #expect(try store.verifyAudit().isIntact)
    }

    @Test("batched commits are fsync'd by the batcher itself within the sync interval")
    func batchedCommitsSyncOnTheirOwn() async throws {
        let (store, dir) = try makeStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let batcher = store.auditBatcher
        try batcher.configure(durability: .batched, syncInterval: .milliseconds(10))
        try await batcher.append(draft("p_x"))
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(10)
        while batcher.syncs == 0, clock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(batcher.syncs == 1)
        #expect(batcher.syncPending == false)
    }

    @Test("a batched commit's fsync that fails is tried again until it succeeds (before, it was dropped and never retried)")
    func failedBatchedSyncIsRetried() async throws {
        let (store, dir) = try makeStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let failuresLeft = Mutex(2)
        let batcher = AuditBatcher(
            store: store, idleTimeout: .seconds(1),
            syncFile: { path in
                if failuresLeft.withLock({ n in
                    defer { n = max(0, n - 1) }
                    return n > 0
                }) {
                    throw POSIXError(.EIO)
                }
                try AuditBatcher.fsync(path: path)
            })
        try batcher.configure(durability: .batched, syncInterval: .milliseconds(10))
        try await batcher.append(draft("p_x"))
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(20)
        while batcher.syncs == 0, clock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(batcher.syncFailures == 2)
        #expect(batcher.syncs == 1)
        #expect(batcher.syncPending == false)
    }

    @Test(
        "Durations become Dispatch intervals in whole nanoseconds, negative as zero, huge as the largest",
        arguments: [
            (Duration.seconds(1), 1_000_000_000), (.milliseconds(20), 20_000_000), (.nanoseconds(-5), 0), (.seconds(Int64.max), Int.max),
        ])
    func dispatchInterval(_ duration: Duration, _ nanoseconds: Int) {
        #expect(AuditBatcher.dispatchInterval(duration) == .nanoseconds(nanoseconds))
    }

    /// The batcher does not keep its store alive: once the last user lets go of a store that
    /// group-committed, the store (and its open database pool) is freed; work queued for a store
    /// that is gone fails instead of committing.
    @Test func aStoreThatGroupCommittedIsFreedWhenReleased() async throws {
        weak var released: SQLiteStore?
        var batcher: AuditBatcher?
        var dir: URL?
        do {
            let (store, d) = try makeStore()
            dir = d
            try await store.auditBatcher.append(draft("p_aaaaaaaaaaaaaaaaaaaaaa"))
            #expect(try subjects(store) == ["p_aaaaaaaaaaaaaaaaaaaaaa"])
            batcher = store.auditBatcher
            released = store
        }
        #expect(released == nil)
        let orphan = try #require(batcher)
        await #expect(throws: AuditBatcher.StoreClosed.self) { try await orphan.append(draft("p_bbbbbbbbbbbbbbbbbbbbbb")) }
        if let dir { try? FileManager.default.removeItem(at: dir) }
    }
}
