import Foundation

@testable import ObhutAnalytics

/// The CDNOW sample (2,357 customers) from the shared data folder; tests skip without it.
enum CLVTestData {
    static let samplePath: String = {
        let repo = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return repo.deletingLastPathComponent().appendingPathComponent("shared/data/public/cdnow/cdnow_sample.csv").path
    }()
    static let hasSample = FileManager.default.fileExists(atPath: samplePath)

    /// Fader, Hardie and Lee's split: calibration to 1997-09-30 (39 weeks), holdout to 1998-06-30.
    static let calibrationEnd = Int32(CivilDate.days(year: 1997, month: 9, day: 30))
    static let observationEnd = Int32(CivilDate.days(year: 1998, month: 6, day: 30))

    static func sample() throws -> CustomerTransactions {
        try TransactionCSVReader.parse(String(contentsOfFile: samplePath, encoding: .utf8))
    }

    static func sampleSummary() throws -> (CustomerTransactions, TransactionSummary) {
        let transactions = try sample()
        let summary = try TransactionSummary(records: transactions.records, calibrationEnd: calibrationEnd, observationEnd: observationEnd)
        return (transactions, summary)
    }
}

/// |observed − expected| ≤ tolerance · |expected|, printing both on failure.
func isClose(_ observed: Double, _ expected: Double, relative tolerance: Double) -> Bool {
    abs(observed - expected) <= tolerance * abs(expected)
}
