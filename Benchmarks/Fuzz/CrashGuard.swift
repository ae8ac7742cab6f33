import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Keeps the input being read where a signal handler can reach it, so a crash (a Swift trap is
/// SIGILL or SIGTRAP, a bad access SIGSEGV or SIGBUS) or a hang leaves the input on disk and its
/// number on stderr. Only async-signal-safe calls (open, write, _exit) run in the handler.
///
/// The globals are written by the fuzzing thread and only read by the handler and the watchdog:
/// a torn read costs at worst a wrong number in a message, never a wrong verdict on an input.
enum CrashGuard {
    nonisolated(unsafe) static var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 16)
    nonisolated(unsafe) static var capacity = 1 << 16
    nonisolated(unsafe) static var length = 0
    nonisolated(unsafe) static var index: UInt64 = 0
    nonisolated(unsafe) static var startedNanos: UInt64 = 0
    nonisolated(unsafe) static var path: UnsafeMutablePointer<CChar> = strdup("fuzz-input.bin")
    nonisolated(unsafe) static var digits = UnsafeMutablePointer<UInt8>.allocate(capacity: 32)

    static func install(directory: String, hangSeconds: Double) {
        path = strdup(directory + "/last-input.bin")
        for s in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE] {
            signal(s) { sig in
                CrashGuard.save()
                CrashGuard.say("obhut-fuzz: CRASH (signal ")
                CrashGuard.sayNumber(UInt64(sig))
                CrashGuard.say(") on input ")
                CrashGuard.sayNumber(CrashGuard.index)
                CrashGuard.say("; its bytes are in last-input.bin; rerun with --only N\n")
                _exit(70)
            }
        }
        let limit = UInt64(hangSeconds * 1e9)
        let watchdog = Thread {
            while true {
                Thread.sleep(forTimeInterval: 0.05)
                let started = CrashGuard.startedNanos
                if started != 0 && DispatchTime.now().uptimeNanoseconds - started > limit {
                    CrashGuard.save()
                    CrashGuard.say("obhut-fuzz: HANG (over the time limit) on input ")
                    CrashGuard.sayNumber(CrashGuard.index)
                    CrashGuard.say("; its bytes are in last-input.bin; rerun with --only N\n")
                    _exit(71)
                }
            }
        }
        watchdog.start()
    }

    /// Called before each input is read.
    static func begin(_ bytes: [UInt8], index: UInt64) {
        startedNanos = 0
        if bytes.count > capacity {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
            let old = buffer
            buffer = bigger
            capacity = bytes.count
            old.deallocate()
        }
        bytes.withUnsafeBufferPointer { if let b = $0.baseAddress { buffer.update(from: b, count: bytes.count) } }
        length = bytes.count
        self.index = index
        startedNanos = DispatchTime.now().uptimeNanoseconds
    }

    static func end() { startedNanos = 0 }

    static func save() {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return }
        var done = 0
        while done < length {
            let n = write(fd, buffer + done, length - done)
            if n <= 0 { break }
            done += n
        }
        close(fd)
    }

    static func say(_ text: StaticString) {
        _ = write(2, text.utf8Start, text.utf8CodeUnitCount)
    }

    static func sayNumber(_ value: UInt64) {
        var v = value
        var n = 0
        repeat {
            digits[31 - n] = UInt8(48 + v % 10)
            v /= 10
            n += 1
        } while v > 0 && n < 31
        _ = write(2, digits + 32 - n, n)
    }
}
