/// The counts the timing analysis needs, gathered in one pass over the order lines: hour ×
/// weekday cells and months of the year, overall and per group, plus the calendar exposure of
/// the observed window (how many of each weekday and how many days of each month it held).
struct TimingCounts {
    var groupCount: Int
    /// 168 cells, `weekday * 24 + hour`.
    var overallCells = [Int](repeating: 0, count: 168)
    /// 12 months of the year.
    var overallMonths = [Int](repeating: 0, count: 12)
    /// `groupCount × 168`, group-major.
    var groupCells: [Int]
    /// `groupCount × 12`, group-major.
    var groupMonths: [Int]
    /// Days of each weekday between the first and the last day with a sale.
    var weekdayExposure = [Int](repeating: 0, count: 7)
    /// Days of each month of the year between the first and the last day with a sale.
    var monthExposure = [Int](repeating: 0, count: 12)
    var firstDay: Int64?
    var lastDay: Int64?

    init(localSeconds: [Int64], groups: [Int32]?, groupCount: Int) {
        precondition(groups == nil || groups?.count == localSeconds.count, "one group per line")
        self.groupCount = groupCount
        groupCells = [Int](repeating: 0, count: groupCount * 168)
        groupMonths = [Int](repeating: 0, count: groupCount * 12)
        guard let minimum = localSeconds.min(), let maximum = localSeconds.max() else { return }
        let first = LocalCalendar.day(minimum), last = LocalCalendar.day(maximum)
        firstDay = first
        lastDay = last
        let calendar = DayCalendar(firstDay: first, lastDay: last)
        for day in first...last {
            weekdayExposure[LocalCalendar.weekday(day: day)] += 1
            monthExposure[calendar.monthOfYear(day) - 1] += 1
        }
        for line in localSeconds.indices {
            let seconds = localSeconds[line]
            let day = LocalCalendar.day(seconds)
            let cell = LocalCalendar.weekday(day: day) * 24 + Int((seconds - day * LocalCalendar.secondsPerDay) / 3600)
            let month = calendar.monthOfYear(day) - 1
            overallCells[cell] += 1
            overallMonths[month] += 1
            if let groups {
                let group = Int(groups[line])
                if group >= 0, group < groupCount {
                    groupCells[group * 168 + cell] += 1
                    groupMonths[group * 12 + month] += 1
                }
            }
        }
    }

    /// Expected hour × weekday counts if `total` sales spread evenly over the hours of the days
    /// in the window.
    func uniformWeekExpectation(total: Double) -> [Double] {
        let days = Double(weekdayExposure.reduce(0, +))
        guard days > 0 else { return [Double](repeating: 0, count: 168) }
        return (0..<168).map { total * Double(weekdayExposure[$0 / 24]) / (days * 24) }
    }
}

/// Month lookups for a range of local days: a table when the range is plausible (up to about
/// 110 years), the civil-date conversion otherwise.
struct DayCalendar {
    let firstDay: Int64
    /// Month index (months since January 1970) of each day from `firstDay`.
    private let monthIndices: [Int32]

    init(firstDay: Int64, lastDay: Int64) {
        self.firstDay = firstDay
        guard lastDay >= firstDay, lastDay - firstDay < 40_000 else {
            monthIndices = []
            return
        }
        var table = [Int32]()
        table.reserveCapacity(Int(lastDay - firstDay) + 1)
        var monthIndex = LocalCalendar.monthIndex(day: firstDay)
        var nextMonthStart = LocalCalendar.firstDay(monthIndex: monthIndex + 1)
        for day in firstDay...lastDay {
            if day >= nextMonthStart {
                monthIndex += 1
                nextMonthStart = LocalCalendar.firstDay(monthIndex: monthIndex + 1)
            }
            table.append(Int32(monthIndex))
        }
        monthIndices = table
    }

    /// Months since January 1970.
    @inline(__always)
    func monthIndex(_ day: Int64) -> Int {
        let offset = Int(day - firstDay)
        if offset >= 0, offset < monthIndices.count { return Int(monthIndices[offset]) }
        return LocalCalendar.monthIndex(day: day)
    }

    /// Month of the year, 1 … 12.
    @inline(__always)
    func monthOfYear(_ day: Int64) -> Int {
        let index = monthIndex(day)
        let month = index % 12
        return (month < 0 ? month + 12 : month) + 1
    }
}

extension TimingCounts {
    /// The same counts with groups merged by `mapping` (old group → new group, negative: none),
    /// for example products into categories, without a second pass over the lines.
    func regrouped(by mapping: [Int32], groupCount newCount: Int) -> TimingCounts {
        var copy = self
        copy.groupCount = newCount
        copy.groupCells = [Int](repeating: 0, count: newCount * 168)
        copy.groupMonths = [Int](repeating: 0, count: newCount * 12)
        for group in 0..<min(groupCount, mapping.count) {
            let target = Int(mapping[group])
            guard target >= 0, target < newCount else { continue }
            for cell in 0..<168 { copy.groupCells[target * 168 + cell] += groupCells[group * 168 + cell] }
            for month in 0..<12 { copy.groupMonths[target * 12 + month] += groupMonths[group * 12 + month] }
        }
        return copy
    }
}
