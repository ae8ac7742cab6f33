import Foundation
import ObhutCore
import Testing

@testable import ObhutServer

/// README's roles table is the one generated from the endpoint catalog (between
/// `<!-- roles:begin -->` and `<!-- roles:end -->`); `scripts/roles-table.sh` prints it.
@Suite("Roles table")
struct RolesTableTests {
    static var readme: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("README.md")
    }

    @Test func readmeTableEqualsTheGeneratedOne() throws {
        let table = RolesTable.markdown()
        if ProcessInfo.processInfo.environment["OBHUT_PRINT_ROLES_TABLE"] != nil {
            print("<!-- roles:begin -->\n" + table + "\n<!-- roles:end -->")
        }
        let text = (try? String(contentsOf: Self.readme, encoding: .utf8)) ?? ""
        guard let start = text.range(of: "<!-- roles:begin -->"), let end = text.range(of: "<!-- roles:end -->"), start.upperBound <= end.lowerBound
        else {
            print("RolesTableTests: README.md has no roles table yet (<!-- roles:begin --> ... <!-- roles:end -->); comparison skipped.")
            return
        }
        let inReadme = text[start.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(inReadme == table, "README.md's roles table differs from the catalog: run scripts/roles-table.sh and paste its output")
    }

    @Test func tableHasARowPerEndpointAndMarksMaskedRoles() {
        let table = RolesTable.markdown()
        let rows = table.split(separator: "\n")
        #expect(rows.count == EndpointCatalog.all.count + 2)
        let clv = rows.first { $0.contains("`GET /api/clv`") } ?? ""
        // admin ✓, dpo —, analyst masked (pseudonyms), marketing —, sales —, support —
        #expect(clv.hasPrefix("| `GET /api/clv` | ✓ | — | masked | — | — | — |"), "\(clv)")
        let users = rows.first { $0.contains("`GET /api/users`") } ?? ""
        #expect(users.hasPrefix("| `GET /api/users` | ✓ | — | — | — | — | — |"))
    }
}
