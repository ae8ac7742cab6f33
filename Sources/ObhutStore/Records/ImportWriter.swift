import Foundation
import GRDB
import ObhutCore

/// What happened to one row written by an import.
public enum WriteOutcome: Sendable, Equatable {
    case written
    /// The same id appeared earlier in this same import (the first one stays).
    case duplicateInImport
    /// The row was already in the store unchanged (consent events are append-only).
    case alreadyPresent
    /// A new id whose e-mail belongs to this known customer: recorded as an alias.
    case matchedExisting(String)
}

/// Writes the rows of one import inside a single transaction. Not shared across threads: it lives
/// inside `SQLiteStore.importTransaction` and dies with it.
///
/// Duplicate ids inside one file are found without remembering the ids seen: every row carries
/// the import's id, and an upsert that meets a row of the same import changes nothing, which
/// `changesCount` reveals. Memory therefore stays flat however large the file.
public final class ImportWriter {
    let db: Database
    public let importId: Int64
    let keys: KeyRing
    /// Statements prepared once per import: looking them up by SQL text for every row cost more
    /// than executing them.
    private var statements: [StatementKey: Statement] = [:]
    /// The order-line insert, held directly: the dictionary look-up above hashed its key once per
    /// row (about 1 % of the writer thread for 1,000,000 lines).
    private var orderLineStatement: RawStatement?
    /// Integer keys (`ref`) of customers and products by id: those this import wrote, and those
    /// looked up. Customers are a bounded cache (order lines mostly name people written just
    /// before them, as in the demo shop); products are few.
    private var customerRefs: [String: Int64] = [:]
    private var productRefs: [String: Int64] = [:]
    private var allProductsLoaded = false
    private var customerIds: Set<String>?
    static let customerRefCacheLimit = 200_000

    /// The order-line table was empty when this import began: rows can only conflict with rows of
    /// this same file, so a plain INSERT (one B-tree seek) does what the upsert (two) does.
    let ordersStartedEmpty: Bool
    /// The smallest and greatest order id this import wrote, in SQLite's (bytewise) order: the
    /// range of the order lines' columnar copy it invalidates at commit (see `OrderLineColumns`).
    private(set) var orderIdRange: (lo: String, hi: String)?
    /// Whether the upsert of order lines dropped the copy's update trigger for this transaction
    /// (`OrderLineColumnsSchema.suspendUpdateTrigger`); it is re-created before the commit.
    private(set) var updateTriggerSuspended = false

