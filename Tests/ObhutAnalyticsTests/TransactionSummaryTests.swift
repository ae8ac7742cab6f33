import Testing

@testable import ObhutAnalytics

@Suite struct TransactionSummaryTests {
    @Test func summarisesPurchaseDaysInWeeks() throws {
        // Person 0: day 0 (10 + 5, one purchase), day 14 (20), day 21 (30), holdout day 40 (7).
        // Person 1: only after the calibration end (left out). Person 2: day 7 only.
        let records = try PurchaseRecords(
            persons: [0, 0, 1, 0, 0, 2, 0], days: [0, 0, 35, 21, 14, 7, 40], amounts: [10, 5, 99, 30, 20, 4, 7])
        let summary = try TransactionSummary(records: records, calibrationEnd: 28, observationEnd: 42)
        #expect(summary.persons == [0, 2])
        #expect(summary.frequency == [2, 0])
        #expect(summary.recency == [3, 0])
        #expect(summary.age == [4, 3])
        #expect(summary.meanRepeatSpend == [25, 0])
        #expect(summary.holdoutPurchases == [1, 0])
        #expect(summary.holdoutSpend == [7, 0])
        #expect(summary.holdoutWeeks == 2)
    }

    @Test func observationEndDefaultsToTheLastPurchaseAndCutsLaterOnes() throws {
        let records = try PurchaseRecords(persons: [0, 0, 0], days: [0, 10, 30], amounts: [1, 1, 1])
        #expect(try TransactionSummary(records: records, calibrationEnd: 7).observationEnd == 30)
        let cut = try TransactionSummary(records: records, calibrationEnd: 7, observationEnd: 20)
        #expect(cut.holdoutPurchases == [1])
        #expect(throws: CLVError.observationBeforeCalibration) {
            try TransactionSummary(records: records, calibrationEnd: 7, observationEnd: 6)
        }
    }

    @Test func rejectsBadRecords() throws {
        #expect(throws: CLVError.negativeDay(record: 1)) { try PurchaseRecords(persons: [0, 1], days: [3, -1], amounts: [1, 1]) }
        #expect(throws: CLVError.negativePerson(record: 0)) { try PurchaseRecords(persons: [-1], days: [3], amounts: [1]) }
        #expect(throws: CLVError.invalidAmount(record: 0)) { try PurchaseRecords(persons: [0], days: [3], amounts: [.nan]) }
        #expect(throws: CLVError.invalidAmount(record: 0)) { try PurchaseRecords(persons: [0], days: [3], amounts: [.infinity]) }
        #expect(throws: CLVError.mismatchedLengths(persons: 1, days: 2, amounts: 1)) {
            try PurchaseRecords(persons: [0], days: [3, 4], amounts: [1])
        }
        let late = try PurchaseRecords(persons: [0], days: [30], amounts: [1])
        #expect(throws: CLVError.noCustomers) { try TransactionSummary(records: late, calibrationEnd: 7) }
    }

    @Test func convertsTimestampsAndMinorUnits() throws {
        #expect(PurchaseRecords.day(fromSeconds: 86_399) == 0)
        #expect(PurchaseRecords.day(fromSeconds: 86_400) == 1)
        #expect(PurchaseRecords.day(fromSeconds: 82_800, utcOffsetSeconds: 3_600) == 1)  // 23:00 UTC is the next day in Berlin (winter)
        #expect(PurchaseRecords.day(fromSeconds: -1) == -1)
        let records = try PurchaseRecords(persons: [0], days: [1], minorUnits: [1_999])
        #expect(records.amounts == [19.99])
    }

    @Test(arguments: [(1970, 1, 1, 0), (1997, 9, 30, 10_134), (2000, 3, 1, 11_017), (2024, 2, 29, 19_782)])
    func civilDatesCountDaysSince1970(year: Int, month: Int, day: Int, days: Int) {
        #expect(CivilDate.days(year: year, month: month, day: day) == days)
        #expect(CivilDate.isoText(days: days) == "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)")
    }
}
