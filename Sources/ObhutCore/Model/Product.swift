import Foundation

/// An article the shop sells (or sold).
public struct Product: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var category: String?
    /// Price in minor units of `currency` (cents), if known.
    public var priceMinor: Int64?
    public var currency: String?
    /// False for discontinued articles: never recommended.
    public var forSale: Bool
    public var createdAt: Date?

    public init(
        id: String, name: String, category: String? = nil, priceMinor: Int64? = nil,
        currency: String? = nil, forSale: Bool = true, createdAt: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.category = category
        self.priceMinor = priceMinor
        self.currency = currency
        self.forSale = forSale
        self.createdAt = createdAt
    }
}
