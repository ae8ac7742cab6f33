// The SIMD kernels of k-means: distances, assignment scores, branch-free nearest centroid,
// row sums. All take raw pointers; callers guarantee the lengths.

/// Squared distances from row `x` to the four centroids of one group of
/// ``CentroidPanel/coordinates``.
@inline(__always)
func squaredDistances(
    _ x: UnsafePointer<Double>, _ group: UnsafePointer<SIMD4<Double>>, columns: Int
) -> SIMD4<Double> {
    // Two accumulators: two independent dependency chains hide the add latency.
    var even = SIMD4<Double>.zero
    var odd = SIMD4<Double>.zero
    var column = 0
    while column &+ 1 < columns {
        let a = SIMD4<Double>(repeating: x[column]) - group[column]
        even += a * a
        let b = SIMD4<Double>(repeating: x[column &+ 1]) - group[column &+ 1]
        odd += b * b
        column &+= 2
    }
    if column < columns {
        let a = SIMD4<Double>(repeating: x[column]) - group[column]
        even += a * a
    }
    return even + odd
}

/// Assignment scores `‖c‖² - 2x·c` of row `x` for one group of ``CentroidPanel/scaled``.
@inline(__always)
func assignmentScores(
    _ x: UnsafePointer<Double>, _ group: UnsafePointer<SIMD4<Double>>, norms: SIMD4<Double>, columns: Int
) -> SIMD4<Double> {
    var even = norms
    var odd = SIMD4<Double>.zero
    var column = 0
    while column &+ 1 < columns {
        even += SIMD4<Double>(repeating: x[column]) * group[column]
        odd += SIMD4<Double>(repeating: x[column &+ 1]) * group[column &+ 1]
        column &+= 2
    }
    if column < columns {
        even += SIMD4<Double>(repeating: x[column]) * group[column]
    }
    return even + odd
}

/// Scores of two groups at once (centroids 0-7), sharing the broadcasts of `x`.
@inline(__always)
func assignmentScores2(
    _ x: UnsafePointer<Double>, _ first: UnsafePointer<SIMD4<Double>>, _ second: UnsafePointer<SIMD4<Double>>,
    norms: UnsafePointer<SIMD4<Double>>, columns: Int
) -> (SIMD4<Double>, SIMD4<Double>) {
    var a = norms[0]
    var b = norms[1]
    var c = SIMD4<Double>.zero
    var d = SIMD4<Double>.zero
    var column = 0
    while column &+ 1 < columns {
        let x0 = SIMD4<Double>(repeating: x[column])
        let x1 = SIMD4<Double>(repeating: x[column &+ 1])
        a += x0 * first[column]
        b += x0 * second[column]
        c += x1 * first[column &+ 1]
        d += x1 * second[column &+ 1]
        column &+= 2
    }
    if column < columns {
        let x0 = SIMD4<Double>(repeating: x[column])
        a += x0 * first[column]
        b += x0 * second[column]
    }
    return (a + c, b + d)
}

/// The nearest centroid of row `x`; ties (distances within a few units in the last place) go to
/// the lower index.
///
/// Branch-free, because rows come in random order and the winning lane is unpredictable: a
/// compare-and-branch per centroid cost more than the arithmetic. Each lane's squared distance
/// `score + ‖x‖²` (clamped at 0) gets the centroid index written into its lowest mantissa bits;
/// non-negative doubles order like their bit patterns, so a plain minimum of these keys finds the
/// nearest centroid and carries its index, at a relative precision of `2^-(52 - indexBits)`.
@inline(__always)
func nearestCentroid(
    _ x: UnsafePointer<Double>, scaled: UnsafePointer<SIMD4<Double>>, norms: UnsafePointer<SIMD4<Double>>,
    groups: Int, columns: Int, indexBits: Int
) -> Int {
    let rowNorm = SIMD4<Double>(repeating: squaredNorm(x, columns: columns))
    let keep = ~((Int64(1) << Int64(indexBits)) &- 1)
    var best: SIMD4<Double>
    if groups == 2 {
        let (first, second) = assignmentScores2(x, scaled, scaled + columns, norms: norms, columns: columns)
        let a = distanceKeys(first + rowNorm, indices: SIMD4<Int64>(0, 1, 2, 3), keep: keep)
        let b = distanceKeys(second + rowNorm, indices: SIMD4<Int64>(4, 5, 6, 7), keep: keep)
        best = lanewiseMin(a, b)
    } else {
        best = distanceKeys(
            assignmentScores(x, scaled, norms: norms[0], columns: columns) + rowNorm,
            indices: SIMD4<Int64>(0, 1, 2, 3), keep: keep)
        var indices = SIMD4<Int64>(0, 1, 2, 3)
        var group = 1
        while group < groups {
            indices &+= 4
            let scores = assignmentScores(x, scaled + group &* columns, norms: norms[group], columns: columns)
            best = lanewiseMin(best, distanceKeys(scores + rowNorm, indices: indices, keep: keep))
            group &+= 1
        }
    }
    let half = lanewiseMin(best.lowHalf, best.highHalf)
    let key = half[1] < half[0] ? half[1] : half[0]
    return Int(key.bitPattern & ~UInt64(bitPattern: keep))
}

