/// What a test says about a pattern, after the false-discovery-rate correction.
///
/// Raw values are stable identifiers for storage and APIs.
public enum PatternVerdict: String, Sendable, Hashable, Codable {
    /// The Benjamini-Hochberg adjusted p-value is below the level asked for.
    case realPattern = "real_pattern"
    /// The test ran but the deviation is within what chance produces.
    case couldBeNoise = "could_be_noise"
    /// Too few observations for the test (see the statement for how many there were).
    case tooLittleData = "too_little_data"

    init(adjustedPValue: Double?, alpha: Double) {
        guard let adjustedPValue else {
            self = .tooLittleData
            return
        }
        self = adjustedPValue < alpha ? .realPattern : .couldBeNoise
    }
}
