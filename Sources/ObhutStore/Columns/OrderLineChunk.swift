import Foundation

/// A column of the order lines kept in `order_line_chunk`, with its packed width.
public enum OrderLineColumn: String, CaseIterable, Sendable {
    /// `customer_ref` as Int32; -1 where the customer was erased (NULL in `order_line`).
    case customerRef = "customer_ref"
    /// `product_ref` as Int32.
    case productRef = "product_ref"
    /// The order's number within the chunk (Int32, from 0, grows with the order id): lines of one
    /// order share it. An order never spans two chunks (chunks are ranges of order ids).
    case order
    /// `quantity` as Double.
    case quantity
    /// `unit_price_minor` as Int64 (cents).
    case unitPriceMinor = "unit_price_minor"
    /// `discount_minor` as Int64 (cents).
    case discountMinor = "discount_minor"
    /// `ordered_at` as Int64 (unix seconds, UTC).
    case orderedAt = "ordered_at"
    /// Whether `channel` is set, as UInt8 (1 or 0): all the data-quality report needs of it
    /// (added with migration v8; chunks built before lack it and are rebuilt).
    case hasChannel = "has_channel"

    /// Bytes per value.
    var width: Int {
        switch self {
        case .hasChannel: 1
        case .customerRef, .productRef, .order: 4
        case .quantity, .unitPriceMinor, .discountMinor, .orderedAt: 8
        }
    }
}

/// The order lines of one range of order ids, in (order id, line) order, as columns. Only the
/// columns asked for are filled; the others are empty.
public struct OrderLineChunk: Sendable {
    /// The order ids covered: `from <= id < to` (`to` nil: to the last).
    public var from = ""
    public var to: String?
    public var lines: Int
    public var customerRef: [Int32] = []
    public var productRef: [Int32] = []
    public var order: [Int32] = []
    public var quantity: [Double] = []
    public var unitPriceMinor: [Int64] = []
    public var discountMinor: [Int64] = []
    public var orderedAt: [Int64] = []
    public var hasChannel: [UInt8] = []

    public init(lines: Int) { self.lines = lines }

    /// Fills `column` from its packed bytes; false (and nothing set) when their length does not
    /// match `lines`, so a damaged blob is never read as data.
    mutating func load(_ column: OrderLineColumn, from bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count == lines * column.width else { return false }
        // Copied, not bound: SQLite's blob memory carries no alignment promise.
        func unpack<T: Numeric>(_: T.Type) -> [T] {
            [T](unsafeUninitializedCapacity: lines) { buffer, count in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: bytes)
                count = lines
            }
        }
        switch column {
        case .customerRef: customerRef = unpack(Int32.self)
        case .productRef: productRef = unpack(Int32.self)
        case .order: order = unpack(Int32.self)
        case .quantity: quantity = unpack(Double.self)
        case .unitPriceMinor: unitPriceMinor = unpack(Int64.self)
        case .discountMinor: discountMinor = unpack(Int64.self)
        case .orderedAt: orderedAt = unpack(Int64.self)
        case .hasChannel: hasChannel = unpack(UInt8.self)
        }
        return true
    }

    /// The packed bytes of `column` (host byte order, which is little-endian on every platform
    /// Obhut runs on; `OrderLineColumns` refuses to build a copy elsewhere).
    func packed(_ column: OrderLineColumn) -> Data {
        func pack<T>(_ values: [T]) -> Data { values.withUnsafeBytes { Data($0) } }
        switch column {
        case .customerRef: return pack(customerRef)
        case .productRef: return pack(productRef)
        case .order: return pack(order)
        case .quantity: return pack(quantity)
        case .unitPriceMinor: return pack(unitPriceMinor)
        case .discountMinor: return pack(discountMinor)
        case .orderedAt: return pack(orderedAt)
        case .hasChannel: return pack(hasChannel)
        }
    }
}
