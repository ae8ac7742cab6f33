/// Frequent itemsets by FP-growth (Han, Pei & Yin, "Mining frequent patterns without candidate
/// generation", SIGMOD 2000).
///
/// Threshold semantics (as mlxtend's `fpgrowth`): an itemset is frequent when
/// `count / basketCount >= minSupport`, compared in `Double`. mlxtend also requires
/// `count >= ceil(minSupport * basketCount)` for itemsets of two or more items, which differs only
/// when that product rounds up past an integer (for example 0.07 × 100 = 7.000000000000001); we
/// use the one rule for every length, see ``minimumCount(minSupport:basketCount:)``.
///
/// Implementation: the tree lives in flat arrays (item, count, parent, first child, next sibling,
/// node link); items are ordered by descending count (ties by id); conditional trees keep that
/// order, are built in two passes (count the prefix paths, then insert their frequent part) into
/// storage reused per recursion depth, and a tree that is a single path is expanded directly.
public enum FPGrowth {
    /// The frequent itemsets of `baskets`.
    ///
    /// - Parameters:
    ///   - minSupport: the fraction of baskets an itemset must appear in, in (0, 1].
    ///   - maxLength: the largest itemset size to report (`nil`: no limit), as mlxtend's `max_len`.
    ///   - maxItemsets: stop with ``BasketError/tooManyItemsets(limit:)`` after this many itemsets,
    ///     a guard against thresholds that would enumerate billions of combinations.
    /// - Returns: itemsets ordered by length, then by item ids.
    public static func frequentItemsets(
        in baskets: Baskets,
        minSupport: Double,
        maxLength: Int? = nil,
        maxItemsets: Int? = nil
    ) throws(BasketError) -> FrequentItemsets {
        guard minSupport > 0, minSupport <= 1 else {
            throw .thresholdOutOfRange(name: "minimum support", value: minSupport, range: "(0, 1]")
        }
        guard baskets.count < Int(Int32.max) else {
            throw .invalidOffsets("more than \(Int32.max) baskets")
        }
        let minCount = minimumCount(minSupport: minSupport, basketCount: baskets.count)
        let lengthLimit = maxLength ?? Int.max
        var miner = FPMiner(
            minCount: Int32(clamping: minCount), maxLength: lengthLimit,
            maxItemsets: maxItemsets ?? Int.max)
        if baskets.count > 0, lengthLimit > 0 {
            let root = FPTree.root(of: baskets, minCount: minCount)
            try miner.mine(root, depth: 0)
        }
        let sorted = miner.output.sorted { a, b in
            a.items.count != b.items.count
                ? a.items.count < b.items.count : a.items.lexicographicallyPrecedes(b.items)
        }
        return FrequentItemsets(
            itemsets: sorted, basketCount: baskets.count, minCount: minCount, minSupport: minSupport)
    }

    /// The smallest basket count `c >= 1` with `Double(c) / Double(basketCount) >= minSupport`.
    ///
    /// Why not `ceil(minSupport * basketCount)`: the product is rounded, so for 0.07 and 100
    /// baskets it gives 8, although 7 / 100 >= 0.07 holds in `Double`.
    public static func minimumCount(minSupport: Double, basketCount: Int) -> Int {
        guard basketCount > 0 else { return 1 }
        let total = Double(basketCount)
        var count = max(1, Int((minSupport * total).rounded(.up)))
        while count > 1, Double(count - 1) / total >= minSupport { count -= 1 }
        while Double(count) / total < minSupport { count += 1 }
        return count
    }
}

/// An FP-tree in flat arrays. Node 0 is the root. Items are local indices `0 ..< itemCount`
/// whose order is the global frequency order; ``itemIds`` maps them back to basket item ids.
struct FPTree {
    var item: [Int32] = []
    var count: [Int32] = []
    var parent: [Int32] = []
    var firstChild: [Int32] = []
    var nextSibling: [Int32] = []
    var nextSame: [Int32] = []
    var head: [Int32] = []
    var support: [Int32] = []
    var itemIds: [Int32] = []
    var isSinglePath = true
    /// Set while paths arrive in lexicographic order (the initial tree, see ``root(of:minCount:)``):
    /// a node's newest child, kept first in its list, is then the only one a later path can
    /// share, so insertion never walks a sibling list.
    var appendOnly = false

