import Foundation
import Testing

@testable import ObhutImport

@Suite("JSON Lines reader")
struct JSONLinesReaderTests {
    private func read(_ text: String, expectedColumns: [String] = [], chunkSize: Int = 1 << 20) throws
        -> (columns: [String], outcomes: [Outcome])
    {
        let directory = try TemporaryDirectory()
        let path = try directory.write("input.jsonl", text)
        var reader = try JSONLinesReader(
            path: path, expectedColumns: expectedColumns, options: JSONLinesOptions(chunkSize: chunkSize))
        let rows = try outcomes(&reader)
        return (reader.columns.names, rows)
    }

    @Test func convertsScalarsToTextAndNullToMissing() throws {
        let (columns, rows) = try read(
            #"{"id": 7, "price": 12.50, "vip": true, "old": false, "note": null, "name": "Anna", "exp": -1.5e3}"# + "\n")
        #expect(columns == ["id", "price", "vip", "old", "note", "name", "exp"])
        #expect(rows == [.record(line: 1, fields: ["7", "12.50", "true", "false", nil, "Anna", "-1.5e3"])])
    }

    @Test func resolvesStringEscapes() throws {
        let (_, rows) = try read(#"{"s": "a\"b\\c\/d\n\u00e4\u20ac\ud83d\ude00"}"# + "\n")
        #expect(rows == [.record(line: 1, fields: ["a\"b\\c/d\nä€😀"])])
    }

    @Test func nestedValueIsAnErrorNamingTheKey() throws {
        let (_, rows) = try read(#"{"id": 1, "address": {"city": "Bonn"}}"# + "\n" + #"{"id": 2, "tags": [1]}"# + "\n")
        #expect(
            rows == [
                .error(line: 1, problem: .nestedValue(key: "address")),
                .error(line: 2, problem: .nestedValue(key: "tags")),
            ])
        #expect(RecordProblem.nestedValue(key: "address").description.contains("nested value not supported"))
    }

    @Test func badLineIsAnErrorWithLineNumberAndReadingGoesOn() throws {
        let text = #"{"id": 1}"# + "\n" + #"{"id": 2,, }"# + "\n" + #"{"id": 3}"# + "\n" + "{\"id\": 4\n" + #"{"id": 05}"# + "\n"
        let (_, rows) = try read(text)
        #expect(rows.count == 5)
        #expect(rows[0] == .record(line: 1, fields: ["1"]))
        #expect(rows[1] == .error(line: 2, problem: .invalidJSON(reason: "expected a key in double quotes", column: 10)))
        #expect(rows[2] == .record(line: 3, fields: ["3"]))
        #expect(rows[3] == .error(line: 4, problem: .invalidJSON(reason: "object not closed with '}'", column: 9)))
        #expect(rows[4] == .error(line: 5, problem: .invalidJSON(reason: "malformed number", column: 8)))
    }

    @Test(arguments: ["[1, 2]", "\"text\"", "42", "true", "null"])
    func lineThatIsNotAnObjectIsAnError(line: String) throws {
        let (_, rows) = try read(line + "\n")
        #expect(rows == [.error(line: 1, problem: .notAnObject)])
    }

    @Test(arguments: ["garbage", "{\"a\": tru}", "{\"a\": 1} x", "{\"a\" 1}", "{\"a\": \"x\u{1}\"}", "{\"a\": \"\\q\"}"])
    func malformedJSONIsInvalidJSON(line: String) throws {
        let (_, rows) = try read(line + "\n")
        guard case .error(1, .invalidJSON)? = rows.first, rows.count == 1 else {
            Issue.record("expected one invalidJSON error, got \(rows)")
            return
        }
    }

    @Test func duplicateKeyIsAnError() throws {
        let (_, rows) = try read(#"{"id": 1, "id": 2}"# + "\n")
        #expect(rows == [.error(line: 1, problem: .duplicateKey("id"))])
    }

    @Test func expectedColumnsComeFirstAndNewKeysAreAppendedWithStablePositions() throws {
        let text = #"{"b": "1", "a": "2"}"# + "\n" + #"{"a": "3", "c": "4"}"# + "\n" + #"{"c": "5"}"# + "\n"
        let (columns, rows) = try read(text, expectedColumns: ["a", "b"])
        #expect(columns == ["a", "b", "c"])
        #expect(
            rows == [
                .record(line: 1, fields: ["2", "1"]),
                .record(line: 2, fields: ["3", nil, "4"]),
                .record(line: 3, fields: [nil, nil, "5"]),
            ])
    }

    @Test func skipsBlankLinesAcceptsCRLFAndByteOrderMark() throws {
        let text = "\u{FEFF}{\"a\": 1}\r\n\r\n   \n{\"a\": 2}"
        let (_, rows) = try read(text)
        #expect(rows == [.record(line: 1, fields: ["1"]), .record(line: 4, fields: ["2"])])
    }

    @Test func tinyChunksGiveTheSameResultAsOneChunk() throws {
        let text = #"{"id": 1, "s": "ä\"x"}"# + "\r\n\n" + #"{"s": "y", "id": 2}"# + "\n" + #"{"id": [}"# + "\n" + #"{"id": 3}"#
        let (_, expected) = try read(text)
        #expect(expected.count == 4)
        for chunkSize in 1...12 {
            let (_, observed) = try read(text, chunkSize: chunkSize)
            #expect(observed == expected, "chunk size \(chunkSize)")
        }
    }

    @Test func csvAndJSONLinesGiveTheSameRecordsThroughTabularSource() throws {
        let directory = try TemporaryDirectory()
        let csv = try directory.write("o.csv", "order_id,qty\n1,2\n2,5\n")
        let jsonl = try directory.write("o.jsonl", "{\"order_id\": 1, \"qty\": 2}\n{\"qty\": 5, \"order_id\": 2}\n")
        func quantities(_ source: inout some TabularSource) throws -> [String?] {
            var result: [String?] = []
            while let next = try source.next() {
                let record = try next.get()
                guard let position = record.columns.position(of: "qty") else { return [] }
                result.append(record[position])
            }
            return result
        }
        var csvReader = try CSVReader(path: csv)
        var jsonReader = try JSONLinesReader(path: jsonl)
        #expect(try quantities(&csvReader) == ["2", "5"])
        #expect(try quantities(&jsonReader) == ["2", "5"])
    }
}
