/// Byte-level mutations of a generated input: bit flips, random bytes, tokens the readers look
/// for, truncation, deletion and duplication of ranges, lost and swapped lines (a lost header
/// turns the first data row into column names).
enum Mutator {
    static let tokens: [[UInt8]] = [
        [0x22], [0x22, 0x22], [0x0D], [0x0A], [0x0D, 0x0A], [0x00], [0x2C], [0x3B], [0x09], [0x5C], [0x7B], [0x7D], [0x5B], [0x3A],
        [0xEF, 0xBB, 0xBF], [0xFF], [0xFE], [0xC3], [0xC3, 0x28], [0xE2, 0x82], [0xF0, 0x9F, 0x92], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
        [0xC0, 0xAF], [0x80], Array("\\u".utf8), Array("\\uD83D".utf8), Array("1e999".utf8), Array("9999999999999999999999".utf8),
    ]

    static func mutate(_ bytes: inout [UInt8], _ r: inout FuzzRandom) {
        let count = r.chance(0.3) ? 0 : 1 + r.below(4)
        for _ in 0..<count {
            let n = bytes.count
            switch r.below(10) {
            case 0 where n > 0:
                let i = r.below(n)
                bytes[i] ^= UInt8(1 << r.below(8))
            case 1 where n > 0:
                bytes[r.below(n)] = UInt8(truncatingIfNeeded: r.next())
            case 2:
                bytes.insert(contentsOf: r.pick(tokens), at: r.below(n + 1))
            case 3 where n > 0:
                bytes.removeLast(r.below(n) + 1)  // truncate
            case 4 where n > 1:
                let a = r.below(n)
                let b = min(n, a + 1 + r.below(64))
                bytes.removeSubrange(a..<b)
            case 5 where n > 1:
                let a = r.below(n)
                let b = min(n, a + 1 + r.below(256))
                bytes.insert(contentsOf: bytes[a..<b], at: r.below(n + 1))
            case 6:
                let k = r.below(32) + 1
                bytes.insert(contentsOf: (0..<k).map { _ in UInt8(truncatingIfNeeded: r.next()) }, at: r.below(n + 1))
            case 7:
                dropLine(&bytes, index: r.chance(0.5) ? 0 : r.below(8))
            case 8:
                swapFirstLines(&bytes)
            default:
                let k = r.pick([2, 100, 10_000])
                bytes.insert(contentsOf: repeatElement(r.pick([0x22, 0x2C, 0x0D, 0x0A, 0x00, 0x7B]), count: k), at: r.below(n + 1))
            }
        }
    }

    static func lineRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for (i, b) in bytes.enumerated() where b == 0x0A {
            ranges.append(start..<(i + 1))
            start = i + 1
        }
        if start < bytes.count { ranges.append(start..<bytes.count) }
        return ranges
    }

    static func dropLine(_ bytes: inout [UInt8], index: Int) {
        let lines = lineRanges(bytes)
        guard index < lines.count else { return }
        bytes.removeSubrange(lines[index])
    }

    static func swapFirstLines(_ bytes: inout [UInt8]) {
        let lines = lineRanges(bytes)
        guard lines.count >= 2 else { return }
        let first = Array(bytes[lines[0]])
        let second = Array(bytes[lines[1]])
        bytes.replaceSubrange(lines[0].lowerBound..<lines[1].upperBound, with: second + first)
    }
}
