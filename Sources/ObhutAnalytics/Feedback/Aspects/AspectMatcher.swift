/// Matches folded words against the keyword patterns of a list of aspects (see ``Aspect``).
struct AspectMatcher: Sendable {
    enum Kind: Sendable { case exact, prefix, suffix, contains }

    struct Pattern: Sendable {
        var aspect: Int
        var bytes: [UInt8]
        var kind: Kind
    }

    let patterns: [Pattern]
    /// Exact and prefix patterns by their first byte; suffix and contains patterns apart.
    let byFirstByte: [[Pattern]]
    let anywhere: [Pattern]

    init(_ aspects: [Aspect]) {
        var out: [Pattern] = []
        for (index, aspect) in aspects.enumerated() {
            for keyword in aspect.keywords {
                let starts = keyword.hasPrefix("*")
                let ends = keyword.hasSuffix("*")
                let core = keyword.trimmingCharacters(in: "*")
                guard !core.isEmpty, !core.contains(" ") else { continue }
                let kind: Kind = starts && ends ? .contains : (starts ? .suffix : (ends ? .prefix : .exact))
                out.append(Pattern(aspect: index, bytes: CanonicalBytes.fold(core), kind: kind))
            }
        }
        patterns = out
        var first = [[Pattern]](repeating: [], count: 256)
        for p in out where p.kind == .exact || p.kind == .prefix { first[Int(p.bytes[0])].append(p) }
        byFirstByte = first
        anywhere = out.filter { $0.kind == .suffix || $0.kind == .contains }
    }

    /// Marks in `found` (one flag per aspect) the aspects a folded word names.
    func aspects(of word: [UInt8], into found: inout [Bool]) {
        guard let b = word.first else { return }
        for p in byFirstByte[Int(b)] where !found[p.aspect] && Self.matches(word, p) { found[p.aspect] = true }
        for p in anywhere where !found[p.aspect] && Self.matches(word, p) { found[p.aspect] = true }
    }

    static func matches(_ w: [UInt8], _ p: Pattern) -> Bool {
        let k = p.bytes
        guard w.count >= k.count else { return false }
        switch p.kind {
        case .exact: return w == k
        case .prefix: return w.starts(with: k)
        case .suffix: return w.suffix(k.count).elementsEqual(k)
        case .contains:
            if k.count == w.count { return w == k }
            for s in 0...(w.count - k.count) where w[s] == k[0] && w[s..<(s + k.count)].elementsEqual(k) { return true }
            return false
        }
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}
