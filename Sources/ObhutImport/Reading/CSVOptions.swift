/// The field separator of a CSV file.
public enum CSVSeparator: Sendable, Equatable {
    /// Chosen from the header line: whichever of comma, semicolon and tab occurs most often
    /// outside quotes (ties: tab, then semicolon, then comma; none: comma, a one-column file).
    case automatic
    case comma
    /// What German Excel writes, because the comma is the decimal separator there.
    case semicolon
    case tab
    /// Any other single ASCII byte, e.g. `.byte(UInt8(ascii: "|"))`. Must not be `"`, CR or LF.
    case byte(UInt8)

    /// The byte, or `nil` for `.automatic`.
    public var byte: UInt8? {
        switch self {
        case .automatic: return nil
        case .comma: return UInt8(ascii: ",")
        case .semicolon: return UInt8(ascii: ";")
        case .tab: return UInt8(ascii: "\t")
        case .byte(let b): return b
        }
    }

    /// The named case for a byte (`.byte` for anything but comma, semicolon and tab).
    public init(byte: UInt8) {
        switch byte {
        case UInt8(ascii: ","): self = .comma
        case UInt8(ascii: ";"): self = .semicolon
        case UInt8(ascii: "\t"): self = .tab
        default: self = .byte(byte)
        }
    }
}

/// How `CSVReader` reads a file. The defaults fit files written by shops and by Excel.
public struct CSVOptions: Sendable, Equatable {
    /// Field separator; `.automatic` detects it from the header line.
    public var separator: CSVSeparator
    /// Text encoding; `.automatic` is UTF-8 unless the bytes are not valid UTF-8 (then Windows-1252).
    public var encoding: TextEncoding
    /// Bytes per read(2) call; memory use is about this plus the longest record. 1 MiB by default.
    public var chunkSize: Int
    /// A record longer than this (in bytes) is reported as `recordTooLong` and reading stops; it
    /// protects memory from a file with an unbalanced quote. 64 MiB by default.
    public var maxRecordBytes: Int
    /// Skip records whose fields are all empty (Excel writes `;;;;` rows below the data).
    /// Lines with no bytes at all are always skipped.
    public var skipBlankRecords: Bool

    public init(
        separator: CSVSeparator = .automatic,
        encoding: TextEncoding = .automatic,
        chunkSize: Int = 1 << 20,
        maxRecordBytes: Int = 64 << 20,
        skipBlankRecords: Bool = true
    ) {
        self.separator = separator
        self.encoding = encoding
        self.chunkSize = chunkSize
        self.maxRecordBytes = maxRecordBytes
        self.skipBlankRecords = skipBlankRecords
    }
}
