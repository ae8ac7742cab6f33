import Foundation

/// Horizontal bars with their label on the left and their value on the right, as inline SVG:
/// segment sizes, months, consent coverage. Bars are scaled to the largest value (or to a fixed
/// `maximum`, e.g. 100 % for shares); negative values are drawn as zero-length bars.
public struct BarChart: Sendable {
    public struct Bar: Sendable {
        public var label: String
        public var value: Double
        /// The text at the end of the bar ("412", "61 %").
        public var valueText: String
        public init(label: String, value: Double, valueText: String) {
            self.label = label
            self.value = value
            self.valueText = valueText
        }
    }

    public var title: String
    public var bars: [Bar]
    /// The value of a full-length bar; nil means the largest value.
    public var maximum: Double?
    public var colour: String = Chart.accent

    public init(title: String, bars: [Bar], maximum: Double? = nil) {
        self.title = title
        self.bars = bars
        self.maximum = maximum
    }

    static let barArea = 320.0, rowHeight = 24.0, barHeight = 16.0

    /// Lengths of the bars in a track of `track` units: proportional to the value, the largest
    /// (or `maximum`) filling the track; zero for non-positive values and when all are zero.
    public static func lengths(_ values: [Double], maximum: Double?, track: Double) -> [Double] {
        let top = maximum ?? (values.max() ?? 0)
        guard top > 0 else { return values.map { _ in 0 } }
        return values.map { track * Swift.min(1, Swift.max(0, $0) / top) }
    }

    public func svg() -> String {
        let labelWidth = Double(Swift.min(40, bars.map(\.label.count).max() ?? 0) * 7 + 12)
        let valueWidth = Double((bars.map(\.valueText.count).max() ?? 0) * 7 + 12)
        let width = labelWidth + Self.barArea + valueWidth
        let height = Double(bars.count) * Self.rowHeight + 4
        var out = Chart.open(width: width, height: height, title: title, classes: "chart bars")
        let lengths = Self.lengths(bars.map(\.value), maximum: maximum, track: Self.barArea)
        for (i, bar) in bars.enumerated() {
            let y = 2 + Double(i) * Self.rowHeight
            let label = bar.label.count > 40 ? String(bar.label.prefix(39)) + "…" : bar.label
            out += "<text x=\"\(Chart.n(labelWidth - 8))\" y=\"\(Chart.n(y + 12.5))\" text-anchor=\"end\">\(HTML.escape(label))</text>"
            out +=
                "<rect x=\"\(Chart.n(labelWidth))\" y=\"\(Chart.n(y))\" width=\"\(Chart.n(Self.barArea))\" height=\"\(Chart.n(Self.barHeight))\" rx=\"3\" fill=\"\(Chart.ramp[0])\"/>"
            out +=
                "<rect x=\"\(Chart.n(labelWidth))\" y=\"\(Chart.n(y))\" width=\"\(Chart.n(lengths[i]))\" height=\"\(Chart.n(Self.barHeight))\" rx=\"3\" fill=\"\(colour)\">"
            out += "<title>\(HTML.escape(bar.label)): \(HTML.escape(bar.valueText))</title></rect>"
            out += "<text x=\"\(Chart.n(labelWidth + Self.barArea + 8))\" y=\"\(Chart.n(y + 12.5))\">\(HTML.escape(bar.valueText))</text>"
        }
        return out + "</svg>"
    }
}
