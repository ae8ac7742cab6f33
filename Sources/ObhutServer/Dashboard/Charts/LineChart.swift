import Foundation

/// One or more series over evenly spaced periods (weeks, months) as inline SVG, on a fixed
/// value range so that charts of different data compare (sentiment always from -1 to 1).
///
/// Values outside the range are clamped to its edge; a series of one value is drawn as a dot.
/// Each point has a `<title>` with its label and value, for hover and screen readers.
public struct LineChart: Sendable {
    public struct Series: Sendable {
        public var name: String
        public var values: [Double]
        public var colour: String
        public init(name: String, values: [Double], colour: String) {
            self.name = name
            self.values = values
            self.colour = colour
        }
    }

    public var title: String
    public var labels: [String]
    public var series: [Series]
    public var range: ClosedRange<Double>
    /// Values written beside the horizontal grid lines (e.g. -1, 0, 1).
    public var ticks: [Double]
    public var format: @Sendable (Double) -> String
    public var width = 900.0
    public var height = 240.0

    public init(
        title: String, labels: [String], series: [Series], range: ClosedRange<Double>, ticks: [Double],
        format: @escaping @Sendable (Double) -> String = { Chart.n($0) }
    ) {
        self.title = title
        self.labels = labels
        self.series = series
        self.range = range
        self.ticks = ticks
        self.format = format
    }

    static let left = 44.0, right = 12.0, top = 12.0, bottom = 28.0

    /// Plot coordinates of `values` in a `width × height` box: the first value at x = 0, the last
    /// at x = width (a single value in the middle), `range.upperBound` at y = 0 and
    /// `range.lowerBound` at y = height; values outside the range are clamped.
    public static func points(_ values: [Double], range: ClosedRange<Double>, width: Double, height: Double) -> [(x: Double, y: Double)] {
        let span = range.upperBound - range.lowerBound
        return values.enumerated().map { i, v in
            let x = values.count == 1 ? width / 2 : width * Double(i) / Double(values.count - 1)
            let t = span > 0 ? (Swift.min(range.upperBound, Swift.max(range.lowerBound, v)) - range.lowerBound) / span : 0.5
            return (x, height * (1 - t))
        }
    }

    public func svg() -> String {
        let plotW = width - Self.left - Self.right
        let plotH = height - Self.top - Self.bottom
        var out = Chart.open(width: width, height: height, title: title, classes: "chart line")
        for tick in ticks {
            let y = Self.top + Self.points([tick], range: range, width: 0, height: plotH)[0].y
            out +=
                "<line x1=\"\(Chart.n(Self.left))\" x2=\"\(Chart.n(width - Self.right))\" y1=\"\(Chart.n(y))\" y2=\"\(Chart.n(y))\" stroke=\"\(Chart.grid)\"/>"
            out +=
                "<text class=\"axis\" x=\"\(Chart.n(Self.left - 6))\" y=\"\(Chart.n(y + 4))\" text-anchor=\"end\" fill=\"\(Chart.muted)\">\(HTML.escape(format(tick)))</text>"
        }
        let every = Swift.max(1, Int((Double(labels.count) / 8).rounded(.up)))
        let xs = Self.points(Array(repeating: 0, count: labels.count), range: range, width: plotW, height: plotH).map(\.x)
        // Every `every`-th label, and the last one unless a regular one sits too close to it.
        for (i, label) in labels.enumerated() where (i % every == 0 && labels.count - 1 - i >= (every + 1) / 2) || i == labels.count - 1 {
            out +=
                "<text class=\"axis\" x=\"\(Chart.n(Self.left + xs[i]))\" y=\"\(Chart.n(height - 8))\" text-anchor=\"middle\" fill=\"\(Chart.muted)\">\(HTML.escape(label))</text>"
        }
        for s in series {
            let pts = Self.points(s.values, range: range, width: plotW, height: plotH).map { (Self.left + $0.x, Self.top + $0.y) }
            if pts.count > 1 {
                let list = pts.map { "\(Chart.n($0.0)),\(Chart.n($0.1))" }.joined(separator: " ")
                out += "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(s.colour)\" stroke-width=\"2\" stroke-linejoin=\"round\"/>"
            }
            for (i, p) in pts.enumerated() {
                let label = i < labels.count ? labels[i] : ""
                out += "<circle cx=\"\(Chart.n(p.0))\" cy=\"\(Chart.n(p.1))\" r=\"3\" fill=\"\(s.colour)\">"
                out += "<title>\(HTML.escape(s.name)) \(HTML.escape(label)): \(HTML.escape(format(s.values[i])))</title></circle>"
            }
        }
        return out + "</svg>"
    }
}
