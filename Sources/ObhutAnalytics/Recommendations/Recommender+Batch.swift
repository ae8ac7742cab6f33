extension Recommender {
    /// Top-`limit` lists for many customers at once (evaluation, precomputing a run), each
    /// without the customer's own items in `userItems`, no other rules, no reasons.
    ///
    /// Returns `users.count × limit` items row by row, −1 where fewer items remain. ALS scores
    /// four customers per pass over the item factors (the item factors are read once per four
    /// customers instead of once per customer) in norm order with early termination
    /// (``ALSModel``'s pruned scan). Deterministic for every thread count.
    public func topN(for users: [Int], userItems: InteractionMatrix, limit: Int, threads: Int = 2) -> [Int32] {
        var out = [Int32](repeating: -1, count: users.count * max(0, limit))
        guard limit > 0, !users.isEmpty else { return out }
        if case .als(let als) = model {
            // Known users with history: the model's exact pruned scan; the rest: popularity.
            let warm = users.indices.filter {
                users[$0] >= 0 && users[$0] < als.users && users[$0] < userItems.rows && !userItems.range(ofRow: users[$0]).isEmpty
            }
            let warmSet = Set(warm)
            let cold = users.indices.filter { !warmSet.contains($0) }
            let warmLists = als.topN(for: warm.map { users[$0] }, userItems: userItems, limit: limit, threads: threads)
            let coldLists = Recommender(model: .popularity, popularity: popularity).topN(
                for: cold.map { users[$0] }, userItems: userItems, limit: limit, threads: threads)
            for (k, r) in warm.enumerated() { out.replaceSubrange((r * limit)..<((r + 1) * limit), with: warmLists[(k * limit)..<((k + 1) * limit)]) }
            for (k, r) in cold.enumerated() { out.replaceSubrange((r * limit)..<((r + 1) * limit), with: coldLists[(k * limit)..<((k + 1) * limit)]) }
            return out
        }
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
        case .popularity, .als:  // ALS lists come from ALSModel.topN
            for k in batch.indices { buffer.replaceSubrange((k * items)..<((k + 1) * items), with: popularity.scores) }
        }
        return personal
    }
}

/// An Int32 buffer whose disjoint parts several workers write at once.
struct SharedInt32: @unchecked Sendable {
    let base: UnsafeMutablePointer<Int32>
}
