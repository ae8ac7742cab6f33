import Foundation
import GRDB
import ObhutStore

/// Reads a scope's feedback: the feedback of people the scope admits and anonymous feedback,
/// only the declared columns, in (created at, id) order; the texts, where declared, are opened
/// on the other cores while the rest of the scope is read.
///
/// It runs before the scope's people are listed: whether a row's author is admitted is decided by
/// `ScopeEligibility` on the author's integer key and id, so nothing of a person outside the
/// scope is ever opened. Their person index is filled in by `finish(personOfRef:)` once the
/// people are listed (the same snapshot, so every admitted author is among them).
///
/// Rows are read in storage order (one scan, and a key look-up per row where texts are wanted)
/// and sorted here: SQLite's sort of the rows with their sealed texts cost a quarter of a second
/// at 264,000 rows.
struct FeedbackCollector {
    let wantsProduct: Bool, wantsRating: Bool, wantsLanguage: Bool, wantsAt: Bool
    /// Author's integer key, or -1 for feedback without a known author.
    private var authorRef: [Int64] = []
    private var ids: [String] = []
    private var createdAt: [Int64] = []
    private var product: [String?] = [], rating: [Int?] = [], language: [String?] = []
    private let opener: FeedbackDecryption?
    /// With `collectsAuthors`: for each integer key up to the largest, the position of its id in
    /// `authorIds` (-1: not an admitted author); empty otherwise.
    private var authorSlot: [Int32] = []
    private var authorIds: [String] = []

    /// Reads every row, hands its text to the opener, and returns with the texts still being opened:
    /// call `finish` or `cancel`.
    ///
    /// `collectsAuthors`: also notes the admitted authors, for a scope whose people are the
    /// authors of feedback (`authors`).
    init(_ db: Database, declared: Set<String>, eligibility: ScopeEligibility, keys: KeyRing, collectsAuthors: Bool = false) throws {
        if collectsAuthors { authorSlot = [Int32](repeating: -1, count: max(eligibility.maxRef, 0) + 1) }
        wantsProduct = declared.contains("feedback.product_id")
        wantsRating = declared.contains("feedback.rating")
        wantsLanguage = declared.contains("feedback.language")
        wantsAt = declared.contains("feedback.created_at")
        let wantsText = declared.contains("feedback.text")
        let capacity = try Int.fetchOne(db, sql: "SELECT count(*) FROM feedback") ?? 0
        opener = wantsText ? FeedbackDecryption(capacity: capacity, keys: keys) : nil
        do {
            try read(db, eligibility: eligibility, wantsText: wantsText, capacity: capacity)
        } catch {
            opener?.cancel()
            throw error
        }
    }

    private mutating func read(_ db: Database, eligibility: ScopeEligibility, wantsText: Bool, capacity: Int) throws {
        authorRef.reserveCapacity(capacity)
        ids.reserveCapacity(capacity)
        createdAt.reserveCapacity(capacity)
        let rows = try RawRows(
            db,
            sql: """
                SELECT f.id, f.customer_id, c.ref, f.product_id, f.rating, f.language, f.created_at
                \(wantsText ? ", f.sealed_text, k.wrapped" : "")
                FROM feedback f LEFT JOIN customer c ON c.id = f.customer_id
                \(wantsText ? "LEFT JOIN person_key k ON k.subject = 'c:' || f.customer_id" : "")
                """)
        while try rows.next() {
            var ref: Int64 = -1
            let hasAuthor = !rows.isNull(1)
            if hasAuthor {
                // Feedback of people outside the scope (or of an id no customer has) is left out entirely.
                guard !rows.isNull(2), eligibility.admits(ref: rows.int64(2), id: rows.string(1)) else { continue }
                ref = rows.int64(2)
                if !authorSlot.isEmpty {
                    // Keys above the largest (a customer added since it was read) cannot be in the same snapshot.
                    guard ref >= 0 && ref < authorSlot.count else { continue }
                    if authorSlot[Int(ref)] < 0 {
                        authorSlot[Int(ref)] = Int32(authorIds.count)
                        authorIds.append(rows.string(1))
                    }
                }
            }
            let id = rows.string(0)
            authorRef.append(ref)
            ids.append(id)
            createdAt.append(rows.int64(6))
            if wantsProduct { product.append(rows.isNull(3) ? nil : rows.string(3)) }
            if wantsRating { rating.append(rows.isNull(4) ? nil : Int(rows.int64(4))) }
            if wantsLanguage { language.append(rows.isNull(5) ? nil : rows.string(5)) }
            if let opener {
                // The bytes are SQLite's until the next step; the opener copies them.
                try rows.withBytes(0) { id in
                    try rows.withBytes(7) { sealed in
                        if hasAuthor && !rows.isNull(8) {
                            try rows.withBytes(1) { customer in
                                try rows.withBytes(8) { try opener.append(id: id, customerId: customer, sealed: sealed, wrappedKey: $0) }
                            }
                        } else {
                            try opener.append(id: id, customerId: nil, sealed: sealed, wrappedKey: nil)
                        }
                    }
                }
            }
        }
    }

