import Foundation
import GRDB
import Obhut
import ObhutCore
import ObhutStore

/// One customer as the signed-in role may see them. Masked fields are nil and named in `masked`.
public struct CustomerView: Sendable, Codable, Equatable {
    public var id: String
    public var firstName: String?
    public var lastName: String?
    public var email: String?
    public var phone: String?
    public var street: String?
    public var postalCode: String?
    public var city: String?
    public var birthDate: String?
    public var country: String?
    public var language: String?
    public var createdAt: Date?
    /// Fields that exist but this role may not see (e.g. no marketing consent).
    public var masked: [String]
    /// Current consent per purpose (true granted, false withdrawn); purposes never asked are absent.
    public var consents: [String: Bool]
}

/// A customer's record with what Obhut derived about them, each result with its explanation.
public struct CustomerDetail: Sendable, Codable {
    public struct Derived: Sendable, Codable {
        public var activity: String
        public var kind: String
        public var value: String
        public var why: Explanation
        public var modelVersion: String
        public var createdAt: Date
        public var stale: Bool
    }
    public struct Orders: Sendable, Codable, Equatable {
        public var lines: Int
        public var orders: Int
        public var first: Date?
        public var last: Date?
    }
    public struct Feedback: Sendable, Codable {
        public var kind: String
        public var rating: Int?
        public var text: String
        public var createdAt: Date
    }
    public var customer: CustomerView
    public var restrictions: [String]
    public var orders: Orders
    public var derived: [Derived]
    /// Only for roles that handle the person's messages (support, DPO, admin).
    public var feedback: [Feedback]?
}

/// Reads customers for the server with least privilege: who may search or only look up one
/// person, which fields each role sees, and an audit entry (and access-monitor count) for every
/// person read.
///
/// - Search (`customerSearch`: admin, marketing): exact id, exact e-mail (through the blind
///   index) or an id prefix; at most `maxResults`. Names are encrypted, so there is no search by name.
/// - Look-up (`customerLookup`: support, DPO): exact id or exact e-mail only, at most one person.
/// - Masking: names, contact data and address need `contactData` (admin, DPO, support), or
///   `marketingContacts` (marketing) together with the person's current marketing consent.
public struct CustomerAccess: Sendable {
    public let services: ServerServices
    public static let maxResults = 50

    public init(services: ServerServices) { self.services = services }

    var workspace: Workspace { services.workspace }
    var store: SQLiteStore { workspace.store }

    /// Customers matching `query` as `principal` may see them.
    public func search(_ query: String, principal: Principal, limit: Int = 20) async throws -> [CustomerView] {
        let q = query.trimmingCharacters(in: .whitespacesAndNewlines)
        let broad = principal.may(.customerSearch)
        guard broad || principal.may(.customerLookup) else { throw APIError.forbidden }
        guard query.unicodeScalars.count <= 320 else {
            throw APIError.badRequest(
                Localized(de: "Die Suche darf höchstens 320 Zeichen haben.", en: "The query may have at most 320 characters."),
                code: "invalid_parameter")
        }
        guard !q.isEmpty else {
            if broad { return [] }
            // One person at a time: a look-up role gets nothing for an empty query.
            throw APIError.badRequest(
                Localized(
                    de: "Bitte genau eine Kundennummer oder E-Mail-Adresse angeben.", en: "Please give exactly one customer id or e-mail address."),
                code: "exact_lookup_only")
        }
        var ids: [String] = []
        if q.contains("@"), let id = try store.customerId(email: q) { ids.append(id) }
        if ids.isEmpty, try store.customerExists(id: q) { ids.append(q) }
        if broad, ids.count < limit {
            // Id prefix, parameterised; LIKE wildcards in the query are taken literally.
            let escaped = q.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_")
            // Synchronous on purpose: GRDB's async reads deadlocked the server under load (the
            // cooperative pool's threads all blocked in synchronous reads while an async one held a reader).
            let more = try idsWithPrefix(escaped, limit: min(limit, Self.maxResults))
            for id in more where !ids.contains(id) { ids.append(id) }
        }
        ids = Array(ids.prefix(broad ? min(limit, Self.maxResults) : 1))
        var views: [CustomerView] = []
        for id in ids {
            if let c = try store.customer(id: id) { views.append(try view(c, consents: consents(of: id), principal: principal)) }
        }
        try await audit(principal, action: "customer.search", ids: views.map(\.id))
        return views
    }

