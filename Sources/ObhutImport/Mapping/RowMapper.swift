import Foundation
import ObhutCore

/// A row turned into an entity, or the reason it cannot be one. Hints carry what a shop export
/// says on an order line that Obhut keeps elsewhere (customer e-mail, article name).
public enum MappedRecord: Sendable {
    case customer(Customer, softInvalidMask: Int)
    case product(Product)
    case order(OrderLine, hints: ShopHints)
    case feedback(Feedback)
    case consent(ConsentEvent)
    case lead(Lead)
    case rejected(RowIssue)
}

/// What a shop export says on an order line beyond the order line itself.
public struct ShopHints: Sendable, Equatable {
    /// Shopify names the customer by e-mail only: resolved through the blind index.
    public var customerEmail: String?
    /// Shop exports carry the article on the line: a missing product is created from it.
    public var productName: String?
    /// Set by the importer when the article is not in the store yet and must be created.
    public var createProduct = false

    public init(customerEmail: String? = nil, productName: String? = nil) {
        self.customerEmail = customerEmail
        self.productName = productName
    }
}

/// Validates one source record and maps it onto an entity. Pure: the same record always gives
/// the same result; checks that need the store (references, duplicates) come later.
public struct RowMapper: Sendable {
    public let entity: ImportEntity
    public let format: ImportFormat
    public let resolver: ColumnResolver
    /// Timestamps later than this (plus a day of clock skew) are implausible.
    public let now: Date
    /// Turns an e-mail into a stable customer id for exports that have none (keyed hash: the
    /// e-mail itself never becomes an id).
    public let idFromEmail: @Sendable (String) -> String
    let parsers: Parsers
    /// The order-line fields with their columns in this file (resolved once, see `Field`).
    let orderFields: OrderFields

    static let earliest: Int64 = 631_152_000  // 1990-01-01: no shop data older than that is plausible
    static let maxIdLength = 200
    /// Largest quantity of one order line, in units (either sign: returns are negative).
    static let maxQuantity = 1_000_000.0
    /// Largest plausible number of employees of a lead's company.
    static let maxCompanySize = 10_000_000

    public init(
        entity: ImportEntity, format: ImportFormat, resolver: ColumnResolver, now: Date,
        idFromEmail: @escaping @Sendable (String) -> String
    ) {
        self.entity = entity
        self.format = format
        self.resolver = resolver
        self.now = now
        self.idFromEmail = idFromEmail
        parsers = Parsers(time: TimestampParser(localTime: .zone(ZoneRules(Self.shopTimeZone))))
        orderFields = OrderFields(resolver)
    }

    /// Times without a zone are the shop's local time (German shops: Europe/Berlin).
    static let shopTimeZone = TimeZone(identifier: "Europe/Berlin") ?? TimeZone(secondsFromGMT: 3600)!

    struct Parsers: Sendable {
        let decimal = DecimalParser()
        let time: TimestampParser
    }

    public func map(_ record: SourceRecord) -> MappedRecord {
        var row = FieldAccess(record: record, resolver: resolver, latest: Int64(now.timeIntervalSince1970) + 86_400, parsers: parsers)
        do {
            switch entity {
            case .customers: return try mapCustomer(&row)
            case .products: return try mapProduct(&row)
            case .orders: return try mapOrder(&row)
            case .feedback: return try mapFeedback(&row)
            case .consents: return try mapConsent(&row)
            case .leads: return try mapLead(&row)
            }
        } catch {
            return .rejected(error)
        }
    }

    // MARK: Entities

    func mapCustomer(_ row: inout FieldAccess) throws(RowIssue) -> MappedRecord {
        let email = try row.email("email")
        let id: String
        if let given = row.text("customer_id") {
            id = try row.identifier("customer_id", given)
        } else if format == .shopify, let email {
            id = idFromEmail(email)
        } else {
            throw row.issue("customer_id", de: "fehlt", en: "missing")
        }
        var soft = 0
        var personal = PersonalFields(
            firstName: row.text("first_name"), lastName: row.text("last_name"), email: email,
            phone: row.text("phone"), street: row.text("street"), postalCode: row.text("postal_code"),
            city: row.text("city"))
        var country: String?
        if let raw = row.text("country") {
            guard case .success(let code) = CountryCode.code(for: raw) else {
                throw row.issue("country", de: "unbekanntes Land; ISO-Code wie DE verwenden", en: "unknown country; use an ISO code like DE")
            }
            country = code
        }
        soft |= Plausibility.softInvalidMask(personal, country: country)
        if let raw = row.text("birth_date") {
            guard case .success(let day) = row.parsers.time.day(raw) else {
                throw row.issue(
                    "birth_date", de: "kein gültiges Datum (JJJJ-MM-TT oder TT.MM.JJJJ)", en: "not a valid date (YYYY-MM-DD or DD.MM.YYYY)")
            }
            let seconds = Int64(day) * 86_400
            guard seconds <= row.latest, day >= CivilDate.days(year: 1900, month: 1, day: 1) else {
                throw row.issue(
                    "birth_date", de: "unplausibles Datum (vor 1900 oder in der Zukunft)", en: "implausible date (before 1900 or in the future)")
            }
            personal.birthDate = CivilDate.isoText(fromDays: day)
            if !Plausibility.isPlausibleBirthDay(day, now: row.latest) { soft |= CustomerField.birthDate.bit }
        }
        let language = row.text("language").flatMap { Language(rawValue: String($0.lowercased().prefix(2))) }
        let created = try row.timestamp("created_at", required: false)
        let updated = try row.timestamp("updated_at", required: false)
        return .customer(
            Customer(
                id: id, personal: personal, country: country, language: language,
                createdAt: created.map(Self.date), updatedAt: (updated ?? created).map(Self.date)),
            softInvalidMask: soft)
    }

