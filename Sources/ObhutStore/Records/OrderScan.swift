import Foundation
import GRDB
import GRDBSQLite

/// Which order-line columns a scan returns (only the ones an activity declared).
public struct OrderScanColumns: Sendable, Equatable {
    public var order = false, product = false, quantity = false, price = false, discount = false, orderedAt = false
    public init() {}
}

/// Order lines as columns, person and product as dense indexes.
public struct OrderScan: Sendable {
    public var person: [Int32] = []
    public var order: [Int32] = []
    public var product: [Int32] = []
    public var quantity: [Double] = []
    public var unitPriceMinor: [Int64] = []
    public var discountMinor: [Int64] = []
    public var orderedAt: [Int64] = []
}

extension SQLiteStore {
    /// Reads every order line of the given people in one pass, mapping customer and product ids
    /// to their positions in `people` and `products` without building a String per row: the
    /// scan compares SQLite's own bytes against a hash table of the ids. Lines of people not in
    /// `people`, of unknown products, or of products in `excludedProducts` are skipped.
    /// Rows come in the table's key order (order_id, line), so lines of one order are adjacent and
    /// the dense order number grows when the id changes.
    public func scanOrderLines(people: [String], products: [String], excludedProducts: Set<Int32>, columns: OrderScanColumns) throws -> OrderScan {
        try writer.read { db in try scanOrderLines(db, people: people, products: products, excludedProducts: excludedProducts, columns: columns) }
    }

    /// The same inside a running read.
    public func scanOrderLines(
        _ db: Database, people: [String], products: [String], excludedProducts: Set<Int32>, columns: OrderScanColumns
    ) throws -> OrderScan {
        let personTable = ByteKeyTable(people)
        let productTable = ByteKeyTable(products)
        var excluded = [Bool](repeating: false, count: products.count)
        for p in excludedProducts where Int(p) < excluded.count { excluded[Int(p)] = true }
        do {
            let statement = try db.makeStatement(
                sql: """
                    SELECT customer_id, product_id, order_id, quantity, unit_price_minor, discount_minor, ordered_at
                    FROM order_line WHERE customer_id IS NOT NULL
                    """)
            let h = statement.sqliteStatement
            defer { sqlite3_reset(h) }
            var out = OrderScan()
            var previous: [UInt8] = []
            var orderNumber: Int32 = -1
            while true {
                let code = sqlite3_step(h)
                if code == SQLITE_DONE { break }
                guard code == SQLITE_ROW else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                }
                let person = personTable.index(of: sqlite3_column_text(h, 0), count: Int(sqlite3_column_bytes(h, 0)))
                guard person >= 0 else { continue }
                let product = productTable.index(of: sqlite3_column_text(h, 1), count: Int(sqlite3_column_bytes(h, 1)))
                guard product >= 0, !excluded[Int(product)] else { continue }
                out.person.append(person)
                if columns.order {
                    let count = Int(sqlite3_column_bytes(h, 2))
                    if let text = sqlite3_column_text(h, 2) {
                        let bytes = UnsafeBufferPointer(start: text, count: count)
                        if !previous.elementsEqual(bytes) {
                            orderNumber += 1
                            previous.removeAll(keepingCapacity: true)
                            previous.append(contentsOf: bytes)
                        }
                    }
                    out.order.append(orderNumber)
                }
                if columns.product { out.product.append(product) }
                if columns.quantity { out.quantity.append(sqlite3_column_double(h, 3)) }
                if columns.price { out.unitPriceMinor.append(sqlite3_column_int64(h, 4)) }
                if columns.discount { out.discountMinor.append(sqlite3_column_int64(h, 5)) }
                if columns.orderedAt { out.orderedAt.append(sqlite3_column_int64(h, 6)) }
            }
            return out
        }
    }
}

/// An open-addressing hash table from UTF-8 byte strings to their position in a list, probed
/// with bytes straight from SQLite (no String per lookup). Exact: a hit compares the bytes.
struct ByteKeyTable {
    private var arena: [UInt8] = []
    private var starts: [Int] = []
    private var slots: [Int32]
    private let mask: Int

    init(_ keys: [String]) {
        var capacity = 16
        while capacity < keys.count * 2 { capacity <<= 1 }
        slots = [Int32](repeating: -1, count: capacity)
        mask = capacity - 1
        starts.reserveCapacity(keys.count + 1)
        for (i, key) in keys.enumerated() {
            starts.append(arena.count)
            arena.append(contentsOf: key.utf8)
            var slot = Self.hash(arena, from: starts[i], to: arena.count) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(i)
        }
        starts.append(arena.count)
    }

    static func hash<C: Collection>(_ bytes: C, from: C.Index, to: C.Index) -> Int where C.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var i = from
        while i != to {
            h = (h ^ UInt64(bytes[i])) &* 0x0000_0100_0000_01B3
            i = bytes.index(after: i)
        }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    /// The position of the key, or -1.
    func index(of text: UnsafePointer<UInt8>?, count: Int) -> Int32 {
        guard let text else { return -1 }
        let bytes = UnsafeBufferPointer(start: text, count: count)
        var slot = Self.hash(bytes, from: 0, to: count) & mask
        while true {
            let candidate = slots[slot]
            if candidate < 0 { return -1 }
            let start = starts[Int(candidate)], end = starts[Int(candidate) + 1]
            if end - start == count && arena[start..<end].elementsEqual(bytes) { return candidate }
            slot = (slot + 1) & mask
        }
    }
}