    /// One customer's detail, masked for the role. Throws 404 for an unknown id (also for ids
    /// the role could not see anyway, so the answer does not tell whether someone exists).
    public func detail(_ id: String, principal: Principal) async throws -> CustomerDetail {
        guard principal.may(.customerDetail) else { throw APIError.forbidden }
        guard id.count <= 256 else { throw APIError.notFound }
        let record: SubjectSummary
        do {
            // Checks existence in the same read; an unknown id is not audited.
            record = try await SubjectRights(workspace: workspace, actor: principal.actor).summary(
                id, reason: "detail", activities: visibleActivities(principal), feedback: principal.may(.contactData))
        } catch SubjectError.unknownCustomer {
            throw APIError.notFound
        }
        services.monitor.record(principal, subjects: [store.keys.subjectToken(customerId: id)], at: workspace.clock())
        let customer = try view(record.customer, consents: record.consents, principal: principal)
        let derived = record.derivedResults.filter { allowed($0.activity, principal) }.map {
            CustomerDetail.Derived(
                activity: $0.activity, kind: $0.kind, value: $0.value, why: $0.explanation, modelVersion: $0.modelVersion, createdAt: $0.createdAt,
                stale: $0.stale)
        }
        let feedback: [CustomerDetail.Feedback]? =
            principal.may(.contactData)
            ? record.feedback?.map { .init(kind: $0.kind, rating: $0.rating, text: $0.text, createdAt: $0.createdAt) } ?? [] : nil
        return CustomerDetail(
            customer: customer, restrictions: record.restrictions.map { $0.kind + ($0.purpose.map { ":" + $0 } ?? "") },
            orders: .init(lines: record.orders.lines, orders: record.orders.orders, first: record.orders.first, last: record.orders.last),
            derived: derived, feedback: feedback)
    }

    /// The activities whose derived results `allowed` lets the role see (nil: all), so the others
    /// are not even decoded.
    func visibleActivities(_ principal: Principal) -> Set<String>? {
        switch principal.role {
        case .admin, .dpo: nil
        case .marketing: Self.marketingActivities
        case .support, .analyst, .sales: []
        }
    }

    static let marketingActivities: Set<String> = ["segments", "recommendations", "clv", "rebuy-reminders"]

    /// Derived results a role may see on a customer: marketing sees what serves marketing
    /// (segments, recommendations, CLV); support sees none of the profiling; the rest see all.
    func allowed(_ activity: String, _ principal: Principal) -> Bool {
        switch principal.role {
        case .admin, .dpo: true
        case .marketing: Self.marketingActivities.contains(activity)
        case .support: false
        case .analyst, .sales: false
        }
    }

    /// Customer ids starting with an (escaped) prefix. Not `async`, so GRDB's synchronous read
    /// is the one called (see the comment at the call).
    func idsWithPrefix(_ escapedPrefix: String, limit: Int) throws -> [String] {
        try store.writer.read { db in
            try String.fetchAll(
                db, sql: "SELECT id FROM customer WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT ?", arguments: [escapedPrefix + "%", limit])
        }
    }

    func consents(of id: String) throws -> [String: Bool] {
        try store.writer.read { db in
            var out: [String: Bool] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT s.purpose, s.granted FROM consent_state s JOIN customer c ON c.ref = s.customer_ref WHERE c.id = ?", arguments: [id])
            {
                out[row["purpose"]] = (row["granted"] as Int) == 1
            }
            return out
        }
    }

    func view(_ c: Customer, consents: [String: Bool], principal: Principal) throws -> CustomerView {
        let seesContact = principal.may(.contactData) || (principal.may(.marketingContacts) && consents["marketing"] == true)
        let p = c.personal
        let fields: [(String, String?)] = [
            ("firstName", p.firstName), ("lastName", p.lastName), ("email", p.email), ("phone", p.phone), ("street", p.street),
            ("postalCode", p.postalCode), ("city", p.city), ("birthDate", p.birthDate),
        ]
        let masked = seesContact ? [] : fields.filter { $0.1 != nil }.map(\.0)
        func show(_ v: String?) -> String? { seesContact ? v : nil }
        return CustomerView(
            id: c.id, firstName: show(p.firstName), lastName: show(p.lastName), email: show(p.email), phone: show(p.phone), street: show(p.street),
            postalCode: show(p.postalCode), city: show(p.city), birthDate: show(p.birthDate), country: c.country, language: c.language?.rawValue,
            createdAt: c.createdAt, masked: masked, consents: consents)
    }

    func audit(_ principal: Principal, action: String, ids: [String]) async throws {
        guard !ids.isEmpty else { return }
        let tokens = ids.map { store.keys.subjectToken(customerId: $0) }
        // One entry per person, so each person's export lists the read; committed together.
        try await workspace.auditReads(actor: principal.actor, action: action, subjects: tokens, count: tokens.count)
        services.monitor.record(principal, subjects: tokens, at: workspace.clock())
    }
}