    func mapProduct(_ row: inout FieldAccess) throws(RowIssue) -> MappedRecord {
        let id = try row.identifier("product_id", row.required("product_id"))
        let name = try row.required("name")
        let price = try row.money("price", required: false)
        if let price, price < 0 {
            throw row.issue("price", de: "negativer Preis", en: "negative price")
        }
        let currency = try row.currency("currency")
        var forSale = true
        if let raw = row.text("for_sale") {
            switch raw.lowercased() {
            case "active", "aktiv", "instock", "in stock": forSale = true
            case "draft", "archived", "entwurf", "archiviert", "outofstock", "out of stock": forSale = false
            default:
                guard case .success(let b) = BooleanValue.parse(raw) else {
                    throw row.issue("for_sale", de: "erwartet ja/nein", en: "expected yes/no")
                }
                forSale = b
            }
        }
        let created = try row.timestamp("created_at", required: false)
        return .product(
            Product(
                id: id, name: name, category: row.text("category"), priceMinor: price,
                currency: price == nil ? currency : (currency ?? "EUR"), forSale: forSale,
                createdAt: created.map(Self.date)))
    }

    func mapOrder(_ row: inout FieldAccess) throws(RowIssue) -> MappedRecord {
        let f = orderFields
        let orderId = try row.identifier(f.orderId, row.required(f.orderId))
        let line: Int
        if let raw = row.text(f.line) {
            guard let n = Int(raw), n > 0 else {
                throw row.issue(f.line, de: "erwartet eine positive ganze Zahl", en: "expected a positive whole number")
            }
            line = n
        } else {
            // No line column: the physical line in the file is unique and stable across re-imports.
            line = row.record.line
        }
        var hints = ShopHints()
        var customerId: String?
        if format == .shopify, row.text(f.customerId)?.contains("@") == true {
            guard let email = try row.email(f.customerId) else { throw row.issue(f.customerId, de: "fehlt", en: "missing") }
            hints.customerEmail = email
        } else {
            customerId = try row.identifier(f.customerId, row.required(f.customerId))
        }
        let productId = try row.identifier(f.productId, row.required(f.productId))
        if format != .generic { hints.productName = row.text(f.productName) ?? productId }
        let quantity = try row.number(f.quantity)
        guard quantity != 0 else { throw row.issue(f.quantity, de: "Menge 0 ist keine Position", en: "a quantity of 0 is not a line") }
        // A quantity beyond a million units is a typo or a number from another column (found by
        // fuzzing: 1e26 and 2^63 passed and would overflow revenue sums downstream).
        guard abs(quantity) <= Self.maxQuantity else {
            throw row.issue(f.quantity, de: "unplausible Menge (mehr als 1.000.000)", en: "implausible quantity (more than 1,000,000)")
        }
        guard let price = try row.money(f.unitPrice, required: true) else { throw row.issue(f.unitPrice, de: "fehlt", en: "missing") }
        guard price >= 0 else {
            throw row.issue(
                f.unitPrice, de: "negativer Preis; Retouren als negative Menge angeben", en: "negative price; give returns as a negative quantity")
        }
        let currency = try row.currency(f.currency) ?? "EUR"
        guard let at = try row.timestamp(f.orderedAt, required: true) else { throw row.issue(f.orderedAt, de: "fehlt", en: "missing") }
        let discount = try row.money(f.discount, required: false) ?? 0
        return .order(
            OrderLine(
                orderId: orderId, line: line, customerId: customerId, productId: productId, quantity: quantity,
                unitPriceMinor: price, currency: currency, orderedAt: Self.date(at), channel: row.text(f.channel),
                discountMinor: discount), hints: hints)
    }

