import Dispatch

/// Runs slow, blocking work (bcrypt, activity runs and pre-flight checks, imports, the quality
/// report, the cockpit's checks) on a Dispatch queue outside Swift's cooperative thread pool,
/// which has only as many threads as cores and serves every request: two such requests at once
/// would otherwise stop the server, health check included, until they finish. Short reads (a
/// customer, a list) stay where they are; the hop would cost more than they take.
enum Offload {
    static let queue = DispatchQueue(label: "obhut.offload", attributes: .concurrent)

    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }
}
