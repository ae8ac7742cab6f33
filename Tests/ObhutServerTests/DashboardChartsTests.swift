import Foundation
import Testing

@testable import ObhutServer

@Suite struct DashboardChartsTests {
    @Test(arguments: [
        (0.0, 10.0, 0), (10.0, 10.0, 4), (5.0, 10.0, 2), (0.1, 10.0, 1), (7.6, 10.0, 4), (3.0, 0.0, 0), (-2.0, 10.0, 0), (20.0, 10.0, 4),
    ])
    func heatMapLevelIsLinearAndRoundsAnySaleUp(value: Double, max: Double, expected: Int) {
        #expect(HeatMap.level(value, max: max) == expected, "level(\(value), max: \(max))")
    }

    @Test func heatMapDrawsOneCellPerValueWithTitles() {
        let svg = HeatMap(title: "Sales <by> hour", rowLabels: ["Mon", "Tue"], columnLabels: ["0", "1", "2"], values: [0, 1, 2, 3, 4, 8]).svg()
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.hasSuffix("</svg>"))
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("<title>Sales &lt;by&gt; hour</title>"))
        #expect(svg.components(separatedBy: "<rect").count - 1 == 6)
        #expect(svg.contains("<title>Tue 2: 8</title>"))
        // The largest value gets the darkest tone, zero the lightest.
        #expect(svg.contains("fill=\"\(Chart.ramp[4])\"><title>Tue 2: 8</title>"))
        #expect(svg.contains("fill=\"\(Chart.ramp[0])\"><title>Mon 0: 0</title>"))
        #expect(!svg.contains("style="))
    }

    @Test func lineChartPointsSpanTheBoxAndClamp() {
        let p = LineChart.points([-1, 0, 1, 3], range: -1...1, width: 300, height: 100)
        #expect(p.map(\.x) == [0, 100, 200, 300])
        #expect(p.map(\.y) == [100, 50, 0, 0])
        let single = LineChart.points([0.5], range: 0...1, width: 80, height: 40)
        #expect(single[0].x == 40 && single[0].y == 20)
        let flat = LineChart.points([2, 2], range: 2...2, width: 10, height: 10)
        #expect(flat.map(\.y) == [5, 5])
    }

    @Test func lineChartDrawsOnePolylinePerSeriesAndAPointTitle() {
        let chart = LineChart(
            title: "Sentiment", labels: ["W1", "W2", "W3"],
            series: [.init(name: "mean", values: [0.1, -0.2, 0.3], colour: "#000"), .init(name: "neg", values: [0.2, 0.4, 0.1], colour: "#f00")],
            range: -1...1, ticks: [-1, 0, 1])
        let svg = chart.svg()
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
        #expect(svg.components(separatedBy: "<circle").count - 1 == 6)
        #expect(svg.contains("<title>mean W2: -0.2</title>"))
        #expect(svg.contains("<title>Sentiment</title>"))
    }

    @Test func barLengthsAreProportionalToTheLargestOrTheFixedMaximum() {
        #expect(BarChart.lengths([1, 2, 4], maximum: nil, track: 100) == [25, 50, 100])
        #expect(BarChart.lengths([50, 150, -3], maximum: 100, track: 200) == [100, 200, 0])
        #expect(BarChart.lengths([0, 0], maximum: nil, track: 100) == [0, 0])
        #expect(BarChart.lengths([], maximum: nil, track: 100) == [])
    }

    @Test func barChartEscapesLabelsAndWritesValues() {
        let svg = BarChart(
            title: "Segments", bars: [.init(label: "Champions & Co", value: 3, valueText: "3 · 60 %"), .init(label: "<b>", value: 2, valueText: "2")]
        )
        .svg()
        #expect(svg.contains("Champions &amp; Co"))
        #expect(svg.contains("&lt;b&gt;"))
        #expect(!svg.contains("<b>"))
        #expect(svg.contains(">3 · 60 %</text>"))
    }

    @Test(arguments: [(1.0, "1"), (0.25, "0.3"), (-0.04, "0"), (12.34, "12.3"), (-3.5, "-3.5")])
    func coordinatesUseAPointAndOneDecimal(x: Double, text: String) {
        #expect(Chart.n(x) == text)
    }
}
