/// Purchases as parallel arrays: who bought (a person index from 0), on which day, for how much.
///
/// Days are whole days since 1970-01-01 (in the shop's time zone; the caller turns timestamps
/// into days, see ``day(fromSeconds:utcOffsetSeconds:)``). Amounts are in any one currency unit,
/// for example euros as `Double` or cents through ``init(persons:days:minorUnits:scale:)``; the
/// models only need them to be comparable. Several records of one person on one day are one
/// purchase (their amounts are summed), as in Fader, Hardie and Lee's CDNOW analyses.
public struct PurchaseRecords: Sendable, Equatable {
    public private(set) var persons: [Int32]
    public private(set) var days: [Int32]
    public private(set) var amounts: [Double]

    /// - Throws: ``CLVError/mismatchedLengths(persons:days:amounts:)``,
    ///   ``CLVError/negativePerson(record:)``, ``CLVError/negativeDay(record:)`` (days before
    ///   1970), ``CLVError/invalidAmount(record:)`` (NaN or infinite; records are 0-based).
    public init(persons: [Int32], days: [Int32], amounts: [Double]) throws(CLVError) {
        guard persons.count == days.count, days.count == amounts.count else {
            throw .mismatchedLengths(persons: persons.count, days: days.count, amounts: amounts.count)
        }
        for index in persons.indices {
            if persons[index] < 0 { throw .negativePerson(record: index) }
            if days[index] < 0 { throw .negativeDay(record: index) }
            if !amounts[index].isFinite { throw .invalidAmount(record: index) }
        }
        self.persons = persons
        self.days = days
        self.amounts = amounts
    }

    /// Amounts in minor units (cents): `scale` minor units make one unit (100 for euro cents).
    public init(persons: [Int32], days: [Int32], minorUnits: [Int64], scale: Double = 100) throws(CLVError) {
        try self.init(persons: persons, days: days, amounts: minorUnits.map { Double($0) / scale })
    }

    /// An empty set of purchases, to be filled with ``append(person:day:amount:)``.
    public init() {
        persons = []
        days = []
        amounts = []
    }

    public var count: Int { persons.count }

    /// Adds one purchase, checked as in the initialiser (the record number is its position).
    public mutating func append(person: Int32, day: Int32, amount: Double) throws(CLVError) {
        if person < 0 { throw .negativePerson(record: count) }
        if day < 0 { throw .negativeDay(record: count) }
        if !amount.isFinite { throw .invalidAmount(record: count) }
        persons.append(person)
        days.append(day)
        amounts.append(amount)
    }

    /// The day (since 1970-01-01) of a Unix timestamp, in a zone `utcOffsetSeconds` east of UTC.
    /// Floors, so a purchase at 23:59 local time belongs to its own day.
    public static func day(fromSeconds seconds: Int64, utcOffsetSeconds: Int64 = 0) -> Int64 {
        let local = seconds + utcOffsetSeconds
        return local >= 0 ? local / 86_400 : -((-local + 86_399) / 86_400)
    }
}
