import Foundation
import Hummingbird
import Obhut
import ObhutCore

/// One dashboard page being written: the language, the signed-in person, the frame around the
/// content (navigation with only the pages the role may open, the DE/EN switch, sign-out).
///
/// Every text goes through `t(de, en)`, which escapes it; data from the workspace goes through
/// `HTML.escape` (or `e(_:)`) where it is written. No inline scripts or style attributes: the
/// Content-Security-Policy forbids both.
struct DashboardView {
    let context: AppContext
    /// The request path (no query), for the language switch and the active navigation entry.
    let path: String

    var l: Language { context.language }

    /// A text in the reader's language, escaped for HTML.
    func t(_ de: String, _ en: String) -> String { HTML.escape(l == .de ? de : en) }
    func t(_ text: Localized) -> String { HTML.escape(text[l]) }
    func e(_ s: String) -> String { HTML.escape(s) }

    /// The session's CSRF token as a hidden form field (empty for token clients, which need none).
    var csrfField: String {
        guard let p = context.principal, case .session(let csrf) = p.via else { return "" }
        return "<input type=\"hidden\" name=\"_csrf\" value=\"\(HTML.escape(csrf))\">"
    }

    /// An integer as people read it: German "12.345", English "12,345".
    func count(_ n: Int) -> String {
        let digits = String(abs(n))
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (n < 0 ? "-" : "") + groups.joined(separator: l == .de ? "." : ",")
    }

    func decimal(_ x: Double, _ digits: Int = 1) -> String { l.decimal(x, digits: digits) }
    func percent(_ share: Double, _ digits: Int = 0) -> String { l.decimal(share * 100, digits: digits) + (l == .de ? " %" : "%") }
    /// An amount in euros with thousands grouped: "49.494,19 €" / "€49,494.19".
    func euro(_ x: Double) -> String {
        let cents = Int((abs(x) * 100).rounded())
        let c = cents % 100
        let text = count(cents / 100) + (l == .de ? "," : ".") + (c < 10 ? "0" : "") + String(c)
        return (x < 0 ? "-" : "") + (l == .de ? text + " €" : "€" + text)
    }
    func day(_ d: Date) -> String { DateText.day(d) }
    /// "2026-11-23 22:03" (UTC; seconds are noise on a dashboard).
    func dateTime(_ d: Date) -> String { String(DateText.dateTime(d).prefix(16)) }

    /// A command the reader can run in a shell, shown as code.
    func command(_ text: String) -> String { "<code class=\"cmd\">\(e(text))</code>" }

    /// A chart with a table of the same figures under a disclosure (for screen readers, copying
    /// and printing).
    func figure(_ svg: String, caption: String, table: String) -> String {
        """
        <figure class="chart-box">\(svg)<figcaption>\(caption)</figcaption>\
        \(table.isEmpty ? "" : "<details class=\"as-table\"><summary>\(t("Als Tabelle", "As a table"))</summary>\(table)</details>")</figure>
        """
    }

    /// The key to a heat map's tones (the classes `t0`…`t4` carry `Chart.ramp`'s colours).
    func heatLegend() -> String {
        "<div class=\"legend heat\" aria-hidden=\"true\">\(t("wenig", "few")) "
            + (0..<Chart.ramp.count).map { "<span class=\"key t\($0)\"></span>" }.joined() + " \(t("viel", "many"))</div>"
    }

    /// A simple table: header cells and rows of already escaped cells.
    func table(_ head: [String], _ rows: [[String]], classes: String = "") -> String {
        var out = "<div class=\"table-wrap\"><table class=\"\(classes)\"><thead><tr>"
        out += head.map { "<th scope=\"col\">\($0)</th>" }.joined()
        out += "</tr></thead><tbody>"
        for row in rows { out += "<tr>" + row.map { "<td>\($0)</td>" }.joined() + "</tr>" }
        return out + "</tbody></table></div>"
    }

    /// "Nothing here yet" with the command that fills it.
    func empty(_ message: String, command cmd: String? = nil) -> String {
        "<p class=\"empty\">\(message)\(cmd.map { " " + command($0) } ?? "")</p>"
    }

    /// The whole page: head, header with navigation and language switch, the content, footer.
    func page(_ title: Localized, _ body: String, status: HTTPResponse.Status = .ok) -> Response {
        HTML.response(document(title: title[l], body: body), status: status)
    }

    func document(title: String, body: String) -> String {
        let nav = DashboardNavigation.entries(for: context.principal?.role).map { entry -> String in
            let current = entry.path == path || (entry.path != "/" && path.hasPrefix(entry.path + "/"))
            return "<a href=\"\(entry.path)\"\(current ? " aria-current=\"page\"" : "")>\(t(entry.title))</a>"
        }.joined()
        let languageSwitch = Language.allCases.map { lang -> String in
            let label = lang.rawValue.uppercased()
            return lang == l
                ? "<span aria-current=\"true\" lang=\"\(lang.rawValue)\">\(label)</span>"
                : "<a href=\"\(e(path))?lang=\(lang.rawValue)\" lang=\"\(lang.rawValue)\" hreflang=\"\(lang.rawValue)\">\(label)</a>"
        }.joined()
        var user = ""
        if let p = context.principal {
            user = """
                <div class="who"><span class="name">\(e(p.user.name))</span><span class="role">\(t(p.role.title))</span>\
                <form method="post" action="/logout">\(csrfField)<button class="link" type="submit">\(t("Abmelden", "Sign out"))</button></form></div>
                """
        }
        return """
            <!doctype html>
            <html lang="\(l.rawValue)"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">\
            <title>\(e(title)) · Obhut</title><link rel="stylesheet" href="/static/app.css"></head>
            <body><a class="skip" href="#main">\(t("Zum Inhalt", "Skip to content"))</a>
            <header class="top"><div class="bar"><a class="brand" href="/"><span class="mark" aria-hidden="true">◆</span> Obhut</a>\
            <nav class="main-nav" aria-label="\(t("Hauptnavigation", "Main navigation"))">\(nav)</nav>\
            <div class="tools"><nav class="lang" aria-label="\(t("Sprache", "Language"))">\(languageSwitch)</nav>\(user)</div></div></header>
            <main id="main"><h1>\(e(title))</h1>
            \(body)
            </main>
            <footer class="foot">\(t("Obhut — Kundendaten in sicherer Obhut. Jeder Zugriff auf personenbezogene Daten wird protokolliert.", "Obhut — customer data in safe keeping. Every access to personal data is logged.")) · Obhut \(e(ObhutVersion.string))</footer>
            </body></html>
            """
    }
}
