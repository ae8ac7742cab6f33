/// The order lines a purchase-pattern analysis reads, as columns, with the product catalogue
/// (names and categories, which are not personal data).
///
/// The kernel fills it from a `Scope`: person and order numbers and product indexes as they are,
/// and `localSeconds` = `orderedAt` converted from UTC to Europe/Berlin local time (the analyses
/// name hours and weekdays as the shop experiences them).
public struct PurchaseLines: Sendable {
    /// Person index of each line.
    public var person: [Int32]
    /// Dense order number of each line (nil: no baskets).
    public var order: [Int32]?
    /// Product index of each line (`0 ..< productNames.count`).
    public var product: [Int32]
    /// Local seconds of each line.
    public var localSeconds: [Int64]
    /// Display name per product index.
    public var productNames: [String]
    /// Category index per product index (-1: none); empty when categories are unknown.
    public var productCategory: [Int32]
    /// Display name per category index.
    public var categoryNames: [String]

    public init(
        person: [Int32], order: [Int32]?, product: [Int32], localSeconds: [Int64], productNames: [String],
        productCategory: [Int32] = [], categoryNames: [String] = []
    ) {
        self.person = person
        self.order = order
        self.product = product
        self.localSeconds = localSeconds
        self.productNames = productNames
        self.productCategory = productCategory
        self.categoryNames = categoryNames
    }

    /// Number of lines.
    public var count: Int { product.count }

    /// Category indexes and names from one optional category name per product, in order of
    /// first appearance (as `ProductTable.categories` holds them).
    public static func categoryIndexes(_ categories: [String?]) -> (indexes: [Int32], names: [String]) {
        var names: [String] = []
        var lookup: [String: Int32] = [:]
        let indexes = categories.map { name -> Int32 in
            guard let name, !name.isEmpty else { return -1 }
            if let index = lookup[name] { return index }
            let index = Int32(names.count)
            lookup[name] = index
            names.append(name)
            return index
        }
        return (indexes, names)
    }
}
