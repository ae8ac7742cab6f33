/// Transactions read from the analyst's CSV, with the customer keys behind the person indices.
public struct CustomerTransactions: Sendable, Equatable {
    /// `keys[i]` is the customer id of person index i, in order of first appearance.
    public var keys: [String]
    public var records: PurchaseRecords

    public init(keys: [String], records: PurchaseRecords) {
        self.keys = keys
        self.records = records
    }

    /// Builds from (customer key, day since 1970, amount) triples, interning the keys.
    public init(_ rows: [(customer: String, day: Int32, amount: Double)]) throws(CLVError) {
        var reader = TransactionCSVReader()
        for row in rows { try reader.add(customer: row.customer, day: row.day, amount: row.amount) }
        self = reader.transactions
    }
}
