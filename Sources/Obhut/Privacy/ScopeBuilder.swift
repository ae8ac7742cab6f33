import Foundation
import GRDB
import ObhutCore
import ObhutStore

/// Builds the scope of an activity from the store, and the facts the pre-flight check needs.
/// The only road from the store to the analytics (invariant 2).
struct ScopeBuilder {
    let workspace: Workspace
    let register: ProcessingRegister
    let activity: ProcessingActivity

    var store: SQLiteStore { workspace.store }

    /// Customers with a valid legal basis for the activity's purpose, not restricted, not
    /// objecting; sorted by id so person indexes are deterministic.
    func eligibleCustomerIds(_ db: Database) throws -> [String] {
        let purpose = activity.purpose.rawValue
        let excluded = Set(
            try String.fetchAll(db, sql: "SELECT customer_id FROM person_restriction WHERE purpose IS NULL OR purpose = ?", arguments: [purpose]))
        var ids: [String]
        if activity.legalBasis.requiresConsent {
            // The latest event per person decides (ties by ledger order): SQLite returns the bare
            // column `granted` from the row that holds the max() of the group, in one index scan.
            // at · 2^30 + seq orders by time, then ledger order, and fits 64 bits until 2242.
            ids = try String.fetchAll(
                db,
                sql: """
                    SELECT customer_id FROM (SELECT customer_id, granted, max(at * 1073741824 + seq) FROM consent_event
                    WHERE purpose = ? GROUP BY customer_id) WHERE granted = 1
                    """, arguments: [purpose])
            ids.sort()
        } else {
            ids = try String.fetchAll(db, sql: "SELECT id FROM customer ORDER BY id")
        }
        return excluded.isEmpty ? ids : ids.filter { !excluded.contains($0) }
    }

