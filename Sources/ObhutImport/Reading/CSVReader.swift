/// Streams the records of a CSV file as shops and Excel write it (RFC 4180 plus the usual
/// deviations), in constant memory.
///
/// - Quoted fields with `""` escapes; separators and line breaks inside quotes.
/// - Line ends CR LF, LF or a lone CR, mixed freely. Lines with no bytes are skipped.
/// - UTF-8 with or without BOM, or Windows-1252 (detected or forced, see `TextEncoding`).
/// - Separator comma, semicolon or tab, detected from the header line (see `CSVSeparator`).
/// - The first non-blank record is the header; names are trimmed, the BOM is dropped.
/// - A row with a different number of fields than the header, an invalid byte sequence, or text
///   after a closing quote comes back as `.failure(RecordError)` with the line where the record
///   starts; reading continues with the next record. An unclosed quote at the end of the file is
///   an error at the line where its record starts.
/// - A quote inside an unquoted field is kept as a literal character (`12" Pizza`), as Excel does.
///
/// Speed: the scanner walks raw bytes and creates one `String` per field; nothing else is
/// allocated per record except the fields array.
public final class CSVReader: TabularSource {
    /// The header's column names and their positions.
    public private(set) var columns = Columns([])
    /// The separator in use (detected or forced).
    public private(set) var separator: CSVSeparator = .comma
    /// The encoding in use: `.utf8` until a field proves the file is Windows-1252 (automatic mode).
    public var encoding: TextEncoding { decision.encoding }

    private let options: CSVOptions
    private let window: ByteWindow
    private var separatorByte: UInt8 = UInt8(ascii: ",")
    private var decision: EncodingDecision
    /// Line number (1-based) of the byte at `window.start`.
    private var line = 1
    private var finished = false
    private var spans: [FieldSpan] = []
    private var unescapeScratch: [UInt8] = []
    private var transcodeScratch: [UInt8] = []

    /// Opens the file at `path` and reads its header.
    public convenience init(path: String, options: CSVOptions = CSVOptions()) throws(SourceError) {
        try self.init(source: FileByteSource(path: path), options: options)
    }

    /// Reads CSV from bytes in memory (an upload, a test).
    public convenience init(bytes: [UInt8], options: CSVOptions = CSVOptions()) throws(SourceError) {
        try self.init(source: MemoryByteSource(bytes), options: options)
    }

    /// Reads CSV from any byte source; reads the header before returning.
    ///
    /// Throws `SourceError.missingHeader` for an empty file, `.badHeader` for an unclosed quote in
    /// it, `.duplicateColumn` for a repeated name, `.unsupportedEncoding` for UTF-16.
    public init(source: any ByteSource, options: CSVOptions = CSVOptions()) throws(SourceError) {
        self.options = options
        window = ByteWindow(source: source, chunkSize: options.chunkSize)
        decision = EncodingDecision(options.encoding)
        try readByteOrderMark()
        if let forced = options.separator.byte {
            separatorByte = forced
        } else {
            separatorByte = try detectSeparator()
        }
        separator = CSVSeparator(byte: separatorByte)
        try readHeader()
    }

    /// The next record, a per-record error, or `nil` at the end of the file.
    public func next() throws(SourceError) -> Result<SourceRecord, RecordError>? {
        while !finished {
            switch scanRecord() {
            case .needMore:
                if window.pending >= options.maxRecordBytes {
                    finished = true
                    return .failure(RecordError(line: line, problem: .recordTooLong(limitBytes: options.maxRecordBytes)))
                }
                _ = try window.refill()
            case .endOfInput:
                finished = true
            case .blankLine(let next):
                window.start = next
                line += 1
            case .unterminated:
                finished = true
                window.start = window.end
                return .failure(RecordError(line: line, problem: .unterminatedQuote))
            case .record(let next, let lineBreaks, let badQuoteField):
                let recordLine = line
                // The bytes stay valid until the next refill, which only `next()` itself does.
                window.start = next
                line += lineBreaks
                if let result = makeRecord(line: recordLine, badQuoteField: badQuoteField) {
                    return result
                }
            }
        }
        return nil
    }

    // MARK: - Opening

