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

    /// With a real header the known column names are listed and other cells by position: a
    /// damaged header mixed with a data row printed a surname.
    @Test func aRealHeaderListsKnownNamesAndOtherCellsByPosition() throws {
        let error = try #require(try resolverError("C0,Quandtnkqxz,max@example.de,lastname,email\nx,y,z,u,v\n", .customers))
        let message = error.message(in: .en)
        #expect(message.contains("Columns present: column 1, column 2, column 3, lastname, email."), "\(message)")
    }

    /// Absurd quantities (2^63 from a mistyped id, 1e26) passed as order quantities.
    @Test(arguments: ["9223372036854775807", "1e26", "-1000001"])
    func anAbsurdQuantityIsRejected(quantity: String) throws {
        var reader = try CSVReader(
            bytes: Array("order_id,customer_id,product_id,quantity,unit_price,ordered_at\nO1,C1,P1,\(quantity),9.99,2025-01-02\n".utf8))
        let resolver = try ColumnResolver(entity: .orders, format: .generic, columns: reader.columns, mapping: nil)
        let mapper = RowMapper(entity: .orders, format: .generic, resolver: resolver, now: Self.now) { $0 }
        guard case .rejected(let issue) = mapper.map(try #require(try reader.next()).get()) else {
            Issue.record("quantity \(quantity) was accepted")
            return
        }
        #expect(issue.field == "quantity")
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

    /// A company size of 2^63 - 1 employees (and "311.299.999") passed as a lead's size.
    @Test(arguments: ["9223372036854775807", "311.299.999"])
    func anAbsurdCompanySizeIsRejected(size: String) throws {
        var reader = try CSVReader(bytes: Array("lead_id,company,size,created_at\nL1,Beispiel GmbH,\(size),2025-01-02\n".utf8))
        let resolver = try ColumnResolver(entity: .leads, format: .generic, columns: reader.columns, mapping: nil)
        let mapper = RowMapper(entity: .leads, format: .generic, resolver: resolver, now: Self.now) { $0 }
        guard case .rejected(let issue) = mapper.map(try #require(try reader.next()).get()) else {
            Issue.record("size \(size) was accepted")
            return
        }
        #expect(issue.field == "size")
    }
}
