/// Catalogue-wide rules for every list: what is for sale, which category and which diversity
/// group each item belongs to, and how many items of one group a list may hold.
///
/// Arrays are indexed by item and may be empty (no rule). Categories serve per-customer
/// objections (``CustomerExclusions/categories``); groups serve diversity ("at most M variants of
/// one product family"), so ten sizes of one shirt do not fill a list. A negative group means
/// the item forms a group of its own.
public struct CatalogueRules: Sendable {
    public var forSale: [Bool]
    public var categories: [Int32]
    public var groups: [Int32]
    public var maxPerGroup: Int

    public init(forSale: [Bool] = [], categories: [Int32] = [], groups: [Int32] = [], maxPerGroup: Int = .max) {
        self.forSale = forSale
        self.categories = categories
        self.groups = groups
        self.maxPerGroup = maxPerGroup
    }

    /// No rules.
    public static let none = CatalogueRules()

    /// Checks that every non-empty array has one entry per item.
    public func validate(items: Int) throws {
        for count in [forSale.count, categories.count, groups.count] where count != 0 && count != items {
            throw RecommendationError.groupsMismatch
        }
        guard maxPerGroup >= 1 else { throw RecommendationError.invalidParameter("maxPerGroup") }
    }

    @inline(__always)
    func allows(_ item: Int, _ exclusions: CustomerExclusions) -> Bool {
        if !forSale.isEmpty, !forSale[item] { return false }
        if !exclusions.items.isEmpty, exclusions.items.contains(item) { return false }
        if !exclusions.categories.isEmpty, !categories.isEmpty, exclusions.categories.contains(categories[item]) { return false }
        return true
    }
}

/// What one customer must not be shown: items (e.g. bought and not due to be rebought, as the
/// purchase-pattern repeat intervals decide) and categories the customer objected to.
public struct CustomerExclusions: Sendable {
    public var items: Set<Int>
    public var categories: Set<Int32>

    public init(items: Set<Int> = [], categories: Set<Int32> = []) {
        self.items = items
        self.categories = categories
    }
}
