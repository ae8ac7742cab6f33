import Foundation

/// The UTC offsets of a time zone as a sorted table, so local wall-clock times convert to UTC
/// with a binary search instead of a Foundation call per row.
///
/// Built once from a Foundation `TimeZone` (its daylight-saving transitions between two years).
/// Outside that span the first or last offset applies.
public struct ZoneRules: Sendable, Equatable {
    /// UTC seconds at which an offset starts, ascending; `offsets[i]` applies from `starts[i]`.
    private let starts: [Int64]
    private let offsets: [Int32]

    /// Rules of a zone with a single fixed offset (seconds east of UTC).
    public init(fixedOffsetSeconds: Int) {
        starts = [Int64.min]
        offsets = [Int32(fixedOffsetSeconds)]
    }

    /// Rules taken from a Foundation time zone for the years `from...through`.
    public init(_ timeZone: TimeZone, from firstYear: Int = 1900, through lastYear: Int = 2100) {
        let first = CivilDate.days(year: firstYear, month: 1, day: 1) * 86_400
        let last = CivilDate.days(year: lastYear + 1, month: 1, day: 1) * 86_400
        var starts: [Int64] = [Int64.min]
        var offsets: [Int32] = [Int32(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(first))))]
        var cursor = Date(timeIntervalSince1970: Double(first))
        while let transition = timeZone.nextDaylightSavingTimeTransition(after: cursor),
            transition.timeIntervalSince1970 < Double(last)
        {
            let at = Int64(transition.timeIntervalSince1970.rounded(.down))
            let offset = Int32(timeZone.secondsFromGMT(for: transition))
            if offset != offsets[offsets.count - 1] {
                starts.append(at)
                offsets.append(offset)
            }
            guard transition > cursor else { break }
            cursor = transition
        }
        self.starts = starts
        self.offsets = offsets
    }

    /// The offset (seconds east of UTC) in force at a UTC instant.
    public func offset(atUTC seconds: Int64) -> Int {
        Int(offsets[index(atUTC: seconds)])
    }

    /// The position in `starts` of the offset in force at a UTC instant.
    private func index(atUTC seconds: Int64) -> Int {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= seconds { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The UTC instant of a local wall-clock time (seconds since 1970 as if the wall clock were UTC).
    ///
    /// Edge cases: a wall time skipped by a spring-forward gap is read with the offset before the
    /// gap (02:30 on the change day in Berlin becomes 03:30 CEST); a wall time that occurs twice
    /// in autumn is read as the first (daylight-saving) occurrence.
    public func utc(fromLocal wall: Int64) -> Int64 {
        // One search for the common case: no transition within a day either side, so the offset a
        // day before is the offset (every import row comes through here).
        let i = index(atUTC: wall - 86_400)
        if i + 1 == starts.count || starts[i + 1] > wall + 86_400 { return wall - Int64(offsets[i]) }
        let before = Int(offsets[i])
        let after = offset(atUTC: wall + 86_400)
        if before == after { return wall - Int64(before) }
        // Near a transition: prefer the earlier offset if the wall time is consistent with it.
        let first = wall - Int64(before)
        if offset(atUTC: first) == before { return first }
        let second = wall - Int64(after)
        if offset(atUTC: second) == after { return second }
        return first  // in the gap
    }
}
