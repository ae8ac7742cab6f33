import Foundation

/// Item-based nearest neighbours on implicit feedback, as `implicit`'s `CosineRecommender` and
/// `BM25Recommender` (0.7): a sparse item × item similarity keeping the `k` most similar items of
/// each item (the item itself included, as `implicit`'s `all_pairs_knn`), and a user's score for
/// item j = Σ over history items i of w_ui · s(i, j).
///
/// Weightings of the users × items matrix before the item–item dot products:
/// - ``Weighting/cosine``: each item column scaled to unit length, so s is the cosine.
/// - ``Weighting/cooccurrence``: raw products, for "bought together" lists.
/// - ``Weighting/bm25(k1:b:)``: Robertson's BM25 on the items × users matrix (items are the
///   documents, users the terms): w = x (k1 + 1) / (k1 · L_i + x) · idf_u with
///   L_i = (1 − b) + b · |i| / mean |i| and idf_u = ln(N_items) − ln(1 + items of u); not normalised.
public struct ItemNeighbours: Sendable {
    /// How interactions are weighted before computing item similarities.
    public enum Weighting: Sendable, Hashable, Codable {
        case cosine
        case bm25(k1: Float, b: Float)
        /// Unweighted: s(i, j) = Σ_u w_ui w_uj, with binary weights the number of customers who
        /// bought both ("bought together").
        case cooccurrence
    }

    public let items: Int
    public let k: Int
    public let weighting: Weighting
    /// Row `i` holds the neighbours of item i (by descending similarity) and their similarities.
    public let similarity: InteractionMatrix

    /// Builds the neighbour lists of a users × items matrix.
    ///
    /// Cost: Σ over users of (items of the user)², on `threads` threads; deterministic.
    public static func fit(_ userItems: InteractionMatrix, k: Int = 20, weighting: Weighting = .cosine, threads: Int = 2) throws
        -> ItemNeighbours
    {
        guard k >= 1 else { throw RecommendationError.invalidParameter("k") }
        let weighted = weight(userItems, weighting)
        let itemUsers = weighted.transposed()
        let items = userItems.columns
        var neighbourLists = [[(Int32, Float)]](repeating: [], count: items)
        let blocks = ParallelRows(rows: items, blockSize: 64)
        let perBlock = UncheckedBox(ResultSlots<[(Int32, Float)]>(count: items))
        let workers = max(1, threads)
        let scratch = UncheckedBox(ResultSlots<[Float]>(count: workers))
        for w in 0..<workers { scratch.value.set(w, [Float](repeating: 0, count: items)) }
        blocks.forEach(threads: workers) { b, worker in
            var acc = scratch.value.take(worker)
            var touched: [Int32] = []
            for i in blocks.range(ofBlock: b) {
                touched.removeAll(keepingCapacity: true)
                for e in itemUsers.range(ofRow: i) {
                    let u = Int(itemUsers.columnIndices[e])
                    let wi = itemUsers.values[e]
                    for f in weighted.range(ofRow: u) {
                        let j = Int(weighted.columnIndices[f])
                        if acc[j] == 0 { touched.append(Int32(j)) }
                        acc[j] += wi * weighted.values[f]
                    }
                }
                var heap = TopK(capacity: k)
                for j in touched {
                    heap.insert(item: Int(j), score: acc[Int(j)])
                    acc[Int(j)] = 0
                }
                perBlock.value.set(i, heap.sorted().map { (Int32($0.item), $0.score) })
            }
            scratch.value.set(worker, acc)
        }
        for i in 0..<items { neighbourLists[i] = perBlock.value.take(i) }
        var starts = [Int](repeating: 0, count: items + 1)
        var cols: [Int32] = []
        var vals: [Float] = []
        for i in 0..<items {
            for (j, s) in neighbourLists[i] {
                cols.append(j)
                vals.append(s)
            }
            starts[i + 1] = cols.count
        }
        let sim = InteractionMatrix(rows: items, columns: items, rowStarts: starts, columnIndices: cols, values: vals)
        return ItemNeighbours(items: items, k: k, weighting: weighting, similarity: sim)
    }

    static func weight(_ m: InteractionMatrix, _ weighting: Weighting) -> InteractionMatrix {
        var values = m.values
        switch weighting {
        case .cooccurrence:
            return m
        case .cosine:
            var norms = [Float](repeating: 0, count: m.columns)
            for (c, v) in zip(m.columnIndices, m.values) { norms[Int(c)] += v * v }
            for e in values.indices {
                let norm = norms[Int(m.columnIndices[e])].squareRoot()
                values[e] = norm > 0 ? values[e] / norm : 0
            }
        case .bm25(let k1, let b):
            // Items are the documents: length = the item's total weight, idf over users.
            let lengths = m.columnSums()
            let mean = lengths.isEmpty ? 1 : lengths.reduce(0, +) / Float(lengths.count)
            let n = Float(m.columns)
            for u in 0..<m.rows {
                let idf = Float(log(Double(n)) - log1p(Double(m.range(ofRow: u).count)))
                for e in m.range(ofRow: u) {
                    let lengthNorm = (1 - b) + b * lengths[Int(m.columnIndices[e])] / max(mean, .leastNonzeroMagnitude)
                    let x = m.values[e]
                    values[e] = x * (k1 + 1) / (k1 * lengthNorm + x) * idf
                }
            }
        }
        return InteractionMatrix(rows: m.rows, columns: m.columns, rowStarts: m.rowStarts, columnIndices: m.columnIndices, values: values)
    }

    /// Adds Σ_i w_ui s(i, j) for the history into `scores` (length ``items``, zeroed by the caller).
    public func accumulate(history: [(item: Int, weight: Float)], into scores: inout [Float]) {
        for (i, w) in history {
            for e in similarity.range(ofRow: i) { scores[Int(similarity.columnIndices[e])] += w * similarity.values[e] }
        }
    }

    /// The history item with the largest w_ui · s(i, j) for `item`, and that term's share of the
    /// item's score; nil when no history item has `item` among its neighbours.
    public func strongestContribution(item: Int, history: [(item: Int, weight: Float)]) -> (item: Int, share: Double)? {
        var best: (item: Int, value: Float)?
        var total: Float = 0
        for (i, w) in history {
            for e in similarity.range(ofRow: i) where Int(similarity.columnIndices[e]) == item {
                let v = w * similarity.values[e]
                total += v
                if v > 0, best.map({ v > $0.value }) ?? true { best = (i, v) }
            }
        }
        guard let best, total > 0 else { return nil }
        return (best.item, Double(best.value / total))
    }
}

/// Per-index result slots that workers fill at disjoint indices (a raw buffer: a class's
/// array property would trip Swift's dynamic exclusivity checks under concurrent writes).
final class ResultSlots<Value>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<Value?>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: max(1, count))
        slots.initialize(repeating: nil, count: max(1, count))
    }

    deinit {
        slots.deinitialize(count: max(1, count))
        slots.deallocate()
    }

    func set(_ i: Int, _ value: Value) { slots[i] = value }

    func take(_ i: Int) -> Value {
        guard let value = slots[i] else { preconditionFailure("slot \(i) was not filled") }
        slots[i] = nil
        return value
    }
}
