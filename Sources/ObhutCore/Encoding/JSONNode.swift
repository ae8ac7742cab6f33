/// A parsed JSON document (RFC 8259), for the few hot paths that read JSON the workspace wrote
/// itself: derived results' values and explanations on the customer page. Foundation's
/// `JSONDecoder` took about a quarter of that page's CPU (its `Codable` machinery: generic
/// metadata, coding paths, a container box per level); reading into this tree and picking the
/// members by hand costs a fraction of it.
///
/// Objects keep their members in document order and look keys up linearly: the documents read
/// here have a handful of members, where a hash table costs more than it saves. A key that
/// occurs twice resolves to its first occurrence (RFC 8259 leaves duplicates undefined).
public indirect enum JSONNode: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONNode])
    case object([Member])

    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: JSONNode
    }

    /// The member `key` of an object; nil for other values and absent keys.
    public subscript(key: String) -> JSONNode? {
        guard case .object(let members) = self else { return nil }
        for m in members where m.key == key { return m.value }
        return nil
    }

    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var number: Double? {
        if case .number(let x) = self { return x }
        return nil
    }

    /// An integral number that fits `Int` exactly ("12", "12.0", "1.2e1"); nil for 12.5.
    public var int: Int? { number.flatMap { Int(exactly: $0) } }

    public var bool: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var array: [JSONNode]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var isNull: Bool { self == .null }
}

/// Why a JSON text could not be read or did not have the expected shape. Carries positions and
/// member names only, never the text (it may be about a person).
public enum JSONReadError: Error, Equatable, Sendable {
    /// Malformed JSON at this byte offset.
    case syntax(offset: Int)
    /// A required member is missing or has another type.
    case shape(member: String)
}

extension JSONNode {
    /// Parses a whole JSON text (white space around the value allowed, nothing after it).
    public init(parsing text: String) throws {
        var text = text
        self = try text.withUTF8 { bytes in
            var reader = JSONByteReader(bytes)
            let value = try reader.value(depth: 0)
            reader.skipSpace()
            guard reader.at == bytes.count else { throw JSONReadError.syntax(offset: reader.at) }
            return value
        }
    }

    /// The member `key` as a string, or `shape(member:)`.
    public func requiredString(_ key: String) throws -> String {
        guard let s = self[key]?.string else { throw JSONReadError.shape(member: key) }
        return s
    }

    /// The member `key` as a string, nil when absent or null, `shape(member:)` for another type
    /// (as a synthesized `decodeIfPresent` reads an optional).
    public func optionalString(_ key: String) throws -> String? {
        guard let v = self[key], !v.isNull else { return nil }
        guard let s = v.string else { throw JSONReadError.shape(member: key) }
        return s
    }

    /// The same for a number.
    public func optionalNumber(_ key: String) throws -> Double? {
        guard let v = self[key], !v.isNull else { return nil }
        guard let x = v.number else { throw JSONReadError.shape(member: key) }
        return x
    }

    /// The member `key` as a number, or `shape(member:)`.
    public func requiredNumber(_ key: String) throws -> Double {
        guard let x = self[key]?.number else { throw JSONReadError.shape(member: key) }
        return x
    }
}

