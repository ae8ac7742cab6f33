/// Train/test splits of interaction logs by time, as the anchor `a2_recs.py`.
public enum TemporalSplit {
    /// Per user: interactions ordered by (timestamp, item); the last max(1, ⌈fraction · n⌉) go to
    /// test (a2's `per_user_last10` with fraction 0.1). The ceiling is taken of the Double product
    /// `fraction * n`, exactly as the anchor's `math.ceil(0.1 * n)`.
    ///
    /// Returns, per input row, whether it is a test row. Users with one interaction have it in test.
    public static func perUser(users: [Int], items: [Int], timestamps: [Double], fraction: Double) -> [Bool] {
        let order = users.indices.sorted { a, b in
            (users[a], timestamps[a], items[a]) < (users[b], timestamps[b], items[b])
        }
        var test = [Bool](repeating: false, count: users.count)
        var s = 0
        while s < order.count {
            var e = s
            while e < order.count && users[order[e]] == users[order[s]] { e += 1 }
            let n = e - s
            let nTest = max(1, Int((fraction * Double(n)).rounded(.up)))
            for k in max(s, e - nTest)..<e { test[order[k]] = true }
            s = e
        }
        return test
    }

    /// Global: all interactions ordered by (timestamp, user, item); the last round(fraction · n)
    /// are test (a2's `global_last20` with fraction 0.2; Python's round: ties to even).
    public static func global(users: [Int], items: [Int], timestamps: [Double], fraction: Double) -> [Bool] {
        let order = users.indices.sorted { a, b in
            (timestamps[a], users[a], items[a]) < (timestamps[b], users[b], items[b])
        }
        let cut = Int(((1 - fraction) * Double(order.count)).rounded(.toNearestOrEven))
        var test = [Bool](repeating: false, count: users.count)
        for k in cut..<order.count { test[order[k]] = true }
        return test
    }
}
