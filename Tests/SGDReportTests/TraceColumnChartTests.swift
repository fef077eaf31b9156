import Testing
import SGDEngine
import SGDStudy
@testable import SGDReport

/// Charts read trace columns through `TraceColumn`: the collapsed line's weights and the
/// axis labels do not depend on which other columns a trace has.
@Suite struct TraceColumnChartTests {
    /// The spreadsheet Adagrad adds `lr_a`, `lr_b` after the weights of `epochs.csv`, and an
    /// annealed rate adds `lr`: the collapsed line is computed from the weights alone (it once
    /// took every column after `sqrt_sse`, so the per-epoch rates entered the slope as a neuron).
    @Test func theCollapsedLineUsesOnlyTheWeightsWhateverFollowsThem() throws {
        let results = try trainedStudy(#"""
            { "data": "graddesc", "defaults": { "init": 1, "epochs": 3, "model": "linear" },
              "runs": [
                { "name": "adagrad", "optimizer": { "type": "adagrad", "lr": 0.001, "variant": "spreadsheet" },
                  "state": { "sqr": { "a": 10000, "b": 10000 } } }
              ],
              "charts": [
                { "title": "Line", "per": "epoch", "y": ["slope", "intercept"] },
                { "title": "Line per step", "per": "step", "y": ["slope", "intercept"] }
              ] }
            """#)
        let run = try #require(results.run(named: "adagrad"))
        #expect(run.training.epochs.extraColumns == ["lr_a", "lr_b"])
        let perEpoch = ChartAssembler.chart(for: results.study.charts[0], results: results)
        #expect(perEpoch.series.map(\.name) == ["slope", "intercept"])
        #expect(perEpoch.series[0].y == run.training.epochs.column("a"))
        #expect(perEpoch.series[1].y == run.training.epochs.column("b"))
        let perStep = ChartAssembler.chart(for: results.study.charts[1], results: results)
        #expect(perStep.series[0].y == run.training.steps.column("a"))
        #expect(perStep.series[1].y == run.training.steps.column("b"))
    }

    @Test func labelsFollowTheColumnsKind() {
        #expect(ChartAssembler.columnLabel("grad_w1_2_1") == "∂E/∂w1_2_1")
        #expect(ChartAssembler.columnLabel("est_a") == "est. ∂E/∂a")
        #expect(ChartAssembler.columnLabel("avg_b") == "avg ∂E/∂b")
        #expect(ChartAssembler.columnLabel("sqr_b") == "avg (∂E/∂b)²")
        #expect(ChartAssembler.columnLabel("sqrt_sse") == "√SSE")
        #expect(ChartAssembler.columnLabel("lr_a") == "lr_a")
        #expect(ChartAssembler.columnLabel("a") == "a")
        #expect(ChartAssembler.axisLabel(for: ["grad_a", "grad_b"]) == "derivative of the error")
        #expect(ChartAssembler.axisLabel(for: ["grad_a", "avg_a"]) == "∂E/∂a, avg ∂E/∂a")
        #expect(ChartAssembler.axisLabel(for: ["loss"]) == "squared error of the row")
    }
}
