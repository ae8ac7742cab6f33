import ObhutCore

/// The dashboard's pages in navigation order, each with the permission that opens it. The same
/// list feeds the navigation (a role sees only what it may open), the endpoint catalog and the
/// overview's shortcuts.
enum DashboardNavigation {
    struct Entry: Sendable {
        var path: String
        var title: Localized
        var permission: Permission
        var summary: Localized
    }

    static let all: [Entry] = [
        Entry(
            path: "/", title: Localized(de: "Übersicht", en: "Overview"), permission: .overview,
            summary: Localized(de: "Zahlen, letzte Läufe, offene Anfragen", en: "Counts, last runs, open requests")),
        Entry(
            path: "/customers", title: Localized(de: "Kunden", en: "Customers"), permission: .customerDetail,
            summary: Localized(de: "Suche und Kundenakte mit Begründungen", en: "Search and customer record with reasons")),
        Entry(
            path: "/behaviour", title: Localized(de: "Kaufverhalten", en: "Behaviour"), permission: .aggregates,
            summary: Localized(de: "Wann gekauft wird, Warenkörbe, Trends", en: "When people buy, baskets, trends")),
        Entry(
            path: "/segments", title: Localized(de: "Segmente", en: "Segments"), permission: .segments,
            summary: Localized(de: "Kundengruppen, in Worten beschrieben", en: "Customer groups, described in words")),
        Entry(
            path: "/clv", title: Localized(de: "Kundenwert", en: "Lifetime value"), permission: .clv,
            summary: Localized(de: "Wert und Abwanderungsrisiko", en: "Value and churn risk")),
        Entry(
            path: "/feedback", title: Localized(de: "Feedback", en: "Feedback"), permission: .feedback,
            summary: Localized(de: "Stimmung über die Wochen, Aspekte", en: "Sentiment over the weeks, aspects")),
        Entry(
            path: "/leads", title: Localized(de: "Leads", en: "Leads"), permission: .leads,
            summary: Localized(de: "Bewertete Leads mit Gründen", en: "Scored leads with reasons")),
        Entry(
            path: "/privacy", title: Localized(de: "Datenschutz", en: "Privacy"), permission: .privacyCockpit,
            summary: Localized(de: "Cockpit der/des Datenschutzbeauftragten", en: "The data-protection officer's cockpit")),
    ]

    /// The entries `role` may open; none for anonymous readers.
    static func entries(for role: Role?) -> [Entry] {
        guard let role else { return [] }
        return all.filter { role.permissions.contains($0.permission) }
    }
}
