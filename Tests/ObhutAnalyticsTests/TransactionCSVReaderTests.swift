import ObhutCore
import Testing

@testable import ObhutAnalytics

@Suite struct TransactionCSVReaderTests {
    @Test func readsColumnsByNameInAnyOrder() throws {
        let text =
            "\u{FEFF}Amount, units ,date,CUSTOMER_ID\r\n12.50,1,1997-01-02,K-7\r\n\r\n3,2,1997-01-03T10:15:00,\"K,8\"\n-1.5,1,1997-01-03 23:59,K-7\n"
        let parsed = try TransactionCSVReader.parse(text)
        #expect(parsed.keys == ["K-7", "K,8"])
        #expect(parsed.records.persons == [0, 1, 0])
        #expect(parsed.records.days.map(Int.init) == [CivilDate.days(year: 1997, month: 1, day: 2), 9864, 9864])
        #expect(parsed.records.amounts == [12.5, 3, -1.5])
    }

    @Test func readsAmountsExactlyAsDoubleDoes() throws {
        // The fast decimal path must give the same double as Double(String) (correct rounding).
        let amounts = ["29.33", "0.1", "-3.75", "+12", "123456789.012345", "1234567890123456.7", "1e2", "7.", ".5", "0.000001"]
        let text = "customer_id,date,amount\n" + amounts.map { "A,2020-01-01,\($0)" }.joined(separator: "\n")
        let parsed = try TransactionCSVReader.parse(text)
        #expect(parsed.records.amounts == amounts.map { Double($0) ?? .nan })
    }

    @Test func streamsLineByLine() throws {
        var reader = TransactionCSVReader()
        for line in ["customer_id,date,amount", "A,2020-05-01,1", "B,2020-05-02,2"] { try reader.consume(line: Substring(line)) }
        #expect(try reader.finish().keys == ["A", "B"])
    }

    @Test(arguments: [
        ("customer_id,date,amount\nSECRET-42,2020-13-01,1", CLVError.malformedLine(line: 2, field: "date", reason: .notISODate)),
        ("customer_id,date,amount\nSECRET-42,1969-12-31,1", .malformedLine(line: 2, field: "date", reason: .beforeEpoch)),
        ("customer_id,date,amount\nSECRET-42,2021-02-29,1", .malformedLine(line: 2, field: "date", reason: .notISODate)),
        ("customer_id,date,amount\nSECRET-42,2020-01-01,12,50", .malformedLine(line: 2, field: "line", reason: .tooManyFields)),
        ("customer_id,date,amount\nSECRET-42,2020-01-01,nan", .malformedLine(line: 2, field: "amount", reason: .notNumber)),
        ("customer_id,date,amount\nSECRET-42,2020-01-01,1e999", .malformedLine(line: 2, field: "amount", reason: .notFinite)),
        ("customer_id,date,amount\nSECRET-42,2020-01-01,1.5.2", .malformedLine(line: 2, field: "amount", reason: .notNumber)),
        ("customer_id,date,amount\nSECRET-42,2020-01-01,", .malformedLine(line: 2, field: "amount", reason: .empty)),
        ("customer_id,date,amount\n,2020-01-01,1", .malformedLine(line: 2, field: "customer_id", reason: .empty)),
        ("customer_id,date,amount\nSECRET-42,2020-01-01", .malformedLine(line: 2, field: "amount", reason: .tooFewFields)),
        ("customer_id,date,amount\n\"SECRET-42,2020-01-01,1", .malformedLine(line: 2, field: "line", reason: .unterminatedQuote)),
        ("customer_id,datum,amount\nSECRET-42,2020-01-01,1", .missingColumn("date")),
        ("", .missingColumn("customer_id")),
    ])
    func rejectsBadLinesWithoutEchoingValues(text: String, expected: CLVError) {
        do {
            _ = try TransactionCSVReader.parse(text)
            Issue.record("accepted bad input")
        } catch {
            #expect(error == expected)
            for language in Language.allCases {
                #expect(!error.message(in: language).contains("SECRET"), "message echoes a value: \(error.message(in: language))")
            }
        }
    }

    @Test func messageNamesLineAndFieldInBothLanguages() {
        let error = CLVError.malformedLine(line: 7, field: "date", reason: .notISODate)
        #expect(error.message(in: .en) == "line 7: date: not an ISO date (YYYY-MM-DD)")
        #expect(error.message(in: .de) == "Zeile 7: date: kein ISO-Datum (JJJJ-MM-TT)")
    }
}
