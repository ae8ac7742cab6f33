/// The `capacity` highest-scoring items seen, as a min-heap; ties go to the lower item index (as a
/// stable descending sort), so the selection is deterministic.
struct TopK {
    let capacity: Int
    private(set) var entries: [(item: Int, score: Float)] = []

    init(capacity: Int) {
        self.capacity = max(0, capacity)
        entries.reserveCapacity(self.capacity)
    }

    /// Whether `a` ranks below `b` (lower score, or equal score and higher index).
    @inline(__always)
    static func below(_ a: (item: Int, score: Float), _ b: (item: Int, score: Float)) -> Bool {
        a.score < b.score || (a.score == b.score && a.item > b.item)
    }

    /// The score an item must beat to enter once full (−∞ before).
    var threshold: Float { entries.count < capacity ? -.infinity : entries[0].score }

    mutating func insert(item: Int, score: Float) {
        guard capacity > 0, !score.isNaN else { return }
        let new = (item: item, score: score)
        if entries.count < capacity {
            entries.append(new)
            var c = entries.count - 1
            while c > 0 {
                let parent = (c - 1) / 2
                guard Self.below(entries[c], entries[parent]) else { break }
                entries.swapAt(c, parent)
                c = parent
            }
        } else if Self.below(entries[0], new) {
            entries[0] = new
            var p = 0
            while true {
                let l = 2 * p + 1
                let r = l + 1
                var m = p
                if l < entries.count, Self.below(entries[l], entries[m]) { m = l }
                if r < entries.count, Self.below(entries[r], entries[m]) { m = r }
                if m == p { break }
                entries.swapAt(p, m)
                p = m
            }
        }
    }

    /// The kept items, best first.
    func sorted() -> [(item: Int, score: Float)] {
        entries.sorted { Self.below($1, $0) }
    }
}