    /// People with a granted consent, per purpose (latest event wins).
    func consentCoverage(_ db: Database) throws -> [String: Int] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT purpose, sum(granted) AS n FROM (SELECT customer_id, purpose, granted, max(at * 1073741824 + seq) FROM consent_event
                GROUP BY customer_id, purpose) GROUP BY purpose
                """)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["purpose"] as String, $0["n"] as Int) })
    }

    func specialCategoryUses(_ db: Database) throws -> [PreflightFacts.SpecialCategoryUse] {
        guard activity.fields.contains(where: { $0.hasPrefix("orders.") }) else { return [] }
        var byCategory: [String: (special: String, products: [String])] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, category FROM product WHERE category IS NOT NULL") {
            let category: String = row["category"]
            guard let special = register.specialCategory(ofProductCategory: category) else { continue }
            byCategory[category, default: (special, [])].products.append(row["id"])
        }
        return try byCategory.sorted { $0.key < $1.key }.map { category, value in
            let placeholders = value.products.map { _ in "?" }.joined(separator: ",")
            let n =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM order_line WHERE product_id IN (\(placeholders))", arguments: StatementArguments(value.products))
                ?? 0
            return PreflightFacts.SpecialCategoryUse(productCategory: category, specialCategory: value.special, orderLines: n)
        }
    }

    func facts(quality: QualityReport) throws -> PreflightFacts {
        try store.writer.read { db in
            let purpose = activity.purpose.rawValue
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM customer") ?? 0
            let eligible = try eligibleCustomerIds(db).count
            let restricted =
                try Int.fetchOne(
                    db,
                    sql: "SELECT count(DISTINCT customer_id) FROM person_restriction WHERE kind = 'restrict' AND (purpose IS NULL OR purpose = ?)",
                    arguments: [purpose]) ?? 0
            let objecting =
                try Int.fetchOne(
                    db, sql: "SELECT count(DISTINCT customer_id) FROM person_restriction WHERE kind = 'object' AND (purpose IS NULL OR purpose = ?)",
                    arguments: [purpose]) ?? 0
            let leads =
                try activity.fields.contains { $0.hasPrefix("leads.") } ? Int.fetchOne(db, sql: "SELECT count(*) FROM lead WHERE objected = 0") : nil
            return PreflightFacts(
                activity: activity, purpose: register.purpose(activity.purpose), peopleInScope: eligible, customersTotal: total,
                consentCoverage: try consentCoverage(db),
                excludedNoConsent: activity.legalBasis.requiresConsent ? max(0, total - eligible - restricted - objecting) : 0,
                excludedRestricted: restricted, excludedObjecting: objecting,
                qualityScore: quality.score(of: inputEntities), specialCategoryLines: try specialCategoryUses(db), leadsInScope: leads,
                approvalHolds: workspace.approvalHolds(activity))
        }
    }

    /// Each lead's latest corrected estimate from its owner (nil where none).
    func latestCorrections(_ db: Database, leadIds: [String]) throws -> [Double?] {
        var latest: [String: Double] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT lead_id, corrected FROM lead_feedback WHERE id IN
                (SELECT max(id) FROM lead_feedback WHERE kind = 'correction' GROUP BY lead_id)
                """)
        {
            latest[row["lead_id"]] = row["corrected"]
        }
        return leadIds.map { latest[$0] }
    }

    /// The entities the activity reads, for the quality gate.
    var inputEntities: Set<Entity> {
        var out = Set<Entity>()
        for f in activity.fields {
            switch f.split(separator: ".").first {
            case "orders": out.insert(.orders)
            case "products": out.insert(.products)
            case "customers": out.insert(.customers)
            case "feedback": out.insert(.feedback)
            case "leads": out.insert(.leads)
            default: break
            }
        }
        return out
    }

    /// Reads the scope: only declared columns, only eligible people, order lines of special
    /// categories left out.
    func build() throws -> Scope {
        let declared = Set(activity.fields)
        let pseudonymiser = store.keys.pseudonymiser(activity: activity.name)
        return try store.writer.read { db in
            // Lead activities concern business contacts, not customers.
            let concernsCustomers = declared.contains { !$0.hasPrefix("leads.") }
            let ids = concernsCustomers ? try eligibleCustomerIds(db) : []
            var index = [String: Int32](minimumCapacity: ids.count)
            for (i, id) in ids.enumerated() { index[id] = Int32(i) }
            let people = PseudonymList(ids: ids, pseudonymiser: pseudonymiser)

            var orders: OrderTable?
            var products: ProductTable?
            if declared.contains(where: { $0.hasPrefix("orders.") }) {
                // Products: all, so indexes are stable; the special-category ones are filtered from lines.
                let productRows = try Row.fetchAll(db, sql: "SELECT id, name, category, for_sale, price_minor FROM product ORDER BY id")
                var productIndex = [String: Int32](minimumCapacity: productRows.count)
                var excluded = Set<Int32>()
                for (i, row) in productRows.enumerated() {
                    productIndex[row["id"]] = Int32(i)
                    if let c: String = row["category"], register.specialCategory(ofProductCategory: c) != nil { excluded.insert(Int32(i)) }
                }
                products = ProductTable(
                    ids: productRows.map { $0["id"] },
                    names: declared.contains("products.name") ? productRows.map { $0["name"] } : nil,
                    categories: declared.contains("products.category") ? productRows.map { $0["category"] } : nil,
                    forSale: declared.contains("products.for_sale") ? productRows.map { ($0["for_sale"] as Int) != 0 } : nil,
                    priceMinor: declared.contains("products.price") ? productRows.map { $0["price_minor"] } : nil)

                var person: [Int32] = [], order: [Int32] = [], product: [Int32] = []
                var quantity: [Double] = [], price: [Int64] = [], discount: [Int64] = [], at: [Int64] = []
                // order_line is stored in (order_id, line) order, and a scan returns it so: lines of one
                // order are adjacent, and the dense order number grows when the id changes.
                var previousOrder = ""
                var orderNumber: Int32 = -1
                let cursor = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT customer_id, order_id, product_id, quantity, unit_price_minor, discount_minor, ordered_at
                        FROM order_line WHERE customer_id IS NOT NULL
                        """)
                while let row = try cursor.next() {
                    guard let p = index[row[0] as String], let prod = productIndex[row[2] as String], !excluded.contains(prod) else { continue }
                    person.append(p)
                    if declared.contains("orders.order_id") {
                        let key: String = row[1]
                        if key != previousOrder {
                            orderNumber += 1
                            previousOrder = key
                        }
                        order.append(orderNumber)
                    }
                    if declared.contains("orders.product_id") { product.append(prod) }
                    if declared.contains("orders.quantity") { quantity.append(row[3]) }
                    if declared.contains("orders.unit_price") { price.append(row[4]) }
                    if declared.contains("orders.discount") { discount.append(row[5]) }
                    if declared.contains("orders.ordered_at") { at.append(row[6]) }
                }
                orders = OrderTable(
                    person: person, order: declared.contains("orders.order_id") ? order : nil,
                    product: declared.contains("orders.product_id") ? product : nil,
                    quantity: declared.contains("orders.quantity") ? quantity : nil,
                    unitPriceMinor: declared.contains("orders.unit_price") ? price : nil,
                    discountMinor: declared.contains("orders.discount") ? discount : nil,
                    orderedAt: declared.contains("orders.ordered_at") ? at : nil)
            }

            var customers: CustomerTable?
            if declared.contains(where: { $0.hasPrefix("customers.") }) {
                var country = [String?](repeating: nil, count: ids.count), language = country
                var created = [Int64?](repeating: nil, count: ids.count)
                for row in try Row.fetchAll(db, sql: "SELECT id, country, language, created_at FROM customer") {
                    guard let i = index[row["id"] as String] else { continue }
                    country[Int(i)] = row["country"]
                    language[Int(i)] = row["language"]
                    created[Int(i)] = row["created_at"]
                }
                customers = CustomerTable(
                    country: declared.contains("customers.country") ? country : nil,
                    language: declared.contains("customers.language") ? language : nil,
                    createdAt: declared.contains("customers.created_at") ? created : nil)
            }

            var feedback: FeedbackTable?
            if declared.contains(where: { $0.hasPrefix("feedback.") }) {
                var person: [Int32] = [], product: [String?] = [], rating: [Int?] = [], text: [String] = [], lang: [String?] = [], at: [Int64] = []
                let wantsText = declared.contains("feedback.text")
                let cursor = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT f.id, f.customer_id, f.product_id, f.rating, f.sealed_text, f.language, f.created_at, k.wrapped
                        FROM feedback f LEFT JOIN person_key k ON k.subject = 'c:' || f.customer_id ORDER BY f.created_at, f.id
                        """)
                while let row = try cursor.next() {
                    let customer: String? = row["customer_id"]
                    var p: Int32 = -1
                    if let customer {
                        // Feedback of people outside the scope is left out entirely.
                        guard let i = index[customer] else { continue }
                        p = i
                    }
                    person.append(p)
                    product.append(row["product_id"])
                    rating.append(row["rating"])
                    lang.append(row["language"])
                    at.append(row["created_at"])
                    if wantsText {
                        text.append(
                            try store.keys.openFeedbackText(
                                id: row["id"], customerId: customer, sealed: row["sealed_text"], wrappedKey: row["wrapped"]))
                    }
                }
                feedback = FeedbackTable(
                    person: person, product: declared.contains("feedback.product_id") ? product : nil,
                    rating: declared.contains("feedback.rating") ? rating : nil, text: wantsText ? text : nil,
                    language: declared.contains("feedback.language") ? lang : nil, createdAt: declared.contains("feedback.created_at") ? at : nil)
            }

            var leads: LeadTable?
            if declared.contains(where: { $0.hasPrefix("leads.") }) {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM lead WHERE objected = 0 ORDER BY id")
                let leadPseudonyms = store.keys.pseudonymiser(activity: activity.name + "/leads")
                func col<T>(_ field: String, _ f: (Row) -> T) -> [T]? { declared.contains("leads." + field) ? rows.map(f) : nil }
                leads = LeadTable(
                    pseudonyms: rows.map { leadPseudonyms.pseudonym($0["id"]) }, leadIds: rows.map { $0["id"] },
                    source: col("source") { $0["source"] }, industry: col("industry") { $0["industry"] }, size: col("size") { $0["size"] },
                    createdAt: col("created_at") { $0["created_at"] }, stage: col("stage") { $0["stage"] }, outcome: col("outcome") { $0["outcome"] },
                    emailsOpened: col("emails_opened") { $0["emails_opened"] }, visits: col("visits") { $0["visits"] },
                    meetings: col("meetings") { $0["meetings"] }, lastActivityAt: col("last_activity_at") { $0["last_activity_at"] },
                    stageSince: col("stage_since") { $0["stage_since"] },
                    correctedProbability: try latestCorrections(db, leadIds: rows.map { $0["id"] }))
            }
            return Scope(
                activity: activity.name, purpose: activity.purpose, people: people, customerIds: ids, orders: orders,
                products: products, customers: customers, feedback: feedback, leads: leads, asOf: workspace.clock())
        }
    }
}
