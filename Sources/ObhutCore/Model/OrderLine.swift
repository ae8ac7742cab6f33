import Foundation

/// One line of an order. Returns are lines with a negative quantity.
///
/// Orders and invoices are kept 10 years by German law (§147 AO, §257 HGB): erasure of the
/// customer anonymises these rows (customer set to nil) instead of deleting them.
public struct OrderLine: Sendable, Hashable, Codable {
    public var orderId: String
    public var line: Int
    /// nil once the customer was erased (anonymised order kept for the retention period).
    public var customerId: String?
    public var productId: String
    public var quantity: Double
    /// Unit price in minor units of `currency` (cents).
    public var unitPriceMinor: Int64
    public var currency: String
    public var orderedAt: Date
    public var channel: String?
    /// Discount on this line in minor units (0 if none).
    public var discountMinor: Int64

    public init(
        orderId: String, line: Int, customerId: String?, productId: String, quantity: Double,
        unitPriceMinor: Int64, currency: String, orderedAt: Date, channel: String? = nil,
        discountMinor: Int64 = 0
    ) {
        self.orderId = orderId
        self.line = line
        self.customerId = customerId
        self.productId = productId
        self.quantity = quantity
        self.unitPriceMinor = unitPriceMinor
        self.currency = currency
        self.orderedAt = orderedAt
        self.channel = channel
        self.discountMinor = discountMinor
    }

    /// Line value in minor units: quantity × unit price − discount (negative for returns).
    public var valueMinor: Int64 { Int64((quantity * Double(unitPriceMinor)).rounded()) - discountMinor }
}