    /// The admitted authors of the feedback read, as a scope's people, in integer-key order: one
    /// walk over the key slots instead of sorting their ids (the order only has to be deterministic).
    /// Empty unless the collector was made with `collectsAuthors`.
    var authors: ScopeBuilder.EligiblePeople {
        var people = ScopeBuilder.EligiblePeople()
        people.ids.reserveCapacity(authorIds.count)
        people.refs.reserveCapacity(authorIds.count)
        for (ref, slot) in authorSlot.enumerated() where slot >= 0 {
            people.ids.append(authorIds[Int(slot)])
            people.refs.append(Int64(ref))
        }
        return people
    }

    /// The feedback table, once the scope's people are listed: `personOfRef` gives each author's
    /// person index. Waits for the texts.
    func finish(personOfRef: [Int32]) throws -> FeedbackTable {
        let texts = try opener?.finish()
        // Every admitted author is among the people (same snapshot, same rule); a row whose author
        // is not would be left out rather than shown under no one.
        var order = [Int]()
        order.reserveCapacity(ids.count)
        var person = [Int32](repeating: -1, count: ids.count)
        for i in ids.indices {
            let ref = authorRef[i]
            if ref >= 0 {
                guard ref < personOfRef.count, personOfRef[Int(ref)] >= 0 else { continue }
                person[i] = personOfRef[Int(ref)]
            }
            order.append(i)
        }
        sortByTimeThenId(&order)
        return FeedbackTable(
            person: order.map { person[$0] }, product: wantsProduct ? order.map { product[$0] } : nil,
            rating: wantsRating ? order.map { rating[$0] } : nil, text: texts.map { texts in order.map { texts[$0] } },
            language: wantsLanguage ? order.map { language[$0] } : nil, createdAt: wantsAt ? order.map { createdAt[$0] } : nil)
    }

    /// Sorts row positions by (created at, id), as SQL's `ORDER BY created_at, id` would.
    ///
    /// Times are packed with the position into one integer where they fit (they do for any
    /// realistic span: under 2^44 seconds with a million rows), so the sort compares integers, not
    /// arrays through a closure (which took 70 ms at 264,000 rows); the few rows written in the
    /// same second are then put in id order.
    func sortByTimeThenId(_ order: inout [Int]) {
        func byTimeThenId(_ a: Int, _ b: Int) -> Bool {
            createdAt[a] != createdAt[b] ? createdAt[a] < createdAt[b] : ids[a].utf8.lexicographicallyPrecedes(ids[b].utf8)
        }
        guard let first = order.first else { return }
        var low = createdAt[first], high = low
        for i in order {
            low = min(low, createdAt[i])
            high = max(high, createdAt[i])
        }
        let positionBits = UInt64(max(1, Int.bitWidth - (ids.count).leadingZeroBitCount))
        let (span, overflow) = high.subtractingReportingOverflow(low)
        guard !overflow, span >= 0, UInt64(span) < (UInt64(1) << (64 - positionBits)) else {
            order.sort(by: byTimeThenId)
            return
        }
        var keys = order.map { (UInt64(createdAt[$0] - low) << positionBits) | UInt64($0) }
        keys.sort()
        let mask = (UInt64(1) << positionBits) - 1
        for k in keys.indices { order[k] = Int(keys[k] & mask) }
        // Runs of one second: by id.
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && createdAt[order[end]] == createdAt[order[start]] { end += 1 }
            if end - start > 1 { order[start..<end].sort(by: byTimeThenId) }
            start = end
        }
    }

    /// Stops opening texts (the rest of the scope failed).
    func cancel() { opener?.cancel() }
}
