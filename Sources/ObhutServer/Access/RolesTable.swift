import ObhutCore

/// The roles table of README.md, generated from `EndpointCatalog`: one row per route, one
/// column per role, ✓ (allowed), "masked" (allowed, with fields hidden as the masking note
/// says for that role) or — (denied). A masking note names the roles it concerns as
/// `role: ...`; a note that names none applies to everyone allowed and goes to the last column.
public enum RolesTable {
    public static func markdown(_ endpoints: [Endpoint] = EndpointCatalog.all, language: Language = .en) -> String {
        let roles = Role.allCases
        let note = Localized(de: "Hinweis", en: "note")[language]
        var lines = [
            "| endpoint | " + roles.map(\.rawValue).joined(separator: " | ") + " | \(note) |",
            "|---|" + roles.map { _ in "---|" }.joined() + "---|",
        ]
        for e in endpoints {
            let cells = roles.map { role -> String in
                guard e.access.allows(role) else { return "—" }
                return maskedRoles(e.masking).contains(role) ? "masked" : "✓"
            }
            let extra = e.masking.map { $0[language] } ?? ""
            lines.append("| `\(e.method.rawValue) \(e.path)` | " + cells.joined(separator: " | ") + " | \(extra) |")
        }
        return lines.joined(separator: "\n")
    }

    /// Roles named as `role:` in a masking note.
    static func maskedRoles(_ note: Localized?) -> Set<Role> {
        guard let text = note?.en else { return [] }
        return Set(Role.allCases.filter { text.contains($0.rawValue + ":") })
    }
}
