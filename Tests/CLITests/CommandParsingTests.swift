import ArgumentParser
import Testing

@testable import obhut

/// The command line parsed in-process.
struct CommandParsingTests {
    @Test func importParsesEntityFormatAndFlags() throws {
        let command = try ObhutCommand.parseAsRoot(["import", "orders", "x.csv", "--format", "shopify", "--skip-invalid", "--lang", "de"])
        let imp = try #require(command as? ImportCommand)
        #expect(imp.entity == .orders)
        #expect(imp.format == .shopify)
        #expect(imp.skipInvalid)
        #expect(imp.global.lang == .de)
    }

    @Test(arguments: [["import", "kunden", "x.csv"], ["import", "customers", "x.csv", "--format", "magento"], ["status", "--lang", "fr"]])
    func rejectsInvalidArguments(_ arguments: [String]) {
        #expect(throws: (any Error).self) { try ObhutCommand.parseAsRoot(arguments) }
    }
}
