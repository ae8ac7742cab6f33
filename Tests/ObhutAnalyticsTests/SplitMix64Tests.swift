import Testing

@testable import ObhutAnalytics

struct SplitMix64Tests {
    @Test func matchesTheReferenceSequenceForSeedZero() {
        // Vigna's splitmix64.c with x = 0.
        var random = SplitMix64(seed: 0)
        let observed = (0..<3).map { _ in random.next() }
        #expect(observed == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
    }

    @Test func sameSeedSameSequenceAndStateResumes() {
        var a = SplitMix64(seed: 99)
        var b = SplitMix64(seed: 99)
        _ = a.next()
        _ = b.next()
        let saved = a.state
        let next = a.next()
        #expect(b.next() == next)
        var resumed = SplitMix64(seed: 0)
        resumed.state = saved
        #expect(resumed.next() == next)
    }

    @Test func unitDoublesStayInTheHalfOpenInterval() {
        var random = SplitMix64(seed: 1)
        var sum = 0.0
        for _ in 0..<100_000 {
            let value = random.nextDouble()
            #expect(value >= 0 && value < 1)
            sum += value
        }
        // Mean of 1e5 uniforms: standard error 0.0009; allow 5 of them.
        #expect(abs(sum / 100_000 - 0.5) < 0.0045, "mean \(sum / 100_000)")
    }

    @Test(arguments: [1, 2, 3, 7, 10, 1000])
    func boundedIntegersAreInRangeAndRoughlyUniform(bound: Int) {
        var random = SplitMix64(seed: UInt64(bound))
        let draws = 20_000
        var counts = [Int](repeating: 0, count: bound)
        for _ in 0..<draws {
            let value = random.next(below: bound)
            #expect(value >= 0 && value < bound)
            counts[value] += 1
        }
        guard bound <= 10 else { return }
        let expected = Double(draws) / Double(bound)
        let chiSquare = counts.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        // 99.9% quantile of chi-square with 9 degrees of freedom is 27.9.
        #expect(chiSquare < 27.9, "chi-square \(chiSquare) for counts \(counts)")
    }

    @Test func derivedStreamsAreDeterministicDistinctAndLeaveTheParentAlone() {
        let parent = SplitMix64(seed: 5)
        var first = parent.derived(stream: 0)
        var again = parent.derived(stream: 0)
        var second = parent.derived(stream: 1)
        let a = (0..<4).map { _ in first.next() }
        #expect(a == (0..<4).map { _ in again.next() })
        #expect(a != (0..<4).map { _ in second.next() })
        #expect(parent.state == 5)
    }
}