    func mapFeedback(_ row: inout FieldAccess) throws(RowIssue) -> MappedRecord {
        let id = try row.identifier("feedback_id", row.required("feedback_id"))
        var kind = FeedbackKind.review
        if let raw = row.text("kind") {
            guard let k = FeedbackKind(rawValue: raw.lowercased()) ?? Self.germanKinds[raw.lowercased()] else {
                throw row.issue("kind", de: "erwartet review, email, chat oder survey", en: "expected review, email, chat or survey")
            }
            kind = k
        }
        var rating: Int?
        if let raw = row.text("rating") {
            guard let r = Int(raw), (1...5).contains(r) else { throw row.issue("rating", de: "erwartet 1 bis 5 Sterne", en: "expected 1 to 5 stars") }
            rating = r
        }
        let text = try row.required("text")
        guard let at = try row.timestamp("created_at", required: true) else { throw row.issue("created_at", de: "fehlt", en: "missing") }
        let customer = try row.text("customer_id").map { v throws(RowIssue) in try row.identifier("customer_id", v) }
        return .feedback(
            Feedback(
                id: id, customerId: customer, productId: row.text("product_id"), kind: kind, rating: rating, text: text,
                language: row.text("language").flatMap { Language(rawValue: String($0.lowercased().prefix(2))) },
                createdAt: Self.date(at)))
    }

    static let germanKinds: [String: FeedbackKind] = ["bewertung": .review, "e-mail": .email, "mail": .email, "umfrage": .survey]

    func mapConsent(_ row: inout FieldAccess) throws(RowIssue) -> MappedRecord {
        let customer = try row.identifier("customer_id", row.required("customer_id"))
        let purposeRaw = try row.required("purpose").lowercased()
        guard let purpose = Purpose.defaults.first(where: { $0.id.rawValue == purposeRaw || $0.title.de.lowercased() == purposeRaw })?.id else {
            throw row.issue(
                "purpose", de: "unbekannter Zweck; erlaubt: \(Purpose.defaults.map(\.id.rawValue).joined(separator: ", "))",
                en: "unknown purpose; allowed: \(Purpose.defaults.map(\.id.rawValue).joined(separator: ", "))")
        }
        let grantedRaw = try row.required("granted")
        let granted: Bool
        switch grantedRaw.lowercased() {
        case "granted", "erteilt", "opt-in", "optin": granted = true
        case "withdrawn", "widerrufen", "revoked", "opt-out", "optout": granted = false
        default:
            guard case .success(let b) = BooleanValue.parse(grantedRaw) else {
                throw row.issue("granted", de: "erwartet erteilt/widerrufen oder ja/nein", en: "expected granted/withdrawn or yes/no")
            }
            granted = b
        }
        guard let at = try row.timestamp("at", required: true) else { throw row.issue("at", de: "fehlt", en: "missing") }
        return .consent(
            ConsentEvent(
                customerId: customer, purpose: purpose, granted: granted, at: Self.date(at),
                source: row.text("source") ?? "import", textVersion: row.text("text_version") ?? "unknown"))
    }

