import Foundation
import Hummingbird
import ObhutCore

/// The dashboard: server-rendered HTML pages in German and English, charts as SVG, no scripts.
///
/// Every page asks the Role table through `context.require(...)` first (anonymous GETs are sent
/// to `/login?next=...` by `ErrorMiddleware`, other roles get 403). State-changing forms post
/// with the session's CSRF token, which `AuthMiddleware` checks. No personal data goes into a
/// URL: the customer search is a POST form, and only a customer's id appears in a path.
enum DashboardRoutes {
    static let endpoints: [Endpoint] = {
        var list: [Endpoint] = [
            Endpoint(.get, Stylesheet.path, .page, .open, Localized(de: "Stylesheet des Dashboards", en: "The dashboard's stylesheet")),
            Endpoint(.get, "/login", .page, .open, Localized(de: "Anmeldeformular", en: "Sign-in form")),
            Endpoint(.post, "/login", .page, .open, Localized(de: "Anmelden (Formular)", en: "Sign in (form)")),
            Endpoint(.post, "/logout", .page, .open, Localized(de: "Abmelden (Formular)", en: "Sign out (form)")),
        ]
        for entry in DashboardNavigation.all {
            list.append(Endpoint(.get, entry.path, .page, .permission(entry.permission), entry.summary, masking: masking(entry.path)))
        }
        list += [
            Endpoint(
                .post, "/customers", .page, .permission(.customerDetail),
                Localized(
                    de: "Kundensuche (Formular, damit keine E-Mail-Adresse in die URL gerät)",
                    en: "Customer search (a form, so no e-mail address lands in a URL)"),
                masking: masking("/customers")),
            Endpoint(
                .get, "/customers/{id}", .page, .permission(.customerDetail),
                Localized(
                    de: "Kundenakte mit Einwilligungen, Segment, Kundenwert, Empfehlungen und Begründungen",
                    en: "Customer record with consents, segment, CLV, recommendations and reasons"),
                masking: masking("/customers")),
            Endpoint(
                .post, "/customers/{id}/export", .page, .permission(.subjectRights),
                Localized(de: "Auskunft als JSON-Datei (Art. 15, 20)", en: "Access as a JSON download (Art. 15, 20)")),
            Endpoint(
                .post, "/customers/{id}/restrict", .page, .permission(.subjectRights),
                Localized(de: "Verarbeitung einschränken (Art. 18)", en: "Restrict processing (Art. 18)")),
            Endpoint(
                .post, "/customers/{id}/object", .page, .permission(.subjectRights), Localized(de: "Widerspruch (Art. 21)", en: "Objection (Art. 21)")
            ),
            Endpoint(
                .get, "/customers/{id}/erase", .page, .permission(.subjectRights),
                Localized(de: "Löschung bestätigen", en: "Confirm erasure")),
            Endpoint(.post, "/customers/{id}/erase", .page, .permission(.subjectRights), Localized(de: "Löschen (Art. 17)", en: "Erase (Art. 17)")),
        ]
        return list
    }()

    static func masking(_ path: String) -> Localized? {
        switch path {
        case "/customers":
            Localized(
                de:
                    "Namen und Kontaktdaten nur mit contactData; Marketing nur bei Marketing-Einwilligung; Suche nur admin/marketing, sonst genau eine Person",
                en:
                    "Names and contact data only with contactData; marketing only with marketing consent; search only admin/marketing, else exactly one person"
            )
        case "/clv": Localized(de: "Analyse sieht Pseudonyme statt Kundennummern", en: "Analysts see pseudonyms instead of customer ids")
        case "/feedback": Localized(de: "Beispiele vor der Auswertung geschwärzt", en: "Examples redacted before analysis")
        default: nil
        }
    }

    static func register(on router: Router<AppContext>, services: ServerServices) {
        router.get(RouterPath(Stylesheet.path)) { request, _ in Stylesheet.response(request) }
        LoginPage.register(on: router, services: services)
        // The overview computes the data-quality score (every table read): off the cooperative threads.
        router.get("/") { request, context in try await Offload.run { try OverviewPage.render(request, context, services) } }
        CustomerPages.register(on: router, services: services)
        router.get("/behaviour") { request, context in try BehaviourPage.render(request, context, services) }
        router.get("/segments") { request, context in try SegmentsPage.render(request, context, services) }
        router.get("/clv") { request, context in try await CLVPage.render(request, context, services) }
        router.get("/feedback") { request, context in try FeedbackPage.render(request, context, services) }
        router.get("/leads") { request, context in try LeadsPage.render(request, context, services) }
        router.get("/privacy") { request, context in try await PrivacyCockpitPage.render(request, context, services) }
    }

    /// The fields of a posted form (the body was already read by `AuthMiddleware` when it checked
    /// the CSRF token; collecting again returns the same bytes).
    static func form(_ request: Request, _ context: AppContext) async throws -> FormFields {
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        return FormFields(String(buffer: body))
    }

    static func view(_ request: Request, _ context: AppContext) -> DashboardView {
        DashboardView(context: context, path: request.uri.path)
    }
}
