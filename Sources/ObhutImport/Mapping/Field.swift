/// A field of an entity by name, optionally with its column in the file already resolved.
///
/// Mapping a row asks for about ten fields by name; looking each name up in the column resolver
/// took about 7 % of the import's parsing thread for order lines (perf, 2026-11-24). The hot
/// entity (order lines) resolves its fields once per file (`OrderFields`); every other call site
/// writes a string literal and is looked up as before.
struct Field: Sendable, ExpressibleByStringLiteral {
    let name: String
    /// The column position when resolved (nil: the file has no such column).
    let position: Int?
    /// Whether `position` holds the answer; a literal is resolved on use.
    let resolved: Bool

    init(stringLiteral name: String) {
        self.name = name
        position = nil
        resolved = false
    }

    /// The field resolved against a file's columns.
    init(_ name: String, in resolver: ColumnResolver) {
        self.name = name
        position = resolver.position(name)
        resolved = true
    }
}

/// The fields of an order line with their columns, resolved once per file by `RowMapper`.
struct OrderFields: Sendable {
    let orderId: Field
    let line: Field
    let customerId: Field
    let productId: Field
    let productName: Field
    let quantity: Field
    let unitPrice: Field
    let currency: Field
    let orderedAt: Field
    let discount: Field
    let channel: Field

    init(_ resolver: ColumnResolver) {
        orderId = Field("order_id", in: resolver)
        line = Field("line", in: resolver)
        customerId = Field("customer_id", in: resolver)
        productId = Field("product_id", in: resolver)
        productName = Field("product_name", in: resolver)
        quantity = Field("quantity", in: resolver)
        unitPrice = Field("unit_price", in: resolver)
        currency = Field("currency", in: resolver)
        orderedAt = Field("ordered_at", in: resolver)
        discount = Field("discount", in: resolver)
        channel = Field("channel", in: resolver)
    }
}
