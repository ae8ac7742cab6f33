import ObhutCore

/// Rising and falling products (or categories): order lines per month or week up to an as-of
/// date, a Mann-Kendall test per group (``MannKendall``), Sen's slope as a relative change per
/// year, Benjamini-Hochberg over all groups, and the top risers and fallers with statements.
///
/// Periods: the period holding the as-of instant is incomplete unless as-of is exactly its
/// start, and is dropped either way (its lines are not counted); lines at or after as-of are
/// ignored. The first period is dropped when the history starts on a later day than its first
/// (a month that began before the data would look like a slump). The history starts at `historyStart`
/// if given, else at the first line.
///
/// Relative change per year = Sen's slope × periods per year / mean count per period, so
/// "+35% per year" is the yearly change relative to the average level, not compounded growth.
public enum SalesTrend {
    public struct Parameters: Sendable, Hashable, Codable {
        public var period: TrendPeriod
        public var alpha: Double
        /// Complete periods needed before any group is tested.
        public var minimumPeriods: Int
        /// Lines a group needs in the complete periods before it is tested.
        public var minimumLines: Int
        /// How many risers and fallers to name.
        public var top: Int

        public init(period: TrendPeriod = .month, alpha: Double = 0.05, minimumPeriods: Int = 6, minimumLines: Int = 30, top: Int = 5) {
            self.period = period
            self.alpha = alpha
            self.minimumPeriods = minimumPeriods
            self.minimumLines = minimumLines
            self.top = top
        }
    }

    /// Trends of each group of lines.
    ///
    /// - Parameters:
    ///   - localSeconds: time of each line in local seconds.
    ///   - groups: group per line (`0 ..< groupNames.count`); others count only in the overall trend.
    ///   - asOf: local seconds of the as-of instant.
    ///   - historyStart: local seconds the history starts at (nil: the first line).
    public static func analyse(
        localSeconds: [Int64], groups: [Int32], groupNames: [String], asOf: Int64, historyStart: Int64? = nil,
        parameters: Parameters = Parameters()
    ) -> SalesTrendResult {
        let counts = PeriodCounts(
            localSeconds: localSeconds, groups: groups, groupCount: groupNames.count, asOf: asOf, historyStart: historyStart,
            period: parameters.period)
        return analyse(counts: counts, groupNames: groupNames, parameters: parameters)
    }

    static func analyse(counts: PeriodCounts, groupNames: [String], parameters: Parameters) -> SalesTrendResult {
        let periods = counts.periodCount
        var drafts: [(group: Int, counts: [Int], test: MannKendall?)] = []
        let enoughPeriods = periods >= max(3, parameters.minimumPeriods)
        let overall = counts.overall
        drafts.append((-1, overall, enoughPeriods && overall.reduce(0, +) >= parameters.minimumLines ? MannKendall(overall.map(Double.init)) : nil))
        for group in 0..<counts.groupCount {
            let row = Array(counts.groups[group * periods..<(group + 1) * periods])
            let total = row.reduce(0, +)
            drafts.append((group, row, enoughPeriods && total >= max(1, parameters.minimumLines) ? MannKendall(row.map(Double.init)) : nil))
        }
        let adjusted = BenjaminiHochberg.adjusted(drafts.map { $0.test?.pValue ?? .nan })
        let perYear = parameters.period.periodsPerYear
        var trends: [GroupTrend] = []
        for (index, draft) in drafts.enumerated() {
            let total = draft.counts.reduce(0, +)
            if draft.group >= 0, total == 0, counts.groupTotalsAll[draft.group] == 0 { continue }
            let q: Double? = adjusted[index].isNaN ? nil : adjusted[index]
            let mean = periods > 0 ? Double(total) / Double(periods) : 0
            let relative: Double? = draft.test.flatMap { test in mean > 0 ? test.senSlope * perYear / mean : nil }
            let verdict = PatternVerdict(adjustedPValue: q, alpha: parameters.alpha)
            let direction: TrendDirection =
                verdict != .realPattern ? .none : ((draft.test?.s ?? 0) > 0 ? .rising : ((draft.test?.s ?? 0) < 0 ? .falling : .none))
            let name = draft.group < 0 ? nil : groupNames[draft.group]
            trends.append(
                GroupTrend(
                    group: draft.group, name: name ?? "", counts: draft.counts, test: draft.test, adjustedPValue: q, verdict: verdict,
                    direction: direction, relativeChangePerYear: relative,
                    statement: statement(
                        name: name, direction: direction, relative: relative, q: q, total: total, periods: periods, period: parameters.period)))
        }
        let overallTrend = trends[0]
        let groupTrends = Array(trends.dropFirst())
        let rising = groupTrends.indices.filter { groupTrends[$0].direction == .rising }
            .sorted { (groupTrends[$0].relativeChangePerYear ?? 0, -$0) > (groupTrends[$1].relativeChangePerYear ?? 0, -$1) }
        let falling = groupTrends.indices.filter { groupTrends[$0].direction == .falling }
            .sorted { (groupTrends[$0].relativeChangePerYear ?? 0, $0) < (groupTrends[$1].relativeChangePerYear ?? 0, $1) }
        return SalesTrendResult(
            period: parameters.period, firstPeriodStartDay: counts.firstPeriodStartDay, periodCount: periods,
            droppedIncompleteFirstPeriod: counts.droppedFirst, droppedIncompleteLastPeriod: counts.droppedLast,
            linesAfterAsOf: counts.linesAfterAsOf, overall: overallTrend, groups: groupTrends,
            topRising: rising.prefix(parameters.top).map { groupTrends[$0].group },
            topFalling: falling.prefix(parameters.top).map { groupTrends[$0].group }, alpha: parameters.alpha)
    }

