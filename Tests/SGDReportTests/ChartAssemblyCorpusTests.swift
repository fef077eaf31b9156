import SGDCharts
import Testing
@testable import SGDReport

/// Issue 12, items 4, 5 and 9: per-run charts from real training, checked on the chart, its
/// laid-out scene and its alt text.
@Suite struct ChartAssemblyCorpusTests {
    let twoSweeps = """
    { "data": "graddesc", "defaults": { "init": 1, "epochs": 3, "model": "linear", "optimizer": { "type": "sgd", "lr": 0.0001 } },
      "runs": [ { "name": "1 neuron", "sweep": { "lr": [1e-5, 1e-4, 0.1, 1] } },
                { "name": "ReLU", "model": { "layers": [ { "units": 1, "activation": "relu" }, { "units": 1 } ] },
                  "sweep": { "lr": [1e-5, 1e-4] } },
                { "name": "plain", "optimizer": { "type": "sgd", "lr": 5e-5 } } ],
      "charts": [ { "title": "Final error against learning rate", "per": "run", "x": "lr", "y": "sqrt_sse", "xScale": "log" } ] }
    """

    @Test func eachSweepIsItsOwnSeriesAndAnUnsweptRunAPoint() throws {
        let results = try trainedStudy(twoSweeps)
        let chart = ChartAssembler.chart(for: results.study.charts[0], results: results)
        #expect(chart.series.map(\.name) == ["1 neuron", "ReLU", "plain"])
        #expect(chart.series[0].x == [1e-5, 1e-4, 0.1, 1])
        #expect(chart.series[1].x == [1e-5, 1e-4])
        #expect(chart.series[2].x == [5e-5] && chart.series[2].style == .markers)
        let scene = try chart.layout(measurer: FixedAdvanceMeasurer())
        #expect(scene.texts(.legendLabel(0)).first?.text == "1 neuron")
        #expect(scene.texts(.legendLabel(2)).first?.text == "plain")
    }

