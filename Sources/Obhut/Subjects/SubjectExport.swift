import Foundation
import GRDB
import ObhutCore
import ObhutStore

/// Everything stored about one person (GDPR Art. 15 access, Art. 20 portability): personal
/// fields, consents, restrictions, orders, feedback, derived results with their explanation and
/// producing activity, requests, and the audit entries about them.
public struct SubjectExport: Sendable, Codable {
    public struct ConsentRecord: Sendable, Codable {
        public var purpose: String; public var granted: Bool; public var at: Date; public var source: String; public var textVersion: String
    }
    public struct RestrictionRecord: Sendable, Codable { public var kind: String; public var purpose: String?; public var at: Date }
    public struct OrderRecord: Sendable, Codable {
        public var orderId: String; public var line: Int; public var productId: String; public var productName: String?
        public var quantity: Double; public var unitPrice: String; public var currency: String; public var orderedAt: Date
    }
    public struct FeedbackRecord: Sendable, Codable {
        public var id: String; public var kind: String; public var rating: Int?; public var text: String; public var createdAt: Date
    }
    public struct DerivedRecord: Sendable, Codable {
        public var activity: String; public var purpose: String; public var kind: String; public var value: String
        public var explanation: Explanation; public var modelVersion: String; public var runId: Int64; public var createdAt: Date;
        public var stale: Bool
    }
    public struct AuditRecord: Sendable, Codable {
        public var sequence: Int64; public var at: Date; public var actor: String; public var role: String; public var action: String;
        public var activity: String?; public var reason: String?
    }

    public var generatedAt: Date
    public var customer: Customer
    public var consents: [ConsentRecord]
    public var restrictions: [RestrictionRecord]
    public var orders: [OrderRecord]
    public var feedback: [FeedbackRecord]
    public var derivedResults: [DerivedRecord]
    public var requests: [SubjectRequest]
    public var auditEntries: [AuditRecord]

    static func date(_ v: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(v)) }
}

extension SubjectRights {
    /// Collects the export and records the access request (completed) and the read in the audit log.
    public func export(_ customerId: String) throws -> SubjectExport {
        guard try store.customerExists(id: customerId) else { throw SubjectError.unknownCustomer(customerId) }
        let token = store.keys.subjectToken(customerId: customerId)
        try store.writer.write { db in try recordRequest(db, kind: .access, customerId: customerId, detail: nil, completed: true) }
        try workspace.audit(actor: actor, action: "subject.export", subject: token, count: 1)
        return try collect(customerId, includeAudit: true)
    }

    /// Everything stored about one person, for a staff member's look at their record (server,
    /// customer detail): audited as `customer.view` with the reason (without the person's own audit trail), not recorded as an access
    /// request of the person. Callers mask fields by role before showing them.
    ///
    /// The audit entry is committed while the record is read and decrypted (the fsync is most of
    /// the wait), and the record is returned only once the entry is durable. The entry names the
    /// attempt: it is written even if reading then fails.
    public func view(_ customerId: String, reason: String) async throws -> SubjectExport {
        async let audited: Void = workspace.auditReads(
            actor: actor, action: "customer.view", subjects: [store.keys.subjectToken(customerId: customerId)], count: 1, reason: reason)
        let record = try collect(customerId, includeAudit: false)  // throws for an unknown id
        try await audited
        return record
    }

    func collect(_ customerId: String, includeAudit: Bool) throws -> SubjectExport {
        guard let customer = try store.customer(id: customerId) else { throw SubjectError.unknownCustomer(customerId) }
        let token = store.keys.subjectToken(customerId: customerId)
        var export = try store.writer.read { db in
            SubjectExport(
                generatedAt: workspace.clock(), customer: customer,
                consents: try Row.fetchAll(
                    db.cachedStatement(sql: "SELECT * FROM consent_event WHERE customer_id = ? ORDER BY at, seq"), arguments: [customerId]
                ).map {
                    .init(
                        purpose: $0["purpose"], granted: ($0["granted"] as Int) == 1, at: SubjectExport.date($0["at"]), source: $0["source"],
                        textVersion: $0["text_version"])
                },
                restrictions: try Row.fetchAll(
                    db.cachedStatement(sql: "SELECT * FROM person_restriction WHERE customer_id = ? ORDER BY at"), arguments: [customerId]
                )
                .map {
                    .init(kind: $0["kind"], purpose: $0["purpose"], at: SubjectExport.date($0["at"]))
                },
                orders: try Row.fetchAll(
                    db.cachedStatement(
                        sql: """
                            SELECT o.*, p.id AS product_id, p.name AS product_name
                            FROM customer c JOIN order_line o ON o.customer_ref = c.ref LEFT JOIN product p ON p.ref = o.product_ref
                            WHERE c.id = ? ORDER BY o.ordered_at, o.order_id, o.line
                            """), arguments: [customerId]
                ).map {
                    .init(
                        orderId: $0["order_id"], line: $0["line"], productId: $0["product_id"], productName: $0["product_name"],
                        quantity: $0["quantity"],
                        unitPrice: Money.text($0["unit_price_minor"]), currency: $0["currency"], orderedAt: SubjectExport.date($0["ordered_at"]))
                },
                feedback: try Row.fetchAll(
                    db.cachedStatement(
                        sql: """
                            SELECT f.*, k.wrapped FROM feedback f LEFT JOIN person_key k ON k.subject = 'c:' || f.customer_id WHERE f.customer_id = ? ORDER BY f.created_at
                            """), arguments: [customerId]
                ).map {
                    .init(
                        id: $0["id"], kind: $0["kind"], rating: $0["rating"],
                        text: try store.keys.openFeedbackText(
                            id: $0["id"], customerId: customerId, sealed: $0["sealed_text"], wrappedKey: $0["wrapped"]),
                        createdAt: SubjectExport.date($0["created_at"]))
                },
                derivedResults: try Row.fetchAll(
                    db.cachedStatement(sql: "SELECT * FROM derived_result WHERE customer_id = ? ORDER BY activity, kind, id"), arguments: [customerId]
                ).map {
                    .init(
                        activity: $0["activity"], purpose: $0["purpose"], kind: $0["kind"], value: $0["value"],
                        explanation: try Explanation(jsonText: $0["explanation"]),
                        modelVersion: $0["model_version"], runId: $0["run_id"], createdAt: SubjectExport.date($0["created_at"]),
                        stale: ($0["stale"] as Int) == 1)
                },
                requests: try Row.fetchAll(
                    db.cachedStatement(sql: "SELECT * FROM subject_request WHERE subject = ? ORDER BY received_at, id"), arguments: [token]
                )
                .map(SubjectRequest.init(row:)),
                auditEntries: [])
        }
        guard includeAudit else { return export }
        export.auditEntries = try store.auditEntries(subject: token).map {
            .init(
                sequence: $0.sequence, at: Date(timeIntervalSince1970: TimeInterval($0.at) / 1000), actor: $0.actor, role: $0.role,
                action: $0.action, activity: $0.activity, reason: $0.reason)
        }
        return export
    }
}