    init(db: Database, importId: Int64, keys: KeyRing) throws {
        self.db = db
        self.importId = importId
        self.keys = keys
        ordersStartedEmpty = try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM order_line)") ?? false
    }

    enum StatementKey {
        case customer, personKey, product, orderLine, orderLineInsert, feedback, consent, lead, emailMatch, customerRef, productRef
    }

    private func prepared(_ key: StatementKey, _ sql: @autoclosure () -> String) throws -> Statement {
        if let s = statements[key] { return s }
        let s = try db.makeStatement(sql: sql())
        statements[key] = s
        return s
    }

    /// Appends the import's audit entry in the same transaction: the rows and the record of who
    /// changed them commit together or not at all.
    public func audit(store: SQLiteStore, actor: String, role: String, action: String, count: Int, at: Date) throws {
        _ = try store.appendAudit(
            db, actor: actor, role: role, action: action, subject: nil, count: count, activity: nil,
            reason: "import \(importId)", at: at)
    }

    // MARK: References

    /// Whether a customer with this id exists (loaded once per import; ids only, no personal data).
    public func customerExists(_ id: String) throws -> Bool {
        if customerIds == nil { customerIds = try Set(String.fetchAll(db, sql: "SELECT id FROM customer")) }
        return customerIds?.contains(id) ?? false
    }

    public func productExists(_ id: String) throws -> Bool {
        try productRef(id) != nil
    }

    /// The integer key of a customer, nil if unknown.
    public func customerRef(_ id: String) throws -> Int64? {
        if let ref = customerRefs[id] { return ref }
        let statement = try prepared(.customerRef, "SELECT ref FROM customer WHERE id = ?")
        guard let ref = try Int64.fetchOne(statement, arguments: [id]) else { return nil }
        remember(customer: id, ref: ref)
        return ref
    }

    /// The integer key of a product, nil if unknown (all products are loaded at the first miss:
    /// a catalogue is small, and shop exports name many products once each).
    public func productRef(_ id: String) throws -> Int64? {
        if let ref = productRefs[id] { return ref }
        if !allProductsLoaded {
            allProductsLoaded = true
            for row in try Row.fetchAll(db, sql: "SELECT id, ref FROM product") { productRefs[row[0]] = row[1] }
            return productRefs[id]
        }
        return nil
    }

    private func remember(customer id: String, ref: Int64) {
        if customerRefs.count >= Self.customerRefCacheLimit { customerRefs.removeAll(keepingCapacity: true) }
        customerRefs[id] = ref
    }

    /// The id of an existing customer with the same normalised e-mail, so re-imports under a new
    /// id match the person already known.
    public func customerId(matchingEmail email: String) throws -> String? {
        let token = keys.blindIndex.token("e:" + IdentityNormalizer.email(email))
        return try String.fetchOne(db, sql: "SELECT id FROM customer WHERE email_index = ? LIMIT 1", arguments: [token])
    }

    // MARK: Writes

    /// Writes a customer. A new id whose e-mail belongs to a person already known is not a new
    /// person: the id is recorded as an alias of that person, and rows that name it later (orders,
    /// consents, feedback) land on them.
    public func write(_ c: PreparedCustomer) throws -> WriteOutcome {
        // Only people known before this import: two ids with one e-mail inside the same file stay two
        // records, for the quality report and `customers duplicates` to show.
        if let token = c.emailIndex, try !customerExists(c.id) {
            let match = try self.prepared(.emailMatch, "SELECT id FROM customer WHERE email_index = ? AND id <> ? AND import_id IS NOT ? LIMIT 1")
            if let known = try String.fetchOne(match, arguments: [token, c.id, importId]) {
                try db.execute(
                    sql:
                        "INSERT INTO customer_alias (alias, customer_id) VALUES (?, ?) ON CONFLICT(alias) DO UPDATE SET customer_id = excluded.customer_id",
                    arguments: [c.id, known])
                return .matchedExisting(known)
            }
        }
        return try writeRow(c)
    }

    private func writeRow(_ c: PreparedCustomer) throws -> WriteOutcome {
        // RETURNING gives the person's integer key whether the row was inserted or updated; no row
        // comes back when the WHERE of the upsert kept an earlier row of this same import.
        let statement = try self.prepared(
            .customer,
            """
            INSERT INTO customer (id, sealed, email_index, identity_index, phone_index, country, language,
                created_at, updated_at, present_mask, soft_invalid_mask, import_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET sealed = excluded.sealed, email_index = excluded.email_index,
                identity_index = excluded.identity_index, phone_index = excluded.phone_index,
                country = excluded.country, language = excluded.language, created_at = excluded.created_at,
                updated_at = excluded.updated_at, present_mask = excluded.present_mask,
                soft_invalid_mask = excluded.soft_invalid_mask, import_id = excluded.import_id
            WHERE customer.import_id IS NOT excluded.import_id
            RETURNING ref
            """)
        statement.setUncheckedArguments([
            c.id, c.sealed, c.emailIndex, c.identityIndex, c.phoneIndex, c.country, c.language,
            c.createdAt, c.updatedAt, c.presentMask, c.softInvalidMask, importId,
        ])
        guard let ref = try Int64.fetchOne(statement) else { return .duplicateInImport }
        remember(customer: c.id, ref: ref)
        customerIds?.insert(c.id)
        let keyStatement = try self.prepared(
            .personKey,
            """
            INSERT INTO person_key (subject, wrapped) VALUES (?, ?)
            ON CONFLICT(subject) DO UPDATE SET wrapped = excluded.wrapped
            """)
        keyStatement.setUncheckedArguments(["c:" + c.id, c.wrappedKey])
        try keyStatement.execute()
        return .written
    }

    public func write(_ p: Product) throws -> WriteOutcome {
        let statement = try self.prepared(
            .product,
            """
            INSERT INTO product (id, name, category, price_minor, currency, for_sale, created_at, import_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, category = excluded.category,
                price_minor = excluded.price_minor, currency = excluded.currency, for_sale = excluded.for_sale,
                created_at = excluded.created_at, import_id = excluded.import_id
            WHERE product.import_id IS NOT excluded.import_id
            RETURNING ref
            """)
        statement.setUncheckedArguments([
            p.id, p.name, p.category, p.priceMinor, p.currency, p.forSale ? 1 : 0,
            p.createdAt.map { Int64($0.timeIntervalSince1970) }, importId,
        ])
        guard let ref = try Int64.fetchOne(statement) else { return .duplicateInImport }
        productRefs[p.id] = ref
        return .written
    }

    /// Writes an order line, looking up the integer keys of its customer and product (the demo
    /// shop; the importer resolves them on its producer thread and calls the variant below).
    public func write(_ o: OrderLine) throws -> WriteOutcome {
        guard let product = try productRef(o.productId) else { throw ImportWriterError.unknownReference }
        var customer: Int64?
        if let id = o.customerId {
            guard let ref = try customerRef(id) else { throw ImportWriterError.unknownReference }
            customer = ref
        }
        return try write(o, customerRef: customer, productRef: product)
    }

    /// Writes an order line whose customer and product keys are known. `o.customerId` and
    /// `o.productId` are not stored: the keys are.
    public func write(_ o: OrderLine, customerRef: Int64?, productRef: Int64) throws -> WriteOutcome {
        let raw = try orderLineStatement ?? prepareOrderLine()
        raw.bind(2, Int64(o.line))
        raw.bind(3, customerRef)
        raw.bind(4, productRef)
        raw.bind(5, o.quantity)
        raw.bind(6, o.unitPriceMinor)
        raw.bind(8, Int64(o.orderedAt.timeIntervalSince1970))
        raw.bind(10, o.discountMinor)
        raw.bind(11, importId)
        do {
            // The text values are bound in place and the row is written while they are valid.
            try raw.withText(1, o.orderId) {
                try raw.withText(7, o.currency) {
                    try raw.withText(9, o.channel) { try raw.step(db) }
                }
            }
        } catch let error as DatabaseError where ordersStartedEmpty && error.resultCode == .SQLITE_CONSTRAINT {
            return .duplicateInImport
        }
        guard raw.changes(db) > 0 else { return .duplicateInImport }
        noteOrderId(o.orderId)
        return .written
    }

    private func prepareOrderLine() throws -> RawStatement {
        // Before the statement is compiled, so it is compiled without the trigger.
        if !ordersStartedEmpty { updateTriggerSuspended = try OrderLineColumnsSchema.suspendUpdateTrigger(db) }
        let statement =
            ordersStartedEmpty
            ? try self.prepared(
                .orderLineInsert,
                """
                INSERT INTO order_line (order_id, line, customer_ref, product_ref, quantity, unit_price_minor,
                    currency, ordered_at, channel, discount_minor, import_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            : try self.prepared(
                .orderLine,
                """
                INSERT INTO order_line (order_id, line, customer_ref, product_ref, quantity, unit_price_minor,
                    currency, ordered_at, channel, discount_minor, import_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(order_id, line) DO UPDATE SET customer_ref = excluded.customer_ref,
                    product_ref = excluded.product_ref, quantity = excluded.quantity,
                    unit_price_minor = excluded.unit_price_minor, currency = excluded.currency,
                    ordered_at = excluded.ordered_at, channel = excluded.channel,
                    discount_minor = excluded.discount_minor, import_id = excluded.import_id
                WHERE order_line.import_id IS NOT excluded.import_id
                """)
        let raw = RawStatement(statement)
        orderLineStatement = raw
        return raw
    }

    /// Widens `orderIdRange` to `id`. Lines mostly arrive in order-id order, so this is usually
    /// one comparison of a few bytes.
    private func noteOrderId(_ id: String) {
        guard let range = orderIdRange else {
            orderIdRange = (id, id)
            return
        }
        if OrderLineColumns.precedes(range.hi, id) {
            orderIdRange = (range.lo, id)
        } else if OrderLineColumns.precedes(id, range.lo) {
            orderIdRange = (id, range.hi)
        }
    }

    /// Feedback text is sealed with the customer's key (so erasure erases it) or, for anonymous
    /// feedback, with the workspace key.
    public func write(_ f: Feedback) throws -> WriteOutcome {
        let key: PersonKey
        let context: String
        if let customer = f.customerId,
            let wrapped = try Data.fetchOne(db, sql: "SELECT wrapped FROM person_key WHERE subject = ?", arguments: ["c:" + customer])
        {
            key = try keys.unwrap(wrapped)
            context = KeyRing.feedbackContext(id: f.id, customerId: customer)
        } else {
            key = keys.workspace
            context = KeyRing.feedbackContext(id: f.id, customerId: nil)
        }
        let sealed = try key.seal(Data(f.text.utf8), context: context)
        let statement = try self.prepared(
            .feedback,
            """
            INSERT INTO feedback (id, customer_id, product_id, kind, rating, sealed_text, language, created_at, import_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET customer_id = excluded.customer_id, product_id = excluded.product_id,
                kind = excluded.kind, rating = excluded.rating, sealed_text = excluded.sealed_text,
                language = excluded.language, created_at = excluded.created_at, import_id = excluded.import_id
            WHERE feedback.import_id IS NOT excluded.import_id
            """)
        statement.setUncheckedArguments([
            f.id, f.customerId, f.productId, f.kind.rawValue, f.rating, sealed, f.language?.rawValue,
            Int64(f.createdAt.timeIntervalSince1970), importId,
        ])
        try statement.execute()
        return db.changesCount > 0 ? .written : .duplicateInImport
    }

    /// Appends a consent event; the same event imported again is ignored (the ledger is append-only).
    public func write(_ c: ConsentEvent, recordedAt: Date) throws -> WriteOutcome {
        let statement = try self.prepared(
            .consent,
            """
            INSERT OR IGNORE INTO consent_event (customer_id, purpose, granted, at, source, text_version, recorded_at, import_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        statement.setUncheckedArguments([
            c.customerId, c.purpose.rawValue, c.granted ? 1 : 0, Int64(c.at.timeIntervalSince1970), c.source,
            c.textVersion, Int64(recordedAt.timeIntervalSince1970), importId,
        ])
        try statement.execute()
        return db.changesCount > 0 ? .written : .alreadyPresent
    }

    public func write(_ prepared: PreparedLead) throws -> WriteOutcome {
        let l = prepared.lead
        let statement = try self.prepared(
            .lead,
            """
            INSERT INTO lead (id, company, sealed_contact, source, industry, size, created_at, stage, outcome,
                emails_opened, visits, meetings, last_activity_at, stage_since, import_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET company = excluded.company, sealed_contact = excluded.sealed_contact,
                source = excluded.source, industry = excluded.industry, size = excluded.size,
                created_at = excluded.created_at, stage = excluded.stage, outcome = excluded.outcome,
                emails_opened = excluded.emails_opened, visits = excluded.visits, meetings = excluded.meetings,
                last_activity_at = excluded.last_activity_at, stage_since = excluded.stage_since,
                import_id = excluded.import_id
            WHERE lead.import_id IS NOT excluded.import_id
            """)
        statement.setUncheckedArguments([
            l.id, l.company, prepared.sealedContact, l.source, l.industry, l.size,
            Int64(l.createdAt.timeIntervalSince1970), l.stage.rawValue, l.outcome.rawValue, l.emailsOpened,
            l.visits, l.meetings, l.lastActivityAt.map { Int64($0.timeIntervalSince1970) },
            l.stageSince.map { Int64($0.timeIntervalSince1970) }, importId,
        ])
        try statement.execute()
        guard db.changesCount > 0 else { return .duplicateInImport }
        if let wrapped = prepared.wrappedKey {
            try db.execute(
                sql: "INSERT INTO person_key (subject, wrapped) VALUES (?, ?) ON CONFLICT(subject) DO UPDATE SET wrapped = excluded.wrapped",
                arguments: ["l:" + l.id, wrapped])
        }
        return .written
    }
}

extension SQLiteStore {
    /// Runs an import as one transaction. If `body` throws, nothing of it lands (invariant 6) and
    /// the attempt is recorded as rejected; otherwise the run is recorded as committed.
    public func importTransaction<T>(
        entity: Entity, fileName: String, format: String, now: Date = Date(), expectedRows: Int = 0,
        _ body: (ImportWriter) throws -> (result: T, rowsOK: Int, rowsRejected: Int)
    ) throws -> T {
        // Bulk load: when a file brings more order lines than the table holds, the index on
        // customer_id is dropped and rebuilt once, sorted, at the end of the same transaction.
        // Updating it row by row in random order cost more than all other work of the import
        // (measured: 2.8 s against 1.0 s + 0.7 s for 1M lines); atomic all the same.
        var deferred: [(name: String, sql: String)] = []
        if entity == .orders && expectedRows > 10_000 {
            let existing = try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM order_line") ?? 0 }
            if existing < expectedRows { deferred = [("order_line_customer", "CREATE INDEX order_line_customer ON order_line(customer_ref)")] }
        }
        return try importTransaction(label: entity.rawValue, fileName: fileName, format: format, now: now, deferredIndexes: deferred, body)
    }

    /// The same, with a free label for loads that span several entities (the demo shop).
    public func importTransaction<T>(
        label: String, fileName: String, format: String, now: Date = Date(),
        deferredIndexes: [(name: String, sql: String)] = [],
        _ body: (ImportWriter) throws -> (result: T, rowsOK: Int, rowsRejected: Int)
    ) throws -> T {
        let started = Int64(now.timeIntervalSince1970)
        do {
            return try writer.write { db in
                try db.execute(
                    sql: "INSERT INTO import_run (entity, file_name, format, started_at, status) VALUES (?, ?, ?, ?, 'running')",
                    arguments: [label, fileName, format, started])
                let importId = db.lastInsertedRowID
                for index in deferredIndexes { try db.execute(sql: "DROP INDEX IF EXISTS \(index.name)") }
                let importWriter = try ImportWriter(db: db, importId: importId, keys: keys)
                let outcome = try body(importWriter)
                // Inserted lines invalidate their chunks here, once, not by a trigger per line
                // (measured: a trigger cost 2.5 µs per line, +2.5 s per million lines imported).
                if importWriter.updateTriggerSuspended { try OrderLineColumnsSchema.resumeUpdateTrigger(db) }
                if let range = importWriter.orderIdRange { try OrderLineColumns.invalidate(db, from: range.lo, through: range.hi) }
                for index in deferredIndexes { try db.execute(sql: index.sql) }
                try db.execute(
                    sql: "UPDATE import_run SET status = 'committed', finished_at = ?, rows_ok = ?, rows_rejected = ? WHERE id = ?",
                    arguments: [Int64(Date().timeIntervalSince1970), outcome.rowsOK, outcome.rowsRejected, importId])
                return outcome.result
            }
        } catch {
            try? writer.write { db in
                try db.execute(
                    sql: "INSERT INTO import_run (entity, file_name, format, started_at, finished_at, status) VALUES (?, ?, ?, ?, ?, 'rejected')",
                    arguments: [label, fileName, format, started, Int64(Date().timeIntervalSince1970)])
            }
            throw error
        }
    }
}

/// A write that names a customer or product the store does not hold (the importer checks
/// references before writing; this guards direct callers).
public enum ImportWriterError: Error, Sendable {
    case unknownReference
}
