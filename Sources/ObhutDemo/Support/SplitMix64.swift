import Foundation

/// A small seeded generator: SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number
/// generators", OOPSLA 2014), as in swift-argument-parser's `Examples/roll`.
///
/// Private to the demo on purpose: the demo data must stay identical for a seed across Swift
/// versions, so it never calls the standard library's `random(in:)` (whose algorithm may change);
/// every draw below is written out here.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A generator for one entity: independent streams for `(seed, stream, index)`, so a batch or a
    /// customer can be generated without generating anything before it.
    init(seed: UInt64, stream: UInt64, index: UInt64) {
        state = Self.hash(seed, stream, index)
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// The SplitMix64 output function (a bijection of 64-bit words with good avalanche).
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A well-mixed word for `(seed, stream, index)`; used for decisions that must be countable
    /// without running a generator (defects, customer type).
    @inline(__always)
    static func hash(_ seed: UInt64, _ stream: UInt64, _ index: UInt64) -> UInt64 {
        mix(mix(seed &+ 0x9E37_79B9_7F4A_7C15 &* (stream &+ 1)) ^ (index &* 0xD1B5_4A32_D192_ED03))
    }

    /// Uniform in [0, 1) from a hash word (53 bits).
    @inline(__always)
    static func unit(_ word: UInt64) -> Double { Double(word >> 11) * 0x1p-53 }
}

extension SplitMix64 {
    /// Uniform in [0, 1).
    @inline(__always)
    mutating func uniform() -> Double { Self.unit(next()) }

    /// Uniform integer in 0..<n (multiply-high; the bias is below 2^-40 for the n used here).
    @inline(__always)
    mutating func below(_ n: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// Uniform integer in the closed range.
    @inline(__always)
    mutating func int(_ lower: Int, _ upper: Int) -> Int { lower + below(upper - lower + 1) }

    @inline(__always)
    mutating func chance(_ p: Double) -> Bool { uniform() < p }

    @inline(__always)
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// Standard normal (Box-Muller; one of the pair is thrown away to keep the state small).
    mutating func normal() -> Double {
        let u1 = max(uniform(), 0x1p-60)
        let u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Exponential with the given mean.
    @inline(__always)
    mutating func exponential(mean: Double) -> Double { -mean * log(1 - uniform()) }

    /// Gamma(shape, scale) by Marsaglia & Tsang (2000), with the shape < 1 boost
    /// `Gamma(a) = Gamma(a + 1) * U^(1/a)`. Mean = shape * scale.
    mutating func gamma(shape: Double, scale: Double) -> Double {
        if shape < 1 {
            let u = max(uniform(), 0x1p-60)
            return gamma(shape: shape + 1, scale: scale) * pow(u, 1 / shape)
        }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x = 0.0
            var v = 0.0
            repeat {
                x = normal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = uniform()
            if u < 1 - 0.0331 * x * x * x * x { return d * v * scale }
            if log(max(u, 0x1p-60)) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v * scale }
        }
    }

    /// Beta(a, b) as a ratio of gammas.
    mutating func beta(_ a: Double, _ b: Double) -> Double {
        let x = gamma(shape: a, scale: 1)
        let y = gamma(shape: b, scale: 1)
        return x / (x + y)
    }

    /// Poisson by inversion (Knuth); meant for the small means used here (below about 30).
    mutating func poisson(mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        let limit = exp(-mean)
        var k = 0
        var p = uniform()
        while p > limit && k < 200 {
            k += 1
            p *= uniform()
        }
        return k
    }

    /// An index drawn with the given cumulative weights (last element = total).
    @inline(__always)
    mutating func index(cumulative: [Double]) -> Int {
        let target = uniform() * cumulative[cumulative.count - 1]
        var lo = 0
        var hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) >> 1
            if cumulative[mid] > target { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}

/// Cumulative sums of weights, for `SplitMix64.index(cumulative:)`.
func cumulative(_ weights: [Double]) -> [Double] {
    var total = 0.0
    return weights.map { w in
        total += max(0, w)
        return total
    }
}

/// A bijection of the integers 0..<2^bits that scatters neighbours (odd multiplications and
/// xor-shifts are each invertible modulo 2^bits). Used to make identifiers and e-mail suffixes
/// unique without looking like counters.
struct Scrambler: Sendable {
    let bits: Int
    let mask: UInt64
    let key: UInt64

    init(bits: Int, seed: UInt64, salt: UInt64) {
        self.bits = bits
        mask = bits >= 64 ? ~0 : (1 << UInt64(bits)) - 1
        key = SplitMix64.hash(seed, salt, 0) & mask
    }

    @inline(__always)
    func callAsFunction(_ value: UInt64) -> UInt64 {
        var x = (value ^ key) & mask
        let half = UInt64(max(1, bits / 2))
        x = (x &* 0x9E37_79B9_7F4A_7C15) & mask
        x ^= x >> half
        x = (x &* 0xBF58_476D_1CE4_E5B9) & mask
        x ^= x >> half
        x = (x &* 0x94D0_49BB_1331_11EB) & mask
        return x
    }
}
