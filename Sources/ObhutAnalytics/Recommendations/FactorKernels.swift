// SIMD kernels of the factor models on Float rows whose length is a multiple of 8 (factor
// vectors are padded with zeros to ``FactorLayout/stride``). All take raw pointers; callers
// guarantee the lengths. Loads are unaligned (`loadUnaligned`), which costs nothing on x86-64
// and arm64 and keeps the storage a plain `[Float]`.

typealias Lane = SIMD8<Float>

@inline(__always)
func loadLane(_ p: UnsafePointer<Float>, _ offset: Int) -> Lane {
    UnsafeRawPointer(p + offset).loadUnaligned(as: Lane.self)
}

@inline(__always)
func storeLane(_ v: Lane, _ p: UnsafeMutablePointer<Float>, _ offset: Int) {
    UnsafeMutableRawPointer(p + offset).storeBytes(of: v, as: Lane.self)
}

/// `a · b` over `n` floats (`n` a multiple of 8), two accumulators to hide the add latency.
@inline(__always)
func dotProduct(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
    var even = Lane.zero
    var odd = Lane.zero
    var k = 0
    while k &+ 16 <= n {
        even += loadLane(a, k) * loadLane(b, k)
        odd += loadLane(a, k &+ 8) * loadLane(b, k &+ 8)
        k &+= 16
    }
    if k < n { even += loadLane(a, k) * loadLane(b, k) }
    return (even + odd).sum()
}

/// `y += s · x` over `n` floats.
@inline(__always)
func scaledAdd(_ s: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
    let sv = Lane(repeating: s)
    var k = 0
    while k < n {
        storeLane(loadLane(y, k) + sv * loadLane(x, k), y, k)
        k &+= 8
    }
}

/// `out = G · x` for a symmetric `n × n` row-major `G`: the columns of `G` (its rows) scaled by
/// the entries of `x`, four at a time to cut the stores to `out`.
@inline(__always)
func symmetricProduct(_ g: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, _ n: Int) {
    var k = 0
    while k < n {
        storeLane(.zero, out, k)
        k &+= 8
    }
    var j = 0
    while j &+ 4 <= n {
        let s0 = Lane(repeating: x[j]), s1 = Lane(repeating: x[j &+ 1])
        let s2 = Lane(repeating: x[j &+ 2]), s3 = Lane(repeating: x[j &+ 3])
        let r0 = g + j &* n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n
        k = 0
        while k < n {
            let a = s0 * loadLane(r0, k) + s1 * loadLane(r1, k)
            let b = s2 * loadLane(r2, k) + s3 * loadLane(r3, k)
            storeLane(loadLane(out, k) + (a + b), out, k)
            k &+= 8
        }
        j &+= 4
    }
}

/// Adds `Σ rows[i] rows[i]ᵀ` over `rows` rows of length `n` to the `n × n` matrix `g`.
func addGram(_ rows: UnsafePointer<Float>, count: Int, _ g: UnsafeMutablePointer<Float>, _ n: Int) {
    for r in 0..<count {
        let y = rows + r &* n
        var j = 0
        while j < n {
            let s = y[j]
            if s != 0 { scaledAdd(s, y, g + j &* n, n) }
            j &+= 1
        }
    }
}
