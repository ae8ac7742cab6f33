import Foundation
import GRDB
import ObhutStore

/// Gathers a scope's order lines, in (order id, line) order, from chunks of the columnar copy
/// and from ranges scanned in `order_line`: keeps the lines of people and products in scope, only
/// the declared columns, and numbers the orders densely over the lines kept.
///
/// Both sources give the same lines in the same order (the copy is exact, see
/// `OrderLineColumnsSchema`), so a scope is the same whichever way each range was read; the
/// tests compare the two. An order never spans two segments, so the numbering only has to see
/// the order change within one.
struct OrderLineCollector {
    let personOfRef: [Int32]
    let productOfRef: [Int32]
    let wantsOrder: Bool, wantsProduct: Bool, wantsQuantity: Bool, wantsPrice: Bool, wantsDiscount: Bool, wantsAt: Bool

    var person: [Int32] = [], order: [Int32] = [], product: [Int32] = []
    var quantity: [Double] = [], price: [Int64] = [], discount: [Int64] = [], at: [Int64] = []
    /// Dense number of the last order kept.
    var orderNumber: Int32 = -1

    init(declared: Set<String>, personOfRef: [Int32], productOfRef: [Int32]) {
        self.personOfRef = personOfRef
        self.productOfRef = productOfRef
        wantsOrder = declared.contains("orders.order_id")
        wantsProduct = declared.contains("orders.product_id")
        wantsQuantity = declared.contains("orders.quantity")
        wantsPrice = declared.contains("orders.unit_price")
        wantsDiscount = declared.contains("orders.discount")
        wantsAt = declared.contains("orders.ordered_at")
    }

    /// The chunk columns the declared fields need (keys are always read).
    var chunkColumns: Set<OrderLineColumn> {
        var out: Set<OrderLineColumn> = []
        if wantsOrder { out.insert(.order) }
        if wantsQuantity { out.insert(.quantity) }
        if wantsPrice { out.insert(.unitPriceMinor) }
        if wantsDiscount { out.insert(.discountMinor) }
        if wantsAt { out.insert(.orderedAt) }
        return out
    }

    var table: OrderTable {
        OrderTable(
            person: person, order: wantsOrder ? order : nil, product: wantsProduct ? product : nil, quantity: wantsQuantity ? quantity : nil,
            unitPriceMinor: wantsPrice ? price : nil, discountMinor: wantsDiscount ? discount : nil, orderedAt: wantsAt ? at : nil)
    }

    /// Person and product index of a line, or nil when the line is out of scope (person not
    /// eligible or erased, product of a special category).
    @inline(__always)
    func indexes(customerRef: Int, productRef: Int) -> (Int32, Int32)? {
        guard customerRef >= 0, customerRef < personOfRef.count, productRef >= 0, productRef < productOfRef.count else { return nil }
        let p = personOfRef[customerRef], prod = productOfRef[productRef]
        guard p >= 0, prod >= 0 else { return nil }
        return (p, prod)
    }

    /// Adds the lines in scope of one chunk of the columnar copy.
    mutating func append(_ chunk: OrderLineChunk) {
        var lastOrder: Int32 = -1
        for i in 0..<chunk.lines {
            guard let (p, prod) = indexes(customerRef: Int(chunk.customerRef[i]), productRef: Int(chunk.productRef[i])) else { continue }
            person.append(p)
            if wantsOrder {
                let o = chunk.order[i]
                if o != lastOrder {
                    orderNumber += 1
                    lastOrder = o
                }
                order.append(orderNumber)
            }
            if wantsProduct { product.append(prod) }
            if wantsQuantity { quantity.append(chunk.quantity[i]) }
            if wantsPrice { price.append(chunk.unitPriceMinor[i]) }
            if wantsDiscount { discount.append(chunk.discountMinor[i]) }
            if wantsAt { at.append(chunk.orderedAt[i]) }
        }
    }

    /// Adds the lines in scope with `from <= order_id < to` (to the last when `to` is nil), read
    /// from `order_line` through SQLite's C API; only the declared columns are read.
    mutating func scan(_ db: Database, from: String, to: String?) throws {
        var columns = ["customer_ref", "product_ref"]
        func column(_ wanted: Bool, _ name: String) -> Int32? {
            guard wanted else { return nil }
            columns.append(name)
            return Int32(columns.count - 1)
        }
        let orderColumn = column(wantsOrder, "order_id")
        let quantityColumn = column(wantsQuantity, "quantity")
        let priceColumn = column(wantsPrice, "unit_price_minor")
        let discountColumn = column(wantsDiscount, "discount_minor")
        let atColumn = column(wantsAt, "ordered_at")
        var sql = "SELECT \(columns.joined(separator: ", ")) FROM order_line WHERE customer_ref IS NOT NULL AND order_id >= ?"
        var arguments: [String] = [from]
        if let to {
            sql += " AND order_id < ?"
            arguments.append(to)
        }
        // The previous order id's bytes, kept in one buffer that only grows (no allocation per order).
        var previousOrder = [UInt8](repeating: 0, count: 64)
        var previousLength = -1
        let rows = try RawRows(db, sql: sql, arguments: StatementArguments(arguments))
        while try rows.next() {
            guard let (p, prod) = indexes(customerRef: Int(rows.int64(0)), productRef: Int(rows.int64(1))) else { continue }
            person.append(p)
            if let orderColumn {
                rows.withBytes(orderColumn) { bytes in
                    let same =
                        bytes.count == previousLength
                        && previousOrder.withUnsafeBytes { previous in
                            guard let a = previous.baseAddress, let b = bytes.baseAddress else { return bytes.count == 0 }
                            return memcmp(a, b, bytes.count) == 0
                        }
                    guard !same else { return }
                    orderNumber += 1
                    if bytes.count > previousOrder.count { previousOrder = [UInt8](repeating: 0, count: bytes.count * 2) }
                    previousOrder.withUnsafeMutableBytes { previous in
                        if let base = bytes.baseAddress { previous.baseAddress?.copyMemory(from: base, byteCount: bytes.count) }
                    }
                    previousLength = bytes.count
                }
                order.append(orderNumber)
            }
            if wantsProduct { product.append(prod) }
            if let quantityColumn { quantity.append(rows.double(quantityColumn)) }
            if let priceColumn { price.append(rows.int64(priceColumn)) }
            if let discountColumn { discount.append(rows.int64(discountColumn)) }
            if let atColumn { at.append(rows.int64(atColumn)) }
        }
    }
}
