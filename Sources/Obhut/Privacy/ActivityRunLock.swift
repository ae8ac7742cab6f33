import Foundation
import ObhutCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Holds an activity's run lock: one run of an activity at a time per workspace, across
/// processes (CLI, server, scheduled jobs) and threads.
///
/// An exclusive `flock` on `.run-<activity>.lock` in the workspace folder, taken without waiting.
/// The kernel releases it when the process ends, however it ends, so while it is held no other
/// live run of the activity exists: a run still marked `running` then belongs to a process that
/// was killed (power loss, `kill -9`, a full disk) and is marked `interrupted`.
final class ActivityRunLock {
    private let descriptor: Int32

    /// Takes the lock, or throws `KernelError.alreadyRunning` when another run holds it.
    init(workspace: Workspace, activity: String) throws {
        // The name as hex: an activity name from the register never becomes a path of its own.
        let file = workspace.directory.appendingPathComponent(".run-\(Hex.string(Array(activity.utf8))).lock")
        let fd = open(file.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw KernelError.runLockUnavailable(activity: activity, errno: errno) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(fd)
            if code == EWOULDBLOCK { throw KernelError.alreadyRunning(activity: activity) }
            throw KernelError.runLockUnavailable(activity: activity, errno: code)
        }
        descriptor = fd
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
