import ObhutCore

/// Finds the aspects a text talks about and gives each the sentiment of its own clauses.
///
/// A clause ends at a comma, semicolon, colon, dash or sentence end, before a contrast or
/// concession word ("aber", "obwohl" / "but", "although") and before "und/and". An aspect's score
/// is the normalised sum of the scorer's token sentiments (after negation, boosters, "too", but
/// without the contrast weights, which belong to the whole text) over the clauses that mention it.
/// A clause of at most two words without any sentiment borrows from its segment, the same stretch
/// without the split at "und/and" ("Die Lieferung und Verpackung waren super"); a contrast word
/// that carries sentiment itself ("leider") does not split. Aspects with no mention are left out.
enum AspectFinder {
    static func find(tokens: [AnalysedToken], bytes: [UInt8], aspects: [Aspect], matcher: AspectMatcher) -> [AspectSentiment] {
        guard !tokens.isEmpty, !aspects.isEmpty else { return [] }
        // Segments (split at punctuation, contrast, concession) and clauses (also at conjunctions).
        var segments: [Range<Int>] = []
        var clauses: [(range: Range<Int>, segment: Int)] = []
        var segStart = 0
        var clauseStart = 0
        func closeClause(_ end: Int) {
            if end > clauseStart { clauses.append((clauseStart..<end, segments.count)) }
            clauseStart = end
        }
        func closeSegment(_ end: Int) {
            closeClause(end)
            if end > segStart { segments.append(segStart..<end) }
            segStart = end
        }
        for (i, t) in tokens.enumerated() {
            if !t.roles.isDisjoint(with: [.contrast, .concession]) && t.sentiment == 0 && i > segStart {
                closeSegment(i)
            } else if t.roles.contains(.conjunction) && i > clauseStart {
                closeClause(i)
            }
            if t.endsClause { closeSegment(i + 1) }
        }
        closeSegment(tokens.count)
        func sum(_ r: Range<Int>) -> Float { r.reduce(0) { $0 + tokens[$1].sentiment } }
        var totals = [Float](repeating: 0, count: aspects.count)
        var mentions = [Int](repeating: 0, count: aspects.count)
        var evidence = [[String]](repeating: [], count: aspects.count)
        for (range, segment) in clauses {
            var found = [Bool](repeating: false, count: aspects.count)
            for i in range { matcher.aspects(of: tokens[i].key, into: &found) }
            guard found.contains(true) else { continue }
            var s = sum(range)
            var shown = range
            if s == 0 && range.count <= 2 && segment < segments.count {
                s = sum(segments[segment])
                shown = segments[segment]
            }
            let text = String(
                decoding: bytes[tokens[shown.lowerBound].range.lowerBound..<tokens[shown.upperBound - 1].range.upperBound], as: UTF8.self)
            for a in found.indices where found[a] {
                totals[a] += s
                mentions[a] += 1
                if evidence[a].count < 3 { evidence[a].append(text) }
            }
        }
        var out: [AspectSentiment] = []
        for (a, aspect) in aspects.enumerated() where mentions[a] > 0 {
            let score = Double(LexiconScorer.normalize(totals[a]))
            out.append(
                AspectSentiment(
                    aspect: aspect.id, name: aspect.name, score: score, label: SentimentLabel(score: score), mentions: mentions[a],
                    evidence: evidence[a]))
        }
        return out
    }
}
