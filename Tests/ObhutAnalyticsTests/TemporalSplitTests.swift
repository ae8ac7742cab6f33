import Testing

@testable import ObhutAnalytics

struct TemporalSplitTests {
    @Test(arguments: [(30, 3), (31, 4), (9, 1), (1, 1), (20, 2)])
    func testsTheLastCeilingOfATenthPerUser(count: Int, expected: Int) {
        let users = [Int](repeating: 0, count: count)
        let items = Array(0..<count)
        let times = (0..<count).map { Double($0) }
        let test = TemporalSplit.perUser(users: users, items: items, timestamps: times, fraction: 0.1)
        #expect(test.filter { $0 }.count == expected)
        #expect(test[(count - expected)...].allSatisfy { $0 })
    }

    @Test func ordersTiesByItemAndPutsSingleInteractionsInTest() {
        // User 0: items 5 and 3 at the same time, item 1 earlier → order 1, 3, 5 → item 5 is test.
        // User 1: one interaction → test.
        let test = TemporalSplit.perUser(users: [0, 0, 0, 1], items: [5, 3, 1, 2], timestamps: [10, 10, 9, 0], fraction: 0.1)
        #expect(test == [true, false, false, true])
    }

    @Test func globalSplitTakesTheLastFraction() {
        let test = TemporalSplit.global(users: [0, 1, 2, 3, 4], items: [0, 0, 0, 0, 0], timestamps: [5, 1, 4, 2, 3], fraction: 0.4)
        #expect(test == [true, false, true, false, false])
    }
}
