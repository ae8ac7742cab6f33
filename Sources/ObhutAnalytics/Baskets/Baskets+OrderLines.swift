extension Baskets {
    /// Baskets from order-line columns: one basket per order number, holding the products of
    /// its lines, so that ``FPGrowth`` and the association rules run on orders.
    ///
    /// Order numbers are the scope's dense numbers (`0 ..< orderCount`, lines of one order share
    /// one); every number up to the largest one seen becomes a basket, so a gap in the numbering
    /// adds an empty basket that lowers every support. Lines with a negative order or product are
    /// skipped (a product not declared, a line of a removed order). Linear time: a counting sort
    /// by order, then the per-basket sort and de-duplication of ``init(offsets:items:itemCount:)``.
    ///
    /// - Parameters:
    ///   - orders: order number of each line.
    ///   - products: product index of each line.
    ///   - productCount: the size of the product index space (nil: one more than the largest index).
    /// - Throws: ``BasketError/invalidOffsets(_:)`` when the columns differ in length;
    ///   ``BasketError/itemOutOfRange(basket:item:itemCount:)`` for a product at or beyond
    ///   `productCount`.
    public init(orders: [Int32], products: [Int32], productCount: Int? = nil) throws(BasketError) {
        guard orders.count == products.count else {
            throw .invalidOffsets("\(orders.count) order numbers but \(products.count) products: pass one of each per line")
        }
        var orderCount = 0
        var largestProduct: Int32 = -1
        for line in orders.indices where orders[line] >= 0 && products[line] >= 0 {
            orderCount = max(orderCount, Int(orders[line]) + 1)
            largestProduct = max(largestProduct, products[line])
        }
        var offsets = [Int](repeating: 0, count: orderCount + 1)
        for line in orders.indices where orders[line] >= 0 && products[line] >= 0 { offsets[Int(orders[line]) + 1] += 1 }
        for basket in 0..<orderCount { offsets[basket + 1] += offsets[basket] }
        var cursor = offsets
        var items = [Int32](repeating: 0, count: offsets[orderCount])
        for line in orders.indices where orders[line] >= 0 && products[line] >= 0 {
            let order = Int(orders[line])
            items[cursor[order]] = products[line]
            cursor[order] += 1
        }
        try self.init(offsets: offsets, items: items, itemCount: productCount ?? Int(largestProduct) + 1)
    }
}
