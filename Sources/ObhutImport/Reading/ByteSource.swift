#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a reader's bytes come from: a file, memory, or anything that can fill a buffer.
public protocol ByteSource {
    /// Copies up to `buffer.count` bytes into `buffer` and returns how many; 0 means end of input.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(SourceError) -> Int
}

/// A file read with read(2) in the reader's chunk size, so memory stays flat for any file size.
///
/// The descriptor is closed when the source is released (readers release it at end of input).
public final class FileByteSource: ByteSource {
    private var descriptor: Int32

    /// Opens `path` for reading; throws `SourceError.cannotOpen` with the system's reason.
    public init(path: String) throws(SourceError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        descriptor = fd
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(SourceError) -> Int {
        guard descriptor >= 0, let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = systemRead(descriptor, base, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw .readFailed(reason: String(cString: strerror(errno)))
        }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }
}

/// read(2), named apart from `ByteSource.read(into:)`.
@inline(__always)
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}

/// Bytes already in memory (an upload, a test fixture).
public struct MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(SourceError) -> Int {
        let n = min(buffer.count, bytes.count - offset)
        guard n > 0, let destination = buffer.baseAddress else { return 0 }
        bytes.withUnsafeBytes { source in
            guard let from = source.baseAddress else { return }
            destination.copyMemory(from: from + offset, byteCount: n)
        }
        offset += n
        return n
    }
}

/// A growable window of unread bytes over a `ByteSource`: bytes `[start, end)` of `base`.
///
/// Readers scan a record from `start`; when the window ends inside a record they call `refill()`
/// and scan the record again. `refill()` reads at least as many bytes as are pending, so a record
/// longer than the chunk size is rescanned only a logarithmic number of times (linear overall).
final class ByteWindow {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// First unconsumed byte; readers advance it past each record.
    var start = 0
    /// One past the last byte read.
    private(set) var end = 0
    /// True once the source reported end of input.
    private(set) var atEOF = false
    private var source: (any ByteSource)?
    private let chunkSize: Int

    init(source: any ByteSource, chunkSize: Int) {
        self.source = source
        self.chunkSize = max(1, chunkSize)
        capacity = self.chunkSize
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deallocate()
    }

    /// Unconsumed bytes in the window.
    var pending: Int { end - start }

    /// Moves pending bytes to the front and reads up to `max(chunkSize, pending)` more.
    /// Returns false when the source is exhausted and nothing was added.
    func refill() throws(SourceError) -> Bool {
        let keep = end - start
        if start > 0 {
            if keep > 0 { memmove(base, base + start, keep) }
            start = 0
            end = keep
        }
        guard var input = source else { return false }
        let want = max(chunkSize, keep)
        if capacity < keep + want {
            let newCapacity = keep + want
            let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            newBase.update(from: base, count: keep)
            base.deallocate()
            base = newBase
            capacity = newCapacity
        }
        var got = 0
        while got < want {
            let n = try input.read(into: UnsafeMutableRawBufferPointer(start: base + end, count: want - got))
            if n == 0 {
                atEOF = true
                break
            }
            end += n
            got += n
        }
        source = atEOF ? nil : input  // release the file descriptor as soon as it is drained
        return got > 0
    }
}
