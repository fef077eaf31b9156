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

/// A step chart against a row's own data (x, y, prediction) draws points: joined in step order
/// they would be a tangle. Against the step or a weight, a line.
@Suite struct RowDataChartTests {
    @Test func againstTheRowsDataStepsArePointsAgainstAWeightALine() throws {
        let results = try trainedStudy(#"""
            { "data": "graddesc", "defaults": { "init": 1, "epochs": 2, "model": "linear", "optimizer": { "type": "sgd", "lr": 0.0001 } },
              "runs": [ { "name": "one" } ],
              "charts": [
                { "title": "Prediction against x", "per": "step", "x": "x", "y": ["y", "prediction"] },
                { "title": "b against a", "per": "step", "x": "a", "y": "b" },
                { "title": "Loss per step", "per": "step", "y": "loss" }
              ] }
            """#)
        let againstX = ChartAssembler.chart(for: results.study.charts[0], results: results)
        #expect(againstX.series.map(\.style) == [.markers, .markers])
        #expect(againstX.notes == ["x goes back and forth from row to row, so each step is drawn as a point, not joined by a line"])
        let path = ChartAssembler.chart(for: results.study.charts[1], results: results)
        #expect(path.series.map(\.style) == [.automatic] && path.notes.isEmpty)
        let perStep = ChartAssembler.chart(for: results.study.charts[2], results: results)
        #expect(perStep.series.map(\.style) == [.automatic])
    }

    @Test func orderedMeansNeverGoingBack() {
        #expect(ChartAssembler.isOrdered([1, 2, 2, 3, .nan, 4, .infinity]))
        #expect(!ChartAssembler.isOrdered([14, 86, 28]))
    }
}

/// Seeds are repeats of one experiment, not an ordered setting: many runs of a seed sweep get
/// no colour bar (which would suggest an order), while a sweep over lr does.
@Suite struct SeedSweepColourTests {
    @Test func aSeedSweepHasNoColourBarAnLrSweepHasOne() throws {
        let results = try trainedStudy(#"""
            { "defaults": { "epochs": 1, "optimizer": { "type": "sgd", "lr": 0.0001 }, "init": { "random": { "seed": 1 } } },
              "runs": [ { "name": "seeds", "sweep": { "seed": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] } },
                        { "name": "rates", "sweep": { "lr": [1e-7, 2e-7, 5e-7, 1e-6, 2e-6, 5e-6, 1e-5, 2e-5, 5e-5, 1e-4] } } ],
              "charts": [ { "title": "seeds", "per": "step", "y": "loss", "runs": ["seeds"] },
                          { "title": "rates", "per": "step", "y": "loss", "runs": ["rates"] } ] }
            """#)
        #expect(ChartAssembler.chart(for: results.study.charts[0], results: results).colorScale == nil)
        #expect(ChartAssembler.chart(for: results.study.charts[1], results: results).colorScale != nil)
    }
}
