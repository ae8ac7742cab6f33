/// Reads the "one basket per line, item names separated by commas" format (the Groceries file,
/// arules' `read.transactions(format = "basket", sep = ",")`).
///
/// Rules, chosen to match how mlxtend users and arules read such files:
/// - each non-blank line is one basket; lines that are blank or only whitespace are skipped
///   (they are not empty baskets), a line of only commas is an empty basket;
/// - names are trimmed of spaces and tabs; empty names (`a,,b`) are ignored;
/// - a name may be wrapped in double quotes to contain commas, with `""` for a quote inside;
///   a quoted name cannot span lines;
/// - an item repeated within a basket counts once; a UTF-8 byte-order mark and `\r\n` line ends
///   are accepted.
public enum BasketText {
    /// Parsed baskets with the catalog that names their item ids.
    public struct Parsed: Sendable, Equatable {
        public var baskets: Baskets
        public var catalog: ItemCatalog
    }

    /// Parses a whole file's text.
    ///
    /// - Throws: ``BasketError/malformedLine(line:reason:)`` (1-based line) for an unterminated
    ///   quote or text after a closing quote.
    public static func parse(_ text: String) throws(BasketError) -> Parsed {
        try parse(utf8: Array(text.utf8))
    }

    /// Parses UTF-8 bytes (for example a file read with `Data(contentsOf:)`).
    public static func parse(utf8 bytes: some Collection<UInt8>) throws(BasketError) -> Parsed {
        let array = bytes as? [UInt8] ?? Array(bytes)
        return try array.withUnsafeBufferPointer { (buffer) throws(BasketError) -> Parsed in
            try parse(utf8: buffer)
        }
    }

    /// Parses UTF-8 bytes in a buffer.
    public static func parse(utf8 buffer: UnsafeBufferPointer<UInt8>) throws(BasketError) -> Parsed {
        var catalog = ItemCatalog()
        var offsets = [0]
        var items = [Int32]()
        var position = 0
        let end = buffer.count
        if end >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { position = 3 }
        var lineNumber = 0
        var name = [UInt8]()
        while position < end {
            lineNumber += 1
            var lineEnd = position
            while lineEnd < end, buffer[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            let next = lineEnd + 1
            var stop = lineEnd
            if stop > position, buffer[stop - 1] == UInt8(ascii: "\r") { stop -= 1 }
            if isBlank(buffer, position, stop) {
                position = next
                continue
            }
            var cursor = position
            while cursor <= stop {
                // One field: [spaces] ("quoted" | bare) [spaces] then ',' or end of line.
                while cursor < stop, isSpace(buffer[cursor]) { cursor += 1 }
                name.removeAll(keepingCapacity: true)
                if cursor < stop, buffer[cursor] == UInt8(ascii: "\"") {
                    cursor += 1
                    var closed = false
                    while cursor < stop {
                        let byte = buffer[cursor]
                        if byte == UInt8(ascii: "\"") {
                            if cursor + 1 < stop, buffer[cursor + 1] == UInt8(ascii: "\"") {
                                name.append(byte)
                                cursor += 2
                                continue
                            }
                            closed = true
                            cursor += 1
                            break
                        }
                        name.append(byte)
                        cursor += 1
                    }
                    guard closed else {
                        throw .malformedLine(line: lineNumber, reason: "a quoted item name is not closed")
                    }
                    while cursor < stop, isSpace(buffer[cursor]) { cursor += 1 }
                    guard cursor == stop || buffer[cursor] == UInt8(ascii: ",") else {
                        throw .malformedLine(
                            line: lineNumber, reason: "text after a closing quote; quote the whole name")
                    }
                } else {
                    let start = cursor
                    while cursor < stop, buffer[cursor] != UInt8(ascii: ",") { cursor += 1 }
                    var last = cursor
                    while last > start, isSpace(buffer[last - 1]) { last -= 1 }
                    name.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<last]))
                }
                if !name.isEmpty {
                    items.append(catalog.intern(String(decoding: name, as: UTF8.self)))
                }
                cursor += 1  // past the comma (or past the end of the line)
            }
            offsets.append(items.count)
            position = next
        }
        let baskets = try Baskets(offsets: offsets, items: items, itemCount: catalog.count)
        return Parsed(baskets: baskets, catalog: catalog)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    private static func isBlank(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var index = start
        while index < end {
            let byte = buffer[index]
            if !isSpace(byte) && byte != UInt8(ascii: "\r") { return false }
            index += 1
        }
        return true
    }
}
