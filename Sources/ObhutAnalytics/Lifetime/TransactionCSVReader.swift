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
        var text = text
        var failure: CLVError?
        text.withUTF8 { bytes in
            do throws(CLVError) {
                var start = 0
                for position in 0..<bytes.count where bytes[position] == UInt8(ascii: "\n") {
                    try reader.consume(bytes: UnsafeBufferPointer(rebasing: bytes[start..<position]))
                    start = position + 1
                }
                if start < bytes.count { try reader.consume(bytes: UnsafeBufferPointer(rebasing: bytes[start...])) }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return try reader.finish()
    }

    /// Reads the next line (without its `\n`). The first non-blank line is the header.
    public mutating func consume(line: Substring) throws(CLVError) {
        var line = line
        var failure: CLVError?
        line.withUTF8 { bytes in
            do throws(CLVError) { try consume(bytes: bytes) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Reads the next line as UTF-8 bytes (without its `\n`).
    public mutating func consume(bytes raw: UnsafeBufferPointer<UInt8>) throws(CLVError) {
        lineNumber += 1
        var bytes = raw
        if lineNumber == 1, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            bytes = UnsafeBufferPointer(rebasing: bytes[3...])
        }
        if let last = bytes.last, last == UInt8(ascii: "\r") { bytes = UnsafeBufferPointer(rebasing: bytes[..<(bytes.count - 1)]) }
        if columns != nil, !bytes.contains(UInt8(ascii: "\"")) {
            try consumePlain(bytes)
            return
        }
        // Header and quoted lines: the general path on a String.
        let line = Substring(String(decoding: bytes, as: UTF8.self))
        if line.utf8.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { return }
        let fields = try Self.fields(of: line, lineNumber: lineNumber)
        guard let columns else {
            try readHeader(fields)
            return
        }
        try checkFieldCount(fields.count, columns: columns)
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

    /// A data line without quotes, as bytes: the same rules as the general path, without
    /// creating a `Substring` per field (the general path cost about 2.5 µs a row).
    private mutating func consumePlain(_ bytes: UnsafeBufferPointer<UInt8>) throws(CLVError) {
        guard let columns else { return }
        var blank = true
        for byte in bytes where byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") {
            blank = false
            break
        }
        if blank { return }
        var customer = 0..<0, date = 0..<0, amount = 0..<0
        var field = 0, start = 0
        for position in 0...bytes.count where position == bytes.count || bytes[position] == UInt8(ascii: ",") {
            let range = Self.trimmed(bytes, start..<position)
            if field == columns.customer { customer = range }
            if field == columns.date { date = range }
            if field == columns.amount { amount = range }
            field += 1
            start = position + 1
        }
        try checkFieldCount(field, columns: columns)
        guard !customer.isEmpty else { throw .malformedLine(line: lineNumber, field: "customer_id", reason: .empty) }
        guard !date.isEmpty else { throw .malformedLine(line: lineNumber, field: "date", reason: .empty) }
        guard let days = CivilDate.days(isoBytes: UnsafeBufferPointer(rebasing: bytes[date])) else {
            throw .malformedLine(line: lineNumber, field: "date", reason: .notISODate)
        }
        guard days >= 0 else { throw .malformedLine(line: lineNumber, field: "date", reason: .beforeEpoch) }
        guard !amount.isEmpty else { throw .malformedLine(line: lineNumber, field: "amount", reason: .empty) }
        let amountBytes = UnsafeBufferPointer(rebasing: bytes[amount])
        guard amountBytes.allSatisfy(Self.isNumberByte) else { throw .malformedLine(line: lineNumber, field: "amount", reason: .notNumber) }
        guard let value = Self.decimal(amountBytes) ?? Double(String(decoding: amountBytes, as: UTF8.self)) else {
            throw .malformedLine(line: lineNumber, field: "amount", reason: .notNumber)
        }
        guard value.isFinite else { throw .malformedLine(line: lineNumber, field: "amount", reason: .notFinite) }
        try add(customer: String(decoding: UnsafeBufferPointer(rebasing: bytes[customer]), as: UTF8.self), day: Int32(days), amount: value)
    }

    private func checkFieldCount(_ count: Int, columns: (customer: Int, date: Int, amount: Int, count: Int)) throws(CLVError) {
        guard count <= columns.count else { throw .malformedLine(line: lineNumber, field: "line", reason: .tooManyFields) }
        guard count == columns.count else {
            let required = [("customer_id", columns.customer), ("date", columns.date), ("amount", columns.amount)]
            let missing = required.filter { $0.1 >= count }.min { $0.1 < $1.1 }?.0 ?? "line"
            throw .malformedLine(line: lineNumber, field: missing, reason: .tooFewFields)
        }
    }

    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, bytes[lower] == UInt8(ascii: " ") || bytes[lower] == UInt8(ascii: "\t") { lower += 1 }
        while upper > lower, bytes[upper - 1] == UInt8(ascii: " ") || bytes[upper - 1] == UInt8(ascii: "\t") { upper -= 1 }
        return lower..<upper
    }

    private static let powersOfTen: [Double] = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]

    /// `[+-]digits[.digits]` with at most 15 significant digits, exactly: the integer mantissa
    /// and 10^k are exact doubles, so one division rounds correctly (Clinger's fast path).
    /// Nil for anything else (exponents, long numbers), which `Double.init` then reads.
    private static func decimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var mantissa: Int64 = 0, digits = 0, fraction = 0, seenPoint = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                if seenPoint { return nil }
                seenPoint = true
            } else if byte >= 0x30, byte <= 0x39 {
                mantissa = mantissa * 10 + Int64(byte - 0x30)
                digits += 1
                if seenPoint { fraction += 1 }
                if digits > 15 { return nil }
            } else {
                return nil
            }
            index += 1
        }
        guard digits > 0 else { return nil }
        let value = Double(mantissa) / powersOfTen[fraction]
        return negative ? -value : value
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
