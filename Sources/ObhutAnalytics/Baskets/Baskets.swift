/// Shopping baskets in compressed sparse row form: basket `b` holds
/// `items[offsets[b] ..< offsets[b + 1]]`.
///
/// Why this shape: one flat array of item ids and one of offsets is what FP-growth and the
/// pair counters read sequentially; 10 million order lines take 40 MB, not 10 million small
/// arrays. Item ids are dense (`0 ..< itemCount`); ``ItemCatalog`` maps them to names.
///
/// Edge cases: the initialiser sorts each basket and removes repeated items (a basket either
/// contains an item or not, as in a one-hot table), so `items` may be shorter than the input.
/// Empty baskets are kept: they count in the denominator of every support.
public struct Baskets: Sendable, Equatable {
    /// `count + 1` offsets into ``items``, starting at 0 and non-decreasing.
    public let offsets: [Int]
    /// Item ids, each basket's ids sorted ascending without repeats.
    public let items: [Int32]
    /// Number of distinct item ids the ids are drawn from (`0 ..< itemCount`).
    public let itemCount: Int

    /// Wraps CSR arrays, checking them and normalising each basket (sorted, no repeats).
    ///
    /// - Throws: ``BasketError/invalidOffsets(_:)`` if the offsets do not start at 0, decrease or
    ///   end elsewhere than `items.count`; ``BasketError/itemOutOfRange(basket:item:itemCount:)``
    ///   for an id outside `0 ..< itemCount`.
    public init(offsets: [Int], items: [Int32], itemCount: Int) throws(BasketError) {
        guard itemCount >= 0, itemCount <= Int(Int32.max) else {
            throw .invalidItemCount(itemCount)
        }
        guard let first = offsets.first, first == 0, offsets.last == items.count else {
            throw .invalidOffsets("offsets must start at 0 and end at items.count (\(items.count))")
        }
        var normalised = [Int32]()
        normalised.reserveCapacity(items.count)
        var newOffsets = [Int]()
        newOffsets.reserveCapacity(offsets.count)
        newOffsets.append(0)
        var scratch = [Int32]()
        for basket in 0..<offsets.count - 1 {
            let start = offsets[basket], end = offsets[basket + 1]
            guard start <= end else {
                throw .invalidOffsets("offsets decrease at basket \(basket)")
            }
            scratch.removeAll(keepingCapacity: true)
            for index in start..<end {
                let item = items[index]
                guard item >= 0, Int(item) < itemCount else {
                    throw .itemOutOfRange(basket: basket, item: Int(item), itemCount: itemCount)
                }
                scratch.append(item)
            }
            scratch.sort()
            var previous: Int32 = -1
            for item in scratch where item != previous {
                normalised.append(item)
                previous = item
            }
            newOffsets.append(normalised.count)
        }
        self.offsets = newOffsets
        self.items = normalised
        self.itemCount = itemCount
    }

    /// Builds baskets from one array of item ids per basket.
    ///
    /// - Parameter itemCount: the size of the id space; `nil` means one more than the largest id.
    public init(_ baskets: [[Int32]], itemCount: Int? = nil) throws(BasketError) {
        var offsets = [0]
        offsets.reserveCapacity(baskets.count + 1)
        var items = [Int32]()
        for basket in baskets {
            items.append(contentsOf: basket)
            offsets.append(items.count)
        }
        let largest = items.max().map { Int($0) + 1 } ?? 0
        try self.init(offsets: offsets, items: items, itemCount: itemCount ?? largest)
    }

    /// Number of baskets (empty ones included).
    public var count: Int { offsets.count - 1 }

    /// The sorted item ids of basket `index`.
    public subscript(index: Int) -> ArraySlice<Int32> {
        items[offsets[index]..<offsets[index + 1]]
    }

    /// How many baskets contain each item, indexed by item id.
    public func itemCounts() -> [Int] {
        var counts = [Int](repeating: 0, count: itemCount)
        for item in items { counts[Int(item)] += 1 }
        return counts
    }
}

/// Errors of basket input and basket analyses, each saying how to fix the input.
public enum BasketError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The offsets array is not a valid CSR offsets array.
    case invalidOffsets(String)
    /// An item id lies outside `0 ..< itemCount`.
    case itemOutOfRange(basket: Int, item: Int, itemCount: Int)
    /// The item count is negative or exceeds the 32-bit id space.
    case invalidItemCount(Int)
    /// A support or confidence threshold outside its range.
    case thresholdOutOfRange(name: String, value: Double, range: String)
    /// Mining stopped because more itemsets were found than the caller allowed.
    case tooManyItemsets(limit: Int)
    /// A line of a basket file could not be read.
    case malformedLine(line: Int, reason: String)

    public var description: String {
        switch self {
        case .invalidOffsets(let reason):
            "Invalid basket offsets: \(reason)."
        case .itemOutOfRange(let basket, let item, let itemCount):
            "Basket \(basket) contains item id \(item), outside 0..<\(itemCount); pass the full item count."
        case .invalidItemCount(let count):
            "Item count \(count) is invalid: it must be between 0 and \(Int32.max)."
        case .thresholdOutOfRange(let name, let value, let range):
            "\(name) is \(value) but must be in \(range)."
        case .tooManyItemsets(let limit):
            "More than \(limit) frequent itemsets: raise the minimum support or limit the itemset length."
        case .malformedLine(let line, let reason):
            "Line \(line): \(reason)."
        }
    }
}
