import Dispatch

/// Runs slow, blocking work (bcrypt) on a Dispatch queue outside Swift's cooperative thread
/// pool, which has only as many threads as cores and serves every request.
enum Offload {
    static let queue = DispatchQueue(label: "obhut.offload", attributes: .concurrent)

    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }
}
