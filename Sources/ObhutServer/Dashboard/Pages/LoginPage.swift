import Foundation
import Hummingbird
import ObhutCore

/// `GET /login`, `POST /login` and `POST /logout` for the browser.
///
/// Signing in goes through `SessionRoutes.signIn` (per-address throttling, per-account lock-out,
/// a fresh session id) and then redirects with 303 to `next`, which must be a local path: an
/// absolute URL, a scheme-relative `//host` or a backslash trick would make the sign-in page an
/// open redirect, so those go to the overview instead.
enum LoginPage {
    static func register(on router: Router<AppContext>, services: ServerServices) {
        router.get("/login") { request, context -> Response in
            let next = safeNext(request.uri.queryParameters["next"].map(String.init))
            if context.principal != nil { return redirect(next) }
            return form(DashboardView(context: context, path: "/login"), next: next, error: nil, status: .ok)
        }
        router.post("/login") { request, context -> Response in
            let fields = try await DashboardRoutes.form(request, context)
            let next = safeNext(fields["next"])
            let view = DashboardView(context: context, path: "/login")
            do {
                let (cookie, _, _) = try await SessionRoutes.signIn(
                    fields["name"] ?? "", fields["password"] ?? "", services: services, context: context)
                // A session that came with the request ends: a new sign-in never reuses an id.
                if let old = request.cookies[AuthMiddleware.sessionCookie] { try? services.users.endSession(cookie: old.value) }
                var response = redirect(next)
                response.setCookie(SessionRoutes.sessionCookie(cookie, services: services))
                return response
            } catch let e as APIError {
                return form(view, next: next, error: e.message[view.l], status: e.status)
            }
        }
        router.post("/logout") { request, _ -> Response in
            if let cookie = request.cookies[AuthMiddleware.sessionCookie] { try services.users.endSession(cookie: cookie.value) }
            var response = redirect("/login")
            response.setCookie(SessionRoutes.expiredSessionCookie(services: services))
            return response
        }
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// `next` if it is a path on this server, else "/". Percent-encoding is undone first, so
    /// `%2F%2Fevil.example` is judged as `//evil.example`.
    static func safeNext(_ raw: String?) -> String {
        guard var value = raw, !value.isEmpty, value.count <= 1_024 else { return "/" }
        for _ in 0..<3 where value.contains("%") {
            guard let decoded = value.removingPercentEncoding else { return "/" }
            value = decoded
        }
        guard value.hasPrefix("/"), !value.hasPrefix("//"), !value.contains("\\"),
            !value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }),
            !value.hasPrefix("/login"), !value.hasPrefix("/logout")
        else { return "/" }
        return value
    }

    static func form(_ v: DashboardView, next: String, error: String?, status: HTTPResponse.Status) -> Response {
        let message = error.map { "<p class=\"notice bad\" role=\"alert\">\(HTML.escape($0))</p>" } ?? ""
        let languageSwitch = Language.allCases.filter { $0 != v.l }.map { lang -> String in
            "<a href=\"/login?lang=\(lang.rawValue)&amp;next=\(HTML.escape(next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))\" hreflang=\"\(lang.rawValue)\">\(lang == .de ? "Deutsch" : "English")</a>"
        }.joined()
        let html = """
            <!doctype html>
            <html lang="\(v.l.rawValue)"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">\
            <title>\(v.t("Anmelden", "Sign in")) · Obhut</title><link rel="stylesheet" href="/static/app.css"></head>
            <body><main class="login" id="main">
            <h1><span class="brand-dark">◆ Obhut</span></h1>
            <div class="card">
            <h2>\(v.t("Anmelden", "Sign in"))</h2>
            \(message)
            <form method="post" action="/login">\(v.csrfField)
            <input type="hidden" name="next" value="\(HTML.escape(next))">
            <div class="field"><label for="name">\(v.t("Benutzername", "User name"))</label>\
            <input type="text" id="name" name="name" autocomplete="username" required autofocus></div>
            <div class="field"><label for="password">\(v.t("Passwort", "Password"))</label>\
            <input type="password" id="password" name="password" autocomplete="current-password" required></div>
            <button type="submit">\(v.t("Anmelden", "Sign in"))</button>
            </form></div>
            <p class="muted small">\(v.t("Kundendaten in sicherer Obhut. Jede Anmeldung und jeder Zugriff wird protokolliert.", "Customer data in safe keeping. Every sign-in and every access is logged.")) · \(languageSwitch)</p>
            </main></body></html>
            """
        return HTML.response(html, status: status)
    }
}
