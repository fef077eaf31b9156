import Testing
import SGDCharts
import SGDStudy
@testable import SGDReport

/// `auto` axes never leave a value out: log only for all-positive data spanning decades,
/// symlog (linear around 0) when such data holds 0 or crosses zero, linear when the span is small.
@Suite struct AutomaticScaleTests {
    @Test func theRuleForEachKindOfData() {
        #expect(ChartAssembler.automaticScale([[1, 10, 100, 1e4]]) == .log)
        #expect(ChartAssembler.automaticScale([[1, 10, 100, 1e3]]) == .linear)
        #expect(ChartAssembler.automaticScale([[0, 1e-3, 1, 10]]) == .symlog)
        #expect(ChartAssembler.automaticScale([[0, 1, 2, 5]]) == .linear)
        #expect(ChartAssembler.automaticScale([[0, 0]]) == .linear)
        #expect(ChartAssembler.automaticScale([[-1, 1e5, 2, -3]]) == .symlog)
        #expect(ChartAssembler.automaticScale([[-1, 2, -3, 0.5]]) == .linear)
        #expect(ChartAssembler.automaticScale([[.nan, .infinity, 1, 2]]) == .linear)
        // A swept setting's threshold is two decades.
        let wide: (Double) -> Bool = { $0 >= 100 }
        #expect(ChartAssembler.automaticScale([[0, 0.001, 0.01, 0.1, 1]], isWide: wide) == .symlog)
        #expect(ChartAssembler.automaticScale([[0.01, 0.1, 1]], isWide: wide) == .log)
        #expect(ChartAssembler.automaticScale([[0, 0.5, 1]], isWide: wide) == .linear)
    }

    /// The newcomer's weight-decay study: the runs at wd = 0 are drawn, on a symlog x axis.
    @Test func aSweepFromZeroKeepsItsZeroRuns() throws {
        let results = try trainedStudy(#"""
            { "title": "Does weight decay help?", "defaults": { "init": 1, "epochs": 2, "optimizer": { "type": "adam", "lr": 0.1 } },
              "data": { "name": "graddesc", "normalize": "standardize" },
              "runs": [ { "name": "adamw", "sweep": { "wd": [0, 0.001, 0.01, 0.1, 1] } },
                        { "name": "l2", "optimizer": { "type": "adam", "lr": 0.1, "decoupleWd": false }, "sweep": { "wd": [0, 0.001, 0.01, 0.1, 1] } } ] }
            """#)
        let definition = try #require(results.study.charts.first { $0.slug == "final-error-against-wd" })
        let chart = ChartAssembler.chart(for: definition, results: results)
        #expect(chart.xScale == .symlog())
        let scene = try chart.layout(measurer: FixedAdvanceMeasurer())
        #expect(!scene.notes.contains { $0.contains("not shown") })
        #expect(scene.xAxis.mapping.transform.kind == .symlog)
        #expect(chart.series.count == 2 && chart.series.allSatisfy { $0.x == [0, 0.001, 0.01, 0.1, 1] })
        let alt = try chart.altText(scene: scene)
        #expect(alt.contains("x axis: weight decay, symmetric log scale, linear within ±"), "\(alt)")
        #expect(alt.contains(", from 0 to 1. y axis") && !alt.contains("not shown"))
    }

    /// A variant: leaky ReLU slopes from 0 (the same kind of setting), and a sweep of small span.
    @Test func otherSweepsFromZero() throws {
        let results = try trainedStudy(#"""
            { "defaults": { "init": 1, "epochs": 2, "optimizer": { "type": "sgd", "lr": 0.0001 } },
              "runs": [ { "name": "leaky", "model": { "layers": [ { "units": 2, "activation": "leaky-relu" }, { "units": 1 } ] },
                          "sweep": { "negativeSlope": [0, 0.01, 0.1, 1] } },
                        { "name": "near", "sweep": { "wd": [0, 0.05, 0.1] } } ],
              "charts": [ { "title": "slopes", "per": "run", "x": "negativeSlope", "y": "sqrt_sse", "runs": ["leaky"] },
                          { "title": "decays", "per": "run", "x": "wd", "y": "sqrt_sse", "runs": ["near"] } ] }
            """#)
        let slopes = ChartAssembler.chart(for: results.study.charts[0], results: results)
        #expect(slopes.xScale == .symlog())
        let scene = try slopes.layout(measurer: FixedAdvanceMeasurer())
        #expect(!scene.notes.contains { $0.contains("not shown") })
        #expect(slopes.series.first?.x == [0, 0.01, 0.1, 1])
        let decays = ChartAssembler.chart(for: results.study.charts[1], results: results)
        #expect(decays.xScale == .linear && decays.series.first?.x == [0, 0.05, 0.1])
    }
}
