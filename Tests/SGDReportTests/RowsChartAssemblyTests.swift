import Foundation
import Testing
import SGDCharts
import SGDEngine
import SGDStudy
@testable import SGDReport

/// A per-run chart with one row per run (`"x": "run"`): a dot plot of each run's final value,
/// the `reference` run's value as a dashed line named in the legend.
@Suite struct RowsChartAssemblyTests {
    static let study = #"""
        { "data": "graddesc", "defaults": { "init": 1, "epochs": 5, "model": "linear" },
          "runs": [
            { "name": "plain line", "optimizer": { "type": "sgd", "lr": 0.0001 } },
            { "name": "Adam", "optimizer": { "type": "adam", "lr": 0.1 } },
            { "name": "exploding", "optimizer": { "type": "sgd", "lr": 0.01 } },
            { "name": "slow", "optimizer": { "type": "sgd", "lr": 0.00001 } }
          ],
          "charts": [
            { "title": "Final error", "per": "run", "x": "run", "reference": "plain line",
              "runs": ["plain line", "Adam", "exploding", "slow"] }
          ] }
        """#

    @Test func eachRunIsARowTopFirstWithItsFinalValueAndTheReferenceIsADashedLine() throws {
        let results = try trainedStudy(Self.study)
        let chart = ChartAssembler.chart(for: results.study.charts[0], results: results)
        #expect(chart.yCategories == ["plain line", "Adam", "exploding (diverged)", "slow"])
        let final = { (name: String) in ChartColumns.finalValue(of: "sqrt_sse", in: results.run(named: name)!)! }
        // One series of markers: a point per run that has a final value, at its row (4 is the top).
        let dots = chart.series[0]
        #expect(dots.style == .markers && dots.name == "final √SSE")
        #expect(dots.y == [4, 3, 1])
        #expect(dots.x == [final("plain line"), final("Adam"), final("slow")])
        // The reference: a line across every row at the plain line's value, named in the legend.
        let reference = chart.series[1]
        #expect(reference.style == .line && reference.name == "plain line (reference)")
        #expect(reference.x == [final("plain line"), final("plain line")] && reference.y == [0.5, 4.5])
        #expect(chart.notes.contains { $0.hasPrefix("“exploding” diverged at step ") && $0.hasSuffix(": no final value") })
        // Values within a decade: a linear axis (the bundled study's span 17 decades: log).
        #expect(chart.xScale == .linear && chart.xLabel == "final √(sum of squared errors)" && chart.yLabel.isEmpty)

        let scene = try chart.layout(measurer: FixedAdvanceMeasurer())
        let labels = scene.texts(.tickLabel(.y))
        #expect(labels.map(\.text) == ["plain line", "Adam", "exploding (diverged)", "slow"])
        // Top to bottom, evenly spaced, half a row from the plot's edges.
        let ys = scene.polylines(.tick(.y)).map { $0[0].y }
        #expect(ys.count == 4)
        for (label, y) in zip(labels, ys) { #expect(Swift.abs(label.bounds.midY - y) < 2) }
        let row = scene.plotRect.height / 4
        for k in 1..<ys.count { #expect(Swift.abs(ys[k] - ys[k - 1] - row) < 1) }
        #expect(Swift.abs(ys[0] - (scene.plotRect.minY + row / 2)) < 1)
        // Each label sits left of the plot, right-aligned at the same x.
        #expect(labels.allSatisfy { $0.bounds.maxX <= scene.plotRect.minX && Swift.abs($0.bounds.maxX - labels[0].bounds.maxX) < 0.5 })
        // Each dot is on its row's line.
        let dotsDrawn = scene.markerPoints(.seriesMarkers(0))
        #expect(dotsDrawn.count == 3)
        for (dot, rowIndex) in zip(dotsDrawn, [0, 1, 3]) { #expect(Swift.abs(dot.y - ys[rowIndex]) < 1) }
        // The reference is drawn from the top of the plot to its bottom, and named in the legend.
        let line = try #require(scene.polylines(.seriesLine(1)).first)
        #expect(Swift.abs(line.map(\.y).min()! - scene.plotRect.minY) < 1 && Swift.abs(line.map(\.y).max()! - scene.plotRect.maxY) < 1)
        #expect(Set(line.map(\.x)).count == 1)
        #expect(scene.texts(.legendLabel(1)).map(\.text) == ["plain line (reference)"])

        let alt = ChartAssembler.altText(for: chart, definition: results.study.charts[0], results: results)
        #expect(alt.hasPrefix("Dot plot: Final error. x axis: final √(sum of squared errors), linear scale, from "))
        #expect(alt.contains("4 rows, top to bottom: plain line \(String(format: "%.3g", final("plain line"))); Adam "))
        #expect(alt.contains("; exploding (diverged) no value; slow "))
        #expect(alt.contains("A dashed line, plain line (reference), at \(String(format: "%.3g", final("plain line")))."))
    }

    /// A name too long for its row is cut with an ellipsis at 40% of the chart's width, so the
    /// plot keeps the rest; the alt text keeps the whole name.
    @Test func aLongRunNameIsCutAndThePlotKeepsItsWidth() throws {
        let long = ("Adam " + String(repeating: "with a very long descriptive name ", count: 6)).trimmingCharacters(in: .whitespaces)
        let results = try trainedStudy(Self.study.replacingOccurrences(of: #""name": "Adam""#, with: #""name": "\#(long)""#)
            .replacingOccurrences(of: #""Adam", "exploding""#, with: #""\#(long)", "exploding""#)
            .replacingOccurrences(of: #""reference": "plain line","#, with: #""reference": "plain line", "width": 300,"#))
        let chart = ChartAssembler.chart(for: results.study.charts[0], results: results)
        #expect(chart.yCategories?[1] == long)
        let scene = try chart.layout(measurer: FixedAdvanceMeasurer())
        let label = try #require(scene.texts(.tickLabel(.y)).first { $0.text.hasPrefix("Adam") })
        #expect(label.text.hasSuffix("…") && label.text.count < long.count)
        #expect(label.bounds.width <= 0.4 * 300)
        #expect(scene.plotRect.width >= 100)
        #expect(ChartAssembler.altText(for: chart, definition: results.study.charts[0], results: results).contains(long))
    }

    @Test func aReferenceThatDivergedDrawsNoLineAndSaysSo() throws {
        let results = try trainedStudy(Self.study.replacingOccurrences(of: #""reference": "plain line""#, with: #""reference": "exploding""#))
        let chart = ChartAssembler.chart(for: results.study.charts[0], results: results)
        #expect(chart.series.count == 1)
        #expect(chart.notes.contains("The reference “exploding” has no final √SSE: no line drawn"))
    }

    @Test func everyRunIsARowWhenTheChartNamesNone() throws {
        let results = try trainedStudy(#"""
            { "defaults": { "init": 1, "epochs": 2, "model": "linear" },
              "runs": [ { "name": "a", "optimizer": { "type": "sgd", "lr": 0.0001 } }, { "name": "b", "optimizer": { "type": "adam", "lr": 0.1 } } ],
              "charts": [ { "per": "run", "x": "run", "y": ["sqrt_sse", "mse"] } ] }
            """#)
        let definition = results.study.charts[0]
        #expect(definition.title == "Final sqrt_sse, mse of each run")
        let chart = ChartAssembler.chart(for: definition, results: results)
        #expect(chart.yCategories == ["a", "b"])
        #expect(chart.series.map(\.name) == ["final √SSE", "final MSE"])
    }

    /// The issue's example on a log value axis: the final values (105.455639…, 150.7552115…)
    /// are measured, not settings, so the axis ticks at round numbers, not at them; the rows stay
    /// evenly spaced with their labels even when the definition asks for a log y.
    @Test func aLogValueAxisTicksAtRoundNumbersAndTheRowsStayEvenlySpaced() throws {
        let results = try trainedStudy(#"""
            { "defaults": { "epochs": 3, "optimizer": { "type": "sgd", "lr": 0.0001 } },
              "runs": [ {"name":"一个神经元","model":"linear"}, {"name":"خلية","model":"linear"},
                        {"name":"🔥🔥","model":"linear","optimizer":{"type":"adam","lr":0.01,"wd":0.1}} ],
              "charts": [ { "title": "d", "per": "run", "x": "run", "y": "sqrt_sse", "xScale": "log" } ] }
            """#)
        for yScale in [AxisScale.auto, .log] {
            var definition = results.study.charts[0]
            definition.yScale = yScale
            let chart = ChartAssembler.chart(for: definition, results: results)
            #expect(chart.xScale == .log && chart.yScale == .linear)
            let values = chart.series[0].x
            #expect(values.count == 3)
            let scene = try chart.layout(measurer: FixedAdvanceMeasurer())
            let ticks = scene.texts(.tickLabel(.x)).map(\.text)
            #expect(ticks.count >= 2, "\(ticks)")
            // Round labels (at most three significant digits), none of them a data value.
            for label in ticks {
                let digits = label.filter(\.isNumber).drop { $0 == "0" }.reversed().drop { $0 == "0" }
                #expect(digits.count <= 3 && !label.contains("."), "\(label) in \(ticks)")
            }
            // The Arabic name is isolated (BidiText); the others are as written.
            #expect(scene.texts(.tickLabel(.y)).map(\.text) == ["一个神经元", "\u{2068}خلية\u{2069}", "🔥🔥"])
            let ys = scene.polylines(.tick(.y)).map { $0[0].y }
            #expect(ys.count == 3 && Swift.abs((ys[1] - ys[0]) - (ys[2] - ys[1])) < 1)
        }
    }
}
