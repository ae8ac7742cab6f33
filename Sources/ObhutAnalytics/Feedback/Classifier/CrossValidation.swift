/// Splitting labelled items into k folds for cross-validation.
public enum CrossValidation {
    /// The fold (0..<k) of each item: stratified (each class spread evenly over the folds) and
    /// shuffled by a seeded ``SplitMix64``, so the same labels and seed give the same folds.
    /// Edge cases: k is clamped to 2...n; with fewer items of a class than folds some folds get none.
    public static func folds(positive: [Bool], k: Int, seed: UInt64) -> [Int] {
        let k = max(2, min(k, max(positive.count, 2)))
        var rng = SplitMix64(seed: seed)
        var fold = [Int](repeating: 0, count: positive.count)
        for cls in [true, false] {
            var members = positive.indices.filter { positive[$0] == cls }
            for i in stride(from: members.count - 1, to: 0, by: -1) { members.swapAt(i, rng.next(below: i + 1)) }
            for (rank, item) in members.enumerated() { fold[item] = rank % k }
        }
        return fold
    }
}
