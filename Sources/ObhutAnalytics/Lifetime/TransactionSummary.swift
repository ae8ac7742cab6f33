/// Per customer, the sufficient statistics of BG/NBD and Gamma-Gamma, from purchase records.
///
/// Definitions (Fader, Hardie and Lee 2005; lifetimes' `summary_data_from_transaction_data` and
/// the anchor `anchors/a1_clv.py`), time unit one week (days / 7):
/// - a purchase is a distinct purchase day of a customer; records on one day count once, their
///   amounts summed;
/// - `frequency` x = purchase days up to the calibration end − 1 (repeat purchases);
/// - `recency` t_x = weeks from the first to the last purchase day in calibration (0 when x = 0);
/// - `age` T = weeks from the first purchase day to the calibration end;
/// - `meanRepeatSpend` = mean spend of the repeat days, first day excluded (Gamma-Gamma's input;
///   0 when x = 0);
/// - `holdoutPurchases` = purchase days after the calibration end up to the observation end.
///
/// Only customers who bought on or before the calibration end appear (the models predict for
/// known customers); `persons` lists them in ascending order.
public struct TransactionSummary: Sendable, Equatable {
    /// Days per time unit: the models work in weeks.
    public static let daysPerWeek = 7.0

    public var persons: [Int32]
    public var frequency: [Double]
    public var recency: [Double]
    public var age: [Double]
    public var meanRepeatSpend: [Double]
    public var holdoutPurchases: [Int]
    public var holdoutSpend: [Double]
    /// Last calibration day (inclusive), days since 1970.
    public var calibrationEnd: Int32
    /// Last observed day (inclusive), days since 1970; equals `calibrationEnd` without holdout.
    public var observationEnd: Int32

    /// Length of the holdout period in weeks.
    public var holdoutWeeks: Double { (Double(observationEnd) - Double(calibrationEnd)) / Self.daysPerWeek }
    public var count: Int { persons.count }

    /// Summarises purchases up to `calibrationEnd` and counts those in the holdout period after it.
    ///
    /// - Parameters:
    ///   - observationEnd: last day of the holdout (inclusive); nil means the last purchase day
    ///     in the records (or the calibration end when nothing comes later). Later purchases are
    ///     ignored.
    /// - Throws: ``CLVError/observationBeforeCalibration``; ``CLVError/noCustomers`` when nobody
    ///   bought by the calibration end.
    public init(records: PurchaseRecords, calibrationEnd: Int32, observationEnd: Int32? = nil) throws(CLVError) {
        let lastDay = records.days.max() ?? calibrationEnd
        let end = observationEnd ?? max(calibrationEnd, lastDay)
        guard end >= calibrationEnd else { throw .observationBeforeCalibration }
        self.calibrationEnd = calibrationEnd
        self.observationEnd = end
        persons = []
        frequency = []
        recency = []
        age = []
        meanRepeatSpend = []
        holdoutPurchases = []
        holdoutSpend = []

        // Sort by (person, day) through one 64-bit key; both parts are checked non-negative.
        var order = records.persons.indices.filter { records.days[$0] <= end }
        let keys = records.persons.indices.map { UInt64(records.persons[$0]) << 32 | UInt64(records.days[$0]) }
        order.sort { keys[$0] < keys[$1] }

        var index = 0
        while index < order.count {
            let person = records.persons[order[index]]
            var first: Int32 = -1
            var last: Int32 = -1
            var calibrationDays = 0
            var repeatSpend = 0.0
            var holdoutDays = 0
            var holdoutTotal = 0.0
            while index < order.count, records.persons[order[index]] == person {
                let day = records.days[order[index]]
                var spend = 0.0
                while index < order.count, records.persons[order[index]] == person, records.days[order[index]] == day {
                    spend += records.amounts[order[index]]
                    index += 1
                }
                if day <= calibrationEnd {
                    if calibrationDays == 0 { first = day } else { repeatSpend += spend }
                    last = day
                    calibrationDays += 1
                } else {
                    holdoutDays += 1
                    holdoutTotal += spend
                }
            }
            guard calibrationDays > 0 else { continue }
            let repeats = calibrationDays - 1
            persons.append(person)
            frequency.append(Double(repeats))
            recency.append(Double(last - first) / Self.daysPerWeek)
            age.append(Double(calibrationEnd - first) / Self.daysPerWeek)
            meanRepeatSpend.append(repeats > 0 ? repeatSpend / Double(repeats) : 0)
            holdoutPurchases.append(holdoutDays)
            holdoutSpend.append(holdoutTotal)
        }
        guard !persons.isEmpty else { throw .noCustomers }
    }
}
