extension Recommender {
    /// Top-`limit` lists for many customers at once (evaluation, precomputing a run), each
    /// without the customer's own items in `userItems`, no other rules, no reasons.
    ///
    /// Returns `users.count × limit` items row by row, −1 where fewer items remain. ALS scores
    /// four customers per pass over the item factors (the item factors are read once per four
    /// customers instead of once per customer). Deterministic for every thread count.
    public func topN(for users: [Int], userItems: InteractionMatrix, limit: Int, threads: Int = 2) -> [Int32] {
        var out = [Int32](repeating: -1, count: users.count * max(0, limit))
        guard limit > 0, !users.isEmpty else { return out }
        let group = 4
        let blocks = ParallelRows(rows: users.count, blockSize: 64)
        let workers = max(1, threads)
        let scratch = UncheckedBox(ResultSlots<[Float]>(count: workers))
        for w in 0..<workers { scratch.value.set(w, [Float](repeating: 0, count: group * items)) }
        out.withUnsafeMutableBufferPointer { outBuffer in
            guard let outBase = outBuffer.baseAddress else { return }
            let result = SharedInt32(base: outBase)
            blocks.forEach(threads: workers) { b, worker in
                var buffer = scratch.value.take(worker)
                let range = blocks.range(ofBlock: b)
                var start = range.lowerBound
                while start < range.upperBound {
                    let end = min(start + group, range.upperBound)
                    let batch = Array(users[start..<end])
                    let personal = fillScores(batch, userItems: userItems, into: &buffer)
                    for (k, u) in batch.enumerated() {
                        var top = TopK(capacity: limit)
                        buffer.withUnsafeMutableBufferPointer { s in
                            let row = k * items
                            if u >= 0 && u < userItems.rows {
                                for e in userItems.range(ofRow: u) { s[row + Int(userItems.columnIndices[e])] = -.infinity }
                            }
                            let positiveOnly = personal[k] && isNeighbourModel
                            for i in 0..<items {
                                let v = s[row + i]
                                if v > top.threshold && v > -.infinity && (!positiveOnly || v > 0) { top.insert(item: i, score: v) }
                            }
                        }
                        var ranked = top.sorted().map { Int32($0.item) }
                        if ranked.count < limit && personal[k] {
                            // Neighbour lists can run dry: fill from popularity.
                            let taken = Set(ranked)
                            for i in popularity.ranking where ranked.count < limit && !taken.contains(i) {
                                if u >= 0 && u < userItems.rows && userItems.contains(row: u, column: Int(i)) { continue }
                                ranked.append(i)
                            }
                        }
                        let base = (start + k) * limit
                        for (r, item) in ranked.enumerated() { result.base[base + r] = item }
                    }
                    start = end
                }
                scratch.value.set(worker, buffer)
            }
        }
        return out
    }

    var isNeighbourModel: Bool {
        if case .neighbours = model { return true }
        return false
    }

    /// Scores of up to four customers into consecutive rows of `buffer`; per customer whether
    /// the model knew them (false: popularity scores).
    func fillScores(_ batch: [Int], userItems: InteractionMatrix, into buffer: inout [Float]) -> [Bool] {
        var personal = [Bool](repeating: false, count: batch.count)
        let historyOf = { (u: Int) -> [(item: Int, weight: Float)] in
            guard u >= 0 && u < userItems.rows else { return [] }
            return userItems.range(ofRow: u).map { (Int(userItems.columnIndices[$0]), userItems.values[$0]) }
        }
        switch model {
        case .als(let als):
            var warm: [Int] = []
            for (k, u) in batch.enumerated() {
                if u >= 0 && u < als.users && u < userItems.rows && !userItems.range(ofRow: u).isEmpty {
                    personal[k] = true
                    warm.append(k)
                } else {
                    buffer.replaceSubrange((k * items)..<((k + 1) * items), with: popularity.scores)
                }
            }
            if !warm.isEmpty { als.scoreRows(warm.map { batch[$0] }, rows: warm, into: &buffer) }
        case .neighbours(let knn):
            for (k, u) in batch.enumerated() {
                let history = historyOf(u)
                if history.isEmpty {
                    buffer.replaceSubrange((k * items)..<((k + 1) * items), with: popularity.scores)
                    continue
                }
                personal[k] = true
                var row = [Float](repeating: 0, count: items)
                knn.accumulate(history: history, into: &row)
                buffer.replaceSubrange((k * items)..<((k + 1) * items), with: row)
            }
        case .popularity:
            for k in batch.indices { buffer.replaceSubrange((k * items)..<((k + 1) * items), with: popularity.scores) }
        }
        return personal
    }
}

/// An Int32 buffer whose disjoint parts several workers write at once.
struct SharedInt32: @unchecked Sendable {
    let base: UnsafeMutablePointer<Int32>
}

extension ALSModel {
    /// Scores of `users` (up to four) for every item into `buffer` rows `rows[k]` (each
    /// ``items`` long): one pass over the item factors for all of them.
    func scoreRows(_ users: [Int], rows: [Int], into buffer: inout [Float]) {
        let n = layout.stride
        let count = users.count
        userFactors.withUnsafeBufferPointer { uBuf in
            itemFactors.withUnsafeBufferPointer { yBuf in
                buffer.withUnsafeMutableBufferPointer { out in
                    guard let ub = uBuf.baseAddress, let y = yBuf.baseAddress, let o = out.baseAddress else { return }
                    let x0 = ub + users[0] * n
                    let x1 = ub + users[min(1, count - 1)] * n
                    let x2 = ub + users[min(2, count - 1)] * n
                    let x3 = ub + users[min(3, count - 1)] * n
                    let r0 = o + rows[0] * items
                    let r1 = o + rows[min(1, count - 1)] * items
                    let r2 = o + rows[min(2, count - 1)] * items
                    let r3 = o + rows[min(3, count - 1)] * items
                    for i in 0..<items {
                        let yi = y + i &* n
                        var a0 = Lane.zero, a1 = Lane.zero, a2 = Lane.zero, a3 = Lane.zero
                        var k = 0
                        while k < n {
                            let v = loadLane(yi, k)
                            a0 += loadLane(x0, k) * v
                            a1 += loadLane(x1, k) * v
                            a2 += loadLane(x2, k) * v
                            a3 += loadLane(x3, k) * v
                            k &+= 8
                        }
                        // Rows past `count` repeat the last user and write the same value twice.
                        r3[i] = a3.sum()
                        r2[i] = a2.sum()
                        r1[i] = a1.sum()
                        r0[i] = a0.sum()
                    }
                }
            }
        }
    }
}
