import ArgumentParser
import Foundation
import Obhut
import ObhutCore
import ObhutImport

/// `obhut columns`: the import columns of every entity and format, straight from the catalog the
/// importer uses (README.md's table is produced by `obhut columns --markdown`).
struct ColumnsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "columns",
        abstract: "List the import columns of each entity and format. / Importspalten anzeigen.")

    @Argument(help: "Only this entity.") var entity: ImportEntity?
    @Flag(help: "Print a Markdown table.") var markdown = false
    @Option(name: .long, help: "Language of the output: de or en.") var lang: Language?

    func run() async throws {
        let language = lang ?? Language.fromEnvironment()
        for e in entity.map({ [$0] }) ?? ImportEntity.allCases {
            if markdown {
                print("\n#### \(e.rawValue)\n")
                print(
                    language == .de
                        ? "| Spalte | Pflicht | Shopify | WooCommerce | auch erkannt | Bedeutung |"
                        : "| column | required | Shopify | WooCommerce | also accepted | meaning |")
                print("|---|---|---|---|---|---|")
            } else {
                print("\n\(e.rawValue):")
            }
            for f in FieldCatalog.fields(for: e) {
                let shop = (f.aliases[.shopify] ?? []).joined(separator: ", ")
                let woo = (f.aliases[.woocommerce] ?? []).joined(separator: ", ")
                let also = (f.aliases[.generic] ?? []).joined(separator: ", ")
                if markdown {
                    print(
                        "| `\(f.name)` | \(f.required ? (language == .de ? "ja" : "yes") : "") | \(shop) | \(woo) | \(also) | \(f.help[language]) |")
                } else {
                    print("  \(f.name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(f.required ? "*" : " ") \(f.help[language])")
                }
            }
        }
    }
}
