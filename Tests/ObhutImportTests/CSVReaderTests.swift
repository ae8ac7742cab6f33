import Foundation
import Testing

@testable import ObhutImport

@Suite("CSV reader")
struct CSVReaderTests {
    @Test func readsHeaderAndRecordsWithPhysicalLineNumbers() throws {
        let (columns, rows) = try readCSV("order_id,sku,qty\n1,A-1,2\n2,B-7,1\n")
        #expect(columns == ["order_id", "sku", "qty"])
        #expect(rows == [.record(line: 2, fields: ["1", "A-1", "2"]), .record(line: 3, fields: ["2", "B-7", "1"])])
    }

    @Test func quotedFieldsKeepSeparatorsQuotesAndLineBreaksAndLaterLinesCountThem() throws {
        let text = "id,note,city\n1,\"Größe M, rot\",Köln\n2,\"Er sagte \"\"hallo\"\"\nund ging\n\",Bonn\n3,plain,Ulm\n"
        let (_, rows) = try readCSV(text)
        #expect(
            rows == [
                .record(line: 2, fields: ["1", "Größe M, rot", "Köln"]),
                .record(line: 3, fields: ["2", "Er sagte \"hallo\"\nund ging\n", "Bonn"]),
                .record(line: 6, fields: ["3", "plain", "Ulm"]),
            ])
    }

    @Test func quoteInsideUnquotedFieldIsLiteral() throws {
        let (_, rows) = try readCSV("id,name\n1,12\" Pizza\n")
        #expect(rows == [.record(line: 2, fields: ["1", "12\" Pizza"])])
    }

    @Test func byteOrderMarkIsDroppedAndHeaderNamesAreTrimmed() throws {
        let (columns, rows) = try readCSV([0xEF, 0xBB, 0xBF] + Array(" id ; Name \n7;Anna\n".utf8))
        #expect(columns == ["id", "Name"])
        #expect(rows == [.record(line: 2, fields: ["7", "Anna"])])
    }

    @Test(arguments: [
        ("a;b;c\n1;2,5;x\n", CSVSeparator.semicolon, ["1", "2,5", "x"]),
        ("a\tb\tc\n1\t2,5\tx\n", CSVSeparator.tab, ["1", "2,5", "x"]),
        ("a,b,c\n1,2.5,x\n", CSVSeparator.comma, ["1", "2.5", "x"]),
        ("\"a;x\",b,c\n1,2.5,x\n", CSVSeparator.comma, ["1", "2.5", "x"]),  // semicolon inside quotes ignored
    ])
    func detectsSeparatorFromHeaderLine(text: String, separator: CSVSeparator, fields: [String]) throws {
        let directory = try TemporaryDirectory()
        let reader = try CSVReader(path: directory.write("s.csv", text))
        #expect(reader.separator == separator)
        var source = reader
        #expect(try outcomes(&source) == [.record(line: 2, fields: fields.map { $0 })])
    }

    @Test func forcedSeparatorOverridesDetection() throws {
        let (columns, rows) = try readCSV("a,b;c\n1,2;3\n", options: CSVOptions(separator: .semicolon))
        #expect(columns == ["a,b", "c"])
        #expect(rows == [.record(line: 2, fields: ["1,2", "3"])])
    }

    @Test func decimalCommaStaysTextInSemicolonFile() throws {
        let (_, rows) = try readCSV("sku;price\nA;1.234,56\nB;12,5\n")
        #expect(rows == [.record(line: 2, fields: ["A", "1.234,56"]), .record(line: 3, fields: ["B", "12,5"])])
    }

    @Test func detectsWindows1252WhenBytesAreNotUTF8() throws {
        let bytes = Array("name;city\n".utf8) + [0xE4, 0xF6, 0xFC, 0x80] + Array(";Bonn\n".utf8)
        let directory = try TemporaryDirectory()
        var reader = try CSVReader(path: directory.write("cp.csv", bytes))
        let rows = try outcomes(&reader)
        #expect(rows == [.record(line: 2, fields: ["äöü€", "Bonn"])])
        #expect(reader.encoding == .windows1252)
    }

    @Test func forcedWindows1252DecodesBytesThatAreAlsoValidUTF8() throws {
        // C3 A4 is "ä" in UTF-8 but "Ã¤" in Windows-1252.
        let bytes = Array("x\n".utf8) + [0xC3, 0xA4] + [0x0A]
        let (_, rows) = try readCSV(bytes, options: CSVOptions(encoding: .windows1252))
        #expect(rows == [.record(line: 2, fields: ["Ã¤"])])
    }

    @Test func windows1252DecodesAll256Bytes() throws {
        // Expected code points: WHATWG windows-1252 index (0x80-0x9F), Latin-1 for the rest.
        let high: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039, 0x152, 0x8D,
            0x17D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x2DC, 0x2122, 0x161,
            0x203A, 0x153, 0x9D, 0x17E, 0x178,
        ]
        var scratch: [UInt8] = []
        for byte in 0...255 {
            let decoded = [UInt8(byte)].withUnsafeBufferPointer {
                TextDecoding.decodeWindows1252($0, scratch: &scratch)
            }
            let expected = byte >= 0x80 && byte < 0xA0 ? high[byte - 0x80] : UInt32(byte)
            let scalars = decoded.unicodeScalars.map(\.value)
            #expect(scalars == [expected], "byte \(byte): expected U+\(String(expected, radix: 16)), got \(scalars)")
        }
    }

    @Test func invalidUTF8AfterUTF8WasSettledIsAnErrorForThatRecordOnly() throws {
        let bytes = Array("name\nMüller\n".utf8) + [0x4D, 0xFC, 0x0A] + Array("Schmidt\n".utf8)
        let (_, rows) = try readCSV(bytes)
        #expect(
            rows == [
                .record(line: 2, fields: ["Müller"]),
                .error(line: 3, problem: .invalidUTF8(column: "name")),
                .record(line: 4, fields: ["Schmidt"]),
            ])
    }

    @Test func readsOneMegabyteField() throws {
        var big = String(repeating: "abcdefghij", count: 100_000)  // 1,000,000 bytes
        big += "\"\"end"
        let text = "id,blob,tail\n1,\"\(big)\",x\n2,small,y\n"
        let (_, rows) = try readCSV(text)
        #expect(rows.count == 2)
        guard case .record(let line, let fields) = rows.first else {
            Issue.record("expected a record, got \(String(describing: rows.first))")
            return
        }
        #expect(line == 2)
        #expect(fields[1]?.utf8.count == 1_000_004, "expected 1,000,004 bytes, got \(fields[1]?.utf8.count ?? -1)")
        #expect(fields[1]?.hasSuffix("\"end") == true)
        #expect(rows.last == .record(line: 3, fields: ["2", "small", "y"]))
    }

    @Test func wrongColumnCountIsAnErrorForThatRowAndReadingGoesOn() throws {
        let (_, rows) = try readCSV("a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n")
        #expect(
            rows == [
                .record(line: 2, fields: ["1", "2", "3"]),
                .error(line: 3, problem: .wrongColumnCount(expected: 3, found: 2)),
                .error(line: 4, problem: .wrongColumnCount(expected: 3, found: 4)),
                .record(line: 5, fields: ["10", "11", "12"]),
            ])
    }

    @Test func unterminatedQuoteAtEndIsReportedAtTheLineWhereTheRecordStarts() throws {
        let (_, rows) = try readCSV("a,b\n1,ok\n2,\"open\nstill open\nto the end\n")
        #expect(rows == [.record(line: 2, fields: ["1", "ok"]), .error(line: 3, problem: .unterminatedQuote)])
    }

    @Test func textAfterClosingQuoteIsAnErrorNamingTheColumn() throws {
        let (_, rows) = try readCSV("a,b\n\"x\"y,2\n3,4\n")
        #expect(
            rows == [
                .error(line: 2, problem: .textAfterClosingQuote(column: "a")),
                .record(line: 3, fields: ["3", "4"]),
            ])
    }

    @Test func acceptsCRLFAndLoneCRLineEnds() throws {
        let (_, crlf) = try readCSV("a,b\r\n1,\"x\r\ny\"\r\n2,z\r\n")
        #expect(crlf == [.record(line: 2, fields: ["1", "x\r\ny"]), .record(line: 4, fields: ["2", "z"])])
        let (_, cr) = try readCSV("a,b\r1,x\r2,y")
        #expect(cr == [.record(line: 2, fields: ["1", "x"]), .record(line: 3, fields: ["2", "y"])])
    }

    @Test func skipsEmptyLinesAndBlankRecordsButCountsTheirLines() throws {
        let (_, rows) = try readCSV("\na;b\n\n1;2\r\n\r\n;\n3;4\n\n\n")
        #expect(rows == [.record(line: 4, fields: ["1", "2"]), .record(line: 7, fields: ["3", "4"])])
    }

    @Test func keepsBlankRecordsWhenAsked() throws {
        let (_, rows) = try readCSV("a;b\n;\n", options: CSVOptions(skipBlankRecords: false))
        #expect(rows == [.record(line: 2, fields: ["", ""])])
    }

    @Test func lastRecordWithoutLineEndIsRead() throws {
        let (_, rows) = try readCSV("a,b\n1,2")
        #expect(rows == [.record(line: 2, fields: ["1", "2"])])
    }

    @Test func tinyChunksGiveTheSameResultAsOneChunk() throws {
        // Quotes, "" escapes, CR LF, lone CR, multi-byte characters and errors at every offset.
        let text = "id;\"na\"\"me\";note\r\n1;\"a\r\nb\";ä€\r2;\"\"\"\";x\n\n3;y\r\n4;5\n5;\"q\"z;w\r\n6;\"ok\";\"end\r\n"
        let bytes = Array(text.utf8)
        let reference = try CSVReader(bytes: bytes, options: CSVOptions(chunkSize: 1 << 20))
        var referenceSource = reference
        let expected = try outcomes(&referenceSource)
        #expect(
            expected == [
                .record(line: 2, fields: ["1", "a\r\nb", "ä€"]),
                .record(line: 4, fields: ["2", "\"", "x"]),
                .error(line: 6, problem: .wrongColumnCount(expected: 3, found: 2)),
                .error(line: 7, problem: .wrongColumnCount(expected: 3, found: 2)),
                .error(line: 8, problem: .textAfterClosingQuote(column: "na\"me")),
                .error(line: 9, problem: .unterminatedQuote),
            ])
        for chunkSize in 1...(bytes.count + 1) {
            var reader = try CSVReader(bytes: bytes, options: CSVOptions(chunkSize: chunkSize))
            #expect(reader.columns.names == ["id", "na\"me", "note"])
            let observed = try outcomes(&reader)
            #expect(observed == expected, "chunk size \(chunkSize)")
        }
    }

    @Test func tinyChunksStraddleQuoteAndCRLFInFile() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("t.csv", "a,b\r\n\"x\"\"y\",\"1\r\n2\"\r\n")
        for chunkSize in 1...8 {
            var reader = try CSVReader(path: path, options: CSVOptions(chunkSize: chunkSize))
            #expect(try outcomes(&reader) == [.record(line: 2, fields: ["x\"y", "1\r\n2"])], "chunk size \(chunkSize)")
        }
    }

    @Test func recordLongerThanLimitStopsReadingWithError() throws {
        let text = "a\n\"" + String(repeating: "x", count: 5000) + "\n1\n"
        let (_, rows) = try readCSV(text, options: CSVOptions(chunkSize: 64, maxRecordBytes: 1024))
        #expect(rows == [.error(line: 2, problem: .recordTooLong(limitBytes: 1024))])
    }

    @Test func columnLookupIsExactThenCaseInsensitive() throws {
        let reader = try CSVReader(bytes: Array("Order_ID,qty,\n1,2,\n".utf8))
        #expect(reader.columns.position(of: "qty") == 1)
        #expect(reader.columns.position(of: "order_id") == 0)
        #expect(reader.columns.position(of: "missing") == nil)
        #expect(reader.columns.displayName(at: 2) == "column 3")
        guard case .success(let record)? = try reader.next() else {
            Issue.record("expected a record")
            return
        }
        #expect(record[column: "ORDER_ID"] == "1")
        #expect(record[1] == "2")
        #expect(record[7] == nil)
        #expect(record.values == ["Order_ID": "1", "qty": "2"])
    }

    @Test func emptyFileHasNoHeader() throws {
        #expect(throws: SourceError.missingHeader) { try CSVReader(bytes: []) }
        #expect(throws: SourceError.missingHeader) { try CSVReader(bytes: Array("\r\n\n".utf8)) }
    }

    @Test func duplicateColumnNamesAreRejected() throws {
        #expect(throws: SourceError.duplicateColumn(name: "id")) { try CSVReader(bytes: Array("id,x, id\n".utf8)) }
    }

    @Test func utf16IsRejectedWithAClearError() throws {
        #expect(throws: SourceError.unsupportedEncoding(name: "UTF-16")) {
            try CSVReader(bytes: [0xFF, 0xFE, 0x61, 0x00, 0x0A, 0x00])
        }
    }

    @Test func missingFileIsACannotOpenError() throws {
        let directory = try TemporaryDirectory()
        let path = directory.url.appendingPathComponent("nope.csv").path
        #expect {
            try CSVReader(path: path)
        } throws: { error in
            guard case SourceError.cannotOpen(let p, _) = error else { return false }
            return p == path
        }
    }
}
