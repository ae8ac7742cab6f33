import Foundation
import ObhutCore
import ObhutImport
import ObhutStore

/// What to import and how.
public struct ImportRequest: Sendable {
    public var entity: ImportEntity
    public var file: URL
    public var format: ImportFormat
    public var mapping: URL?
    /// Land the valid rows and write the rejected ones to a file beside the input, instead of
    /// importing nothing when any row is bad.
    public var skipInvalid: Bool

    public init(entity: ImportEntity, file: URL, format: ImportFormat = .generic, mapping: URL? = nil, skipInvalid: Bool = false) {
        self.entity = entity
        self.file = file
        self.format = format
        self.mapping = mapping
        self.skipInvalid = skipInvalid
    }
}

/// The outcome of an import, as printed by the CLI and returned by the API.
public struct ImportReport: Sendable, Codable {
    public var entity: String
    public var file: String
    public var rowsRead: Int
    public var rowsImported: Int
    public var rowsRejected: Int
    /// The first rejected rows as `FILE:LINE: field: reason` (never the values).
    public var rejections: [String]
    public var rejectFile: String?
    /// Rows with a new id whose e-mail belongs to a person already known: recorded as that
    /// person's alias instead of a second record.
    public var matchedByEmail: Int
    public var seconds: Double

    public func render(in language: Language) -> String {
        var text = Localized(
            de:
                "\(file): \(rowsImported) von \(rowsRead) Zeilen importiert (\(entity)), \(rowsRejected) abgewiesen, in \(String(format: "%.1f", seconds)) s.",
            en:
                "\(file): imported \(rowsImported) of \(rowsRead) rows (\(entity)), \(rowsRejected) rejected, in \(String(format: "%.1f", seconds)) s."
        )[language]
        if matchedByEmail > 0 {
            text +=
                "\n"
                + Localized(
                    de:
                        "\(matchedByEmail) Zeilen mit neuer Kennung gehören zu bereits bekannten Personen (gleiche E-Mail); ihre Kennung gilt als Alias.",
                    en: "\(matchedByEmail) rows with a new id belong to people already known (same e-mail); their id is kept as an alias.")[language]
        }
        if let rejectFile {
            text += "\n" + Localized(de: "Abgewiesene Zeilen stehen in \(rejectFile)", en: "Rejected rows are in \(rejectFile)")[language]
        }
        for r in rejections { text += "\n  " + r }
        return text
    }
}

/// Imports one file into a workspace: stream, validate, seal, write — one transaction.
///
/// Parsing, validation and sealing run on a producer thread; writes run on the calling thread
/// inside the transaction. Either every valid row lands or, without `skipInvalid`, none does.
public struct Importer: Sendable {
    public let workspace: Workspace
    public let actor: Actor
    public static let batchSize = 2048
    static let shownRejections = 20

    public init(workspace: Workspace, actor: Actor = .cli) {
        self.workspace = workspace
        self.actor = actor
    }

    public func run(_ request: ImportRequest, language: Language = .en, progress: (@Sendable (Int) -> Void)? = nil) throws -> ImportReport {
        let start = Date()
        let fileName = request.file.lastPathComponent
        let mapping: UserMapping? = try request.mapping.map { url in
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw ImportError.source(file: url.lastPathComponent, reason: language == .de ? "Datei nicht lesbar" : "file not readable")
            }
            return try UserMapping(text: String(decoding: data, as: UTF8.self), entity: request.entity, fileName: url.lastPathComponent)
        }
        let keys = workspace.store.keys
        let now = workspace.clock()
        // Open the source and resolve the columns before any thread starts, so header problems
        // come back as a plain error.
        var source: any TabularSource
        do { source = try openSource(request, mapping: mapping) } catch { throw ImportError.source(file: fileName, reason: error.description) }
        let resolver = try ColumnResolver(entity: request.entity, format: request.format, columns: source.columns, mapping: mapping)
        let pseudonyms = keys.pseudonymiser(activity: "import-id-from-email")
        let mapper = RowMapper(entity: request.entity, format: request.format, resolver: resolver, now: now) { email in
            "shopify-" + pseudonyms.pseudonym(IdentityNormalizer.email(email))
        }
        let keepFields = request.skipInvalid
        let references = try ReferenceSets.load(workspace.store, for: request.entity)
        let format = request.format
        let columnNames = source.columns.names

