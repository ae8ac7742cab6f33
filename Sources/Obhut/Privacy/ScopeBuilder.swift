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
    /// Whether order lines are read from their columnar copy (refreshed first where it is
    /// missing); off, every line is read from `order_line`. The tests compare both.
    var usesColumnCopy = true
    /// Whether the copy is refreshed before a scope is read (off only in tests, to read a copy
    /// that is partly out of date).
    var refreshesColumnCopy = true

    var store: SQLiteStore { workspace.store }

    /// Whether the activity reads feedback and nothing else: then its people are the admitted
    /// authors of feedback, not every customer its purpose admits. Only their data is read, so
    /// the scope, the audit entry and the pre-flight count them, and no walk over all customers
    /// is needed.
    var peopleAreFeedbackAuthors: Bool {
        !activity.fields.isEmpty && activity.fields.allSatisfy { $0.hasPrefix("feedback.") }
    }

    /// The people a scope holds, in person-index order, with their integer keys: sorted by
    /// customer id for the customers a purpose admits, by integer key for the admitted authors of
    /// feedback (either way deterministic).
    struct EligiblePeople {
        var ids: [String] = []
        var refs: [Int64] = []
    }

    /// Who the activity's purpose admits, decided per person: consent by integer key where the
    /// legal basis needs it, and the ids restricted or objecting for the purpose.
    ///
    /// Consent comes from `consent_state` (the latest event per purpose and person, kept by the
    /// ledger's triggers): one range scan of integers, marked in a flag per key.
    func eligibility(_ db: Database) throws -> ScopeEligibility {
        let purpose = activity.purpose.rawValue
        var restricted = Set<String>(), objecting = Set<String>()
        for row in try Row.fetchAll(
            db, sql: "SELECT customer_id, kind FROM person_restriction WHERE purpose IS NULL OR purpose = ?", arguments: [purpose])
        {
            if (row["kind"] as String) == "object" { objecting.insert(row["customer_id"]) } else { restricted.insert(row["customer_id"]) }
        }
        let maxRef = Int(try Int64.fetchOne(db, sql: "SELECT max(ref) FROM customer") ?? 0)
        var consenting: [Bool]?
        if activity.legalBasis.requiresConsent {
            var flags = [Bool](repeating: false, count: maxRef + 1)
            let rows = try RawRows(db, sql: "SELECT customer_ref FROM consent_state WHERE purpose = ? AND granted = 1", arguments: [purpose])
            while try rows.next() {
                let ref = Int(rows.int64(0))
                if ref >= 0 && ref <= maxRef { flags[ref] = true }
            }
            consenting = flags
        }
        return ScopeEligibility(maxRef: maxRef, consenting: consenting, restricted: restricted, objecting: objecting)
    }

    /// Customers with a valid legal basis for the activity's purpose, not restricted, not
    /// objecting; sorted by id.
    ///
    /// One walk of the customer id index, which holds the key too (covering), yields the order by
    /// id; only the people kept become Strings.
    func eligiblePeople(_ db: Database, _ eligibility: ScopeEligibility) throws -> EligiblePeople {
        var people = EligiblePeople()
        let rows = try RawRows(db, sql: "SELECT ref, id FROM customer ORDER BY id")
        while try rows.next() {
            let ref = rows.int64(0)
            guard eligibility.consents(ref: ref) else { continue }
            let id = rows.string(1)
            guard eligibility.admits(ref: ref, id: id) else { continue }
            people.ids.append(id)
            people.refs.append(ref)
        }
        return people
    }

    /// People with a granted consent, per purpose (latest event wins).
    func consentCoverage(_ db: Database) throws -> [String: Int] {
        let rows = try Row.fetchAll(db, sql: "SELECT purpose, sum(granted) AS n FROM consent_state GROUP BY purpose")
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["purpose"] as String, $0["n"] as Int) })
    }

    /// Order lines of products whose category reveals a special category of data (Art. 9), per
    /// product category: counted in the columnar copy's product column (a range it lacks is
    /// counted in `order_line`), only for activities that read order lines.
    func specialCategoryUses(_ db: Database) throws -> [PreflightFacts.SpecialCategoryUse] {
        guard activity.fields.contains(where: { $0.hasPrefix("orders.") }) else { return [] }
        var specialOfRef: [Int64: (category: String, special: String)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT ref, category FROM product WHERE category IS NOT NULL") {
            let category: String = row["category"]
            guard let special = register.specialCategory(ofProductCategory: category) else { continue }
            specialOfRef[row["ref"]] = (category, special)
        }
        guard !specialOfRef.isEmpty else { return [] }
        let maxRef = Int(specialOfRef.keys.max() ?? 0)
        var isSpecial = [Bool](repeating: false, count: maxRef + 1)
        for ref in specialOfRef.keys where ref >= 0 { isSpecial[Int(ref)] = true }
        var lines: [Int64: Int] = [:]
        let refs = specialOfRef.keys.sorted()
        let placeholders = refs.map { _ in "?" }.joined(separator: ",")
        func scan(from: String, to: String?) throws {
            let range = OrderLineColumns.idRange(from: from, to: to)
            for row in try Row.fetchAll(
                db, sql: "SELECT product_ref, count(*) FROM order_line WHERE product_ref IN (\(placeholders)) AND \(range.sql) GROUP BY product_ref",
                arguments: StatementArguments(refs) + range.arguments)
            {
                lines[row[0], default: 0] += row[1] as Int
            }
        }
        if usesColumnCopy {
            try OrderLineColumns.forEachSegment(db, columns: []) { segment in
                switch segment {
                case .chunk(let chunk):
                    for p in chunk.productRef where p >= 0 && Int(p) <= maxRef && isSpecial[Int(p)] { lines[Int64(p), default: 0] += 1 }
                case .uncovered(let from, let to): try scan(from: from, to: to)
                }
            }
        } else {
            try scan(from: "", to: nil)
        }
        var byCategory: [String: (special: String, lines: Int)] = [:]
        for (ref, value) in specialOfRef { byCategory[value.category, default: (value.special, 0)].lines += lines[ref] ?? 0 }
        return byCategory.sorted { $0.key < $1.key }.map { category, value in
            PreflightFacts.SpecialCategoryUse(productCategory: category, specialCategory: value.special, orderLines: value.lines)
        }
    }

    func facts(quality: QualityReport) throws -> PreflightFacts {
        try store.writer.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM customer") ?? 0
            let leads =
                try activity.fields.contains { $0.hasPrefix("leads.") } ? Int.fetchOne(db, sql: "SELECT count(*) FROM lead WHERE objected = 0") : nil
            var facts = PreflightFacts(
                activity: activity, purpose: register.purpose(activity.purpose), peopleInScope: 0, customersTotal: total,
                consentCoverage: try consentCoverage(db), excludedNoConsent: 0, excludedRestricted: 0, excludedObjecting: 0,
                qualityScore: quality.score(of: inputEntities), specialCategoryLines: try specialCategoryUses(db), leadsInScope: leads,
                approvalHolds: workspace.approvalHolds(activity))
            let eligibility = try eligibility(db)
            if peopleAreFeedbackAuthors {
                try countAuthors(db, eligibility, into: &facts)
            } else {
                let eligible = try eligiblePeople(db, eligibility).ids.count
                let restricted = eligibility.restricted.count, objecting = eligibility.objecting.count
                facts.peopleInScope = eligible
                facts.excludedRestricted = restricted
                facts.excludedObjecting = objecting
                facts.excludedNoConsent = activity.legalBasis.requiresConsent ? max(0, total - eligible - restricted - objecting) : 0
            }
            return facts
        }
    }

    /// For an activity whose people are the authors of feedback: who of them the scope holds and
    /// why the others are left out, counted per author exactly (an author without consent who is
    /// also restricted counts under both). Feedback under an id no customer has is nobody's here.
    func countAuthors(_ db: Database, _ eligibility: ScopeEligibility, into facts: inout PreflightFacts) throws {
        var authors = 0, inScope = 0, noConsent = 0, restrictedAuthors = 0, objectingAuthors = 0
        let rows = try RawRows(db, sql: "SELECT c.ref, c.id FROM customer c WHERE c.id IN (SELECT customer_id FROM feedback)")
        while try rows.next() {
            let ref = rows.int64(0)
            // The id is only made where someone is restricted or objecting.
            let id = eligibility.excludesAnyone ? rows.string(1) : ""
            authors += 1
            if !eligibility.consents(ref: ref) { noConsent += 1 }
            if eligibility.restricted.contains(id) { restrictedAuthors += 1 }
            if eligibility.objecting.contains(id) { objectingAuthors += 1 }
            if eligibility.admits(ref: ref, id: id) { inScope += 1 }
        }
        facts.population = .feedbackAuthors
        facts.populationTotal = authors
        facts.peopleInScope = inScope
        facts.excludedNoConsent = activity.legalBasis.requiresConsent ? noConsent : 0
        facts.excludedRestricted = restrictedAuthors
        facts.excludedObjecting = objectingAuthors
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
        if usesColumnCopy && refreshesColumnCopy && declared.contains(where: { $0.hasPrefix("orders.") }) {
            // Brings the copy up to date after writes to the order lines, in its own write
            // transaction. The read below does not rely on it: what is not covered it scans.
            try OrderLineColumns.refresh(store.writer)
        }
        return try store.writer.read { db in
            // Lead activities concern business contacts, not customers.
            let concernsCustomers = declared.contains { !$0.hasPrefix("leads.") }
            let eligibility = concernsCustomers ? try eligibility(db) : nil
            let authorsOnly = peopleAreFeedbackAuthors
            // Feedback first: its texts are opened on the other cores while the rest is read.
            let pendingFeedback =
                try eligibility.flatMap { eligibility in
                    try declared.contains(where: { $0.hasPrefix("feedback.") })
                        ? FeedbackCollector(
                            db, declared: declared, eligibility: eligibility, keys: store.keys, collectsAuthors: authorsOnly) : nil
                }
            do {
                return try buildRest(db, declared: declared, eligibility: eligibility, pendingFeedback: pendingFeedback, pseudonymiser: pseudonymiser)
            } catch {
                pendingFeedback?.cancel()
                throw error
            }
        }
    }

    private func buildRest(
        _ db: Database, declared: Set<String>, eligibility: ScopeEligibility?, pendingFeedback: FeedbackCollector?, pseudonymiser: KeyedHash
    ) throws -> Scope {
        let eligible: EligiblePeople
        if let pendingFeedback, peopleAreFeedbackAuthors {
            eligible = pendingFeedback.authors
        } else {
            eligible = try eligibility.map { try eligiblePeople(db, $0) } ?? EligiblePeople()
        }
        let ids = eligible.ids
        let people = PseudonymList(ids: ids, pseudonymiser: pseudonymiser)
        // Person index by integer key: an array lookup per order line instead of hashing an id.
        // (Lead activities concern no customer: no eligibility, no keys.)
        let maxRef = eligibility?.maxRef ?? 0
        var personOfRef = [Int32](repeating: -1, count: maxRef + 1)
        for (i, ref) in eligible.refs.enumerated() where ref >= 0 && Int(ref) <= maxRef { personOfRef[Int(ref)] = Int32(i) }

        var orders: OrderTable?
        var products: ProductTable?
        if declared.contains(where: { $0.hasPrefix("orders.") }) {
            // Products: all, so indexes are stable; the special-category ones are left out of the lines.
            let productRows = try Row.fetchAll(db, sql: "SELECT ref, id, name, category, for_sale, price_minor FROM product ORDER BY id")
            let maxProductRef = productRows.reduce(0) { max($0, Int($1["ref"] as Int64)) }
            var productOfRef = [Int32](repeating: -1, count: maxProductRef + 1)
            for (i, row) in productRows.enumerated() {
                let special = (row["category"] as String?).map { register.specialCategory(ofProductCategory: $0) != nil } ?? false
                if !special { productOfRef[Int(row["ref"] as Int64)] = Int32(i) }
            }
            products = ProductTable(
                ids: productRows.map { $0["id"] },
                names: declared.contains("products.name") ? productRows.map { $0["name"] } : nil,
                categories: declared.contains("products.category") ? productRows.map { $0["category"] } : nil,
                forSale: declared.contains("products.for_sale") ? productRows.map { ($0["for_sale"] as Int) != 0 } : nil,
                priceMinor: declared.contains("products.price") ? productRows.map { $0["price_minor"] } : nil)
            orders = try readOrderLines(db, declared: declared, personOfRef: personOfRef, productOfRef: productOfRef)
        }

        var customers: CustomerTable?
        if declared.contains(where: { $0.hasPrefix("customers.") }) {
            var country = [String?](repeating: nil, count: ids.count), language = country
            var created = [Int64?](repeating: nil, count: ids.count)
            for row in try Row.fetchAll(db, sql: "SELECT ref, country, language, created_at FROM customer") {
                let ref = Int(row["ref"] as Int64)
                guard ref >= 0, ref <= maxRef, personOfRef[ref] >= 0 else { continue }
                let i = Int(personOfRef[ref])
                country[i] = row["country"]
                language[i] = row["language"]
                created[i] = row["created_at"]
            }
            customers = CustomerTable(
                country: declared.contains("customers.country") ? country : nil,
                language: declared.contains("customers.language") ? language : nil,
                createdAt: declared.contains("customers.created_at") ? created : nil)
        }

        let feedback = try pendingFeedback?.finish(personOfRef: personOfRef)

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
        var scope = Scope(
            activity: activity.name, purpose: activity.purpose, people: people, customerIds: ids, orders: orders,
            products: products, customers: customers, feedback: feedback, leads: leads, asOf: workspace.clock())
        if declared.contains("products.category") {
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT c.ref, r.purpose FROM person_restriction r JOIN customer c ON c.id = r.customer_id
                    WHERE r.kind = 'object' AND r.purpose LIKE 'category:%'
                    """)
            {
                let ref = Int(row["ref"] as Int64)
                guard ref < personOfRef.count, personOfRef[ref] >= 0 else { continue }
                let i = personOfRef[ref]
                scope.objectedCategories[i, default: []].append(String((row["purpose"] as String).dropFirst("category:".count)))
            }
        }
        return scope
    }

    /// Every order line of a person in scope, in (order id, line) order, as columns; lines of
    /// special-category products (Art. 9) are left out. Only declared columns are read.
    ///
    /// Read from the columnar copy of the order lines where it covers the order ids, from
    /// `order_line` itself elsewhere (or everywhere when `usesColumnCopy` is off); both give the
    /// same table.
    func readOrderLines(_ db: Database, declared: Set<String>, personOfRef: [Int32], productOfRef: [Int32]) throws -> OrderTable {
        var lines = OrderLineCollector(declared: declared, personOfRef: personOfRef, productOfRef: productOfRef)
        guard usesColumnCopy else {
            try lines.scan(db, from: "", to: nil)
            return lines.table
        }
        lines.reserve(try OrderLineColumns.coveredLines(db))
        try OrderLineColumns.forEachSegment(db, columns: lines.chunkColumns) { segment in
            switch segment {
            case .chunk(let chunk): lines.append(chunk)
            case .uncovered(let from, let to): try lines.scan(db, from: from, to: to)
            }
        }
        return lines.table
    }
}
