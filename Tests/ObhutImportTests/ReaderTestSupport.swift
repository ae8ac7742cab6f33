import Foundation
import Testing

@testable import ObhutImport

/// A temporary directory for one test's fixture files, removed when the value goes away.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("obhut-import-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `bytes` to a file in the directory and returns its path.
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file.path
    }

    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Array(text.utf8))
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}

/// A record or error reduced to comparable values: line plus fields, or line plus problem.
enum Outcome: Equatable, CustomStringConvertible {
    case record(line: Int, fields: [String?])
    case error(line: Int, problem: RecordProblem)

    init(_ result: Result<SourceRecord, RecordError>) {
        switch result {
        case .success(let record): self = .record(line: record.line, fields: record.fields)
        case .failure(let error): self = .error(line: error.line, problem: error.problem)
        }
    }

    var description: String {
        switch self {
        case .record(let line, let fields): return "\(line): \(fields.map { $0.map { "\"\($0)\"" } ?? "nil" })"
        case .error(let line, let problem): return "\(line): ERROR \(problem)"
        }
    }
}

/// Reads a whole source into outcomes.
func outcomes(_ source: inout some TabularSource) throws -> [Outcome] {
    try source.readAll().map(Outcome.init)
}

/// Reads CSV bytes (through a temporary file) into outcomes.
func readCSV(_ bytes: [UInt8], options: CSVOptions = CSVOptions()) throws -> (columns: [String], outcomes: [Outcome]) {
    let directory = try TemporaryDirectory()
    let path = try directory.write("input.csv", bytes)
    var reader = try CSVReader(path: path, options: options)
    return (reader.columns.names, try outcomes(&reader))
}

func readCSV(_ text: String, options: CSVOptions = CSVOptions()) throws -> (columns: [String], outcomes: [Outcome]) {
    try readCSV(Array(text.utf8), options: options)
}