/// Amounts in minor units as text with two decimals ("12.50"); exact, no floating point.
enum Money {
    static func text(_ minor: Int64) -> String {
        let sign = minor < 0 ? "-" : ""
        let a = minor.magnitude
        let cents = a % 100
        return "\(sign)\(a / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}

extension SubjectExport {
    /// The export as a page a person reads (German or English), self-contained HTML.
    public func html(in l: Language) -> String {
        var md = "# " + Localized(de: "Ihre bei uns gespeicherten Daten", en: "Your data stored with us")[l] + "\n\n"
        md += Localized(de: "Erstellt am ", en: "Generated on ")[l] + DateText.dateTime(generatedAt) + " UTC. "
        md +=
            Localized(
                de: "Auskunft nach Art. 15 DSGVO; maschinenlesbar auch als JSON (Art. 20).",
                en: "Access under GDPR Art. 15; also machine-readable as JSON (Art. 20).")[l] + "\n\n"
        md += "## " + Localized(de: "Stammdaten", en: "Personal details")[l] + "\n\n| | |\n|---|---|\n"
        md += "| \(Localized(de: "Kundennummer", en: "Customer id")[l]) | \(customer.id) |\n"
        for field in CustomerField.allCases where field.isPersonal {
            if let v = customer.personal[field] { md += "| \(field.rawValue) | \(v) |\n" }
        }
        if let c = customer.country { md += "| country | \(c) |\n" }
        md += "\n## " + Localized(de: "Einwilligungen", en: "Consents")[l] + "\n\n"
        md +=
            consents.isEmpty
            ? Localized(de: "Keine.", en: "None.")[l] + "\n\n"
            : "| | | | |\n|---|---|---|---|\n"
                + consents.map {
                    "| \($0.purpose) | \($0.granted ? Localized(de: "erteilt", en: "granted")[l] : Localized(de: "widerrufen", en: "withdrawn")[l]) | \(DateText.dateTime($0.at)) | \($0.source), \($0.textVersion) |"
                }.joined(separator: "\n") + "\n\n"
        md += "## " + Localized(de: "Bestellungen", en: "Orders")[l] + "\n\n"
        md +=
            orders.isEmpty
            ? Localized(de: "Keine.", en: "None.")[l] + "\n\n"
            : "| | | | |\n|---|---|---|---|\n"
                + orders.map {
                    "| \($0.orderId)/\($0.line) | \($0.productName ?? $0.productId) | \($0.quantity) × \($0.unitPrice) \($0.currency) | \(DateText.day($0.orderedAt)) |"
                }.joined(separator: "\n") + "\n\n"
        md += "## " + Localized(de: "Bewertungen und Nachrichten", en: "Reviews and messages")[l] + "\n\n"
        md +=
            feedback.isEmpty
            ? Localized(de: "Keine.", en: "None.")[l] + "\n\n"
            : feedback.map { "- \(DateText.day($0.createdAt)) \($0.kind)\($0.rating.map { " \($0)★" } ?? ""): \($0.text)" }.joined(separator: "\n")
                + "\n\n"
        md += "## " + Localized(de: "Automatisch abgeleitete Ergebnisse", en: "Automatically derived results")[l] + "\n\n"
        md +=
            derivedResults.isEmpty
            ? Localized(de: "Keine.", en: "None.")[l] + "\n\n"
            : derivedResults.map {
                "- **\($0.activity) / \($0.kind)**: \($0.explanation.summary[l]) (\(Localized(de: "Modell", en: "model")[l]) \($0.modelVersion)\($0.stale ? Localized(de: ", veraltet", en: ", stale")[l] : ""))"
            }.joined(separator: "\n") + "\n\n"
        md += "## " + Localized(de: "Anfragen", en: "Requests")[l] + "\n\n"
        md += requests.map { "- \(DateText.day($0.receivedAt)): \($0.kind.title[l])" }.joined(separator: "\n") + "\n\n"
        md += "## " + Localized(de: "Protokollierte Zugriffe", en: "Logged accesses")[l] + "\n\n"
        md += auditEntries.map { "- \(DateText.dateTime($0.at)) \($0.actor) (\($0.role)): \($0.action)" }.joined(separator: "\n") + "\n"
        return HTMLPage.wrap(title: Localized(de: "Datenauskunft", en: "Data access report")[l], markdownLike: md, language: l)
    }
}