    func mapLead(_ row: inout FieldAccess) throws(RowIssue) -> MappedRecord {
        let id = try row.identifier("lead_id", row.required("lead_id"))
        let company = try row.required("company")
        let email = try row.email("contact_email")
        var size: Int?
        if let raw = row.text("size") {
            guard let n = Int(raw.filter { $0 != "." && $0 != " " }), n >= 0 else {
                throw row.issue("size", de: "erwartet eine Mitarbeiterzahl", en: "expected a number of employees")
            }
            // The largest employers have a few million people; 2^63 - 1 passed before (found by fuzzing).
            guard n <= Self.maxCompanySize else {
                throw row.issue(
                    "size", de: "unplausible Mitarbeiterzahl (mehr als 10 Millionen)", en: "implausible number of employees (more than 10 million)")
            }
            size = n
        }
        guard let created = try row.timestamp("created_at", required: true) else { throw row.issue("created_at", de: "fehlt", en: "missing") }
        var stage = LeadStage.new
        if let raw = row.text("stage") {
            guard let s = LeadStage(rawValue: raw.lowercased()) else {
                throw row.issue(
                    "stage", de: "erwartet \(LeadStage.allCases.map(\.rawValue).joined(separator: ", "))",
                    en: "expected \(LeadStage.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            stage = s
        }
        var outcome = LeadOutcome.open
        if let raw = row.text("outcome") {
            let map: [String: LeadOutcome] = ["gewonnen": .won, "verloren": .lost, "offen": .open]
            guard let o = LeadOutcome(rawValue: raw.lowercased()) ?? map[raw.lowercased()] else {
                throw row.issue("outcome", de: "erwartet open, won oder lost", en: "expected open, won or lost")
            }
            outcome = o
        }
        return .lead(
            Lead(
                id: id, company: company, contactName: row.text("contact_name"), contactEmail: email, source: row.text("source"),
                industry: row.text("industry"), size: size, createdAt: Self.date(created), stage: stage, outcome: outcome,
                emailsOpened: try row.count("emails_opened"), visits: try row.count("visits"), meetings: try row.count("meetings"),
                lastActivityAt: try row.timestamp("last_activity_at", required: false).map(Self.date),
                stageSince: try row.timestamp("stage_since", required: false).map(Self.date)))
    }

    static func date(_ seconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
}

/// Typed access to the fields of one record, producing `RowIssue`s that name line and field.
struct FieldAccess {
    let record: SourceRecord
    let resolver: ColumnResolver
    let latest: Int64
    let parsers: RowMapper.Parsers

    /// The trimmed value, nil when the column is absent or the value empty.
    func text(_ field: Field) -> String? {
        guard let p = field.resolved ? field.position : resolver.position(field.name), let raw = record[p] else { return nil }
        let t = FieldAccess.trimmed(raw)
        return t.isEmpty ? nil : t
    }

    /// Drops surrounding spaces and tabs. Most fields have none, so the common path only looks at
    /// the first and last byte (Foundation's trimming bridges to NSString and dominated imports).
    /// The ends are read from the contiguous UTF-8 bytes: `utf8.last` walked the view backwards
    /// and took about 2 % of the import's parsing thread.
    static func trimmed(_ s: String) -> String {
        var bytes = s
        let plain = bytes.withUTF8 { u -> Bool in
            guard let first = u.first, let last = u.last else { return true }
            func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
            return !isSpace(first) && !isSpace(last) && first < 0x80 && last < 0x80
        }
        return plain ? s : s.trimmingCharacters(in: .whitespaces)
    }

    func required(_ field: Field) throws(RowIssue) -> String {
        guard let v = text(field) else { throw issue(field, de: "fehlt", en: "missing") }
        return v
    }

    func issue(_ field: Field, de: String, en: String) -> RowIssue {
        RowIssue(line: record.line, field: field.name, reason: Localized(de: de, en: en))
    }

    func identifier(_ field: Field, _ value: String) throws(RowIssue) -> String {
        guard value.utf8.count <= RowMapper.maxIdLength else {
            throw issue(field, de: "Kennung länger als \(RowMapper.maxIdLength) Zeichen", en: "id longer than \(RowMapper.maxIdLength) characters")
        }
        return value
    }

    func email(_ field: Field) throws(RowIssue) -> String? {
        guard let v = text(field) else { return nil }
        guard case .success = EmailAddress.validate(v) else {
            throw issue(field, de: "keine gültige E-Mail-Adresse", en: "not a valid e-mail address")
        }
        return v
    }

    func money(_ field: Field, required: Bool) throws(RowIssue) -> Int64? {
        guard let v = text(field) else {
            if required { throw issue(field, de: "fehlt", en: "missing") }
            return nil
        }
        switch parsers.decimal.minorUnits(v) {
        case .success(let m): return m
        case .failure(let error): throw issue(field, de: "kein gültiger Betrag (\(error.reason))", en: "not a valid amount (\(error.reason))")
        }
    }

    func number(_ field: Field) throws(RowIssue) -> Double {
        guard let v = text(field) else { throw issue(field, de: "fehlt", en: "missing") }
        guard case .success(let d) = parsers.decimal.double(v) else { throw issue(field, de: "keine gültige Zahl", en: "not a valid number") }
        return d
    }

    func count(_ field: Field) throws(RowIssue) -> Int {
        guard let v = text(field) else { return 0 }
        guard let n = Int(v), n >= 0 else { throw issue(field, de: "erwartet eine ganze Zahl ab 0", en: "expected a whole number from 0") }
        return n
    }

    func currency(_ field: Field) throws(RowIssue) -> String? {
        guard let v = text(field)?.uppercased() else { return nil }
        guard case .success = CurrencyCode.parse(v) else { throw issue(field, de: "kein ISO-4217-Währungscode", en: "not an ISO 4217 currency code") }
        return v
    }

    /// Seconds since 1970 (UTC), checked for plausibility: not before 1990, not in the future.
    func timestamp(_ field: Field, required: Bool) throws(RowIssue) -> Int64? {
        guard let v = text(field) else {
            if required { throw issue(field, de: "fehlt", en: "missing") }
            return nil
        }
        guard case .success(let t) = parsers.time.seconds(v) else {
            throw issue(
                field, de: "kein gültiger Zeitpunkt (ISO 8601 oder TT.MM.JJJJ [HH:MM])", en: "not a valid time (ISO 8601 or DD.MM.YYYY [HH:MM])")
        }
        guard t >= RowMapper.earliest, t <= latest else {
            throw issue(field, de: "unplausibler Zeitpunkt (vor 1990 oder in der Zukunft)", en: "implausible time (before 1990 or in the future)")
        }
        return t
    }
}
