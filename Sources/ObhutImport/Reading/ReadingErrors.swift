/// A problem with a source as a whole: reading cannot start or cannot go on.
///
/// Messages name the file and the fix, never field contents (they may be personal data).
public enum SourceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened (`reason` is the system's message).
    case cannotOpen(path: String, reason: String)
    /// Reading failed part-way (`reason` is the system's message).
    case readFailed(reason: String)
    /// The CSV input has no header row (empty file, or only blank lines).
    case missingHeader
    /// The CSV header row itself is malformed.
    case badHeader(reason: String)
    /// Two header cells carry the same (non-empty) name, so look-up by name would be ambiguous.
    case duplicateColumn(name: String)
    /// The bytes are in an encoding the reader does not decode (e.g. UTF-16 from Excel's
    /// "Unicode text" export).
    case unsupportedEncoding(name: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "cannot open \(path): \(reason)"
        case .readFailed(let reason):
            return "reading failed: \(reason)"
        case .missingHeader:
            return "the file has no header row; the first line must name the columns"
        case .badHeader(let reason):
            return "the header row is malformed: \(reason)"
        case .duplicateColumn(let name):
            return "the header names column \"\(name)\" twice; rename one of them"
        case .unsupportedEncoding(let name):
            return "the file is encoded as \(name); save it as CSV in UTF-8 (or Windows-1252)"
        }
    }
}

/// A record that could not be read, with the line where it starts; reading goes on after it.
public struct RecordError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based physical line on which the bad record starts.
    public let line: Int
    /// What is wrong.
    public let problem: RecordProblem

    public init(line: Int, problem: RecordProblem) {
        self.line = line
        self.problem = problem
    }

    public var description: String { "line \(line): \(problem)" }
}

/// Why a record was rejected. Cases name columns or keys, never the values.
public enum RecordProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// A CSV row with more or fewer fields than the header.
    case wrongColumnCount(expected: Int, found: Int)
    /// A quoted CSV field that is still open at the end of the file.
    case unterminatedQuote
    /// Characters between a closing quote and the next separator, as in `"abc"def`.
    case textAfterClosingQuote(column: String)
    /// Bytes that are not valid UTF-8 in a file read (or detected) as UTF-8.
    case invalidUTF8(column: String)
    /// A record longer than the configured limit, usually an unbalanced quote; reading stops.
    case recordTooLong(limitBytes: Int)
    /// A JSON Lines line that is not valid JSON; `column` is the 1-based byte position.
    case invalidJSON(reason: String, column: Int)
    /// A JSON Lines line holding a valid JSON value that is not an object.
    case notAnObject
    /// A JSON Lines value that is an object or array; only flat objects are imported.
    case nestedValue(key: String)
    /// A JSON object naming the same key twice.
    case duplicateKey(String)

    public var description: String {
        switch self {
        case .wrongColumnCount(let expected, let found):
            return "expected \(expected) fields as in the header, found \(found)"
        case .unterminatedQuote:
            return "a quoted field is not closed before the end of the file"
        case .textAfterClosingQuote(let column):
            return "text after the closing quote in \(column); double quotes inside a quoted field (\"\")"
        case .invalidUTF8(let column):
            return "\(column) is not valid UTF-8; if the file is Windows-1252, read it with that encoding"
        case .recordTooLong(let limit):
            return "record longer than \(limit) bytes (an unclosed quote?); reading stopped"
        case .invalidJSON(let reason, let column):
            return "bad JSON at character \(column): \(reason)"
        case .notAnObject:
            return "each line must be one JSON object {...}"
        case .nestedValue(let key):
            return "nested value not supported in key \"\(key)\""
        case .duplicateKey(let key):
            return "key \"\(key)\" appears twice in the object"
        }
    }
}
