import Foundation
import GRDB
import ObhutCore
import ObhutImport
import ObhutStore

/// A row after parsing and validation on the producer thread, ready to be checked against the
/// store and written.
struct MappedRow: Sendable {
    enum Kind: Sendable {
        case customer(PreparedCustomer)
        case product(Product)
        /// An order line with the integer keys of its customer and product, when the producer could
        /// resolve them (a shop export's e-mail or new article is resolved by the writer).
        case order(OrderLine, hints: ShopHints, refs: OrderRefs)
        case feedback(Feedback)
        case consent(ConsentEvent)
        case lead(PreparedLead)
        case rejected(RowIssue)
    }

    var kind: Kind
    var line: Int
    /// The source fields, kept only when rejected rows must be written to a reject file.
    var sourceFields: [String?]
}

/// The integer keys an order line is stored with (`customer.ref`, `product.ref`).
struct OrderRefs: Sendable {
    var customer: Int64?
    var product: Int64?
}

/// The ids (with their integer keys) of customers and products in the store when an import
/// starts, so the producer thread checks references and resolves keys, and the writer thread
/// only writes.
struct ReferenceSets: Sendable {
    /// Hashed by `IdTable`, not `Dictionary`: two look-ups per order line (see there why).
    var customers = IdTable()
    var products = IdTable()
    /// Other systems' ids of known people (alias → customer id).
    var aliases: [String: String] = [:]

    /// The customer an id names: itself, or the person it is an alias of.
    func resolve(_ id: String) -> String? {
        customers[id] != nil ? id : aliases[id]
    }

    /// The last customer id resolved and its answer: the lines of one order follow each other
    /// and name the same person, so most order lines need no table look-up at all.
    private var lastCustomer: (id: String, resolved: (id: String, ref: Int64)?)?

    /// The same with the person's integer key.
    mutating func resolveWithRef(_ id: String) -> (id: String, ref: Int64)? {
        if let last = lastCustomer, last.id == id { return last.resolved }
        let resolved = lookUpWithRef(id)
        lastCustomer = (id, resolved)
        return resolved
    }

    private func lookUpWithRef(_ id: String) -> (id: String, ref: Int64)? {
        if let ref = customers[id] { return (id, ref) }
        guard let target = aliases[id], let ref = customers[target] else { return nil }
        return (target, ref)
    }

    static func load(_ store: SQLiteStore, for entity: ImportEntity) throws -> ReferenceSets {
        try store.writer.read { db in
            var r = ReferenceSets()
            if [.orders, .feedback, .consents].contains(entity) {
                let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM customer") ?? 0
                r.customers = IdTable(minimumCapacity: count)
                let rows = try Row.fetchCursor(db, sql: "SELECT id, ref FROM customer")
                while let row = try rows.next() { r.customers.set(row[0], row[1]) }
                r.aliases = Dictionary(
                    uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT alias, customer_id FROM customer_alias").map {
                        ($0["alias"] as String, $0["customer_id"] as String)
                    })
            }
            if entity == .orders {
                let rows = try Row.fetchCursor(db, sql: "SELECT id, ref FROM product")
                while let row = try rows.next() { r.products.set(row[0], row[1]) }
            }
            return r
        }
    }
}

extension MappedRow {
    /// Seals what must be sealed (customers, lead contacts) and checks references, on the
    /// producer thread.
    init(_ record: MappedRecord, line: Int, fields: [String?], keys: KeyRing, references: inout ReferenceSets, format: ImportFormat) throws {
        self.line = line
        sourceFields = fields
        func unknownCustomer() -> Kind {
            .rejected(
                RowIssue(
                    line: line, field: "customer_id",
                    reason: Localized(
                        de: "unbekannte Kundennummer; zuerst die Kunden importieren", en: "unknown customer id; import the customers first")))
        }
        switch record {
        case .customer(let c, let soft): kind = .customer(try keys.prepare(c, softInvalidMask: soft))
        case .product(let p): kind = .product(p)
        case .order(var o, var hints):
            var refs = OrderRefs()
            if hints.customerEmail == nil, let id = o.customerId {
                if let resolved = references.resolveWithRef(id) {
                    o.customerId = resolved.id
                    refs.customer = resolved.ref
                }
            }
            if hints.customerEmail == nil, o.customerId != nil, refs.customer == nil {
                kind = unknownCustomer()
            } else if let product = references.products[o.productId] {
                refs.product = product
                kind = .order(o, hints: hints, refs: refs)
            } else {
                // Shop exports carry the article on the line: the writer creates it.
                if format == .generic || hints.productName == nil {
                    kind = .rejected(
                        RowIssue(
                            line: line, field: "product_id",
                            reason: Localized(
                                de: "unbekannte Artikelnummer; zuerst die Produkte importieren", en: "unknown product id; import the products first"))
                    )
                } else {
                    hints.createProduct = true
                    kind = .order(o, hints: hints, refs: refs)
                }
            }
        case .feedback(var f):
            if let id = f.customerId {
                guard let resolved = references.resolve(id) else { kind = unknownCustomer(); break }
                f.customerId = resolved
            }
            kind = .feedback(f)
        case .consent(var c):
            guard let resolved = references.resolve(c.customerId) else { kind = unknownCustomer(); break }
            c.customerId = resolved
            kind = .consent(c)
        case .lead(let l): kind = .lead(try keys.prepare(l))
        case .rejected(let issue): kind = .rejected(issue)
        }
    }
}