    @Test func divergedRunsStayOnTheAxisMarkedAtTheTopAndNamed() throws {
        let results = try trainedStudy(twoSweeps)
        let chart = ChartAssembler.chart(for: results.study.charts[0], results: results)
        let diverged = results.runs.filter { $0.training.divergence != nil }.compactMap { $0.run.setting(.lr) }.sorted()
        #expect(diverged == [0.1, 1])
        let scene = try chart.layout(measurer: FixedAdvanceMeasurer())
        #expect(scene.xAxis.mapping.domain.upperBound >= 1)
        let marks = scene.markerPoints(.nonFinite(0))
        #expect(marks.count == 2)
        for mark in marks { #expect(mark.y < scene.plotRect.minY + 10) }
        #expect(scene.notes.contains("1 neuron: 2 runs diverged (lr = 0.1, 1), marked ▲ at the top edge"))
        let alt = ChartAssembler.altText(for: chart)
        #expect(alt.contains("x axis: learning rate, log scale, from 1e−5 to 1"))
        #expect(alt.contains("3 series: 1 neuron, ReLU, plain."))
        #expect(alt.contains("2 runs diverged (lr = 0.1, 1)"))
        let full = ChartAssembler.altText(for: chart, definition: results.study.charts[0], results: results)
        #expect(full.hasSuffix("Runs of the sweeps “1 neuron” over lr, “ReLU” over lr."))
    }

    @Test func altTextOfAStepChartNamesTheDivergenceStep() throws {
        let results = try trainedStudy("""
        { "data": "graddesc", "defaults": { "init": 1, "epochs": 2, "model": "linear", "optimizer": { "type": "sgd", "lr": 0.0001 } },
          "runs": [ { "name": "fast", "optimizer": { "type": "sgd", "lr": 1 } }, { "name": "slow" } ],
          "charts": [ { "title": "Loss per step", "per": "step", "y": "loss", "yScale": "log" } ] }
        """)
        let chart = ChartAssembler.chart(for: results.study.charts[0], results: results)
        let alt = ChartAssembler.altText(for: chart)
        let step = try #require(results.runs.first { $0.run.name == "fast" }?.training.divergence?.step)
        #expect(alt.hasPrefix("Line chart: Loss per step. x axis: step, linear scale, from 1 to "))
        #expect(alt.contains("y axis: squared error of the row, log scale, from "))
        #expect(alt.contains("2 series: fast, slow."))
        #expect(alt.contains("fast: diverged at step \(step)"))
    }

    @Test func seedsAreRepeatsNotSeries() throws {
        let results = try trainedStudy("""
        { "data": "graddesc", "defaults": { "init": { "random": { "seed": 1, "min": -1, "max": 1 } }, "epochs": 1,
            "optimizer": { "type": "sgd", "lr": 0.0001 } },
          "runs": [ { "name": "wide", "model": { "layers": [ { "units": 2, "activation": "relu" }, { "units": 1 } ] },
                      "sweep": { "units": [1, 2, 4], "seed": [1, 2] } } ],
          "charts": [ { "title": "Final error against width", "per": "run", "x": "units", "y": "sqrt_sse" } ] }
        """)
        let chart = ChartAssembler.chart(for: results.study.charts[0], results: results)
        #expect(chart.series.count == 1)
        #expect(chart.series[0].x == [1, 1, 2, 2, 4, 4] && chart.series[0].style == .markers)
    }

    @Test func fortyRunsOfOneSweepGetAColourBar() throws {
        let rates = (0..<40).map { "\(1e-6 * Double(1 << ($0 % 20)) * ($0 < 20 ? 1 : 1.5))" }.joined(separator: ", ")
        let json = """
        { "data": "graddesc", "defaults": { "init": 1, "epochs": 1, "model": "linear", "optimizer": { "type": "sgd", "lr": 0.0001 } },
          "runs": [ { "name": "1 neuron", "sweep": { "lr": [\(rates)] } } ],
          "charts": [ { "title": "Loss per step", "per": "step", "y": "loss", "yScale": "log" } ] }
        """
        let results = try trainedStudy(json)
        let chart = ChartAssembler.chart(for: results.study.charts[0], results: results)
        #expect(chart.colorScale == ColorScale(label: "learning rate", scale: .log))
        #expect(chart.series.allSatisfy { $0.colorValue != nil })
        let scene = try chart.layout(measurer: FixedAdvanceMeasurer())
        #expect(!scene.elements(.colorBar).isEmpty && scene.legendRect == nil)
        // What the build hands the page as the image's alt text.
        let alt = try #require(ChartFiles.altTexts(ChartFiles.plan(results, format: .both), results: results).first)
        #expect(alt.contains("Series coloured by learning rate on a log colour bar"))
        #expect(alt.contains("x axis: step, linear scale, from 1 to 29"))
        #expect(alt.hasSuffix("Runs of the sweep “1 neuron” over lr."))
    }

    @Test func manyDivergedRunsAreNamedByTheirRange() throws {
        let results = try trainedStudy("""
        { "data": "graddesc", "defaults": { "init": 1, "epochs": 3, "model": "linear", "optimizer": { "type": "sgd", "lr": 0.0001 } },
          "runs": [ { "name": "1 neuron", "sweep": { "lr": [1e-5, 0.1, 0.3, 1, 3, 10] } } ],
          "charts": [ { "title": "Final error against learning rate", "per": "run", "x": "lr", "y": "sqrt_sse" } ] }
        """)
        let chart = ChartAssembler.chart(for: results.study.charts[0], results: results)
        let scene = try chart.layout(measurer: FixedAdvanceMeasurer())
        #expect(scene.notes == ["final √SSE: 5 runs diverged (lr from 0.1 to 10), marked ▲ at the top edge"])
        #expect(scene.markerPoints(.nonFinite(0)).count == 5)
        #expect(scene.xAxis.majorTicks.map(\.value) == [1e-5, 0.1, 0.3, 1, 3, 10])
    }
}
