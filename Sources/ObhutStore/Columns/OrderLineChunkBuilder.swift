import Foundation
import GRDB

/// Reads one uncovered range of order ids from `order_line` and stores it as chunks of about
/// `chunkLines` lines, cut only where the order id changes (an order never spans two chunks).
/// Runs inside the caller's write transaction.
struct OrderLineChunkBuilder {
    let db: Database
    let chunkLines: Int

    /// Stores chunks covering exactly `from <= order_id < to` (to the last when `to` is nil), an
    /// empty range as one chunk without lines. Returns the lines stored. Should a key not fit
    /// Int32, it stops there: the rest of the range stays uncovered and is read from `order_line`.
    func build(from: String, to: String?) throws -> Int {
        let range = OrderLineColumns.idRange(from: from, to: to)
        let rows = try RawRows(
            db,
            sql: """
                SELECT order_id, customer_ref, product_ref, quantity, unit_price_minor, discount_minor, ordered_at, channel IS NOT NULL
                FROM order_line WHERE \(range.sql) ORDER BY order_id, line
                """, arguments: range.arguments)
        let insert = try db.makeStatement(sql: "INSERT INTO order_line_chunk (lo, hi, name, lines, data) VALUES (?, ?, ?, ?, ?)")
        var stored = 0
        // Stored as soon as it is complete, so memory holds one chunk, not the whole range.
        func store(_ lo: String, _ hi: String?, _ chunk: OrderLineChunk) throws {
            for column in OrderLineColumn.allCases {
                let data: Data? = chunk.lines > 0 ? chunk.packed(column) : nil
                try insert.execute(arguments: [lo, hi, column.rawValue, chunk.lines, data])
            }
            stored += chunk.lines
        }
        var chunk = OrderLineChunk(lines: 0)
        var lo = from
        var previous: [UInt8] = []
        var orderNumber: Int32 = -1
        while try rows.next() {
            let newOrder = rows.withBytes(0) { bytes in !previous.elementsEqual(bytes) }
            if newOrder {
                let id = rows.withBytes(0) { [UInt8]($0) }
                if chunk.lines >= chunkLines {
                    let hi = String(decoding: id, as: UTF8.self)
                    try store(lo, hi, chunk)
                    chunk = OrderLineChunk(lines: 0)
                    lo = hi
                    orderNumber = -1
                }
                previous = id
                orderNumber += 1
            }
            let customer = rows.isNull(1) ? -1 : rows.int64(1), product = rows.int64(2)
            guard let customer32 = Int32(exactly: customer), let product32 = Int32(exactly: product) else { return stored }
            chunk.customerRef.append(customer32)
            chunk.productRef.append(product32)
            chunk.order.append(orderNumber)
            chunk.quantity.append(rows.double(3))
            chunk.unitPriceMinor.append(rows.int64(4))
            chunk.discountMinor.append(rows.int64(5))
            chunk.orderedAt.append(rows.int64(6))
            chunk.hasChannel.append(rows.int64(7) != 0 ? 1 : 0)
            chunk.lines += 1
        }
        try store(lo, to, chunk)
        return stored
    }
}
