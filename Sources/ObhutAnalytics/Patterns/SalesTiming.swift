import ObhutCore

/// When things sell: hour × weekday, month and season profiles of all sales and of each group
/// (product or category), each with a chi-square test, Cramér's V, a verdict after the
/// Benjamini-Hochberg correction over every test of the run, its peak and a statement.
///
/// What is compared with what:
/// - All sales, hour × weekday: Pearson's test of independence (does the daily rhythm differ by
///   weekday?). Night hours are often empty; when more than 20% of the expected counts are below
///   5, hours are merged into 3- and then 6-hour blocks (``SalesTimingResult/independenceHourBlock``).
/// - All sales, month and season: goodness of fit to the number of days each month (season) had
///   between the first and the last sale, so a history of 14 months does not make the two
///   repeated months look busy. A growing shop still shows its growth as a late-month excess:
///   read the trend analysis alongside.
/// - A group: goodness of fit of its profile to the profile of all sales, so "garden sells in
///   spring" means "more than the shop as a whole does in spring".
///
/// Sparse cells are pooled (``ChiSquareTest``); groups with fewer than
/// ``Parameters/minimumLines`` lines are not tested and say so.
///
/// Cost: one pass over the lines with a per-day month lookup, then work per group and cell.
public enum SalesTiming {
    public struct Parameters: Sendable, Hashable, Codable {
        /// False discovery rate level for the verdicts.
        public var alpha: Double
        /// Lines a group needs before it is tested.
        public var minimumLines: Int

        public init(alpha: Double = 0.05, minimumLines: Int = 30) {
            self.alpha = alpha
            self.minimumLines = minimumLines
        }
    }

    /// The timing profiles of the given lines.
    ///
    /// - Parameters:
    ///   - localSeconds: time of each order line in local seconds (see ``LocalCalendar``).
    ///   - groups: group index per line (`0 ..< groupNames.count`), or nil for overall only; lines
    ///     with a negative or unknown group count only in the overall profile.
    ///   - groupNames: display name of each group (product or category names, not personal data).
    public static func analyse(
        localSeconds: [Int64], groups: [Int32]? = nil, groupNames: [String] = [], parameters: Parameters = Parameters()
    ) -> SalesTimingResult {
        let counts = TimingCounts(localSeconds: localSeconds, groups: groups, groupCount: groupNames.count)
        return analyse(counts: counts, groupNames: groupNames, parameters: parameters)
    }

    static func analyse(counts: TimingCounts, groupNames: [String], parameters: Parameters) -> SalesTimingResult {
        var drafts: [ProfileDraft] = []
        // Overall profiles.
        let overallWeek = counts.overallCells.map(Double.init)
        let (independence, block) = independenceTest(overallWeek)
        drafts.append(
            ProfileDraft(
                group: -1, kind: .hourByWeekday, counts: counts.overallCells, test: independence,
                peak: weekPeak(observed: overallWeek, expected: counts.uniformWeekExpectation(total: overallWeek.reduce(0, +)))))
        let monthExposure = counts.monthExposure.map(Double.init)
        drafts.append(profile(group: -1, kind: .month, observed: counts.overallMonths, shares: monthExposure))
        let overallSeasons = seasons(counts.overallMonths)
        drafts.append(profile(group: -1, kind: .season, observed: overallSeasons, shares: seasons(counts.monthExposure).map(Double.init)))
        // Groups.
        var groupLineCounts: [Int] = []
        for group in 0..<counts.groupCount {
            let cells = Array(counts.groupCells[group * 168..<(group + 1) * 168])
            let months = Array(counts.groupMonths[group * 12..<(group + 1) * 12])
            let lines = months.reduce(0, +)
            groupLineCounts.append(lines)
            let enough = lines >= max(1, parameters.minimumLines)
            drafts.append(profile(group: group, kind: .hourByWeekday, observed: cells, shares: overallWeek, test: enough))
            drafts.append(profile(group: group, kind: .month, observed: months, shares: counts.overallMonths.map(Double.init), test: enough))
            drafts.append(profile(group: group, kind: .season, observed: seasons(months), shares: overallSeasons.map(Double.init), test: enough))
        }
        let adjusted = BenjaminiHochberg.adjusted(drafts.map { $0.test?.pValue ?? .nan })
        let profiles = drafts.indices.map { index -> TimingProfile in
            let draft = drafts[index]
            let q: Double? = adjusted[index].isNaN ? nil : adjusted[index]
            let name = draft.group < 0 ? nil : groupNames[draft.group]
            return TimingProfile(
                kind: draft.kind, counts: draft.counts, test: draft.test, adjustedPValue: q,
                verdict: PatternVerdict(adjustedPValue: q, alpha: parameters.alpha), peak: draft.peak,
                statement: TimingStatement.text(draft: draft, adjustedPValue: q, alpha: parameters.alpha, groupName: name))
        }
        func timing(_ group: Int, at offset: Int, lines: Int) -> GroupTiming {
            GroupTiming(
                group: group, name: group < 0 ? "" : groupNames[group], lineCount: lines,
                hourByWeekday: profiles[offset], month: profiles[offset + 1], season: profiles[offset + 2])
        }
        let overall = timing(-1, at: 0, lines: counts.overallMonths.reduce(0, +))
        let groupTimings = (0..<counts.groupCount).filter { groupLineCounts[$0] > 0 }.map { timing($0, at: 3 + 3 * $0, lines: groupLineCounts[$0]) }
        return SalesTimingResult(
            overall: overall, groups: groupTimings, independenceHourBlock: block, firstDay: counts.firstDay, lastDay: counts.lastDay,
            alpha: parameters.alpha, testCount: adjusted.filter { !$0.isNaN }.count)
    }

