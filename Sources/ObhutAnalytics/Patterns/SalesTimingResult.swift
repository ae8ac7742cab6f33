import ObhutCore

/// Which calendar profile a ``TimingProfile`` describes.
public enum TimingProfileKind: String, Sendable, Hashable, Codable {
    /// 7 × 24 cells, index `weekday * 24 + hour` (weekday 0 = Monday).
    case hourByWeekday = "hour_by_weekday"
    /// 12 cells, index `month - 1`.
    case month
    /// 4 meteorological seasons: 0 winter (DJF), 1 spring (MAM), 2 summer (JJA), 3 autumn (SON).
    case season
}

/// The cells where a profile most exceeds what was expected.
public struct TimingPeak: Sendable, Hashable, Codable {
    /// Profile cells that make up the peak (two adjacent hours for hour × weekday, else one).
    public let cells: [Int]
    /// "Sonntagabend 19-21 Uhr" / "Sunday evening 7-9 pm", "April", "Frühjahr" / "spring".
    public let label: Localized
    /// Observed divided by expected count in the peak cells (2.4 = "2.4 times as often").
    public let ratio: Double
}

/// One calendar profile of one group (or of all sales), its test and its statement.
public struct TimingProfile: Sendable, Hashable, Codable {
    public let kind: TimingProfileKind
    /// Order lines per cell.
    public let counts: [Int]
    /// The chi-square test; nil when there was too little data to run it.
    public let test: ChiSquareTest?
    /// Benjamini-Hochberg adjusted p-value over all tests of the analysis.
    public let adjustedPValue: Double?
    public let verdict: PatternVerdict
    public let peak: TimingPeak?
    public let statement: Localized
}

/// The three profiles of one group (product or category) or of all sales.
public struct GroupTiming: Sendable, Hashable, Codable {
    /// Group index as given by the caller; -1 for all sales.
    public let group: Int
    public let name: String
    public let lineCount: Int
    public let hourByWeekday: TimingProfile
    public let month: TimingProfile
    public let season: TimingProfile
}

/// When things sell: profiles of all sales and of each group, with tests corrected together.
public struct SalesTimingResult: Sendable, Hashable, Codable {
    /// All sales. Its hour × weekday test is the independence test (does the daily rhythm differ
    /// by weekday?); its month and season tests compare with the days each month and season had
    /// in the observed window.
    public let overall: GroupTiming
    /// Each group with at least one line; its tests compare with the profile of all sales.
    public let groups: [GroupTiming]
    /// Hours per row of the overall independence test (1, or 3 or 6 when hourly cells were
    /// too sparse and were merged).
    public let independenceHourBlock: Int
    /// First and last local day number of the data (nil without data).
    public let firstDay: Int64?
    public let lastDay: Int64?
    /// Level of the false discovery rate.
    public let alpha: Double
    /// Number of tests in the Benjamini-Hochberg family.
    public let testCount: Int
}
