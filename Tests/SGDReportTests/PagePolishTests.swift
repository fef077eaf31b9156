import Foundation
import Testing
import SGDStudy
@testable import SGDReport

/// Issue 10, item 11: what a learner noticed on the page and in the charts.
@Suite struct PagePolishTests {
    static let signalsOnly = #"""
        { "signals": [
            { "name": "sine", "x": { "from": 0, "to": 1, "step": 0.1 }, "f": "sin", "ewma": { "beta": 0.9, "debias": true } },
            { "name": "steps", "values": [1, 1, 0.5], "ewma": { "beta": 0.9, "dampening": false } } ] }
        """#

    /// A study of signals alone has no runs section and no "0 runs" or "0 updates".
    @Test func aSignalsOnlyStudyLeavesOutTheRuns() throws {
        let page = try pageModel(Self.signalsOnly)
        #expect(!page.hasRuns)
        #expect(page.summary == "2 signals · 2 charts")
        let html = try ReportTemplates.load(directory: templatesFolder.path).studyPage(try pageInput(Self.signalsOnly))
        #expect(!html.contains(#"<section id="runs">"#))
        #expect(!html.contains(##"href="#runs""##))
        #expect(!html.contains("0 runs") && !html.contains("0 updates"))
        #expect(html.contains(#"<section id="charts">"#))
    }

    @Test(arguments: [
        (#"{ "runs": [ { "name": "a", "epochs": 1000, "optimizer": { "type": "sgd", "lr": 0.0001 } } ] }"#, "1 run · 2 charts · 29,000 updates"),
        (#"{ "runs": [ { "name": "a", "optimizer": { "type": "sgd", "lr": 0.0001 } } ], "charts": [] }"#, "1 run · 29 updates"),
        (#"{ "runs": [ { "name": "a", "optimizer": { "type": "sgd", "lr": 0.0001 } } ], "signals": [ { "name": "s", "values": [1] } ], "charts": [] }"#, "1 run · 1 signal · 29 updates"),
    ])
    func countsAreGroupedAsTheCommandLineWritesThem(study: String, summary: String) throws {
        #expect(try pageModel(study).summary == summary)
    }

    /// A signal chart with its averages has a y-axis label: what the signal is.
    @Test func signalChartsHaveAYAxisLabel() throws {
        let results = try trainedStudy(#"""
            { "runs": [ { "name": "r", "optimizer": { "type": "sgd", "lr": 0.0001 } } ],
              "signals": [
                { "name": "sine", "x": { "from": 0, "to": 2, "step": 0.5 }, "f": "sin", "ewma": { "beta": 0.9 } },
                { "name": "square", "x": { "from": 0, "to": 2, "step": 0.5 }, "f": "square", "ewma": { "beta": 0.9 } },
                { "name": "steps", "values": [1, 0.5], "ewma": { "beta": 0.9, "debias": true } },
                { "name": "momentum of b", "from": { "run": "r", "column": "grad_b" }, "ewma": { "beta": 0.9 } },
                { "name": "one", "values": [1, 2] } ] }
            """#)
        let labels = results.study.charts.filter { if case .signal = $0.content { return true } else { return false } }
            .map { ChartAssembler.chart(for: $0, results: results).yLabel }
        #expect(labels == ["sin(x)", "x²", "steps", "∂E/∂b", "one"])
    }

    /// x values made from `from`/`step` read as typed.
    @Test(arguments: [
        (0.0, 1.0, 0.1, [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]),
        (0.05, 0.45, 0.1, [0.05, 0.15, 0.25, 0.35, 0.45]),
        (-1.0, 0.0, 0.25, [-1, -0.75, -0.5, -0.25, 0]),
        (0.0, 0.00003, 0.00001, [0, 0.00001, 0.00002, 0.00003]),
        (1.0, 4.0, 1.0, [1, 2, 3, 4]),
    ])
    func signalXReadsAsTyped(from: Double, to: Double, step: Double, expected: [Double]) {
        let grid = Signal.grid(from: from, to: to, step: step)
        #expect(grid == expected)
        #expect(grid.map { "\($0)" }.allSatisfy { !$0.contains("0000000") && !$0.contains("9999999") })
    }

    @Test func theSignalCSVWritesXAsTyped() throws {
        let results = try trainedStudy(Self.signalsOnly)
        let sine = try #require(results.signals.first)
        #expect(sine.x[3] == 0.3)
        #expect(sine.values[3] == sin(0.3))
        // The undampened signal debiases to ((1 − βᵗ)/(1 − β)) (item 1).
        let steps = try #require(results.signals.last)
        #expect(steps.ewma == [1, 1.9, 2.21])
    }
}
