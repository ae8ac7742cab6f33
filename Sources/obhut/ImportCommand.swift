import ArgumentParser
import Foundation
import Obhut
import ObhutCore
import ObhutImport

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import customers, products, orders, feedback, consents or leads from CSV or JSON Lines. / Daten importieren.",
        discussion: """
            CSV as shops and Excel write it: UTF-8 (with or without BOM) or Windows-1252, comma, semicolon or tab, German decimal comma and dd.mm.yyyy dates. Files ending in .jsonl or .ndjson are read as JSON Lines. The columns of each entity are listed in README.md and by `obhut columns`. A file with any invalid row imports nothing (exit code 1) unless --skip-invalid is given; then the valid rows land and the rejected ones go to NAME.rejected.csv beside the input. Importing the same file twice changes nothing.

            CSV, wie Shops und Excel es schreiben: UTF-8 (mit oder ohne BOM) oder Windows-1252, Komma, Semikolon oder Tabulator, deutsches Dezimalkomma und Datum als tt.mm.jjjj. Dateien mit der Endung .jsonl oder .ndjson werden als JSON Lines gelesen. Die Spalten jeder Art stehen in README.md und bei `obhut columns`. Eine Datei mit einer ungültigen Zeile importiert nichts (Exit-Code 1), außer mit --skip-invalid: dann kommen die gültigen Zeilen an, die abgewiesenen stehen in NAME.rejected.csv neben der Eingabe. Dieselbe Datei zweimal zu importieren ändert nichts.
            """)

    @Argument(help: "customers, products, orders, feedback, consents or leads")
    var entity: ImportEntity

    @Argument(help: "The file to import (CSV, or JSON Lines with .jsonl).", completion: .file())
    var file: String

    @Option(help: "Column layout: generic, shopify or woocommerce.")
    var format: ImportFormat = .generic

    @Option(help: "A file mapping Obhut's fields to your column headers, one 'field = Header' per line.", completion: .file())
    var mapping: String?

    @Flag(help: "Import the valid rows and write the invalid ones to NAME.rejected.csv.")
    var skipInvalid = false

    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let workspace = try global.openWorkspace()
        let url = URL(fileURLWithPath: file)
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw ImportError.source(
                file: file, reason: global.language == .de ? "Datei nicht gefunden oder nicht lesbar" : "file not found or not readable")
        }
        let progress = ProgressLine(label: global.language == .de ? "Zeilen" : "rows")
        let mappingURL: URL? = mapping.map { URL(fileURLWithPath: $0) }
        let request = ImportRequest(entity: entity, file: url, format: format, mapping: mappingURL, skipInvalid: skipInvalid)
        let onProgress: (@Sendable (Int) -> Void)? = progress.isActive ? { @Sendable count in progress.update(count) } : nil
        let report = try Importer(workspace: workspace).run(request, language: global.language, progress: onProgress)
        progress.finish()
        if json { try printJSON(report) } else { print(report.render(in: global.language)) }
    }
}

extension ImportEntity: ExpressibleByArgument {}
extension ImportFormat: ExpressibleByArgument {}

struct QualityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quality",
        abstract: "Data-quality report: completeness, validity, duplicates, staleness, outliers, a 0-100 score. / Datenqualität.")

    @Option(help: "Records not updated for this many days count as stale.")
    var staleDays = 730

    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let report = try QualityReport.compute(for: global.openWorkspace(), staleAfterDays: staleDays)
        if json { try printJSON(report) } else { print(report.render(in: global.language)) }
    }
}
