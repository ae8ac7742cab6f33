import ObhutCore

/// The roles of people who sign in, each with the least it needs (issue 7, README "Roles").
///
/// - admin: everything, including users and tokens.
/// - dpo: the register and approvals, subject requests, audit, breaches, the privacy cockpit;
///   single customers for requests, never bulk lists of marketing data.
/// - analyst: aggregates and pseudonyms only, never names or contact data.
/// - marketing: segments and recommendations; contact data only of people with marketing consent.
/// - sales: leads and their scores.
/// - support: one customer at a time (exact id or e-mail, no lists) and feedback.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case admin, dpo, analyst, marketing, sales, support

    /// A token may carry this role or a lesser one; "lesser" means its permissions are a subset.
    public func covers(_ other: Role) -> Bool { other.permissions.isSubset(of: permissions) }

    public static func < (a: Role, b: Role) -> Bool { a.rank < b.rank }
    private var rank: Int { Role.allCases.firstIndex(of: self) ?? 0 }

    public var title: Localized {
        switch self {
        case .admin: Localized(de: "Administration", en: "Administrator")
        case .dpo: Localized(de: "Datenschutzbeauftragte(r)", en: "Data-protection officer")
        case .analyst: Localized(de: "Analyse", en: "Analyst")
        case .marketing: Localized(de: "Marketing", en: "Marketing")
        case .sales: Localized(de: "Vertrieb", en: "Sales")
        case .support: Localized(de: "Kundenservice", en: "Support")
        }
    }

    public var permissions: Set<Permission> {
        switch self {
        case .admin: Set(Permission.allCases)
        case .dpo:
            [
                .overview, .customerLookup, .customerDetail, .contactData, .subjectRequests, .subjectRights, .register, .approve,
                .preflight, .runs, .audit, .breach, .privacyCockpit, .quality, .feedback, .aggregates,
            ]
        case .analyst: [.overview, .aggregates, .pseudonymLists, .quality, .preflight, .runs, .feedback, .segments, .clv]
        case .marketing: [.overview, .aggregates, .segments, .recommendations, .customerDetail, .customerSearch, .marketingContacts]
        case .sales: [.overview, .leads]
        case .support: [.overview, .customerLookup, .customerDetail, .contactData, .feedback, .customerUpdate]
        }
    }
}

/// What a role may do. Routes ask for one of these; masking of fields asks `contactData` /
/// `marketingContacts`.
public enum Permission: String, Sendable, Codable, CaseIterable {
    /// The overview page and counts.
    case overview
    /// Look up one customer by exact id or e-mail.
    case customerLookup
    /// Search and list customers (several at once).
    case customerSearch
    /// Open one customer's detail (masked by `contactData` / `marketingContacts`).
    case customerDetail
    /// Create customers.
    case customerCreate
    /// Change a customer's fields (rectification).
    case customerUpdate
    /// See names and contact data of any customer.
    case contactData
    /// See contact data only of people with marketing consent.
    case marketingContacts
    /// Upload imports.
    case importData
    /// The data-quality report.
    case quality
    /// Aggregates: purchase patterns, segment sizes, feedback trends.
    case aggregates
    /// Lists of pseudonymous ids with their results (segments, CLV).
    case pseudonymLists
    /// Segments with their members.
    case segments
    /// CLV per customer.
    case clv
    /// Recommendations per customer.
    case recommendations
    /// Feedback insights (redacted examples).
    case feedback
    /// Leads and their scores.
    case leads
    /// Pre-flight checks.
    case preflight
    /// Start runs of activities and list them.
    case runs
    /// Read the processing register.
    case register
    /// Approve activities (DPO).
    case approve
    /// Subject requests list.
    case subjectRequests
    /// Carry out subject rights (export, erase, restrict, object).
    case subjectRights
    /// Verify and read the audit log.
    case audit
    /// Breach cases.
    case breach
    /// The DPO's privacy cockpit.
    case privacyCockpit
    /// Manage users and tokens.
    case users
}
