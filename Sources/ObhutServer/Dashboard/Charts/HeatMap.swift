import Foundation

/// A grid of cells shaded by their value (hour × weekday, category × month), as inline SVG.
///
/// Pure: the same input gives the same bytes. Shading is linear from the lightest tone at 0 to
/// the darkest at the largest value; a grid of zeros stays light. The SVG carries a `<title>`
/// and every cell its own `<title>` (row, column, value), and pages put a table beside it.
public struct HeatMap: Sendable {
    public var title: String
    public var rowLabels: [String]
    public var columnLabels: [String]
    /// Row-major, `rowLabels.count × columnLabels.count` values; missing cells count as 0.
    public var values: [Double]
    /// Show a column label only every `labelEvery` columns (24 hours do not fit otherwise).
    public var labelEvery: Int

    public init(title: String, rowLabels: [String], columnLabels: [String], values: [Double], labelEvery: Int = 1) {
        self.title = title
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.values = values
        self.labelEvery = max(1, labelEvery)
    }

    static let cell = 22.0
    static let gap = 2.0

    /// The shade of a value as an index 0...4 into `Chart.ramp`: 0 for zero (or a zero maximum),
    /// 4 for the maximum, linear in between (rounded up so any sale is visibly non-empty).
    public static func level(_ value: Double, max: Double) -> Int {
        guard max > 0, value > 0 else { return 0 }
        let t = Swift.min(1, value / max)
        return Swift.max(1, Swift.min(4, Int((t * 4).rounded(.up))))
    }

    public func svg() -> String {
        let labelWidth = Double((rowLabels.map(\.count).max() ?? 0) * 7 + 10)
        let top = 18.0
        let step = Self.cell + Self.gap
        let width = labelWidth + Double(columnLabels.count) * step
        let height = top + Double(rowLabels.count) * step
        let maximum = values.max() ?? 0
        var out = Chart.open(width: width, height: height, title: title, classes: "chart heatmap")
        for (c, label) in columnLabels.enumerated() where c % labelEvery == 0 {
            let x = labelWidth + Double(c) * step + Self.cell / 2
            out += "<text class=\"axis\" x=\"\(Chart.n(x))\" y=\"12\" text-anchor=\"middle\">\(HTML.escape(label))</text>"
        }
        for (r, rowLabel) in rowLabels.enumerated() {
            let y = top + Double(r) * step
            out +=
                "<text class=\"axis\" x=\"\(Chart.n(labelWidth - 6))\" y=\"\(Chart.n(y + Self.cell * 0.68))\" text-anchor=\"end\">\(HTML.escape(rowLabel))</text>"
            for (c, columnLabel) in columnLabels.enumerated() {
                let i = r * columnLabels.count + c
                let v = i < values.count ? values[i] : 0
                let x = labelWidth + Double(c) * step
                let fill = Chart.ramp[Self.level(v, max: maximum)]
                out +=
                    "<rect x=\"\(Chart.n(x))\" y=\"\(Chart.n(y))\" width=\"\(Chart.n(Self.cell))\" height=\"\(Chart.n(Self.cell))\" rx=\"3\" fill=\"\(fill)\">"
                out += "<title>\(HTML.escape(rowLabel)) \(HTML.escape(columnLabel)): \(Chart.n(v))</title></rect>"
            }
        }
        return out + "</svg>"
    }
}
