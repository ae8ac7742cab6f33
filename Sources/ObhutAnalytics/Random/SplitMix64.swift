/// A seeded, deterministic random number generator (SplitMix64) for every analysis that needs
/// randomness.
///
/// Why: analyses must give the same result for the same seed on every machine and Swift version
/// (invariant 7 of DESIGN.md). `SystemRandomNumberGenerator` is not seedable, and the standard
/// library's `random(in:using:)` helpers do not promise a stable mapping from bits to values, so
/// the algorithms here use ``nextDouble()`` and ``next(below:)``, whose outputs are fixed by this
/// file alone.
///
/// SplitMix64 is Steele, Lea & Flood, "Fast splittable pseudorandom number generators"
/// (OOPSLA 2014), with the finaliser constants of `java.util.SplittableRandom`; its 64-bit state
/// passes BigCrush and every seed (including 0) is valid. Not for cryptography.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    /// The internal state; advancing it by the golden-ratio increment gives the next output.
    /// Saving and restoring it resumes the sequence.
    public var state: UInt64

    /// Creates a generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1) with 53 random bits (the top bits of ``next()``).
    @inlinable
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in `0..<bound`, without modulo bias (Lemire's multiply-shift with
    /// rejection, "Fast random integer generation in an interval", ACM TOMACS 2019).
    ///
    /// Edge cases: `bound` must be positive (a precondition).
    @inlinable
    public mutating func next(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// An independent generator for sub-task `stream` (a restart, a fold, a worker), derived from
    /// this generator's seed without advancing it.
    ///
    /// Why: restarts of k-means and similar loops get their own streams, so the result of restart
    /// 3 does not depend on how many numbers restart 2 consumed. The derived seed is the stream
    /// number mixed through one SplitMix64 step of a state offset from ours.
    public func derived(stream: UInt64) -> SplitMix64 {
        var mixer = SplitMix64(seed: state ^ (stream &* 0xD1B5_4A32_D192_ED03))
        return SplitMix64(seed: mixer.next())
    }
}
