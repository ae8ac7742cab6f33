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

    /// Reserves room for `lines` kept lines in every declared column, once: growing the arrays
    /// chunk by chunk copied them over and over (a quarter of a scope's time in perf). An upper
    /// bound costs only address space; pages are touched when written.
    mutating func reserve(_ lines: Int) {
        person.reserveCapacity(lines)
        if wantsOrder { order.reserveCapacity(lines) }
        if wantsProduct { product.reserveCapacity(lines) }
        if wantsQuantity { quantity.reserveCapacity(lines) }
        if wantsPrice { price.reserveCapacity(lines) }
        if wantsDiscount { discount.reserveCapacity(lines) }
        if wantsAt { at.reserveCapacity(lines) }
    }

    /// Adds the lines in scope of one chunk of the columnar copy: one pass over the keys picks
    /// the lines kept, then each declared column is gathered by those positions. (A single loop
    /// appending to every column was 36 % of a scope's time in perf: array accesses through
    /// `self` and the chunk were not hoisted.)
    mutating func append(_ chunk: OrderLineChunk) {
        var kept: [Int32] = []
        kept.reserveCapacity(chunk.lines)
        Self.keep(
            chunk, personOfRef: personOfRef, productOfRef: productOfRef, kept: &kept, person: &person, product: &product, wantsProduct: wantsProduct)
        if wantsOrder { Self.numberOrders(chunk.order, kept: kept, orderNumber: &orderNumber, into: &order) }
        if wantsQuantity { Self.gather(chunk.quantity, kept: kept, into: &quantity) }
        if wantsPrice { Self.gather(chunk.unitPriceMinor, kept: kept, into: &price) }
        if wantsDiscount { Self.gather(chunk.discountMinor, kept: kept, into: &discount) }
        if wantsAt { Self.gather(chunk.orderedAt, kept: kept, into: &at) }
    }

    /// Positions of the chunk's lines in scope, with their person and product indexes.
    static func keep(
        _ chunk: OrderLineChunk, personOfRef: [Int32], productOfRef: [Int32], kept: inout [Int32], person: inout [Int32], product: inout [Int32],
        wantsProduct: Bool
    ) {
        personOfRef.withUnsafeBufferPointer { persons in
            productOfRef.withUnsafeBufferPointer { products in
                chunk.customerRef.withUnsafeBufferPointer { customerRefs in
                    chunk.productRef.withUnsafeBufferPointer { productRefs in
                        for i in 0..<min(chunk.lines, customerRefs.count, productRefs.count) {
                            // Negative keys (-1: erased) become huge as UInt and fail the bound check.
                            let ref = UInt(bitPattern: Int(customerRefs[i])), productRef = UInt(bitPattern: Int(productRefs[i]))
                            guard ref < UInt(persons.count), productRef < UInt(products.count) else { continue }
                            let p = persons[Int(ref)], q = products[Int(productRef)]
                            guard p >= 0, q >= 0 else { continue }
                            kept.append(Int32(i))
                            person.append(p)
                            if wantsProduct { product.append(q) }
                        }
                    }
                }
            }
        }
    }

    /// Dense order numbers of the kept lines, continuing from `orderNumber`; a chunk's first kept
    /// line always starts a new order (orders never span chunks).
    static func numberOrders(_ local: [Int32], kept: [Int32], orderNumber: inout Int32, into out: inout [Int32]) {
        var last: Int32 = -1
        local.withUnsafeBufferPointer { local in
            for i in kept {
                let o = local[Int(i)]
                if o != last {
                    orderNumber += 1
                    last = o
                }
                out.append(orderNumber)
            }
        }
    }

    static func gather<T>(_ column: [T], kept: [Int32], into out: inout [T]) {
        column.withUnsafeBufferPointer { column in
            for i in kept { out.append(column[Int(i)]) }
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
        let range = OrderLineColumns.idRange(from: from, to: to)
        // The previous order id's bytes, kept in one buffer that only grows (no allocation per order).
        var previousOrder = [UInt8](repeating: 0, count: 64)
        var previousLength = -1
        let rows = try RawRows(
            db, sql: "SELECT \(columns.joined(separator: ", ")) FROM order_line WHERE customer_ref IS NOT NULL AND \(range.sql)",
            arguments: range.arguments)
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