/// Writes mapped rows through an `ImportWriter`, checking what only the store can tell:
/// references to customers and products, and duplicates within the file.
struct RowSink {
    let writer: ImportWriter
    let entity: ImportEntity
    let format: ImportFormat
    let now: Date
    let keys: KeyRing
    /// Rows whose new id was matched to a known person by e-mail.
    var matchedByEmail = 0

    /// Writes the row; returns the reason when it was rejected.
    mutating func write(_ row: MappedRow) throws -> RowIssue? {
        switch row.kind {
        case .rejected(let issue):
            return issue
        case .customer(let c):
            switch try writer.write(c) {
            case .duplicateInImport: return duplicate(row, field: "customer_id")
            case .matchedExisting: matchedByEmail += 1; return nil
            default: return nil
            }
        case .product(let p):
            return try writer.write(p) == .duplicateInImport ? duplicate(row, field: "product_id") : nil
        case .order(let line, let hints, let refs) where hints.customerEmail == nil && !hints.createProduct && refs.product != nil:
            // The common case, resolved on the producer thread: write without copying the line
            // into a mutable one first (this thread is the import's bottleneck).
            return try writer.write(line, customerRef: refs.customer, productRef: refs.product ?? 0) == .duplicateInImport
                ? duplicate(row, field: "order_id") : nil
        case .order(var o, let hints, var refs):
            if let issue = try resolveReferences(&o, &refs, hints: hints, line: row.line) { return issue }
            guard let product = refs.product else { return unknownProduct(row.line) }
            return try writer.write(o, customerRef: refs.customer, productRef: product) == .duplicateInImport
                ? duplicate(row, field: "order_id") : nil
        case .feedback(let f):
            return try writer.write(f) == .duplicateInImport ? duplicate(row, field: "feedback_id") : nil
        case .consent(let c):
            _ = try writer.write(c, recordedAt: now)
            return nil
        case .lead(let l):
            return try writer.write(l) == .duplicateInImport ? duplicate(row, field: "lead_id") : nil
        }
    }

    private func resolveReferences(_ o: inout OrderLine, _ refs: inout OrderRefs, hints: ShopHints, line: Int) throws -> RowIssue? {
        if let email = hints.customerEmail {
            guard let id = try writer.customerId(matchingEmail: email), let ref = try writer.customerRef(id) else {
                return RowIssue(
                    line: line, field: "customer_id",
                    reason: Localized(
                        de: "kein Kunde mit dieser E-Mail-Adresse; zuerst die Kunden importieren",
                        en: "no customer with this e-mail address; import the customers first"))
            }
            o.customerId = id
            refs.customer = ref
        }
        // Customer and product ids were checked on the producer thread; only articles a shop
        // export names on its lines are created here, once.
        if hints.createProduct, let name = hints.productName {
            if try !writer.productExists(o.productId) {
                _ = try writer.write(Product(id: o.productId, name: name, priceMinor: o.unitPriceMinor, currency: o.currency))
            }
            refs.product = try writer.productRef(o.productId)
        }
        return nil
    }

    private func unknownProduct(_ line: Int) -> RowIssue {
        RowIssue(
            line: line, field: "product_id",
            reason: Localized(de: "unbekannte Artikelnummer; zuerst die Produkte importieren", en: "unknown product id; import the products first"))
    }

    private func duplicate(_ row: MappedRow, field: String) -> RowIssue {
        RowIssue(
            line: row.line, field: field,
            reason: Localized(
                de: "doppelte Kennung in dieser Datei (die erste Zeile gilt)", en: "duplicate id in this file (the first row counts)"))
    }
}

/// Writes rejected rows beside the input (`NAME.rejected.csv`): the original fields plus the
/// line number, field and reason, so the shop can fix and re-import them.
final class RejectWriter {
    let url: URL
    private let handle: FileHandle
    private var buffer = Data()

    init(besides input: URL, columns: [String], language: Language) throws {
        let base = input.deletingPathExtension().lastPathComponent
        url = input.deletingLastPathComponent().appendingPathComponent(base + ".rejected.csv")
        // 0600: the rejected rows are the shop's customer data, like the input.
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw ImportError.source(file: url.lastPathComponent, reason: "cannot create the reject file beside the input")
        }
        handle = try FileHandle(forWritingTo: url)
        let header = [language == .de ? "zeile" : "line", language == .de ? "feld" : "field", language == .de ? "grund" : "reason"] + columns
        append(header.map(Self.quote).joined(separator: ","))
    }

    func write(issue: RowIssue, fields: [String?], language: Language) throws {
        let cells = [String(issue.line), issue.field ?? "", issue.reason[language]] + fields.map { $0 ?? "" }
        append(cells.map(Self.quote).joined(separator: ","))
        if buffer.count > 1 << 20 { try flush() }
    }

    func close() throws {
        try flush()
        try handle.close()
    }

    private func append(_ line: String) {
        buffer.append(contentsOf: Array(line.utf8))
        buffer.append(0x0A)
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    static func quote(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