    var itemCount: Int { itemIds.count }
    var isEmpty: Bool { item.count <= 1 }

    /// Empties the tree (keeping capacity) for items with the given ids.
    mutating func reset<C: Collection>(itemIds ids: C) where C.Element == Int32 {
        item.removeAll(keepingCapacity: true)
        count.removeAll(keepingCapacity: true)
        parent.removeAll(keepingCapacity: true)
        firstChild.removeAll(keepingCapacity: true)
        nextSibling.removeAll(keepingCapacity: true)
        nextSame.removeAll(keepingCapacity: true)
        item.append(-1)
        count.append(0)
        parent.append(-1)
        firstChild.append(-1)
        nextSibling.append(-1)
        nextSame.append(-1)
        itemIds.removeAll(keepingCapacity: true)
        itemIds.append(contentsOf: ids)
        head.removeAll(keepingCapacity: true)
        head.append(contentsOf: repeatElement(-1, count: itemIds.count))
        support.removeAll(keepingCapacity: true)
        support.append(contentsOf: repeatElement(0, count: itemIds.count))
        isSinglePath = true
        appendOnly = false
    }

    /// Adds a path of local items, given in descending order, with `weight` baskets.
    mutating func insert(descending path: UnsafeMutableBufferPointer<Int32>, length: Int, weight: Int32) {
        var node: Int32 = 0
        var index = length - 1
        while index >= 0 {
            let local = path[index]
            var child = firstChild[Int(node)]
            if appendOnly {
                if child >= 0, item[Int(child)] != local { child = -1 }
            } else {
                while child >= 0, item[Int(child)] != local { child = nextSibling[Int(child)] }
            }
            if child < 0 {
                child = Int32(item.count)
                let sibling = firstChild[Int(node)]
                if sibling >= 0 { isSinglePath = false }
                item.append(local)
                count.append(0)
                parent.append(node)
                firstChild.append(-1)
                nextSibling.append(sibling)
                nextSame.append(head[Int(local)])
                firstChild[Int(node)] = child
                head[Int(local)] = child
            }
            count[Int(child)] &+= weight
            support[Int(local)] &+= weight
            node = child
            index -= 1
        }
    }