    /// A profile before correction.
    struct ProfileDraft {
        let group: Int
        let kind: TimingProfileKind
        let counts: [Int]
        let test: ChiSquareTest?
        let peak: TimingPeak?
    }

    /// Goodness of fit of `observed` to `shares`, with its peak.
    private static func profile(group: Int, kind: TimingProfileKind, observed: [Int], shares: [Double], test: Bool = true) -> ProfileDraft {
        let values = observed.map(Double.init)
        let total = values.reduce(0, +)
        let weight = shares.reduce(0, +)
        let expected = shares.map { weight > 0 ? total * $0 / weight : 0 }
        let fit = test ? ChiSquareTest.goodnessOfFit(observed: values, expectedShares: shares) : nil
        let peak: TimingPeak? =
            switch kind {
            case .hourByWeekday: weekPeak(observed: values, expected: expected)
            case .month: cellPeak(observed: values, expected: expected) { TimeSlotNames.month($0 + 1) }
            case .season: cellPeak(observed: values, expected: expected) { TimeSlotNames.season($0).name }
            }
        return ProfileDraft(group: group, kind: kind, counts: observed, test: fit, peak: peak)
    }

    /// The independence test of the 7 × 24 table (rows weekdays), merging hours into blocks of
    /// 3 and then 6 when the hourly table is too sparse.
    static func independenceTest(_ cells: [Double]) -> (ChiSquareTest?, Int) {
        for block in [1, 3, 6] {
            let columns = 24 / block
            var table = [Double](repeating: 0, count: 7 * columns)
            for weekday in 0..<7 {
                for hour in 0..<24 { table[weekday * columns + hour / block] += cells[weekday * 24 + hour] }
            }
            if let test = ChiSquareTest.independence(table: table, rows: 7, columns: columns) { return (test, block) }
        }
        return (nil, 1)
    }

    /// The cell with the largest observed / expected among cells expected at least 5 (or, if
    /// none is, the cell with the most observations).
    private static func cellPeak(observed: [Double], expected: [Double], label: (Int) -> Localized) -> TimingPeak? {
        guard observed.reduce(0, +) > 0 else { return nil }
        var best: (index: Int, ratio: Double)?
        for index in observed.indices where expected[index] >= ChiSquareTest.minimumExpected {
            let ratio = observed[index] / expected[index]
            if best == nil || ratio > (best?.ratio ?? 0) { best = (index, ratio) }
        }
        if best == nil, let index = observed.indices.max(by: { observed[$0] < observed[$1] }), expected[index] > 0 {
            best = (index, observed[index] / expected[index])
        }
        guard let best else { return nil }
        return TimingPeak(cells: [best.index], label: label(best.index), ratio: best.ratio)
    }

    /// The two adjacent hours of one weekday with the largest observed / expected (windows
    /// expected at least 5; if none is, the busiest window).
    static func weekPeak(observed: [Double], expected: [Double]) -> TimingPeak? {
        guard observed.reduce(0, +) > 0 else { return nil }
        var best: (cell: Int, ratio: Double, count: Double)?
        var busiest: (cell: Int, count: Double)?
        for weekday in 0..<7 {
            for hour in 0..<23 {
                let cell = weekday * 24 + hour
                let o = observed[cell] + observed[cell + 1], e = expected[cell] + expected[cell + 1]
                if busiest == nil || o > (busiest?.count ?? 0) { busiest = (cell, o) }
                guard e >= ChiSquareTest.minimumExpected else { continue }
                if best == nil || o / e > (best?.ratio ?? 0) { best = (cell, o / e, o) }
            }
        }
        if best == nil, let busiest {
            let e = expected[busiest.cell] + expected[busiest.cell + 1]
            guard e > 0 else { return nil }
            best = (busiest.cell, busiest.count / e, busiest.count)
        }
        guard let best else { return nil }
        let weekday = best.cell / 24, hour = best.cell % 24
        return TimingPeak(
            cells: [best.cell, best.cell + 1], label: TimeSlotNames.window(weekday: weekday, startHour: hour, endHour: hour + 2),
            ratio: best.ratio)
    }

    /// Month counts (index month - 1) summed into the four meteorological seasons.
    static func seasons(_ months: [Int]) -> [Int] {
        var result = [0, 0, 0, 0]
        for (index, count) in months.enumerated() { result[LocalCalendar.season(month: index + 1)] += count }
        return result
    }
}
