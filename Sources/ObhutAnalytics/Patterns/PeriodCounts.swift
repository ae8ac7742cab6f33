/// Order lines per complete period (month or week), overall and per group, for ``SalesTrend``.
struct PeriodCounts {
    var groupCount: Int
    let periodCount: Int
    /// Lines per period, oldest first.
    var overall: [Int]
    /// `groupCount × periodCount`, group-major.
    var groups: [Int]
    /// Lines per group before as-of, in any period (complete or not): tells a group that sold
    /// only in a dropped period from one that never sold.
    var groupTotalsAll: [Int]
    var firstPeriodStartDay: Int64?
    var droppedFirst = false
    var droppedLast = false
    var linesAfterAsOf = 0

    init(localSeconds: [Int64], groups lineGroups: [Int32]?, groupCount: Int, asOf: Int64, historyStart: Int64?, period: TrendPeriod) {
        self.groupCount = groupCount
        groupTotalsAll = [Int](repeating: 0, count: groupCount)
        let before = localSeconds.lazy.filter { $0 < asOf }
        guard let start = historyStart ?? before.min() else {
            periodCount = 0
            overall = []
            groups = []
            linesAfterAsOf = localSeconds.count
            return
        }
        let asOfDay = LocalCalendar.day(asOf)
        let startDay = LocalCalendar.day(start)
        let calendar = DayCalendar(firstDay: min(startDay, asOfDay), lastDay: max(startDay, asOfDay))
        func index(_ day: Int64) -> Int {
            period == .month ? calendar.monthIndex(day) : LocalCalendar.weekIndex(day: day)
        }
        func firstDay(_ index: Int) -> Int64 {
            period == .month ? LocalCalendar.firstDay(monthIndex: index) : LocalCalendar.firstDay(weekIndex: index)
        }
        var first = index(startDay)
        if startDay > firstDay(first) {
            first += 1
            droppedFirst = true
        }
        let asOfPeriod = index(asOfDay)
        droppedLast = asOf > firstDay(asOfPeriod) * LocalCalendar.secondsPerDay
        let last = asOfPeriod - 1
        periodCount = max(0, last - first + 1)
        firstPeriodStartDay = periodCount > 0 ? firstDay(first) : nil
        overall = [Int](repeating: 0, count: periodCount)
        groups = [Int](repeating: 0, count: groupCount * periodCount)
        for line in localSeconds.indices {
            let seconds = localSeconds[line]
            guard seconds < asOf else {
                linesAfterAsOf += 1
                continue
            }
            let group = lineGroups.map { Int($0[line]) } ?? -1
            let known = group >= 0 && group < groupCount
            if known { groupTotalsAll[group] += 1 }
            let offset = index(LocalCalendar.day(seconds)) - first
            guard offset >= 0, offset < periodCount else { continue }
            overall[offset] += 1
            if known { groups[group * periodCount + offset] += 1 }
        }
    }
}

extension PeriodCounts {
    /// The same counts with groups merged by `mapping` (old group → new group, negative: none).
    func regrouped(by mapping: [Int32], groupCount newCount: Int) -> PeriodCounts {
        var copy = self
        copy.groupCount = newCount
        copy.groups = [Int](repeating: 0, count: newCount * periodCount)
        copy.groupTotalsAll = [Int](repeating: 0, count: newCount)
        for group in 0..<min(groupCount, mapping.count) {
            let target = Int(mapping[group])
            guard target >= 0, target < newCount else { continue }
            copy.groupTotalsAll[target] += groupTotalsAll[group]
            for period in 0..<periodCount { copy.groups[target * periodCount + period] += groups[group * periodCount + period] }
        }
        return copy
    }
}
