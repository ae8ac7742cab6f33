import Testing

@testable import ObhutAnalytics

struct RFMTests {
    @Test func distinctValuesFillFiveEqualQuintiles() throws {
        let values: [Double] = [70, 10, 90, 30, 50, 20, 80, 40, 60, 100]
        let observed = try RFM.quantileScores(values)
        // Sorted: 10 20 | 30 40 | 50 60 | 70 80 | 90 100.
        #expect(observed == [4, 1, 5, 2, 3, 1, 4, 2, 3, 5], "observed \(observed)")
    }

    @Test(
        arguments: [
            // below counts 0,1,1,3,4,5,6,7,8,9 -> 1 + 5 * below / 10
            ([10, 20, 20, 30, 40, 50, 60, 70, 80, 90], [1, 1, 1, 2, 3, 3, 4, 4, 5, 5]),
            // six one-time buyers share F = 1; the next value has 6 of 10 below it -> 4
            ([1, 1, 1, 1, 1, 1, 2, 3, 4, 10], [1, 1, 1, 1, 1, 1, 4, 4, 5, 5]),
            // everyone equal: all score 1
            ([3, 3, 3, 3], [1, 1, 1, 1]),
            // seven distinct values: 1 + 5i/7 for i = 0...6
            ([1, 2, 3, 4, 5, 6, 7], [1, 1, 2, 3, 3, 4, 5]),
        ] as [([Double], [Int])])
    func tiesShareAScore(values: [Double], expected: [Int]) throws {
        let observed = try RFM.quantileScores(values)
        #expect(observed == expected, "values \(values): expected \(expected), observed \(observed)")
    }

    @Test func scoresDoNotDependOnRowOrder() throws {
        var random = SplitMix64(seed: 12)
        let values = (0..<500).map { _ in Double(random.next(below: 40)) }
        let scores = try RFM.quantileScores(values)
        var permutation = Array(values.indices)
        for index in permutation.indices.reversed() { permutation.swapAt(index, random.next(below: index + 1)) }
        let permuted = try RFM.quantileScores(permutation.map { values[$0] })
        #expect(permuted == permutation.map { scores[$0] })
        // Equal values, equal scores; larger values, never lower scores.
        for a in values.indices.prefix(50) {
            for b in values.indices where values[b] >= values[a] { #expect(scores[b] >= scores[a]) }
        }
    }

    @Test func recencyIsReversedAndCodesReadRecencyFirst() throws {
        let scores = try RFM.scores(
            recencyDays: [0, 10, 20, 30, 40, 50, 60, 70, 80, 90],
            frequency: [9, 8, 7, 6, 5, 4, 3, 2, 1, 1],
            monetary: [5, 5, 5, 5, 5, 1, 1, 1, 1, 1])
        #expect(scores.map(\.recency) == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1])
        #expect(scores.map(\.frequency) == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1])
        #expect(scores.map(\.monetary) == [3, 3, 3, 3, 3, 1, 1, 1, 1, 1])
        #expect(scores[0].code == "553")
        #expect(scores[0].segment == .champions)
        #expect(scores[9].segment == .lost)
    }

    @Test func rejectsMismatchedOrNonFiniteInput() {
        #expect(throws: ClusteringError.self) { try RFM.scores(recencyDays: [1, 2], frequency: [1], monetary: [1, 2]) }
        #expect(throws: ClusteringError.notFinite(row: 1, column: 2)) {
            try RFM.scores(recencyDays: [1, 2], frequency: [1, 2], monetary: [1, .nan])
        }
        #expect(throws: ClusteringError.self) { try RFM.quantileScores([1, 2], bins: 0) }
    }

    @Test(arguments: [
        (5, 5, RFMSegment.champions), (5, 4, .champions), (4, 5, .loyalCustomers), (3, 4, .loyalCustomers),
        (5, 3, .potentialLoyalist), (4, 2, .potentialLoyalist), (5, 1, .newCustomers), (4, 1, .promising),
        (3, 3, .needAttention), (3, 2, .aboutToSleep), (3, 1, .aboutToSleep), (2, 4, .atRisk), (1, 3, .atRisk),
        (2, 5, .cantLoseThem), (1, 5, .cantLoseThem), (2, 2, .hibernating), (2, 1, .hibernating),
        (1, 2, .lost), (1, 1, .lost),
    ])
    func gridCellsMapToTheirSegments(recency: Int, frequency: Int, expected: RFMSegment) {
        #expect(RFMSegment(recency: recency, frequency: frequency) == expected)
    }

    @Test func everySegmentIsReachableAndTheGridIsComplete() {
        var reached = Set<RFMSegment>()
        for recency in 1...5 {
            for frequency in 1...5 { reached.insert(RFMSegment(recency: recency, frequency: frequency)) }
        }
        #expect(reached == Set(RFMSegment.allCases))
        #expect(RFMSegment.allCases.count == 11)
    }

    @Test func rawIdentifiersAreStable() {
        #expect(
            RFMSegment.allCases.map(\.rawValue) == [
                "champions", "loyal_customers", "potential_loyalist", "new_customers", "promising", "need_attention",
                "about_to_sleep", "at_risk", "cant_lose_them", "hibernating", "lost",
            ])
    }

    @Test func everySegmentHasNamesAndOneSentenceInBothLanguages() {
        #expect(RFMSegment.champions.germanDescription == "Kaufen oft, viel und zuletzt vor Kurzem.")
        #expect(RFMSegment.lost.germanName == "Verloren")
        #expect(Set(RFMSegment.allCases.map(\.germanName)).count == 11)
        #expect(Set(RFMSegment.allCases.map(\.englishName)).count == 11)
        for segment in RFMSegment.allCases {
            for sentence in [segment.englishDescription, segment.germanDescription] {
                #expect(sentence.hasSuffix(".") && sentence.filter { $0 == "." }.count == 1, "\(segment): \(sentence)")
                #expect(sentence.first?.isUppercase == true)
            }
            #expect(segment.englishDescription != segment.germanDescription)
        }
    }
}
