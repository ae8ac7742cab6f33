import Testing

@testable import Obhut

@Suite struct IdTableTests {
    @Test func findsEveryKeyItHoldsAndNothingElse() {
        var table = IdTable()
        // Enough keys to grow the table several times; long and short ids, and ids that differ
        // only in their last byte or in length.
        for n in 0..<5_000 { table.set("C\(n)", Int64(n)) }
        table.set("a-customer-id-longer-than-sixteen-bytes", -1)
        table.set("a-customer-id-longer-than-sixteen-bytez", -2)
        #expect(table.count == 5_002)
        for n in 0..<5_000 { #expect(table["C\(n)"] == Int64(n)) }
        #expect(table["a-customer-id-longer-than-sixteen-bytes"] == -1)
        #expect(table["a-customer-id-longer-than-sixteen-bytez"] == -2)
        #expect(table["C5000"] == nil)
        #expect(table["C"] == nil)
        #expect(table["c1"] == nil)
        #expect(table[""] == nil)
        #expect(table["C1\u{0}"] == nil)
    }

    @Test func settingAKeyAgainReplacesItsValue() {
        var table = IdTable(minimumCapacity: 4)
        table.set("P1", 1)
        table.set("P1", 7)
        #expect(table["P1"] == 7)
        #expect(table.count == 1)
    }

    @Test func holdsTheEmptyIdAndNonASCIIIds() {
        var table = IdTable()
        table.set("", 3)
        table.set("Kunde-Müller-Straße", 4)
        #expect(table[""] == 3)
        #expect(table["Kunde-Müller-Straße"] == 4)
        #expect(table["Kunde-Muller-Strasse"] == nil)
    }

    @Test func hashTellsApartKeysThatDifferOnlyInTrailingZeroBytesOrLength() {
        #expect(IdTable.hash("AB") != IdTable.hash("AB\u{0}"))
        #expect(IdTable.hash("12345678") != IdTable.hash("12345678\u{0}"))
        #expect(IdTable.hash("") != 0)
    }
}
