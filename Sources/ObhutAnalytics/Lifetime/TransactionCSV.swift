/// Transactions read from the analyst's CSV, with the customer keys behind the person indices.
public struct CustomerTransactions: Sendable, Equatable {
    /// `keys[i]` is the customer id of person index i, in order of first appearance.
    public var keys: [String]
    public var records: PurchaseRecords

    public init(keys: [String], records: PurchaseRecords) {
        self.keys = keys
        self.records = records
    }

    /// Builds from (customer key, day since 1970, amount) triples, interning the keys.
    public init(_ rows: [(customer: String, day: Int32, amount: Double)]) throws(CLVError) {
        var reader = TransactionCSVReader()
        for row in rows { try reader.add(customer: row.customer, day: row.day, amount: row.amount) }
        self = reader.transactions
    }
}

/// Reads `customer_id,date,amount` CSV text line by line (streaming: feed lines as they are
/// read with ``consume(line:)``, then take ``transactions``; or ``parse(_:)`` a whole text).
///
/// Format: a header row naming the columns (any order, case and surrounding spaces ignored;
/// other columns such as CDNOW's `units` are ignored); comma separated, every row with as many
/// fields as the header (more usually means a decimal comma); a field may be wrapped
/// in double quotes (`""` inside) but cannot span lines; blank lines are skipped; a UTF-8 BOM and
/// `\r\n` line ends are accepted. `date` is an ISO date `YYYY-MM-DD`, optionally followed by
/// `T` or a space and a time, which is ignored (the purchase day is the date as written, in the
/// shop's time zone). `amount` is a decimal number with a dot (`12.5`, `-3`).
///
/// Errors say `line N: field: reason` and never repeat a value from the file.
public struct TransactionCSVReader: Sendable {
    public private(set) var transactions = CustomerTransactions(keys: [], records: PurchaseRecords())
    private var keyIndex: [String: Int32] = [:]
    private var columns: (customer: Int, date: Int, amount: Int, count: Int)?
    private var lineNumber = 0

    public init() {}

    /// Parses a whole file's text.
    public static func parse(_ text: String) throws(CLVError) -> CustomerTransactions {
        var reader = TransactionCSVReader()
        // Split at "\n" bytes: as Characters, "\r\n" is one grapheme and would not split at "\n".
        let utf8 = text.utf8
        var start = utf8.startIndex
        while let end = utf8[start...].firstIndex(of: UInt8(ascii: "\n")) {
            try reader.consume(line: text[start..<end])
            start = utf8.index(after: end)
        }
        if start < utf8.endIndex { try reader.consume(line: text[start...]) }
        return try reader.finish()
    }

    /// Reads the next line (without its `\n`). The first non-blank line is the header.
    public mutating func consume(line rawLine: Substring) throws(CLVError) {
        lineNumber += 1
        var line = rawLine
        if lineNumber == 1, line.unicodeScalars.first == "\u{FEFF}" { line = Substring(line.unicodeScalars.dropFirst()) }
        if line.utf8.last == UInt8(ascii: "\r") { line = line.dropLast() }
        if line.utf8.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { return }
        let fields = try Self.fields(of: line, lineNumber: lineNumber)
        guard let columns else {
            try readHeader(fields)
            return
        }
        guard fields.count <= columns.count else {
            throw .malformedLine(line: lineNumber, field: "line", reason: .tooManyFields)
        }
        guard fields.count == columns.count else {
            let required = [("customer_id", columns.customer), ("date", columns.date), ("amount", columns.amount)]
            let missing = required.filter { $0.1 >= fields.count }.min { $0.1 < $1.1 }?.0 ?? "line"
            throw .malformedLine(line: lineNumber, field: missing, reason: .tooFewFields)
        }
        let customer = fields[columns.customer].trimmingSpaces
        guard !customer.isEmpty else { throw .malformedLine(line: lineNumber, field: "customer_id", reason: .empty) }
        let day = try Self.day(of: fields[columns.date].trimmingSpaces, lineNumber: lineNumber)
        let amountText = fields[columns.amount].trimmingSpaces
        guard !amountText.isEmpty else { throw .malformedLine(line: lineNumber, field: "amount", reason: .empty) }
        guard amountText.utf8.allSatisfy(Self.isNumberByte), let amount = Double(amountText) else {
            throw .malformedLine(line: lineNumber, field: "amount", reason: .notNumber)
        }
        guard amount.isFinite else { throw .malformedLine(line: lineNumber, field: "amount", reason: .notFinite) }
        try add(customer: String(customer), day: day, amount: amount)
    }