/// The nearest and second-nearest centroids of row `x` (ties to the lower index), as
/// ``nearestCentroid(_:scaled:norms:groups:columns:indexBits:)`` does for the nearest, with their
/// squared distances as computed from the scores (rounding error about `ε (‖x‖² + ‖c‖²)`) and
/// `‖x‖²`; the second is -1 (distance infinite) when there is only one centroid. Each lane keeps
/// its two smallest keys; the second nearest overall is the smallest of the other lanes' best and
/// the winning lane's second.
@inline(__always)
func nearestTwoCentroids(
    _ x: UnsafePointer<Double>, scaled: UnsafePointer<SIMD4<Double>>, norms: UnsafePointer<SIMD4<Double>>,
    groups: Int, columns: Int, indexBits: Int, count: Int
) -> (best: Int, second: Int, bestDistance: Double, secondDistance: Double, rowNorm: Double) {
    let norm = squaredNorm(x, columns: columns)
    let rowNorm = SIMD4<Double>(repeating: norm)
    let keep = ~((Int64(1) << Int64(indexBits)) &- 1)
    var best: SIMD4<Double>
    var runnerUp: SIMD4<Double>
    if groups == 2 {
        let (first, second) = assignmentScores2(x, scaled, scaled + columns, norms: norms, columns: columns)
        let a = distanceKeys(first + rowNorm, indices: SIMD4<Int64>(0, 1, 2, 3), keep: keep)
        let b = distanceKeys(second + rowNorm, indices: SIMD4<Int64>(4, 5, 6, 7), keep: keep)
        best = lanewiseMin(a, b)
        runnerUp = lanewiseMax(a, b)
    } else {
        best = distanceKeys(
            assignmentScores(x, scaled, norms: norms[0], columns: columns) + rowNorm,
            indices: SIMD4<Int64>(0, 1, 2, 3), keep: keep)
        runnerUp = SIMD4<Double>(repeating: .infinity)
        var indices = SIMD4<Int64>(0, 1, 2, 3)
        var group = 1
        while group < groups {
            indices &+= 4
            let scores = assignmentScores(x, scaled + group &* columns, norms: norms[group], columns: columns)
            let keys = distanceKeys(scores + rowNorm, indices: indices, keep: keep)
            runnerUp = lanewiseMin(runnerUp, lanewiseMax(best, keys))
            best = lanewiseMin(best, keys)
            group &+= 1
        }
    }
    let half = lanewiseMin(best.lowHalf, best.highHalf)
    let smallest = half[1] < half[0] ? half[1] : half[0]
    let others = best.replacing(with: runnerUp, where: best .== SIMD4(repeating: smallest))
    let otherHalf = lanewiseMin(others.lowHalf, others.highHalf)
    let next = otherHalf[1] < otherHalf[0] ? otherHalf[1] : otherHalf[0]
    let mask = ~UInt64(bitPattern: keep)
    var second = next.isFinite ? Int(next.bitPattern & mask) : -1
    if second >= count { second = -1 }
    return (Int(smallest.bitPattern & mask), second, smallest, second < 0 ? .infinity : next, norm)
}

/// Lane-wise maximum (no NaN handling; inputs are never NaN here).
@inline(__always)
func lanewiseMax(_ a: SIMD4<Double>, _ b: SIMD4<Double>) -> SIMD4<Double> {
    a.replacing(with: b, where: a .< b)
}

