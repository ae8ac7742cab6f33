import Foundation
import GRDB
import ObhutCore
import ObhutStore

/// A group of customer records that are likely the same person, with the evidence.
public struct DuplicateGroup: Sendable, Codable, Equatable {
    public enum Evidence: String, Sendable, Codable, CaseIterable {
        case email = "same-email"
        case phone = "same-phone"
        case nameAndPostalCode = "same-name-and-postal-code"

        public var title: Localized {
            switch self {
            case .email: Localized(de: "gleiche E-Mail-Adresse (normalisiert)", en: "same e-mail address (normalised)")
            case .phone: Localized(de: "gleiche Telefonnummer (normalisiert)", en: "same phone number (normalised)")
            case .nameAndPostalCode: Localized(de: "gleicher Name und gleiche Postleitzahl", en: "same name and postal code")
            }
        }
    }

    public var customerIds: [String]
    public var evidence: [Evidence]
}

/// Finds likely duplicates on the keyed indexes: no personal field is decrypted to compare.
public struct DuplicateFinder: Sendable {
    public let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    public func groups() throws -> [DuplicateGroup] {
        let pairs: [(String, String, DuplicateGroup.Evidence)] = try workspace.store.writer.read { db in
            var out: [(String, String, DuplicateGroup.Evidence)] = []
            for (column, evidence) in [
                ("email_index", DuplicateGroup.Evidence.email), ("phone_index", .phone), ("identity_index", .nameAndPostalCode),
            ] {
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT group_concat(id, char(31)) AS ids FROM (SELECT id, \(column) AS k FROM customer WHERE \(column) IS NOT NULL ORDER BY id)
                        GROUP BY k HAVING count(*) > 1
                        """)
                for row in rows {
                    let ids = (row["ids"] as String).split(separator: "\u{1F}").map(String.init)
                    for other in ids.dropFirst() { out.append((ids[0], other, evidence)) }
                }
            }
            return out
        }
        // Union-find over the pairs, so A~B by e-mail and B~C by phone form one group.
        var parent: [String: String] = [:]
        func find(_ x: String) -> String {
            var r = x
            while let p = parent[r], p != r { r = p }
            parent[x] = r
            return r
        }
        for (a, b, _) in pairs {
            if parent[a] == nil { parent[a] = a }
            if parent[b] == nil { parent[b] = b }
            let ra = find(a), rb = find(b)
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        var members: [String: Set<String>] = [:]
        var evidence: [String: Set<DuplicateGroup.Evidence>] = [:]
        for (a, b, e) in pairs {
            let r = find(a)
            members[r, default: []].formUnion([a, b])
            evidence[r, default: []].insert(e)
        }
        try workspace.audit(actor: .cli, action: "customers.duplicates", count: members.values.reduce(0) { $0 + $1.count })
        return members.keys.sorted().map { root in
            DuplicateGroup(
                customerIds: members[root]!.sorted(),
                evidence: DuplicateGroup.Evidence.allCases.filter { evidence[root]!.contains($0) })
        }
    }
}
