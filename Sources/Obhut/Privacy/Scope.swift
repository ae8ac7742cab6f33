import Foundation
import ObhutCore
import ObhutStore

/// What an analysis may see of the store for one processing activity (invariant 2): only people
/// with a valid legal basis for its purpose who are neither restricted nor objecting, only the
/// declared fields, and pseudonyms instead of ids.
///
/// Built only by `ScopeBuilder` from an approved activity. It has no property that could hold a
/// name, an e-mail address or a phone number, and the customer ids behind the pseudonyms are
/// internal to the Obhut module: analyses (in ObhutAnalytics, which cannot even import the store)
/// receive its arrays and return results by person index.
public struct Scope: Sendable {
    public let activity: String
    public let purpose: PurposeID
    /// Keyed pseudonym of each person in scope; position = person index used in the tables.
    /// Computed on access (an HMAC each), so a scope of a million people costs nothing until an
    /// analysis asks for a pseudonym.
    public let people: PseudonymList
    /// Customer id of each person index. Internal: only the kernel maps results back.
    let customerIds: [String]
    public let orders: OrderTable?
    public let products: ProductTable?
    public let customers: CustomerTable?
    public let feedback: FeedbackTable?
    public let leads: LeadTable?
    /// When the scope was taken: analyses measure recency against it, not against the wall clock.
    public let asOf: Date
    /// Product categories each person objected to (Art. 21), by person index; only filled when the
    /// activity declares `products.category`. Nothing of these categories may be put to them.
    public var objectedCategories: [Int32: [String]] = [:]
}

/// The pseudonyms of a scope's people, in person-index order, computed on access.
public struct PseudonymList: RandomAccessCollection, Sendable {
    let ids: [String]
    let pseudonymiser: KeyedHash

    public var startIndex: Int { 0 }
    public var endIndex: Int { ids.count }
    public subscript(position: Int) -> String { pseudonymiser.pseudonym(ids[position]) }
}

/// Order lines of the people in scope, as columns. A column is nil unless its field was declared.
public struct OrderTable: Sendable {
    /// Person index (into `Scope.people`) of each line.
    public let person: [Int32]
    /// Dense order number (lines of one order share it), if `orders.order_id` was declared.
    public let order: [Int32]?
    /// Product index (into `ProductTable.ids`), if `orders.product_id` was declared.
    public let product: [Int32]?
    public let quantity: [Double]?
    /// Unit price in minor units (cents).
    public let unitPriceMinor: [Int64]?
    public let discountMinor: [Int64]?
    /// Seconds since 1970, UTC.
    public let orderedAt: [Int64]?
    public var count: Int { person.count }
}

/// Products referenced by the scope (products are not personal data).
public struct ProductTable: Sendable {
    public let ids: [String]
    public let names: [String]?
    public let categories: [String?]?
    public let forSale: [Bool]?
    public let priceMinor: [Int64?]?
}

/// Non-identifying customer attributes, one row per person index, if declared.
public struct CustomerTable: Sendable {
    public let country: [String?]?
    public let language: [String?]?
    public let createdAt: [Int64?]?
}

/// Feedback of people in scope (and anonymous feedback), texts only if declared.
public struct FeedbackTable: Sendable {
    /// Person index, or -1 for feedback without a known customer.
    public let person: [Int32]
    public let product: [String?]?
    public let rating: [Int?]?
    public let text: [String]?
    public let language: [String?]?
    public let createdAt: [Int64]?
}

/// Leads (business contacts) that have not objected, without contact names or e-mails.
public struct LeadTable: Sendable {
    /// Keyed pseudonym of each lead.
    public let pseudonyms: [String]
    let leadIds: [String]
    public let source: [String?]?
    public let industry: [String?]?
    public let size: [Int?]?
    public let createdAt: [Int64]?
    public let stage: [String]?
    public let outcome: [String]?
    public let emailsOpened: [Int]?
    public let visits: [Int]?
    public let meetings: [Int]?
    public let lastActivityAt: [Int64?]?
    public let stageSince: [Int64?]?
    /// The latest estimate (0-1) a lead's owner gave when correcting its score, if any: the sales
    /// team's own judgement, which the next training learns from (GDPR Art. 22: a person decides).
    public let correctedProbability: [Double?]
}
