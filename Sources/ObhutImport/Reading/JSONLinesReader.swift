import ObhutCore

/// How `JSONLinesReader` reads a file.
public struct JSONLinesOptions: Sendable, Equatable {
    /// Bytes per read(2) call; memory use is about this plus the longest line. 1 MiB by default.
    public var chunkSize: Int
    /// A line longer than this (in bytes) is reported as `recordTooLong` and reading stops.
    public var maxLineBytes: Int

    public init(chunkSize: Int = 1 << 20, maxLineBytes: Int = 64 << 20) {
        self.chunkSize = chunkSize
        self.maxLineBytes = maxLineBytes
    }
}

/// Streams a JSON Lines file (one JSON object per line) as flat records, in constant memory.
///
/// Each value becomes text: strings as they are, numbers exactly as written (`12.50` stays
/// `"12.50"`, no trip through `Double`), `true`/`false` as `"true"`/`"false"`; `null` is a missing
/// field. An object or array as a value is `nestedValue(key:)`; a line that is not valid JSON is
/// `invalidJSON` with the character position; a line holding another JSON value is `notAnObject`.
/// Blank lines are skipped, CR LF is accepted, a UTF-8 BOM at the start is dropped.
///
/// Columns are the `expectedColumns` given at opening (positions 0..<n, so the importer knows
/// them before the first line), then each new key in order of first appearance.
public final class JSONLinesReader: TabularSource {
    /// Known columns; grows as new keys appear, positions never change.
    public var columns: Columns { keys.columns }

    private let options: JSONLinesOptions
    private let window: ByteWindow
    private var line = 1
    private var finished = false
    private var checkedByteOrderMark = false
    private var keys = KeyTable()
    private var scratch: [UInt8] = []

    /// Opens the JSON Lines file at `path`.
    public convenience init(
        path: String, expectedColumns: [String] = [], options: JSONLinesOptions = JSONLinesOptions()
    ) throws(SourceError) {
        self.init(source: try FileByteSource(path: path), expectedColumns: expectedColumns, options: options)
    }

    /// Reads JSON Lines from bytes in memory.
    public convenience init(
        bytes: [UInt8], expectedColumns: [String] = [], options: JSONLinesOptions = JSONLinesOptions()
    ) {
        self.init(source: MemoryByteSource(bytes), expectedColumns: expectedColumns, options: options)
    }

    /// Reads JSON Lines from any byte source. Nothing is read until `next()`.
    public init(source: any ByteSource, expectedColumns: [String] = [], options: JSONLinesOptions = JSONLinesOptions()) {
        self.options = options
        window = ByteWindow(source: source, chunkSize: options.chunkSize)
        for name in expectedColumns where keys.positions[name] == nil {
            keys.add(name)
        }
    }

    /// The next record, a per-line error, or `nil` at the end of the file.
    public func next() throws(SourceError) -> Result<SourceRecord, RecordError>? {
        if !checkedByteOrderMark {
            checkedByteOrderMark = true
            while window.pending < 3 && !window.atEOF { _ = try window.refill() }
            let p = window.base + window.start
            if window.pending >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF { window.start += 3 }
        }
        while !finished {
            let p = window.base
            let end = window.end
            let start = window.start
            var i = start
            while i < end && p[i] != Byte.lf { i += 1 }
            if i == end && !window.atEOF {
                if window.pending >= options.maxLineBytes {
                    finished = true
                    return .failure(RecordError(line: line, problem: .recordTooLong(limitBytes: options.maxLineBytes)))
                }
                _ = try window.refill()
                continue
            }
            if start == end {
                finished = true
                break
            }
            let lineNumber = line
            window.start = i < end ? i + 1 : end
            line += 1
            var lineEnd = i
            if lineEnd > start && p[lineEnd - 1] == Byte.cr { lineEnd -= 1 }
            var k = start
            while k < lineEnd && JSONScan.isSpace(p[k]) { k += 1 }
            if k == lineEnd { continue }  // blank line
            do throws(RecordProblem) {
                let fields = try parseObject(p, from: start, to: lineEnd, line: lineNumber)
                return .success(SourceRecord(line: lineNumber, columns: columns, fields: fields))
            } catch {
                return .failure(RecordError(line: lineNumber, problem: error))
            }
        }
        return nil
    }

    // MARK: - Columns

