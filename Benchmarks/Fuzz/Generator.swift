import ObhutImport

/// The fuzzer's random numbers: SplitMix64 (Steele, Lea, Flood 2014), one stream per input so
/// that `--seed S --only N` regenerates input N alone.
struct FuzzRandom: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64, input: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 ^ input &* 0xD1B5_4A32_D192_ED69 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int.random(in: 0..<n, using: &self) }
    mutating func pick<T>(_ a: [T]) -> T { a[below(a.count)] }
}

/// One generated input: its bytes, how to read it, and the personal values planted in it (which
/// no error message may repeat).
struct FuzzInput {
    var entity: ImportEntity
    var format: ImportFormat
    var jsonLines: Bool
    var bytes: [UInt8]
    var secrets: [String]
}

/// Builds structurally plausible import files (header, rows, quoting, separators, line ends,
/// encodings) with hostile values mixed in, so mutations start from inputs that get past the
/// header and reach the mapping and validation code.
struct Generator {
    /// Fields holding personal data: their values are planted as secrets.
    static let personalFields: Set<String> = [
        "first_name", "last_name", "email", "phone", "street", "postal_code", "city", "birth_date", "contact_name", "contact_email", "text",
    ]

    static let hostile: [String] = [
        "", " ", "\"", "\"\"", "\"\"\"\"\"\"\"\"", "a\"b", "\r", "\n", "\r\n", "\u{0}", "\u{FEFF}", "\u{FEFF}x", "\\", "\\u0000", "\\uD800",
        "1e999999", "-1e999999", "1e-999999", "99999999999999999999999999", "-9223372036854775808", "9223372036854775807",
        "NaN", "nan", "inf", "-inf", "Infinity", "0x10", "1_000", "1.2.3", "1,2,3", "1.000.000,00", "1,000,000.00", "١٢٣", "１２３", "−5",
        "0000-00-00", "9999-12-31", "2024-02-30", "2024-13-01", "31.12.99999", "2024-01-01T25:61:61+99:99", "2024-01-01T00:00:00Z",
        "2024-01-01T00:00:00.123456789123+01:00", "01/02/03", "12.13.2024", "1.1.1", "--", "+", "-", ".", ",", "€", "12 €", "EUR 12",
        "\u{202E}evil", "e\u{301}", "🧨💥", "ä", "Straße", "true", "false", "null", "ja", "nein", "0", "-0", "00000000000001",
    ]

    static func value(for field: String, _ r: inout FuzzRandom, row: Int, secrets: inout [String]) -> String {
        if r.chance(0.12) { return r.pick(hostile) }
        if r.chance(0.002) { return String(repeating: r.pick(["A", "\"", "ä", "9", ";"]), count: r.pick([1000, 70_000, 300_000])) }
        func secret(_ s: String) -> String {
            secrets.append(s)
            return s
        }
        let tag = String(r.below(1_000_000) + 1_000_000, radix: 36)
        switch field {
        case "first_name", "contact_name": return secret("Xaver\(tag)q")
        case "last_name": return secret("Quandt\(tag)z")
        case "email", "contact_email": return secret("p\(tag).zett@example.de")
        case "phone": return secret("+49 30 \(tag.count)\(r.below(90_000_000) + 10_000_000)")
        case "street": return secret("Ulmenweg\(tag) \(r.below(200))")
        case "postal_code": return r.chance(0.5) ? String(r.below(90_000) + 10_000) : secret("P\(tag)")
        case "city": return secret("Kleinstadt\(tag)")
        case "text": return secret("Lieferung kam spaet \(tag) wirklich")
        case "birth_date": return r.pick(["1980-02-29", "29.02.1981", "1899-12-31", "2999-01-01", "1970-01-01"])
        case let f where f.hasSuffix("_at") || f == "at" || f == "stage_since":
            return r.pick([
                "2024-03-01", "2024-03-01 12:30", "01.03.2024", "01.03.2024 23:59", "2024-03-01T12:00:00+01:00", "1989-12-31", "2030-01-01",
            ])
        case let f where f.hasSuffix("_id") || f == "id": return "\(f.prefix(1).uppercased())\(row)"
        case "line", "rating", "size", "emails_opened", "visits", "meetings": return String(r.below(7) - 1)
        case "quantity": return r.pick(["1", "2", "-1", "0", "1,5", "1.5", "3"])
        case "unit_price", "price", "discount": return r.pick(["12.99", "12,99", "1.234,56", "1,234.56", "0", "-3", "19"])
        case "currency": return r.pick(["EUR", "eur", "USD", "XXX", "€"])
        case "country": return r.pick(["DE", "de", "Deutschland", "Germany", "AT", "ZZ"])
        case "language": return r.pick(["de", "en", "fr", "DE-de"])
        case "purpose": return r.pick(["marketing", "analytics", "personalization", "unknown"])
        case "granted": return r.pick(["granted", "withdrawn", "ja", "nein", "1", "0", "maybe"])
        case "kind": return r.pick(["review", "email", "chat", "survey", "bewertung", "fax"])
        case "stage": return r.pick(["new", "qualified", "proposal", "won"])
        case "outcome": return r.pick(["open", "won", "lost", "gewonnen"])
        case "for_sale": return r.pick(["ja", "nein", "active", "draft", "vielleicht"])
        default: return "v\(tag)"
        }
    }

    static func make(_ r: inout FuzzRandom) -> FuzzInput {
        let entity = r.pick(ImportEntity.allCases)
        let format: ImportFormat = r.chance(0.8) ? .generic : r.pick(ImportFormat.allCases)
        var specs = FieldCatalog.fields(for: entity)
        if r.chance(0.3) { specs.shuffle(using: &r) }
        var columns: [String] = specs.filter { $0.required || r.chance(0.8) }.map { spec in
            let names = spec.headerNames(for: format)
            return r.chance(0.8) ? spec.name : r.pick(names)
        }
        if r.chance(0.1) { columns.append(r.pick(["", "extra", "Bemerkung", "email"])) }
        let fieldNames: [String] = columns.map { column in
            specs.first { $0.headerNames(for: format).contains(column) }?.name ?? column
        }
        let rows = r.pick([0, 1, 2, 3, 5, 20, 200])
        var secrets: [String] = []
        var table: [[String?]] = []
        for row in 0..<rows {
            table.append(fieldNames.map { name in r.chance(0.05) ? nil : value(for: name, &r, row: row, secrets: &secrets) })
        }
        let jsonLines = r.chance(0.35)
        let bytes = jsonLines ? Serializer.jsonLines(columns: columns, rows: table, &r) : Serializer.csv(columns: columns, rows: table, &r)
        return FuzzInput(entity: entity, format: format, jsonLines: jsonLines, bytes: bytes, secrets: secrets)
    }
}
