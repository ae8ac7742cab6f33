import Foundation
import ObhutCore

/// One slice of the demo shop: a run of customers with everything that belongs to them. A batch
/// is a pure function of the config and its index, so batches can be made on several threads in
/// any order, and every row in it references only customers of the same batch and products of
/// `DemoShop.products`.
public struct DemoBatch: Sendable, Equatable {
    public var index: Int
    /// The batch's customers, then the duplicate records injected as defects (new ids).
    public var customers: [Customer]
    public var consents: [ConsentEvent]
    /// Orders as lines; a return is its own order whose lines have negative quantities.
    public var orderLines: [OrderLine]
    public var feedback: [Feedback]
    /// How each customer was generated (the hidden truth, for testing analytics). Never import it.
    public var truth: [DemoCustomerTruth]
    /// The defects injected into this batch.
    public var defects: DemoDefects

    public init(index: Int) {
        self.index = index
        customers = []
        consents = []
        orderLines = []
        feedback = []
        truth = []
        defects = DemoDefects()
    }
}

/// How a demo customer buys. Shares: loyal 10 %, regular 30 %, bargain hunter 12 %, one-off 25 %,
/// lapsed 12 %, new 8 %, never ordered 3 %.
public enum DemoCustomerType: String, Sendable, Codable, CaseIterable {
    /// Frequent orders across many categories, rarely drops out.
    case loyal
    /// Occasional orders, the typical customer.
    case regular
    /// Buys discounted lines, mostly in the sales and with coupons.
    case bargainHunter
    /// Exactly one order.
    case oneOff
    /// Active early, no order in the last year.
    case lapsed
    /// Joined in the last 90 days.
    case new
    /// Has an account but never ordered.
    case neverOrdered
}

/// The truth behind one generated customer record, in the units of the BG/NBD model
/// (Fader, Hardie & Lee 2005): while active the customer buys at `purchasesPerYear` (Poisson,
/// with a seasonal modulation), and after each purchase stops for good with probability
/// `dropoutProbability`.
public struct DemoCustomerTruth: Sendable, Hashable, Codable {
    public var customerId: String
    public var type: DemoCustomerType
    /// Rate of the customer's purchase process while active (orders per year, returns excluded).
    /// Coffee rebuyers place their about-4-weekly coffee orders on top of it.
    public var purchasesPerYear: Double
    public var dropoutProbability: Double
    /// Whether the customer is still active at `DemoConfig.now`.
    public var activeAtEnd: Bool
    /// Orders placed (returns excluded).
    public var orders: Int
    /// Buys coffee or tea about every 4 weeks in addition to the other orders.
    public var coffeeRebuyer: Bool
    /// For an injected duplicate: the id of the original record.
    public var duplicateOf: String?
    /// The soft defect injected into this record, if any.
    public var defect: DemoDefect?
}

/// A kind of soft defect: importable (hard-valid), but the quality report should notice it.
public enum DemoDefect: String, Sendable, Codable, CaseIterable {
    /// A second record of a customer (new id, same name, address and postal code); the e-mail
    /// differs only in letter case or surrounding spaces.
    case duplicateSameEmail
    /// A second record of a customer with the same name and postal code but another e-mail.
    case duplicateOtherEmail
    /// First and/or last name missing although e-mail and address are there.
    case missingName
    /// E-mail missing although name and address are there.
    case missingEmail
    /// A phone number that fails E.164 plausibility: fewer than 5 or more than 15 digits, or a
    /// remark in the field ("+49 30 2345678 abends").
    case invalidPhone
    /// A German postal code with 4 digits (leading zero lost, or a digit missing).
    case invalidPostalCode
    /// One order line with quantity 500.
    case outlierQuantity
    /// Created, last updated and last ordering more than 4 years before `now` (and before the
    /// history), so no record of the regular history is mistaken for one.
    case staleCustomer
}

/// Counts of injected defects, so tests of the quality report can check what it finds.
public struct DemoDefects: Sendable, Hashable, Codable {
    /// Extra customer records with the same normalised e-mail as their original
    /// (trimmed and lower-cased, the two are equal).
    public var duplicateSameEmail = 0
    /// Extra customer records with the same last name + postal code as their original, another e-mail.
    public var duplicateOtherEmail = 0
    public var missingName = 0
    public var missingEmail = 0
    public var invalidPhone = 0
    public var invalidPostalCode = 0
    /// Order lines with quantity 500 (one per affected customer).
    public var outlierOrderLines = 0
    /// Customers with `updatedAt` more than 4 years before `now`.
    public var staleCustomers = 0
    /// Open leads without activity for more than 2 years (only in `DemoShop.injectedDefects`).
    public var staleLeads = 0

    public init() {}

    /// All customer records that are duplicates of another.
    public var duplicates: Int { duplicateSameEmail + duplicateOtherEmail }

    public var total: Int {
        duplicates + missingName + missingEmail + invalidPhone + invalidPostalCode + outlierOrderLines
            + staleCustomers + staleLeads
    }

    mutating func count(_ defect: DemoDefect) {
        switch defect {
        case .duplicateSameEmail: duplicateSameEmail += 1
        case .duplicateOtherEmail: duplicateOtherEmail += 1
        case .missingName: missingName += 1
        case .missingEmail: missingEmail += 1
        case .invalidPhone: invalidPhone += 1
        case .invalidPostalCode: invalidPostalCode += 1
        case .outlierQuantity: outlierOrderLines += 1
        case .staleCustomer: staleCustomers += 1
        }
    }

    public static func + (a: DemoDefects, b: DemoDefects) -> DemoDefects {
        var s = a
        s.duplicateSameEmail += b.duplicateSameEmail
        s.duplicateOtherEmail += b.duplicateOtherEmail
        s.missingName += b.missingName
        s.missingEmail += b.missingEmail
        s.invalidPhone += b.invalidPhone
        s.invalidPostalCode += b.invalidPostalCode
        s.outlierOrderLines += b.outlierOrderLines
        s.staleCustomers += b.staleCustomers
        s.staleLeads += b.staleLeads
        return s
    }
}

/// A planted co-purchase: when a basket holds one of `anchorProductIds`, `partnerProductId` is
/// added with `probability` (unless already there). Association rules should find these.
public struct DemoBundle: Sendable, Hashable, Codable {
    public var anchorProductIds: [String]
    public var partnerProductId: String
    public var probability: Double
}