    /// The reader's key state, kept in one value so the parser can take it out of the class
    /// for a line (one exclusivity check per line instead of one per key).
    private struct KeyTable {
        var columns = Columns([])
        /// Exact key → position (JSON keys match exactly; `columns.position(of:)` also folds case).
        var positions: [String: Int] = [:]
        /// UTF-8 bytes of each column name, to match keys without creating Strings.
        var nameBytes: [[UInt8]] = []
        /// Positions of the keys of the previous object in order: most lines repeat them.
        var lastKeyOrder: [Int] = []
        /// Per position, the line that last set it (duplicate-key check without clearing).
        var seenOnLine: [Int] = []

        @discardableResult
        mutating func add(_ name: String) -> Int {
            let position = columns.count
            columns = columns.appending(name)
            positions[name] = position
            nameBytes.append(Array(name.utf8))
            seenOnLine.append(0)
            return position
        }
    }

    // MARK: - Parser

    /// Parses one line holding a flat JSON object into fields by column position.
    private func parseObject(
        _ p: UnsafeMutablePointer<UInt8>, from lineStart: Int, to end: Int, line: Int
    ) throws(RecordProblem) -> [String?] {
        var i = lineStart
        func fail(_ reason: String, at index: Int) -> RecordProblem {
            .invalidJSON(reason: reason, column: index - lineStart + 1)
        }
        func skipSpace() {
            while i < end && JSONScan.isSpace(p[i]) { i += 1 }
        }
        skipSpace()
        guard p[i] == UInt8(ascii: "{") else {
            // Tell "valid JSON but not an object" from garbage for a precise message.
            let b = p[i]
            if b == UInt8(ascii: "[") || b == Byte.quote || b == UInt8(ascii: "-") || (b >= 0x30 && b <= 0x39)
                || b == UInt8(ascii: "t") || b == UInt8(ascii: "f") || b == UInt8(ascii: "n")
            {
                throw .notAnObject
            }
            throw fail("expected '{'", at: i)
        }
        i += 1
        var keys = KeyTable()
        swap(&keys, &self.keys)
        defer { swap(&keys, &self.keys) }
        var fields = [String?](repeating: nil, count: keys.columns.count)
        var member = 0
        skipSpace()
        if i < end && p[i] == UInt8(ascii: "}") {
            i += 1
        } else {
            while true {
                skipSpace()
                guard i < end, p[i] == Byte.quote else { throw fail("expected a key in double quotes", at: i) }
                let position = try readKey(p, &i, end: end, lineStart: lineStart, member: member, keys: &keys)
                if keys.seenOnLine[position] == line { throw .duplicateKey(keys.columns.names[position]) }
                keys.seenOnLine[position] = line
                if member < keys.lastKeyOrder.count {
                    keys.lastKeyOrder[member] = position
                } else {
                    keys.lastKeyOrder.append(position)
                }
                member += 1
                skipSpace()
                guard i < end, p[i] == UInt8(ascii: ":") else { throw fail("expected ':' after the key", at: i) }
                i += 1
                skipSpace()
                guard i < end else { throw fail("missing value", at: i) }
                let value: String?
                switch p[i] {
                case Byte.quote:
                    value = try readString(p, &i, end: end, lineStart: lineStart)
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    throw .nestedValue(key: keys.columns.names[position])
                case UInt8(ascii: "t"):
                    try expectWord("true", p, &i, end: end, lineStart: lineStart)
                    value = "true"
                case UInt8(ascii: "f"):
                    try expectWord("false", p, &i, end: end, lineStart: lineStart)
                    value = "false"
                case UInt8(ascii: "n"):
                    try expectWord("null", p, &i, end: end, lineStart: lineStart)
                    value = nil
                default:
                    value = try readNumber(p, &i, end: end, lineStart: lineStart)
                }
                if position >= fields.count {
                    fields.append(contentsOf: repeatElement(nil, count: position + 1 - fields.count))
                }
                fields[position] = value
                skipSpace()
                guard i < end else { throw fail("object not closed with '}'", at: i) }
                if p[i] == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                if p[i] == UInt8(ascii: "}") {
                    i += 1
                    break
                }
                throw fail("expected ',' or '}'", at: i)
            }
        }
        if member < keys.lastKeyOrder.count { keys.lastKeyOrder.removeLast(keys.lastKeyOrder.count - member) }
        skipSpace()
        if i < end { throw fail("text after the closing '}'", at: i) }
        return fields
    }