    /// The transactions read so far; throws ``CLVError/missingColumn(_:)`` when no header came.
    public func finish() throws(CLVError) -> CustomerTransactions {
        guard columns != nil else { throw .missingColumn("customer_id") }
        return transactions
    }

    mutating func add(customer: String, day: Int32, amount: Double) throws(CLVError) {
        let index: Int32
        if let known = keyIndex[customer] {
            index = known
        } else {
            index = Int32(transactions.keys.count)
            keyIndex[customer] = index
            transactions.keys.append(customer)
        }
        try transactions.records.append(person: index, day: day, amount: amount)
    }

    private mutating func readHeader(_ fields: [Substring]) throws(CLVError) {
        var found: [String: Int] = [:]
        for (position, field) in fields.enumerated() {
            let name = field.trimmingSpaces.lowercased()
            guard ["customer_id", "date", "amount"].contains(name) else { continue }
            guard found[name] == nil else { throw .malformedLine(line: lineNumber, field: name, reason: .duplicateColumn) }
            found[name] = position
        }
        guard let customer = found["customer_id"] else { throw .missingColumn("customer_id") }
        guard let date = found["date"] else { throw .missingColumn("date") }
        guard let amount = found["amount"] else { throw .missingColumn("amount") }
        columns = (customer, date, amount, fields.count)
    }

    /// Splits one line at commas, honouring double quotes.
    private static func fields(of line: Substring, lineNumber: Int) throws(CLVError) -> [Substring] {
        guard line.utf8.contains(UInt8(ascii: "\"")) else {
            // Fast path: split at comma bytes (the indices of the UTF-8 view are valid String indices).
            var fields: [Substring] = []
            var start = line.startIndex
            let utf8 = line.utf8
            while let comma = utf8[start...].firstIndex(of: UInt8(ascii: ",")) {
                fields.append(line[start..<comma])
                start = utf8.index(after: comma)
            }
            fields.append(line[start...])
            return fields
        }
        var fields: [Substring] = []
        var index = line.startIndex
        while true {
            if index < line.endIndex, line[index] == "\"" {
                var text = ""
                index = line.index(after: index)
                var closed = false
                while index < line.endIndex {
                    if line[index] == "\"" {
                        let next = line.index(after: index)
                        if next < line.endIndex, line[next] == "\"" {
                            text.append("\"")
                            index = line.index(after: next)
                            continue
                        }
                        index = next
                        closed = true
                        break
                    }
                    text.append(line[index])
                    index = line.index(after: index)
                }
                guard closed else { throw .malformedLine(line: lineNumber, field: "line", reason: .unterminatedQuote) }
                while index < line.endIndex, line[index] == " " { index = line.index(after: index) }
                guard index == line.endIndex || line[index] == "," else {
                    throw .malformedLine(line: lineNumber, field: "line", reason: .textAfterQuote)
                }
                fields.append(Substring(text))
            } else {
                let end = line[index...].firstIndex(of: ",") ?? line.endIndex
                fields.append(line[index..<end])
                index = end
            }
            guard index < line.endIndex else { break }
            index = line.index(after: index)  // past the comma
            if index == line.endIndex {
                fields.append("")
                break
            }
        }
        return fields
    }

    /// Days since 1970-01-01 of `YYYY-MM-DD[(T| )...]`.
    private static func day(of text: Substring, lineNumber: Int) throws(CLVError) -> Int32 {
        guard !text.isEmpty else { throw .malformedLine(line: lineNumber, field: "date", reason: .empty) }
        guard let days = CivilDate.days(iso: text) else {
            throw .malformedLine(line: lineNumber, field: "date", reason: .notISODate)
        }
        guard days >= 0 else { throw .malformedLine(line: lineNumber, field: "date", reason: .beforeEpoch) }
        return Int32(days)
    }
}

extension TransactionCSVReader {
    /// Digits, sign, decimal point and exponent: what a plain decimal number may contain
    /// (rejects `nan`, `inf` and hexadecimal, which `Double.init` would accept).
    fileprivate static func isNumberByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        let utf8 = self.utf8
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, utf8[start] == UInt8(ascii: " ") || utf8[start] == UInt8(ascii: "\t") { start = utf8.index(after: start) }
        while end > start {
            let before = utf8.index(before: end)
            guard utf8[before] == UInt8(ascii: " ") || utf8[before] == UInt8(ascii: "\t") else { break }
            end = before
        }
        return self[start..<end]
    }
}
