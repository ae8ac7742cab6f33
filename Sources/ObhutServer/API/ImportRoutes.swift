import Foundation
import Hummingbird
import Obhut
import ObhutCore
import ObhutImport

/// Getting data in over the API, through the same `Importer` as `obhut import`: the same
/// validation, the same single transaction, the same `FILE:LINE: field: reason` rejections
/// (with `upload` as the file name, never a cell value).
///
/// - `POST /api/customers` one customer as a JSON object with the import's column names
///   (`customer_id`, `first_name`, ...): 201, 409 when the id exists (change it with PATCH), 422
///   when the row is invalid.
/// - `POST /api/imports/{entity}?format=generic|shopify|woocommerce&skipInvalid=false` the body
///   is the CSV or JSON Lines file (`Content-Type: application/x-ndjson` or `application/jsonl`
///   for JSON Lines); at most `maxImportBytes` (413 above). Answers the import report; a
///   rejected file 422 with the rejected lines in `details`.
///
/// The body goes to a file created with mode 0600 inside the workspace folder (the importer
/// streams from files) and is deleted afterwards, like a file of rejected rows.
enum ImportRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(
            .post, "/api/customers", .api, .permission(.customerCreate),
            Localized(de: "Einen Kunden anlegen (geprüft wie eine Importzeile)", en: "Create one customer (validated like an import row)")),
        Endpoint(
            .post, "/api/imports/{entity}", .api, .permission(.importData),
            Localized(de: "Eine Datei importieren (CSV oder JSON Lines)", en: "Import a file (CSV or JSON Lines)")),
    ]

    struct Created: Codable, ResponseEncodable {
        var id: String
        var rowsImported: Int
    }

    static func register(on router: Router<AppContext>, services: ServerServices) {
        router.post("/api/customers") { request, context -> Response in
            let principal = try context.require(.customerCreate)
            let buffer = try await request.body.collect(upTo: context.maxUploadSize)
            guard let object = try? JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any] else {
                throw APIError.badRequest(
                    Localized(de: "Erwartet wird ein JSON-Objekt mit den Importspalten.", en: "Expected a JSON object with the import columns."),
                    code: "invalid_body")
            }
            guard let id = (object["customer_id"] as? String)?.trimmingCharacters(in: .whitespaces), !id.isEmpty, id.count <= 128 else {
                throw APIError.badRequest(
                    Localized(de: "customer_id fehlt (Text, höchstens 128 Zeichen).", en: "customer_id is missing (text, at most 128 characters)."),
                    code: "invalid_body")
            }
            guard try !services.workspace.store.customerExists(id: id) else {
                throw APIError(
                    .conflict, code: "conflict",
                    message: Localized(
                        de: "Diese Kundennummer gibt es schon; Felder ändert PATCH /api/customers/{id}.",
                        en: "That customer id exists; change fields with PATCH /api/customers/{id}."))
            }
            let line = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            var file = ByteBuffer(bytes: line)
            file.writeString("\n")
            let outcome = try await importFile(
                file, entity: .customers, format: .generic, skipInvalid: false, jsonLines: true, principal: principal, services: services,
                language: context.language)
            switch outcome {
            case .rejected(let e): return e.response(language: context.language)
            case .imported(let report): return JSON.response(Created(id: id, rowsImported: report.rowsImported), status: .created)
            }
        }

        router.post("/api/imports/{entity}") { request, context -> Response in
            let principal = try context.require(.importData)
            guard let entity = ImportEntity(rawValue: try context.parameters.require("entity")) else {
                throw APIError.notFound
            }
            let format = try APIInput.choice(request, "format", default: ImportFormat.generic, ImportFormat.allCases)
            let skipInvalid = try APIInput.bool(request, "skipInvalid", default: false)
            let type = request.headers[.contentType]?.lowercased() ?? ""
            let jsonLines = type.hasPrefix("application/x-ndjson") || type.hasPrefix("application/jsonl") || type.hasPrefix("application/json-lines")
            let limit = services.configuration.maxImportBytes
            if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit { throw APIError.tooLarge }
            var body = ByteBuffer()
            for try await chunk in request.body {
                guard body.readableBytes + chunk.readableBytes <= limit else { throw APIError.tooLarge }
                var c = chunk
                body.writeBuffer(&c)
            }
            guard body.readableBytes > 0 else {
                throw APIError.badRequest(Localized(de: "Die Datei ist leer.", en: "The file is empty."), code: "empty_file")
            }
            let outcome = try await importFile(
                body, entity: entity, format: format, skipInvalid: skipInvalid, jsonLines: jsonLines, principal: principal, services: services,
                language: context.language)
            switch outcome {
            case .rejected(let e): return e.response(language: context.language)
            case .imported(let report): return JSON.response(report)
            }
        }
    }

    enum Outcome {
        case imported(ImportReport)
        case rejected(DetailedError)
    }

    /// Writes `body` to a 0600 file in the workspace folder, imports it, deletes it (and any file
    /// of rejected rows beside it).
    static func importFile(
        _ body: ByteBuffer, entity: ImportEntity, format: ImportFormat, skipInvalid: Bool, jsonLines: Bool, principal: Principal,
        services: ServerServices, language: Language
    ) async throws -> Outcome {
        let name = ".upload-\(UUID().uuidString.lowercased())." + (jsonLines ? "jsonl" : "csv")
        let url = services.workspace.directory.appendingPathComponent(name)
        guard FileManager.default.createFile(atPath: url.path, contents: Data(buffer: body), attributes: [.posixPermissions: 0o600]) else {
            throw APIError(
                .internalServerError, code: "internal",
                message: Localized(de: "Die Datei konnte nicht zwischengespeichert werden.", en: "The file could not be stored for import."))
        }
        let rejectFile = url.deletingPathExtension().appendingPathExtension("rejected.csv")
        defer {
            try? FileManager.default.removeItem(at: url)
            try? FileManager.default.removeItem(at: rejectFile)
        }
        let request = ImportRequest(entity: entity, file: url, format: format, skipInvalid: skipInvalid)
        let importer = Importer(workspace: services.workspace, actor: principal.actor)
        do {
            // Seconds for a large file: off the cooperative threads, which serve every other request.
            var report = try await Offload.run { try importer.run(request, language: language) }
            report.file = "upload"
            report.rejectFile = nil
            report.rejections = report.rejections.map { rename($0, from: name) }
            return .imported(report)
        } catch let e as ImportError {
            let details: [String]
            switch e {
            case .rejectedRows(_, _, let shown, _): details = shown.map { rename($0, from: name) }
            default: details = []
            }
            let message = Localized(de: rename(e.message(in: .de), from: name), en: rename(e.message(in: .en), from: name))
            let code = details.isEmpty ? "invalid_file" : "rejected_rows"
            return .rejected(DetailedError(error: APIError(.unprocessableContent, code: code, message: message), details: details))
        }
    }

    /// The temporary file's name means nothing to the client: rejections say `upload`.
    static func rename(_ text: String, from name: String) -> String {
        text.replacingOccurrences(of: name, with: "upload")
    }
}