    /// Reads a key at `i` (a quote) and returns its column position, adding a column if new.
    private func readKey(
        _ p: UnsafeMutablePointer<UInt8>, _ i: inout Int, end: Int, lineStart: Int, member: Int,
        keys: inout KeyTable
    ) throws(RecordProblem) -> Int {
        // Fast path: the same key as at this place in the previous object, no escapes.
        if member < keys.lastKeyOrder.count {
            let candidate = keys.lastKeyOrder[member]
            let expected = keys.nameBytes[candidate]
            let n = expected.count
            if i + n + 1 < end && p[i + n + 1] == Byte.quote {
                let matches = expected.withUnsafeBufferPointer { e -> Bool in
                    for k in 0..<n where p[i + 1 + k] != e[k] || e[k] == Byte.quote || e[k] == UInt8(ascii: "\\") {
                        return false
                    }
                    return true
                }
                if matches {
                    i += n + 2
                    return candidate
                }
            }
        }
        let key = try readString(p, &i, end: end, lineStart: lineStart)
        if let position = keys.positions[key] { return position }
        return keys.add(key)
    }

    private func expectWord(
        _ word: StaticString, _ p: UnsafeMutablePointer<UInt8>, _ i: inout Int, end: Int, lineStart: Int
    ) throws(RecordProblem) {
        let n = word.utf8CodeUnitCount
        let w = word.utf8Start
        guard i + n <= end else { throw .invalidJSON(reason: "unknown word", column: i - lineStart + 1) }
        for k in 0..<n where p[i + k] != w[k] {
            throw .invalidJSON(reason: "unknown word", column: i - lineStart + 1)
        }
        i += n
    }

    /// Reads a number exactly as written, after checking it against the JSON grammar.
    private func readNumber(
        _ p: UnsafeMutablePointer<UInt8>, _ i: inout Int, end: Int, lineStart: Int
    ) throws(RecordProblem) -> String {
        let start = i
        func bad() -> RecordProblem { .invalidJSON(reason: "malformed number", column: start - lineStart + 1) }
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        if i < end && p[i] == UInt8(ascii: "-") { i += 1 }
        guard i < end, isDigit(p[i]) else {
            if start == i { throw .invalidJSON(reason: "unexpected character", column: start - lineStart + 1) }
            throw bad()
        }
        if p[i] == 0x30 {
            i += 1
            if i < end && isDigit(p[i]) { throw bad() }  // leading zero
        } else {
            while i < end && isDigit(p[i]) { i += 1 }
        }
        if i < end && p[i] == UInt8(ascii: ".") {
            i += 1
            guard i < end, isDigit(p[i]) else { throw bad() }
            while i < end && isDigit(p[i]) { i += 1 }
        }
        if i < end && (p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E")) {
            i += 1
            if i < end && (p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-")) { i += 1 }
            guard i < end, isDigit(p[i]) else { throw bad() }
            while i < end && isDigit(p[i]) { i += 1 }
        }
        return String(decoding: UnsafeBufferPointer(start: p + start, count: i - start), as: UTF8.self)
    }

    /// Reads a string at `i` (a quote), resolving escapes; JSON text must be UTF-8.
    private func readString(
        _ p: UnsafeMutablePointer<UInt8>, _ i: inout Int, end: Int, lineStart: Int
    ) throws(RecordProblem) -> String {
        i += 1
        let start = i
        var high: UInt8 = 0
        var escaped = false
        while i < end {
            let b = p[i]
            if b == Byte.quote { break }
            if b == UInt8(ascii: "\\") {
                escaped = true
                i += 2
                continue
            }
            if b < 0x20 { throw .invalidJSON(reason: "control character in a string", column: i - lineStart + 1) }
            high |= b
            i += 1
        }
        guard i < end else { throw .invalidJSON(reason: "string not closed", column: start - lineStart) }
        let bytes = UnsafeBufferPointer(start: p + start, count: i - start)
        i += 1
        if high >= 0x80 && !TextDecoding.isValidUTF8(bytes) {
            throw .invalidJSON(reason: "string is not valid UTF-8", column: start - lineStart)
        }
        if !escaped { return String(decoding: bytes, as: UTF8.self) }
        return try unescape(bytes, column: start - lineStart)
    }

    private func unescape(_ bytes: UnsafeBufferPointer<UInt8>, column: Int) throws(RecordProblem) -> String {
        scratch.removeAll(keepingCapacity: true)
        do {
            try JSONStringEscapes.decode(bytes, into: &scratch)
        } catch {
            throw .invalidJSON(reason: error.reason, column: column + error.offset + 1)
        }
        return scratch.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }
}

enum JSONScan {
    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
    }
}
