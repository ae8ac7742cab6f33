/// The distinct days on which each person bought each product, sorted by person, product and
/// day: the common input of repeat-purchase intervals and the due list.
///
/// Why packed keys: five million order lines become one array of 64-bit keys
/// `person | product | day` (bit widths fitted to the data), sorted once with the standard
/// sort; walking it in order gives each person-product history without a dictionary. When the
/// widths do not fit in 64 bits (billions of people or products, centuries of days), the same
/// order is produced by sorting triples, slower but correct.
///
/// Lines at or after `asOf` and lines with a negative person or product are left out.
public struct PurchaseDays: Sendable {
    /// Person index of each entry.
    public private(set) var person: [Int32] = []
    /// Product index of each entry.
    public private(set) var product: [Int32] = []
    /// Local day number of each entry; strictly increasing within one person and product.
    public private(set) var day: [Int32] = []
    /// Number of products (one more than the largest product index seen, at least `productCount`).
    public let productCount: Int
    /// Local day number of the as-of instant (the day it falls on).
    public let asOfDay: Int64

    /// - Parameters:
    ///   - localSeconds: order time of each line in local seconds.
    ///   - asOf: local seconds of the as-of instant.
    ///   - productCount: the size of the product index space.
    public init(person: [Int32], product: [Int32], localSeconds: [Int64], asOf: Int64, productCount: Int) {
        precondition(person.count == product.count && person.count == localSeconds.count, "columns must have one value per line")
        asOfDay = LocalCalendar.day(asOf)
        var maxPerson: Int32 = 0, maxProduct: Int32 = 0
        var minDay = Int64.max, maxDay = Int64.min
        var used = 0
        for line in person.indices where localSeconds[line] < asOf && person[line] >= 0 && product[line] >= 0 {
            maxPerson = max(maxPerson, person[line])
            maxProduct = max(maxProduct, product[line])
            let d = LocalCalendar.day(localSeconds[line])
            minDay = min(minDay, d)
            maxDay = max(maxDay, d)
            used += 1
        }
        self.productCount = max(productCount, used > 0 ? Int(maxProduct) + 1 : 0)
        guard used > 0 else { return }
        let dayBits = Self.bits(UInt64(maxDay - minDay))
        let productBits = Self.bits(UInt64(maxProduct))
        let personBits = Self.bits(UInt64(maxPerson))
        if dayBits + productBits + personBits <= 64, maxDay - minDay < Int64(Int32.max), minDay > Int64(Int32.min), maxDay < Int64(Int32.max) {
            var keys = [UInt64]()
            keys.reserveCapacity(used)
            for line in person.indices where localSeconds[line] < asOf && person[line] >= 0 && product[line] >= 0 {
                let d = UInt64(LocalCalendar.day(localSeconds[line]) - minDay)
                keys.append(UInt64(person[line]) << (productBits + dayBits) | UInt64(product[line]) << dayBits | d)
            }
            keys.sort()
            let dayMask: UInt64 = dayBits == 64 ? .max : (1 << dayBits) - 1
            let productMask: UInt64 = (1 << productBits) - 1
            var previous = UInt64.max
            reserve(used)
            for key in keys where key != previous {
                previous = key
                self.person.append(Int32(truncatingIfNeeded: key >> (productBits + dayBits)))
                self.product.append(Int32(truncatingIfNeeded: (key >> dayBits) & productMask))
                self.day.append(Int32(truncatingIfNeeded: Int64(key & dayMask) + minDay))
            }
        } else {
            var triples: [(Int32, Int32, Int64)] = []
            triples.reserveCapacity(used)
            for line in person.indices where localSeconds[line] < asOf && person[line] >= 0 && product[line] >= 0 {
                triples.append((person[line], product[line], LocalCalendar.day(localSeconds[line])))
            }
            triples.sort { $0 < $1 }
            reserve(used)
            var last: (Int32, Int32, Int64)?
            for triple in triples where last.map({ $0 != triple }) ?? true {
                last = triple
                self.person.append(triple.0)
                self.product.append(triple.1)
                self.day.append(Int32(clamping: triple.2))
            }
        }
    }

    /// Number of (person, product, day) entries.
    public var count: Int { person.count }

    private mutating func reserve(_ capacity: Int) {
        person.reserveCapacity(capacity)
        product.reserveCapacity(capacity)
        day.reserveCapacity(capacity)
    }

    /// Bits needed to hold `value` (at least 1).
    private static func bits(_ value: UInt64) -> Int {
        max(1, 64 - value.leadingZeroBitCount)
    }
}
