import Foundation
import GRDB
import ObhutCore

/// The raw counts behind the data-quality report, read from the store without decrypting
/// anything: presence and soft-validity are kept per row as bit masks, duplicates are found on
/// the keyed indexes.
public struct QualityFacts: Sendable, Codable, Equatable {
    public struct FieldCount: Sendable, Codable, Equatable {
        public var field: String
        public var present: Int
        public var invalid: Int
    }

    public struct EntityFacts: Sendable, Codable, Equatable {
        public var entity: Entity
        public var rows: Int
        public var fields: [FieldCount]
        /// Extra copies of the same normalised e-mail (a group of 3 counts 2).
        public var exactDuplicates: Int
        /// Extra copies with the same last name + postal code but another or no e-mail.
        public var likelyDuplicates: Int
        public var stale: Int
        public var outliers: Int
    }

    public var entities: [EntityFacts]

    /// Reads the facts. `staleBefore`: rows not updated since then count as stale.
    /// `usesColumnCopy`: the order lines are read from their columnar copy (refreshed first where
    /// it is missing), off: every line from `order_line` (the tests compare both).
    public static func read(from store: SQLiteStore, staleBefore: Date, now: Date, usesColumnCopy: Bool = true) throws -> QualityFacts {
        if usesColumnCopy { try OrderLineColumns.refresh(store.writer) }
        return try store.writer.read { db in
            let stale = Int64(staleBefore.timeIntervalSince1970)
            let future = Int64(now.timeIntervalSince1970) + 86_400
            var out: [EntityFacts] = []

            // Customers: presence / soft validity per field from the masks.
            let customerRows = try Int.fetchOne(db, sql: "SELECT count(*) FROM customer") ?? 0
            // One scan for every field's presence and soft validity.
            let fieldSums = CustomerField.allCases.map { f in
                "coalesce(sum((present_mask & \(f.bit)) != 0), 0), coalesce(sum((soft_invalid_mask & \(f.bit)) != 0), 0)"
            }.joined(separator: ", ")
            let sums = try Row.fetchOne(db, sql: "SELECT \(fieldSums) FROM customer")!
            let customerFields = CustomerField.allCases.enumerated().map { i, f in
                FieldCount(field: f.rawValue, present: sums[2 * i], invalid: sums[2 * i + 1])
            }
            let exact =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM customer
                        WHERE email_index IS NOT NULL GROUP BY email_index HAVING n > 1)
                        """) ?? 0
            // Same name + postal code, not already counted as an exact duplicate: per group, the
            // records beyond the first that do not share an e-mail with an earlier one. The groups
            // come from the covering index; only their rows are read.
            var likely = 0
            var group: (key: Data?, emails: Set<Data>, count: Int) = (nil, [], 0)
            let cursor = try Row.fetchCursor(
                db,
                sql: """
                    SELECT identity_index AS k, email_index AS e FROM customer WHERE identity_index IN
                    (SELECT identity_index FROM customer WHERE identity_index IS NOT NULL GROUP BY identity_index HAVING count(*) > 1)
                    ORDER BY identity_index
                    """)
            while let row = try cursor.next() {
                let key: Data = row["k"]
                if key != group.key { group = (key, [], 0) }
                let email: Data? = row["e"]
                if group.count > 0 && (email == nil || !group.emails.contains(email!)) { likely += 1 }
                if let email { group.emails.insert(email) }
                group.count += 1
            }
            let staleCustomers =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM customer WHERE coalesce(updated_at, created_at) < ?
                        """, arguments: [stale]) ?? 0
            out.append(
                EntityFacts(
                    entity: .customers, rows: customerRows, fields: customerFields,
                    exactDuplicates: exact, likelyDuplicates: max(0, likely), stale: staleCustomers, outliers: 0))

            // Products.
            let products = try Row.fetchOne(
                db,
                sql: """
                    SELECT count(*) AS n, count(category) AS category, count(price_minor) AS price,
                           coalesce(sum(price_minor <= 0), 0) AS bad_price, count(currency) AS currency
                    FROM product
                    """)!
            out.append(
                EntityFacts(
                    entity: .products, rows: products["n"],
                    fields: [
                        FieldCount(field: "category", present: products["category"], invalid: 0),
                        FieldCount(field: "price", present: products["price"], invalid: products["bad_price"]),
                        FieldCount(field: "currency", present: products["currency"], invalid: 0),
                    ], exactDuplicates: 0, likelyDuplicates: 0, stale: 0, outliers: 0))