/// Distances clamped at 0 with `indices` in their low mantissa bits.
@inline(__always)
func distanceKeys(_ distances: SIMD4<Double>, indices: SIMD4<Int64>, keep: Int64) -> SIMD4<Double> {
    let positive = unsafeBitCast(distances .> 0, to: SIMD4<Int64>.self)
    let bits = unsafeBitCast(distances, to: SIMD4<Int64>.self) & positive & SIMD4(repeating: keep)
    return unsafeBitCast(bits | indices, to: SIMD4<Double>.self)
}

/// Lane-wise minimum without the NaN handling of `pointwiseMin` (which branches); inputs are
/// never NaN here.
@inline(__always)
func lanewiseMin(_ a: SIMD4<Double>, _ b: SIMD4<Double>) -> SIMD4<Double> {
    a.replacing(with: b, where: b .< a)
}

@inline(__always)
func lanewiseMin(_ a: SIMD2<Double>, _ b: SIMD2<Double>) -> SIMD2<Double> {
    a.replacing(with: b, where: b .< a)
}

/// `‖x‖²` of a row, two columns per instruction.
@inline(__always)
func squaredNorm(_ x: UnsafePointer<Double>, columns: Int) -> Double {
    let source = UnsafeRawPointer(x)
    var sum = SIMD2<Double>.zero
    var column = 0
    while column &+ 2 <= columns {
        let value = source.loadUnaligned(fromByteOffset: column &* 8, as: SIMD2<Double>.self)
        sum += value * value
        column &+= 2
    }
    var total = sum[0] + sum[1]
    if column < columns { total += x[column] * x[column] }
    return total
}

/// Bits needed to write any centroid index `0 ..< groups * 4`.
func indexBits(groups: Int) -> Int {
    max(1, Int.bitWidth - (groups * 4 - 1).leadingZeroBitCount)
}

/// `sum[j] += x[j]` for every column, two columns per instruction.
@inline(__always)
func accumulate(_ x: UnsafePointer<Double>, into sum: UnsafeMutablePointer<Double>, columns: Int) {
    let source = UnsafeRawPointer(x)
    let target = UnsafeMutableRawPointer(sum)
    var column = 0
    while column &+ 2 <= columns {
        let offset = column &* 8
        let value =
            source.loadUnaligned(fromByteOffset: offset, as: SIMD2<Double>.self)
            + target.loadUnaligned(fromByteOffset: offset, as: SIMD2<Double>.self)
        target.storeBytes(of: value, toByteOffset: offset, as: SIMD2<Double>.self)
        column &+= 2
    }
    if column < columns { sum[column] += x[column] }
}

/// `sum[j] -= x[j]` for every column, two columns per instruction.
@inline(__always)
func subtract(_ x: UnsafePointer<Double>, from sum: UnsafeMutablePointer<Double>, columns: Int) {
    let source = UnsafeRawPointer(x)
    let target = UnsafeMutableRawPointer(sum)
    var column = 0
    while column &+ 2 <= columns {
        let offset = column &* 8
        let value =
            target.loadUnaligned(fromByteOffset: offset, as: SIMD2<Double>.self)
            - source.loadUnaligned(fromByteOffset: offset, as: SIMD2<Double>.self)
        target.storeBytes(of: value, toByteOffset: offset, as: SIMD2<Double>.self)
        column &+= 2
    }
    if column < columns { sum[column] -= x[column] }
}

/// Squared Euclidean distance of two rows of `columns` values, two columns per instruction.
@inline(__always)
func squaredDistance(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, columns: Int) -> Double {
    let left = UnsafeRawPointer(a)
    let right = UnsafeRawPointer(b)
    var even = SIMD2<Double>.zero
    var odd = SIMD2<Double>.zero
    var column = 0
    while column &+ 4 <= columns {
        let offset = column &* 8
        let first =
            left.loadUnaligned(fromByteOffset: offset, as: SIMD2<Double>.self)
            - right.loadUnaligned(fromByteOffset: offset, as: SIMD2<Double>.self)
        let second =
            left.loadUnaligned(fromByteOffset: offset &+ 16, as: SIMD2<Double>.self)
            - right.loadUnaligned(fromByteOffset: offset &+ 16, as: SIMD2<Double>.self)
        even += first * first
        odd += second * second
        column &+= 4
    }
    let sum = even + odd
    var total = sum[0] + sum[1]
    while column < columns {
        let difference = a[column] - b[column]
        total += difference * difference
        column &+= 1
    }
    return total
}
