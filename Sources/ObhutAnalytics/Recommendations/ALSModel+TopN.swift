extension ALSModel {
    /// Exact top-`limit` items for many users without the items in their `userItems` row, by
    /// scoring items in descending order of ‖y_i‖ and stopping once the Cauchy–Schwarz bound
    /// ‖x_u‖ · ‖y_i‖ falls below every user's current `limit`-th score (norm-ordered early
    /// termination, as in the maximum-inner-product search literature, e.g. Teflioudi et al.,
    /// "LEMP", SIGMOD 2015). Item norms in implicit ALS grow with popularity, so most users stop
    /// after a fraction of the catalogue; the answer is the same as a full scan (a relative slack
    /// of 1e-4 on the bound covers Float rounding).
    ///
    /// Four users share each pass over an item's factors. Returns `users.count × limit` items,
    /// −1 where fewer remain. Deterministic: ties go to the lower item index as in ``TopK``.
    func topN(for users: [Int], userItems: InteractionMatrix, limit: Int, threads: Int) -> [Int32] {
        var out = [Int32](repeating: -1, count: users.count * limit)
        guard limit > 0, !users.isEmpty, items > 0 else { return out }
        let n = layout.stride
        var norms = [Float](repeating: 0, count: items)
        itemFactors.withUnsafeBufferPointer { y in
            guard let yb = y.baseAddress else { return }
            for i in 0..<items { norms[i] = dotProduct(yb + i * n, yb + i * n, n).squareRoot() }
        }
        let order = (0..<items).sorted { norms[$0] > norms[$1] || (norms[$0] == norms[$1] && $0 < $1) }
        // Item factors copied in norm order so the scan reads memory sequentially.
        var sorted = [Float](repeating: 0, count: items * n)
        for (k, i) in order.enumerated() {
            for f in 0..<n { sorted[k * n + f] = itemFactors[i * n + f] }
        }
        let sortedNorms = order.map { norms[$0] }
        let blocks = ParallelRows(rows: users.count, blockSize: 64)
        out.withUnsafeMutableBufferPointer { outBuffer in
            guard let outBase = outBuffer.baseAddress else { return }
            let result = SharedInt32(base: outBase)
            sorted.withUnsafeBufferPointer { yBuf in
                userFactors.withUnsafeBufferPointer { xBuf in
                    guard let y = yBuf.baseAddress, let xb = xBuf.baseAddress else { return }
                    blocks.forEach(threads: threads) { b, _ in
                        let range = blocks.range(ofBlock: b)
                        var start = range.lowerBound
                        while start < range.upperBound {
                            let end = min(start + 4, range.upperBound)
                            let group = (start..<end).map { users[$0] }
                            let lists = scanGroup(group, xb: xb, y: y, order: order, norms: sortedNorms, userItems: userItems, limit: limit)
                            for (k, list) in lists.enumerated() {
                                for (r, item) in list.enumerated() { result.base[(start + k) * limit + r] = Int32(item.item) }
                            }
                            start = end
                        }
                    }
                }
            }
        }
        return out
    }

    /// Top lists of up to four users over the norm-ordered items `y`.
    private func scanGroup(
        _ group: [Int], xb: UnsafePointer<Float>, y: UnsafePointer<Float>, order: [Int], norms: [Float],
        userItems: InteractionMatrix, limit: Int
    ) -> [[(item: Int, score: Float)]] {
        let n = layout.stride
        let count = group.count
        var tops = (0..<count).map { _ in TopK(capacity: limit) }
        let x0 = xb + group[0] * n
        let x1 = xb + group[min(1, count - 1)] * n
        let x2 = xb + group[min(2, count - 1)] * n
        let x3 = xb + group[min(3, count - 1)] * n
        let userNorms = [x0, x1, x2, x3].prefix(count).map { dotProduct($0, $0, n).squareRoot() * 1.0001 }
        let chunk = 32
        var k = 0
        while k < order.count {
            // Stop when no remaining item can enter any of the lists.
            var anyOpen = false
            for u in 0..<count where userNorms[u] * norms[k] >= tops[u].threshold {
                anyOpen = true
                break
            }
            if !anyOpen { break }
            let stop = min(order.count, k + chunk)
            while k < stop {
                let yi = y + k &* n
                var a0 = Lane.zero, a1 = Lane.zero, a2 = Lane.zero, a3 = Lane.zero
                var f = 0
                while f < n {
                    let v = loadLane(yi, f)
                    a0 += loadLane(x0, f) * v
                    a1 += loadLane(x1, f) * v
                    a2 += loadLane(x2, f) * v
                    a3 += loadLane(x3, f) * v
                    f &+= 8
                }
                let scores = SIMD4<Float>(a0.sum(), a1.sum(), a2.sum(), a3.sum())
                for u in 0..<count where scores[u] > tops[u].threshold || (scores[u] == tops[u].threshold && tops[u].entries.count == limit) {
                    let item = order[k]
                    if group[u] < userItems.rows && userItems.contains(row: group[u], column: item) { continue }
                    tops[u].insert(item: item, score: scores[u])
                }
                k &+= 1
            }
        }
        return tops.map { $0.sorted() }
    }
}