        let queue = BoundedQueue<[MappedRow]>(capacity: 4)
        let sourceBox = UncheckedBox(source)
        let failure = UncheckedBox<Error?>(nil)
        let producer = Thread {
            var source = sourceBox.value
            var references = references
            var batch: [MappedRow] = []
            batch.reserveCapacity(Self.batchSize)
            do {
                while let next = try source.next() {
                    switch next {
                    case .failure(let e):
                        batch.append(
                            MappedRow(
                                kind: .rejected(
                                    RowIssue(line: e.line, field: nil, reason: Localized(de: e.problem.description, en: e.problem.description))),
                                line: e.line, sourceFields: []))
                    case .success(let record):
                        batch.append(
                            try MappedRow(
                                mapper.map(record), line: record.line, fields: keepFields ? record.fields : [], keys: keys,
                                references: &references, format: format))
                    }
                    if batch.count == Self.batchSize {
                        if !queue.push(batch) { return }
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                if !batch.isEmpty { queue.push(batch) }
            } catch {
                failure.value = error
            }
            queue.close()
        }
        producer.stackSize = 8 << 20
        producer.start()

        var read = 0, imported = 0, rejected = 0, matched = 0
        var shown: [String] = []
        var rejectWriter: RejectWriter?
        do {
            // About 50 bytes per order line in shop exports: a cheap estimate of the rows to come.
            let fileBytes = (try? FileManager.default.attributesOfItem(atPath: request.file.path)[.size] as? Int) ?? 0
            try workspace.store.importTransaction(
                entity: Entity(request.entity), fileName: fileName, format: request.format.rawValue, now: now,
                expectedRows: fileBytes / 50
            ) { writer in
                var sink = RowSink(writer: writer, entity: request.entity, format: request.format, now: now, keys: keys)
                while let batch = queue.pop() {
                    for row in batch {
                        read += 1
                        let issue: RowIssue?
                        switch row.kind {
                        case .rejected(let i): issue = i
                        // Written also once the file is known to be rejected (the transaction
                        // rolls back): duplicates are found by writing, and the report must name
                        // the same rows as with --skip-invalid, not stop at the first bad one.
                        default: issue = try sink.write(row)
                        }
                        if let issue {
                            rejected += 1
                            if shown.count < Self.shownRejections { shown.append(issue.text(file: fileName, language: language)) }
                            if request.skipInvalid {
                                if rejectWriter == nil {
                                    rejectWriter = try RejectWriter(besides: request.file, columns: columnNames, language: language)
                                }
                                try rejectWriter?.write(issue: issue, fields: row.sourceFields, language: language)
                            }
                        } else if request.skipInvalid || rejected == 0 {
                            imported += 1
                        }
                    }
                    progress?(read)
                }
                if let error = failure.value { throw error }
                if rejected > 0 && !request.skipInvalid {
                    throw ImportError.rejectedRows(file: fileName, count: rejected, shown: shown, rejectFile: nil)
                }
                matched = sink.matchedByEmail
                try writer.audit(
                    store: workspace.store, actor: actor.name, role: actor.role, action: "import.\(request.entity.rawValue)",
                    count: imported, at: now)
                return ((), imported, rejected)
            }
        } catch {
            queue.cancel()
            try? rejectWriter?.close()
            if let e = error as? SourceError { throw ImportError.source(file: fileName, reason: e.description) }
            throw error
        }
        try rejectWriter?.close()
        return ImportReport(
            entity: request.entity.rawValue, file: fileName, rowsRead: read, rowsImported: imported, rowsRejected: rejected,
            rejections: shown, rejectFile: rejectWriter?.url.path, matchedByEmail: matched, seconds: Date().timeIntervalSince(start))
    }

    /// CSV, or JSON Lines for `.jsonl` / `.ndjson`. JSON Lines has no header: the keys the
    /// entity's fields may have are announced up front so the columns resolve before row one.
    func openSource(_ request: ImportRequest, mapping: UserMapping?) throws(SourceError) -> any TabularSource {
        let ext = request.file.pathExtension.lowercased()
        if ext == "jsonl" || ext == "ndjson" {
            let specs = FieldCatalog.fields(for: request.entity)
            var names: [String] = []
            var seen = Set<String>()
            for name in specs.flatMap({ $0.headerNames(for: request.format) }) + (mapping.map { Array($0.headers.values) } ?? [])
            where seen.insert(name.lowercased()).inserted {
                names.append(name)
            }
            return try JSONLinesReader(path: request.file.path, expectedColumns: names)
        }
        return try CSVReader(path: request.file.path)
    }
}

/// Hands a non-Sendable value to exactly one other thread. The importer's producer owns the
/// source after the hand-over; nothing else touches it.
final class UncheckedBox<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}

extension Entity {
    init(_ entity: ImportEntity) {
        switch entity {
        case .customers: self = .customers
        case .products: self = .products
        case .orders: self = .orders
        case .feedback: self = .feedback
        case .consents: self = .consents
        case .leads: self = .leads
        }
    }
}