    /// The initial tree: frequent items ranked by descending count (ties: smaller id first).
    ///
    /// The baskets' ranked paths are inserted in lexicographic order, identical paths once with
    /// their count as weight. Why: with a few hundred items bought at random, upper nodes have
    /// hundreds of children, and finding a child by walking the sibling list (a cache miss per
    /// step) took most of the mining time on five million order lines (Benchmarks/Patterns).
    /// In sorted order a path can only continue through a node's newest child. Paths that fit
    /// in 64 bits (length × bits per rank) are sorted as packed keys; longer ones by comparison.
    static func root(of baskets: Baskets, minCount: Int) -> FPTree {
        let counts = baskets.itemCounts()
        var frequent = (0..<baskets.itemCount).filter { counts[$0] >= minCount }
        frequent.sort { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
        var rank = [Int32](repeating: -1, count: baskets.itemCount)
        for (position, id) in frequent.enumerated() { rank[id] = Int32(position) }
        var tree = FPTree()
        tree.reset(itemIds: frequent.map { Int32($0) })
        tree.item.reserveCapacity(baskets.items.count / 2 + 1)
        // Ranked paths, ascending rank (most frequent item first), in CSR form.
        var pathItems = [Int32]()
        pathItems.reserveCapacity(baskets.items.count)
        var pathOffsets = [0]
        pathOffsets.reserveCapacity(baskets.count + 1)
        var longest = 0
        baskets.items.withUnsafeBufferPointer { items in
            for basket in 0..<baskets.count {
                let start = pathItems.count
                for index in baskets.offsets[basket]..<baskets.offsets[basket + 1] {
                    let local = rank[Int(items[index])]
                    guard local >= 0 else { continue }
                    // Insertion sort, ascending: baskets are short.
                    var position = pathItems.count
                    pathItems.append(local)
                    while position > start, pathItems[position - 1] > local {
                        pathItems[position] = pathItems[position - 1]
                        position -= 1
                    }
                    pathItems[position] = local
                }
                if pathItems.count > start {
                    pathOffsets.append(pathItems.count)
                    longest = max(longest, pathItems.count - start)
                }
            }
        }
        let pathCount = pathOffsets.count - 1
        guard pathCount > 0 else { return tree }
        let path = UnsafeMutableBufferPointer<Int32>.allocate(capacity: longest)
        defer { path.deallocate() }
        tree.appendOnly = true
        let bits = max(1, 64 - UInt64(frequent.count).leadingZeroBitCount)
        if bits * longest <= 64 {
            // Each path as one key: rank + 1 per field from the top bits, 0 after its end, so
            // sorting the keys sorts the paths lexicographically (a prefix first).
            var keys = [UInt64](repeating: 0, count: pathCount)
            for index in 0..<pathCount {
                var key: UInt64 = 0
                for (field, position) in (pathOffsets[index]..<pathOffsets[index + 1]).enumerated() {
                    key |= UInt64(pathItems[position] + 1) << UInt64(64 - bits * (field + 1))
                }
                keys[index] = key
            }
            keys.sort()
            let mask: UInt64 = (1 << UInt64(bits)) - 1
            var start = 0
            while start < pathCount {
                var end = start + 1
                while end < pathCount, keys[end] == keys[start] { end += 1 }
                var length = 0
                while length < longest {
                    let value = (keys[start] >> UInt64(64 - bits * (length + 1))) & mask
                    if value == 0 { break }
                    length += 1
                }
                // insert(descending:) reads the path from its end.
                for field in 0..<length {
                    path[length - 1 - field] = Int32((keys[start] >> UInt64(64 - bits * (field + 1))) & mask) - 1
                }
                tree.insert(descending: path, length: length, weight: Int32(end - start))
                start = end
            }
        } else {
            var order = Array(0..<pathCount)
            order.sort { a, b in
                pathItems[pathOffsets[a]..<pathOffsets[a + 1]].lexicographicallyPrecedes(pathItems[pathOffsets[b]..<pathOffsets[b + 1]])
            }
            for index in order {
                let length = pathOffsets[index + 1] - pathOffsets[index]
                for field in 0..<length { path[length - 1 - field] = pathItems[pathOffsets[index] + field] }
                tree.insert(descending: path, length: length, weight: 1)
            }
        }
        tree.appendOnly = false
        return tree
    }
}

/// Scratch arrays shared by every conditional-tree build (sized for the root tree's items;
/// entries are returned to 0 / -1 after each build).
struct FPScratch {
    var conditionalCount: [Int32]
    var remap: [Int32]
    var touched: [Int32] = []
    var path: UnsafeMutableBufferPointer<Int32>

    init(itemCount: Int) {
        conditionalCount = [Int32](repeating: 0, count: itemCount)
        remap = [Int32](repeating: -1, count: itemCount)
        path = .allocate(capacity: max(1, itemCount))
    }
}

/// The recursive FP-growth miner; trees are kept per depth and reused.
struct FPMiner {
    let minCount: Int32
    let maxLength: Int
    let maxItemsets: Int
    var pool: [FPTree] = []
    var prefix: [Int32] = []
    var output: [FrequentItemset] = []

    init(minCount: Int32, maxLength: Int, maxItemsets: Int) {
        self.minCount = minCount
        self.maxLength = maxLength
        self.maxItemsets = maxItemsets
    }

    mutating func mine(_ root: FPTree, depth: Int) throws(BasketError) {
        var scratch = FPScratch(itemCount: root.itemCount)
        defer { scratch.path.deallocate() }
        try mine(root, depth: depth, scratch: &scratch)
    }

    private mutating func mine(_ tree: FPTree, depth: Int, scratch: inout FPScratch) throws(BasketError) {
        if tree.isSinglePath {
            try expandSinglePath(tree)
            return
        }
        while pool.count <= depth + 1 { pool.append(FPTree()) }
        for local in stride(from: tree.itemCount - 1, through: 0, by: -1) {
            let support = tree.support[local]
            guard support >= minCount else { continue }
            prefix.append(tree.itemIds[local])
            defer { prefix.removeLast() }
            try emit(support)
            guard prefix.count < maxLength else { continue }
            var child = FPTree()
            swap(&child, &pool[depth + 1])
            if child.build(from: tree, item: local, minCount: minCount, scratch: &scratch) {
                try mine(child, depth: depth + 1, scratch: &scratch)
            }
            swap(&child, &pool[depth + 1])
        }
    }

