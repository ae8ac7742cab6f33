import Foundation

/// What the SVG charts share: the colour ramp, number formatting and the opening tag.
///
/// Charts are inline SVG (the CSP allows no scripts and no inline styles; SVG presentation
/// attributes such as `fill` are fine). Every chart opens with `role="img"` and a `<title>` so
/// screen readers announce it; the pages put the same figures in a table next to it.
public enum Chart {
    /// Five tones from "nothing" to "most", a calm teal that prints well in grey too.
    public static let ramp = ["#eef2f5", "#cde7e4", "#8ccbc3", "#3f9e95", "#0f5f58"]
    public static let ink = "#1f2933"
    public static let muted = "#7b8794"
    public static let accent = "#0f766e"
    public static let warn = "#b45309"
    public static let grid = "#e4e7eb"

    /// A coordinate with at most one decimal, "." as separator (SVG syntax, not the reader's locale).
    public static func n(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10
        if r == r.rounded() { return String(Int(r)) }
        return String(format: "%.1f", r)
    }

    static func open(width: Double, height: Double, title: String, classes: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"\(classes)\" role=\"img\" viewBox=\"0 0 \(n(width)) \(n(height))\" "
            + "width=\"\(n(width))\" height=\"\(n(height))\" font-family=\"system-ui, sans-serif\" font-size=\"11\" fill=\"\(ink)\">"
            + "<title>\(HTML.escape(title))</title>"
    }
}
