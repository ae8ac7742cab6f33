import Foundation
import ObhutCore
import Testing

@testable import ObhutImport

/// Inputs found by `obhut-fuzz` (Benchmarks/Fuzz, scripts/fuzz.sh) that broke a property: every
/// rejected input says where and why, and no message repeats a value of a personal field.
struct HostileInputTests {
    static let now = Date(timeIntervalSince1970: 1_763_856_000)

    func resolverError(_ csv: String, _ entity: ImportEntity) throws -> ImportError? {
        let reader = try CSVReader(bytes: Array(csv.utf8))
        do {
            _ = try ColumnResolver(entity: entity, format: .generic, columns: reader.columns, mapping: nil)
            return nil
        } catch {
            return error
        }
    }

    /// A file without its header row: the first data row became the column names, and the
    /// "columns present" list printed a name, an e-mail address and a phone number.
    @Test func aMissingHeaderRowIsNamedWithoutRepeatingTheFirstRow() throws {
        let csv = "C0,Quandt13nsbz,p133hy.zett@example.de,+49 30 492632200,DE\nC1,Other,o@example.de,,DE\n"
        let error = try #require(try resolverError(csv, .customers))
        for language in [Language.de, .en] {
            let message = error.message(in: language)
            for value in ["Quandt13nsbz", "p133hy.zett@example.de", "492632200"] {
                #expect(!message.contains(value), "\(message)")
            }
            #expect(message.contains("customer_id"))
        }
        #expect(error.message(in: .en).contains("is the header row missing?"))
    }

    /// With a real header the columns present are still listed, cells that look like values by position.
    @Test func aRealHeaderIsListedWithDataLikeCellsByPosition() throws {
        let error = try #require(try resolverError("kunde,first_name,max@example.de\nx,y,z\n", .customers))
        let message = error.message(in: .en)
        #expect(message.contains("Columns present: kunde, first_name, column 3"), "\(message)")
    }

    @Test(arguments: [
        ("email", false), ("Address1", false), ("billing_address_1", false), ("Default Address Zip", false),
        ("a@b.de", true), ("+49 170 1234567", true), ("2024-03-01", true), ("10115", true), (String(repeating: "x", count: 41), true),
    ])
    func headerCellsThatLookLikeValues(cell: String, looksLikeData: Bool) {
        #expect(HeaderText.looksLikeData(cell) == looksLikeData)
    }

    @Test func aRepeatedHeaderCellThatLooksLikeAValueIsNamedByPosition() {
        #expect(throws: SourceError.duplicateColumn(name: "column 3")) { try CSVReader(bytes: Array("C1,0171 555123,0171 555123\n".utf8)) }
    }

    /// A negative list price passed validation (an order's negative price is rejected already).
    @Test func aNegativeProductPriceIsRejectedWithItsField() throws {
        var reader = try CSVReader(bytes: Array("product_id,name,price\nP1,Schere,-3\n".utf8))
        let resolver = try ColumnResolver(entity: .products, format: .generic, columns: reader.columns, mapping: nil)
        let mapper = RowMapper(entity: .products, format: .generic, resolver: resolver, now: Self.now) { $0 }
        let record = try #require(try reader.next()).get()
        guard case .rejected(let issue) = mapper.map(record) else {
            Issue.record("a negative price was accepted")
            return
        }
        #expect(issue.line == 2)
        #expect(issue.field == "price")
    }
}