    /// A single path's itemsets are all combinations of its nodes; the count of a combination is
    /// the count of its deepest node (counts do not increase along a path).
    private mutating func expandSinglePath(_ tree: FPTree) throws(BasketError) {
        var items: [Int32] = []
        var counts: [Int32] = []
        var node = tree.firstChild[0]
        while node >= 0 {
            items.append(tree.itemIds[Int(tree.item[Int(node)])])
            counts.append(tree.count[Int(node)])
            node = tree.firstChild[Int(node)]
        }
        for deepest in 0..<items.count where counts[deepest] >= minCount {
            prefix.append(items[deepest])
            defer { prefix.removeLast() }
            try emit(counts[deepest])
            try addSubsets(items, below: deepest, count: counts[deepest])
        }
    }

    private mutating func addSubsets(_ items: [Int32], below end: Int, count: Int32) throws(BasketError) {
        guard prefix.count < maxLength else { return }
        for index in stride(from: end - 1, through: 0, by: -1) {
            prefix.append(items[index])
            defer { prefix.removeLast() }
            try emit(count)
            try addSubsets(items, below: index, count: count)
        }
    }

    private mutating func emit(_ count: Int32) throws(BasketError) {
        guard output.count < maxItemsets else { throw .tooManyItemsets(limit: maxItemsets) }
        var items = prefix
        items.sort()
        output.append(FrequentItemset(items: items, count: Int(count)))
    }
}

extension FPTree {
    /// Makes this tree the conditional tree of `parentTree` for item `local`: the prefix paths
    /// of that item's nodes, restricted to the items frequent among them. Returns `false` when
    /// no item is frequent (the tree is then not usable).
    mutating func build(
        from parentTree: FPTree, item target: Int, minCount: Int32, scratch: inout FPScratch
    ) -> Bool {
        scratch.touched.removeAll(keepingCapacity: true)
        var node = parentTree.head[target]
        // Pass 1: count the items on the prefix paths.
        while node >= 0 {
            let weight = parentTree.count[Int(node)]
            var up = parentTree.parent[Int(node)]
            while up > 0 {
                let local = Int(parentTree.item[Int(up)])
                if scratch.conditionalCount[local] == 0 { scratch.touched.append(Int32(local)) }
                scratch.conditionalCount[local] &+= weight
                up = parentTree.parent[Int(up)]
            }
            node = parentTree.nextSame[Int(node)]
        }
        var kept = 0
        for index in 0..<scratch.touched.count {
            let local = Int(scratch.touched[index])
            if scratch.conditionalCount[local] >= minCount {
                scratch.touched[kept] = Int32(local)
                kept += 1
            }
            scratch.conditionalCount[local] = 0
        }
        guard kept > 0 else { return false }
        scratch.touched.removeLast(scratch.touched.count - kept)
        scratch.touched.sort()
        for (position, local) in scratch.touched.enumerated() { scratch.remap[Int(local)] = Int32(position) }
        reset(itemIds: scratch.touched.lazy.map { parentTree.itemIds[Int($0)] })
        // Pass 2: insert the frequent part of each prefix path.
        node = parentTree.head[target]
        let path = scratch.path
        while node >= 0 {
            let weight = parentTree.count[Int(node)]
            var up = parentTree.parent[Int(node)]
            var length = 0
            while up > 0 {
                let mapped = scratch.remap[Int(parentTree.item[Int(up)])]
                if mapped >= 0 {
                    path[length] = mapped
                    length += 1
                }
                up = parentTree.parent[Int(up)]
            }
            if length > 0 { insert(descending: path, length: length, weight: weight) }
            node = parentTree.nextSame[Int(node)]
        }
        for local in scratch.touched { scratch.remap[Int(local)] = -1 }
        return true
    }
}