            // Order lines: counts and outliers by line value against the interquartile range, in
            // one pass (it is the largest table). Read from the columnar copy, which holds every
            // value needed here (a scan of `order_line` cost 1.5 s of a 3.3 s pre-flight at 4.9M
            // lines); a range the copy lacks is scanned in `order_line`.
            // Outliers on the log of the line value: prices are skewed, so fences on the raw values
            // would flag every expensive article. Beyond 3 interquartile ranges of ln(value). The
            // quartiles come from a histogram of ln(value) in steps of 0.05 (one scan, no sort).
            var orders = OrderLineTally(future: future)
            if usesColumnCopy {
                try OrderLineColumns.forEachSegment(db, columns: [.quantity, .unitPriceMinor, .orderedAt, .hasChannel]) { segment in
                    switch segment {
                    case .chunk(let c):
                        for i in 0..<c.lines {
                            orders.add(
                                hasChannel: c.hasChannel[i] != 0, hasCustomer: c.customerRef[i] >= 0, at: c.orderedAt[i], quantity: c.quantity[i],
                                price: c.unitPriceMinor[i])
                        }
                    case .uncovered(let from, let to): try orders.scan(db, from: from, to: to)
                    }
                }
            } else {
                try orders.scan(db, from: "", to: nil)
            }
            var outliers = 0
            let histogram = orders.bins.sorted { $0.key < $1.key }.map { (bin: $0.key, n: $0.value) }
            let positive = histogram.reduce(0) { $0 + $1.n }
            if positive >= 20 {
                func quantile(_ q: Double) -> Double {
                    let target = Int(Double(positive) * q)
                    var seen = 0
                    for h in histogram {
                        seen += h.n
                        if seen > target { return (Double(h.bin) + 0.5) / 20 }
                    }
                    return Double(histogram.last!.bin) / 20
                }
                let q1 = quantile(0.25), q3 = quantile(0.75)
                let spread = max(q3 - q1, 0.1)
                let high = Int(((q3 + 3 * spread) * 20).rounded(.up)), low = Int(((q1 - 3 * spread) * 20).rounded(.down))
                outliers = histogram.filter { $0.bin >= high || $0.bin < low }.reduce(0) { $0 + $1.n }
            }
            out.append(
                EntityFacts(
                    entity: .orders, rows: orders.rows,
                    fields: [
                        FieldCount(field: "channel", present: orders.withChannel, invalid: 0),
                        FieldCount(field: "customer_id", present: orders.withCustomer, invalid: 0),
                        FieldCount(field: "ordered_at", present: orders.rows, invalid: orders.inFuture),
                    ], exactDuplicates: 0, likelyDuplicates: 0, stale: 0, outliers: outliers))

            let feedback = try Row.fetchOne(
                db,
                sql: """
                    SELECT count(*) AS n, count(rating) AS rating, count(language) AS language,
                           count(customer_id) AS customer, coalesce(sum(created_at > ?), 0) AS future FROM feedback
                    """, arguments: [future])!
            out.append(
                EntityFacts(
                    entity: .feedback, rows: feedback["n"],
                    fields: [
                        FieldCount(field: "rating", present: feedback["rating"], invalid: 0),
                        FieldCount(field: "language", present: feedback["language"], invalid: 0),
                        FieldCount(field: "customer_id", present: feedback["customer"], invalid: 0),
                        FieldCount(field: "created_at", present: feedback["n"], invalid: feedback["future"]),
                    ], exactDuplicates: 0, likelyDuplicates: 0, stale: 0, outliers: 0))

            let consents = try Row.fetchOne(
                db,
                sql: """
                    SELECT count(*) AS n, coalesce(sum(source <> ''), 0) AS source, coalesce(sum(text_version <> ''), 0) AS version,
                           coalesce(sum(at > ?), 0) AS future FROM consent_event
                    """, arguments: [future])!
            out.append(
                EntityFacts(
                    entity: .consents, rows: consents["n"],
                    fields: [
                        FieldCount(field: "source", present: consents["source"], invalid: 0),
                        FieldCount(field: "text_version", present: consents["version"], invalid: 0),
                        FieldCount(field: "at", present: consents["n"], invalid: consents["future"]),
                    ], exactDuplicates: 0, likelyDuplicates: 0, stale: 0, outliers: 0))

            let leads = try Row.fetchOne(
                db,
                sql: """
                    SELECT count(*) AS n, count(source) AS source, count(industry) AS industry, count(size) AS size,
                           count(sealed_contact) AS contact,
                           coalesce(sum(outcome = 'open' AND coalesce(last_activity_at, created_at) < ?), 0) AS stale
                    FROM lead
                    """, arguments: [stale])!
            out.append(
                EntityFacts(
                    entity: .leads, rows: leads["n"],
                    fields: [
                        FieldCount(field: "source", present: leads["source"], invalid: 0),
                        FieldCount(field: "industry", present: leads["industry"], invalid: 0),
                        FieldCount(field: "size", present: leads["size"], invalid: 0),
                        FieldCount(field: "contact", present: leads["contact"], invalid: 0),
                    ], exactDuplicates: 0, likelyDuplicates: 0, stale: leads["stale"], outliers: 0))
            return QualityFacts(entities: out)
        }
    }
}

/// Counts of the order lines for the quality report, added line by line from the columnar copy
/// or from a scan of `order_line`.
struct OrderLineTally {
    let future: Int64
    var rows = 0, withChannel = 0, withCustomer = 0, inFuture = 0
    /// Lines per step of 0.05 in ln(quantity × unit price).
    var bins: [Int: Int] = [:]

    init(future: Int64) { self.future = future }

    mutating func add(hasChannel: Bool, hasCustomer: Bool, at: Int64, quantity: Double, price: Int64) {
        rows += 1
        if hasChannel { withChannel += 1 }
        if hasCustomer { withCustomer += 1 }
        if at > future { inFuture += 1 }
        if quantity > 0 && price > 0 { bins[Int((log(quantity * Double(price)) * 20).rounded(.down)), default: 0] += 1 }
    }

    /// Adds the lines with `from <= order_id < to` (`to` nil: to the last) from `order_line`.
    mutating func scan(_ db: Database, from: String, to: String?) throws {
        let range = OrderLineColumns.idRange(from: from, to: to)
        let lines = try RawRows(
            db,
            sql: "SELECT channel IS NOT NULL, customer_ref IS NOT NULL, ordered_at, quantity, unit_price_minor FROM order_line WHERE \(range.sql)",
            arguments: range.arguments)
        while try lines.next() {
            add(
                hasChannel: lines.int64(0) != 0, hasCustomer: lines.int64(1) != 0, at: lines.int64(2), quantity: lines.double(3),
                price: lines.int64(4))
        }
    }
}