    private func readByteOrderMark() throws(SourceError) {
        while window.pending < 3 && !window.atEOF {
            _ = try window.refill()
        }
        let p = window.base + window.start
        let n = window.pending
        if n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF {
            window.start += 3
            decision.sawByteOrderMark()
        } else if n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)) {
            throw .unsupportedEncoding(name: "UTF-16")
        }
    }

    /// Counts comma, semicolon and tab outside quotes on the first non-blank line.
    private func detectSeparator() throws(SourceError) -> UInt8 {
        while true {
            let p = window.base
            let end = window.end
            var i = window.start
            while i < end && (p[i] == Byte.lf || p[i] == Byte.cr) { i += 1 }
            var inQuotes = false
            var commas = 0
            var semicolons = 0
            var tabs = 0
            var nuls = 0
            var lineEnded = false
            while i < end {
                let b = p[i]
                if b == Byte.quote {
                    inQuotes.toggle()
                } else if !inQuotes {
                    switch b {
                    case Byte.lf, Byte.cr: lineEnded = true
                    case Byte.comma: commas += 1
                    case Byte.semicolon: semicolons += 1
                    case Byte.tab: tabs += 1
                    case 0: nuls += 1
                    default: break
                    }
                    if lineEnded { break }
                }
                i += 1
            }
            if lineEnded || window.atEOF || window.pending >= options.maxRecordBytes {
                if nuls > 0 { throw .unsupportedEncoding(name: "UTF-16 (no byte-order mark)") }
                if tabs > 0 && tabs >= semicolons && tabs >= commas { return Byte.tab }
                if semicolons > 0 && semicolons >= commas { return Byte.semicolon }
                return Byte.comma
            }
            _ = try window.refill()
        }
    }

    private func readHeader() throws(SourceError) {
        while true {
            switch scanRecord() {
            case .needMore:
                if window.pending >= options.maxRecordBytes {
                    throw .badHeader(reason: "longer than \(options.maxRecordBytes) bytes (an unclosed quote?)")
                }
                _ = try window.refill()
            case .endOfInput:
                throw .missingHeader
            case .blankLine(let next):
                window.start = next
                line += 1
            case .unterminated:
                throw .badHeader(reason: "a quoted name is not closed")
            case .record(let next, let lineBreaks, let badQuoteField):
                if let field = badQuoteField {
                    throw .badHeader(reason: "text after the closing quote in column \(field + 1)")
                }
                if spans.allSatisfy({ $0.start == $0.end }) {
                    window.start = next
                    line += lineBreaks
                    continue
                }
                var names: [String] = []
                names.reserveCapacity(spans.count)
                for (position, span) in spans.enumerated() {
                    guard let text = decode(span) else {
                        throw .badHeader(reason: "column \(position + 1) is not valid UTF-8")
                    }
                    names.append(text.trimmingWhitespace())
                }
                var seen = Set<String>()
                for (position, name) in names.enumerated() where !name.isEmpty {
                    if !seen.insert(name).inserted { throw .duplicateColumn(name: HeaderText.shown(name, position: position)) }
                }
                columns = Columns(names)
                window.start = next
                line += lineBreaks
                return
            }
        }
    }

    // MARK: - Records

    private func makeRecord(line: Int, badQuoteField: Int?) -> Result<SourceRecord, RecordError>? {
        if options.skipBlankRecords && isBlank(spans) {
            return nil
        }
        if let field = badQuoteField {
            return .failure(RecordError(line: line, problem: .textAfterClosingQuote(column: columns.displayName(at: field))))
        }
        if spans.count != columns.count {
            return .failure(RecordError(line: line, problem: .wrongColumnCount(expected: columns.count, found: spans.count)))
        }
        let base = window.base
        let count = spans.count
        var badField = -1
        let fields = spans.withUnsafeBufferPointer { spans in
            [String?](unsafeUninitializedCapacity: count) { buffer, initialized in
                for position in 0..<count {
                    let span = spans[position]
                    if !span.escapedQuotes && !span.nonASCII {
                        // The common case, without touching other reader state.
                        let bytes = UnsafeBufferPointer(start: base + span.start, count: span.end - span.start)
                        buffer.initializeElement(at: position, to: String(decoding: bytes, as: UTF8.self))
                    } else {
                        let text = decode(span)
                        if text == nil && badField < 0 { badField = position }
                        buffer.initializeElement(at: position, to: text)
                    }
                }
                initialized = count
            }
        }
        if badField >= 0 {
            return .failure(RecordError(line: line, problem: .invalidUTF8(column: columns.displayName(at: badField))))
        }
        return .success(SourceRecord(line: line, columns: columns, fields: fields))
    }

    private func isBlank(_ spans: [FieldSpan]) -> Bool {
        for span in spans where span.end != span.start { return false }
        return true
    }

    /// The text of a field, `nil` when its bytes are not valid in the file's encoding.
    private func decode(_ span: FieldSpan) -> String? {
        let bytes = UnsafeBufferPointer(start: window.base + span.start, count: span.end - span.start)
        if span.escapedQuotes {
            unescapeScratch.removeAll(keepingCapacity: true)
            var i = 0
            while i < bytes.count {
                unescapeScratch.append(bytes[i])
                i += bytes[i] == Byte.quote ? 2 : 1
            }
            let scratch = unescapeScratch
            defer { unescapeScratch = scratch }
            return scratch.withUnsafeBufferPointer { decodeUnescaped($0, nonASCII: span.nonASCII) }
        }
        return decodeUnescaped(bytes, nonASCII: span.nonASCII)
    }

    private func decodeUnescaped(_ bytes: UnsafeBufferPointer<UInt8>, nonASCII: Bool) -> String? {
        if !nonASCII { return String(decoding: bytes, as: UTF8.self) }
        return decision.decodeNonASCII(bytes, scratch: &transcodeScratch)
    }

    // MARK: - Scanner

    private struct FieldSpan {
        var start: Int
        var end: Int
        var escapedQuotes: Bool
        var nonASCII: Bool
    }

    private enum ScanResult {
        /// The window ends inside the record: refill and scan it again.
        case needMore
        case endOfInput
        /// A line with no bytes, ending at `next`.
        case blankLine(next: Int)
        /// A quoted field still open at the end of the file.
        case unterminated
        /// A complete record in `spans`; `badQuoteField` is the first field with text after its
        /// closing quote.
        case record(next: Int, lineBreaks: Int, badQuoteField: Int?)
    }

    /// Scans one record from `window.start` into `spans`. Pure with respect to the window: on
    /// `.needMore` nothing was consumed.
    private func scanRecord() -> ScanResult {
        // One exclusive access to `spans` per record instead of one per field (class properties
        // are checked dynamically).
        Self.scan(
            window.base, from: window.start, to: window.end, atEOF: window.atEOF, separator: separatorByte,
            spans: &spans)
    }

    private static func scan(
        _ p: UnsafeMutablePointer<UInt8>, from start: Int, to end: Int, atEOF eof: Bool, separator sep: UInt8,
        spans: inout [FieldSpan]
    ) -> ScanResult {
        var i = start
        if i >= end { return eof ? .endOfInput : .needMore }
        let first = p[i]
        if first == Byte.lf { return .blankLine(next: i + 1) }
        if first == Byte.cr {
            if i + 1 < end { return .blankLine(next: p[i + 1] == Byte.lf ? i + 2 : i + 1) }
            return eof ? .blankLine(next: i + 1) : .needMore
        }
        spans.removeAll(keepingCapacity: true)
        var lineBreaks = 0
        var badQuoteField: Int? = nil
        while true {
            var span = FieldSpan(start: i, end: i, escapedQuotes: false, nonASCII: false)
            var high: UInt8 = 0
            if i < end && p[i] == Byte.quote {
                i += 1
                span.start = i
                var closed = false
                while i < end {
                    let b = p[i]
                    if b == Byte.quote {
                        if i + 1 < end {
                            if p[i + 1] == Byte.quote {
                                span.escapedQuotes = true
                                i += 2
                                continue
                            }
                        } else if !eof {
                            return .needMore  // `""` might straddle the window's end
                        }
                        span.end = i
                        i += 1
                        closed = true
                        break
                    }
                    if b == Byte.lf {
                        lineBreaks += 1
                    } else if b == Byte.cr {
                        if i + 1 < end {
                            if p[i + 1] != Byte.lf { lineBreaks += 1 }
                        } else if eof {
                            lineBreaks += 1
                        } else {
                            return .needMore
                        }
                    }
                    high |= b
                    i += 1
                }
                if !closed { return eof ? .unterminated : .needMore }
                if i < end {
                    let b = p[i]
                    if b != sep && b != Byte.lf && b != Byte.cr {
                        if badQuoteField == nil { badQuoteField = spans.count }
                        while i < end {
                            let c = p[i]
                            if c == sep || c == Byte.lf || c == Byte.cr { break }
                            i += 1
                        }
                    }
                }
            } else {
                while i < end {
                    let b = p[i]
                    if b == sep || b == Byte.lf || b == Byte.cr { break }
                    high |= b
                    i += 1
                }
                span.end = i
            }
            span.nonASCII = high >= 0x80
            spans.append(span)
            if i >= end {
                return eof ? .record(next: i, lineBreaks: lineBreaks, badQuoteField: badQuoteField) : .needMore
            }
            let b = p[i]
            if b == sep {
                i += 1
                continue
            }
            if b == Byte.lf {
                return .record(next: i + 1, lineBreaks: lineBreaks + 1, badQuoteField: badQuoteField)
            }
            // A lone CR or CR LF; at the window's end we cannot tell which yet.
            if i + 1 < end {
                return .record(next: p[i + 1] == Byte.lf ? i + 2 : i + 1, lineBreaks: lineBreaks + 1, badQuoteField: badQuoteField)
            }
            return eof ? .record(next: i + 1, lineBreaks: lineBreaks + 1, badQuoteField: badQuoteField) : .needMore
        }
    }
}

/// ASCII bytes the readers look for.
enum Byte {
    static let lf = UInt8(ascii: "\n")
    static let cr = UInt8(ascii: "\r")
    static let quote = UInt8(ascii: "\"")
    static let comma = UInt8(ascii: ",")
    static let semicolon = UInt8(ascii: ";")
    static let tab = UInt8(ascii: "\t")
}