/// A recursive-descent reader over UTF-8 bytes. Strings without escapes are copied in one step;
/// numbers go through `Double.init(_: Substring)` (correctly rounded, as `JSONDecoder` reads them).
struct JSONByteReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var at = 0
    /// Deeper documents are refused rather than risking the stack (ours are 4 levels deep).
    static let maxDepth = 64

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func skipSpace() {
        while at < bytes.count {
            switch bytes[at] {
            case 0x20, 0x09, 0x0A, 0x0D: at += 1
            default: return
            }
        }
    }

    func fail() -> JSONReadError { .syntax(offset: at) }

    mutating func value(depth: Int) throws -> JSONNode {
        guard depth < Self.maxDepth else { throw fail() }
        skipSpace()
        guard at < bytes.count else { throw fail() }
        switch bytes[at] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return .number(try number())
        }
    }

    mutating func literal(_ word: StaticString) throws {
        let n = word.utf8CodeUnitCount
        guard at + n <= bytes.count else { throw fail() }
        let w = word.utf8Start
        for i in 0..<n where bytes[at + i] != w[i] { throw fail() }
        at += n
    }

    mutating func object(depth: Int) throws -> JSONNode {
        at += 1  // {
        var members: [JSONNode.Member] = []
        skipSpace()
        if at < bytes.count, bytes[at] == UInt8(ascii: "}") {
            at += 1
            return .object(members)
        }
        while true {
            skipSpace()
            guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { throw fail() }
            let key = try string()
            skipSpace()
            guard at < bytes.count, bytes[at] == UInt8(ascii: ":") else { throw fail() }
            at += 1
            members.append(.init(key: key, value: try value(depth: depth + 1)))
            skipSpace()
            guard at < bytes.count else { throw fail() }
            if bytes[at] == UInt8(ascii: ",") {
                at += 1
                continue
            }
            guard bytes[at] == UInt8(ascii: "}") else { throw fail() }
            at += 1
            return .object(members)
        }
    }

    mutating func array(depth: Int) throws -> JSONNode {
        at += 1  // [
        var items: [JSONNode] = []
        skipSpace()
        if at < bytes.count, bytes[at] == UInt8(ascii: "]") {
            at += 1
            return .array(items)
        }
        while true {
            items.append(try value(depth: depth + 1))
            skipSpace()
            guard at < bytes.count else { throw fail() }
            if bytes[at] == UInt8(ascii: ",") {
                at += 1
                continue
            }
            guard bytes[at] == UInt8(ascii: "]") else { throw fail() }
            at += 1
            return .array(items)
        }
    }

    /// A string literal starting at the opening quote. Control characters must be escaped
    /// (RFC 8259 §7); `\uXXXX` pairs of surrogates combine, a lone surrogate is an error (as in
    /// `JSONDecoder`).
    mutating func string() throws -> String {
        at += 1  // opening quote
        let start = at
        var escaped = false
        while at < bytes.count {
            let b = bytes[at]
            if b == UInt8(ascii: "\"") { break }
            if b == UInt8(ascii: "\\") {
                escaped = true
                at += 2
                continue
            }
            guard b >= 0x20 else { throw fail() }
            at += 1
        }
        guard at < bytes.count else { throw JSONReadError.syntax(offset: min(at, bytes.count)) }
        let contents = UnsafeBufferPointer(rebasing: bytes[start..<at])
        at += 1  // closing quote
        guard escaped else { return String(decoding: contents, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(contents.count)
        do {
            try JSONStringEscapes.decode(contents, into: &out)
        } catch {
            throw JSONReadError.syntax(offset: start + error.offset)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// 10^0 ... 10^22, each exactly representable in a Double.
    static let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { acc, _ in acc * 10 } }

    /// A number in JSON's grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    mutating func number() throws -> Double {
        let start = at
        func digits() -> Int {
            let s = at
            while at < bytes.count, bytes[at] >= UInt8(ascii: "0"), bytes[at] <= UInt8(ascii: "9") { at += 1 }
            return at - s
        }
        let negative = at < bytes.count && bytes[at] == UInt8(ascii: "-")
        if negative { at += 1 }
        let intStart = at
        let n = digits()
        guard n > 0, !(n > 1 && bytes[intStart] == UInt8(ascii: "0")) else { throw JSONReadError.syntax(offset: start) }
        var fractionStart = at, fraction = 0
        if at < bytes.count, bytes[at] == UInt8(ascii: ".") {
            at += 1
            fractionStart = at
            fraction = digits()
            guard fraction > 0 else { throw fail() }
        }
        var exponentStart = at, exponentDigits = 0, exponentNegative = false
        if at < bytes.count, bytes[at] == UInt8(ascii: "e") || bytes[at] == UInt8(ascii: "E") {
            at += 1
            if at < bytes.count, bytes[at] == UInt8(ascii: "+") || bytes[at] == UInt8(ascii: "-") {
                exponentNegative = bytes[at] == UInt8(ascii: "-")
                at += 1
            }
            exponentStart = at
            exponentDigits = digits()
            guard exponentDigits > 0 else { throw fail() }
        }
        // Clinger's fast path (1990): up to 15 significant digits are an exact integer m, and 10^k
        // for k ≤ 22 is exact, so m × 10^k or m / 10^k is a single correctly rounded operation,
        // the value strtod gives. Anything else goes through strtod.
        if n + fraction <= 15, exponentDigits <= 3 {
            var m: Int64 = 0
            for i in intStart..<(intStart + n) { m = m * 10 + Int64(bytes[i] &- 0x30) }
            for i in fractionStart..<(fractionStart + fraction) { m = m * 10 + Int64(bytes[i] &- 0x30) }
            var e = 0
            for i in exponentStart..<(exponentStart + exponentDigits) { e = e * 10 + Int(bytes[i] &- 0x30) }
            let k = (exponentNegative ? -e : e) - fraction
            if abs(k) <= 22 {
                let value = k < 0 ? Double(m) / Self.powersOfTen[-k] : Double(m) * Self.powersOfTen[k]
                return negative ? -value : value
            }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
        guard let x = Double(text), x.isFinite else { throw JSONReadError.syntax(offset: start) }
        return x
    }
}