    static func statement(
        name: String?, direction: TrendDirection, relative: Double?, q: Double?, total: Int, periods: Int, period: TrendPeriod
    ) -> Localized {
        let subject = name.map { Localized(de: $0, en: $0) } ?? Localized(de: "Alle Käufe", en: "All sales")
        guard let q else {
            let n = NumberText.count(total), k = NumberText.count(periods)
            let unit: Localized =
                switch (period, periods == 1) {
                case (.month, true): Localized(de: "Monat", en: "month")
                case (.month, false): Localized(de: "Monaten", en: "months")
                case (.week, true): Localized(de: "Woche", en: "week")
                case (.week, false): Localized(de: "Wochen", en: "weeks")
                }
            return Localized(
                de: "\(subject.de): zu wenige Daten für eine Trendaussage (\(n.de) Käufe in \(k.de) vollständigen \(unit.de)).",
                en: "\(subject.en): too little data for a trend (\(n.en) purchases in \(k.en) complete \(unit.en)).")
        }
        let p = NumberText.pValue(q)
        let change = NumberText.signedPercent(relative ?? 0)
        switch direction {
        case .rising:
            return Localized(
                de: "\(subject.de) legt zu: etwa \(change.de) pro Jahr (\(p.de)).",
                en: "\(subject.en) is rising: about \(change.en) per year (\(p.en)).")
        case .falling:
            return Localized(
                de: "\(subject.de) geht zurück: etwa \(change.de) pro Jahr (\(p.de)).",
                en: "\(subject.en) is falling: about \(change.en) per year (\(p.en)).")
        case .none:
            return Localized(
                de: "\(subject.de): kein klarer Trend, die Änderung (\(change.de) pro Jahr) könnte Zufall sein (\(p.de)).",
                en: "\(subject.en): no clear trend, the change (\(change.en) per year) could be noise (\(p.en)).")
        }
    }
}

/// The period trends are counted in.
public enum TrendPeriod: String, Sendable, Hashable, Codable {
    /// Calendar months.
    case month
    /// ISO weeks, Monday to Sunday.
    case week

    var periodsPerYear: Double { self == .month ? 12 : 365.2425 / 7 }
}

/// Which way a group is heading; `none` unless the trend is a real pattern.
public enum TrendDirection: String, Sendable, Hashable, Codable {
    case rising, falling, none
}

/// The trend of one group (or of all sales).
public struct GroupTrend: Sendable, Hashable, Codable {
    /// Group index as given; -1 for all sales.
    public let group: Int
    public let name: String
    /// Lines per complete period, oldest first.
    public let counts: [Int]
    /// Nil when there was too little data.
    public let test: MannKendall?
    public let adjustedPValue: Double?
    public let verdict: PatternVerdict
    public let direction: TrendDirection
    /// Sen's slope × periods per year / mean count per period (0.35 = +35% per year).
    public let relativeChangePerYear: Double?
    public let statement: Localized
}

/// Trends of all groups.
public struct SalesTrendResult: Sendable, Hashable, Codable {
    public let period: TrendPeriod
    /// Local day number the first complete period starts on (nil without complete periods).
    public let firstPeriodStartDay: Int64?
    public let periodCount: Int
    public let droppedIncompleteFirstPeriod: Bool
    public let droppedIncompleteLastPeriod: Bool
    /// Lines at or after as-of, not counted.
    public let linesAfterAsOf: Int
    public let overall: GroupTrend
    /// Groups with any line.
    public let groups: [GroupTrend]
    /// Group indexes of the strongest real risers, strongest first.
    public let topRising: [Int]
    /// Group indexes of the strongest real fallers, strongest fall first.
    public let topFalling: [Int]
    public let alpha: Double
}
