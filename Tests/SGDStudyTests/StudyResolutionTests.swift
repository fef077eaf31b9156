import Testing
import SGDEngine
@testable import SGDStudy

@Suite struct StudyResolutionTests {
    let specExample = #"""
        {
          "title": "What does momentum look like?",
          "description": "Markdown shown at the top of the page.",
          "data": "graddesc",
          "defaults": { "init": 1, "epochs": 1, "optimizer": { "type": "sgd", "lr": 0.0001 } },
          "runs": [
            { "name": "1 neuron", "model": "linear" },
            { "name": "2 neurons", "model": { "layers": [ { "units": 1 }, { "units": 1 } ] },
              "derivatives": { "method": "forward", "epsilon": 0.01 } },
            { "name": "ReLU", "model": { "layers": [ { "units": 1, "activation": "relu" }, { "units": 1 } ] } },
            { "name": "ReLU + momentum", "model": { "layers": [ { "units": 1, "activation": "relu" }, { "units": 1 } ] },
              "optimizer": { "type": "momentum", "lr": 0.0001, "beta": 0.9, "dampening": true } }
          ],
          "signals": [
            { "name": "sine", "x": { "from": 0, "to": 20, "step": 0.1 }, "f": "sin",
              "ewma": { "beta": 0.9, "initial": 0 } }
          ],
          "charts": [
            { "title": "Error per epoch", "per": "epoch", "y": "sqrt_sse", "runs": ["1 neuron", "2 neurons"], "yScale": "log" },
            { "title": "Derivative of d", "per": "step", "y": "grad_d", "runs": ["2 neurons", "ReLU"] },
            { "title": "Momentum on sin(x)", "signal": "sine" }
          ]
        }
        """#

    @Test func theSpecExampleResolves() throws {
        let study = try readStudy(specExample, file: "studies/momentum.json")
        #expect(study.slug == "momentum")
        #expect(study.runs.map(\.slug) == ["1-neuron", "2-neurons", "relu", "relu-momentum"])
        #expect(study.runs[0].parameterNames == ["a", "b"])
        #expect(study.runs[1].network.formula == "y = c·(a·x + b) + d")
        #expect(study.runs[1].derivatives == Derivatives(method: .forward, epsilon: 0.01))
        #expect(study.runs[3].optimizer == .momentum(lr: 0.0001, beta: 0.9, dampening: true))
        #expect(study.runs[3].stepColumns.suffix(4) == ["avg_a", "avg_b", "avg_c", "avg_d"])
        #expect(study.signals.first?.columns == ["t", "x", "value", "ewma"])
        #expect(Signal.grid(from: 0, to: 20, step: 0.1).count == 201)
        #expect(study.charts.map(\.slug) == ["error-per-epoch", "derivative-of-d", "momentum-on-sin-x"])
        #expect(study.charts[0].yScale == .log)
        #expect(study.charts[1].content == .runs(per: .step, x: "step", y: ["grad_d"], runs: ["2 neurons", "ReLU"]))
        #expect(study.charts[2].content == .signal(name: "sine", x: "x", y: ["value", "ewma"]))
    }

    @Test func sweepsExpandInOrderWithReadableNames() throws {
        let study = try readStudy(#"""
            { "defaults": { "optimizer": { "type": "sgd", "lr": 0.1 } },
              "runs": [ { "name": "wide", "init": { "random": { "seed": 3 } },
                          "model": { "layers": [ { "units": 2, "activation": "relu" }, { "units": 1 } ] },
                          "sweep": { "units": [1, 4], "lr": [1e-5, 0.001] } } ],
              "charts": [ { "title": "Final", "per": "run", "x": "units", "runs": ["wide"] } ] }
            """#)
        #expect(study.runs.map(\.name) == [
            "wide units=1 lr=1e-5", "wide units=1 lr=0.001", "wide units=4 lr=1e-5", "wide units=4 lr=0.001",
        ])
        #expect(study.runs.map(\.slug)[0] == "wide-units-1-lr-1e-5")
        #expect(study.runs[2].model.layers[0].units == 4)
        #expect(study.runs[2].parameterNames.count == 4 * 2 + 4 + 1)
        #expect(study.runs[3].optimizer.learningRate == 0.001)
        #expect(study.runs.map { $0.setting(.units) } == [1, 1, 4, 4])
        #expect(study.charts[0].content == .runs(per: .run, x: "units", y: ["sqrt_sse"], runs: study.runs.map(\.name)))
    }

    @Test func sweepingSomethingARunDoesNotHaveIsAnError() {
        #expect(problems(#"{ "runs": [ { "name": "a", "optimizer": { "type": "sgd", "lr": 0.1 }, "sweep": { "beta": [0.5] } } ] }"#).map(\.message)
            == ["cannot sweep beta: sgd has no beta"])
        #expect(problems(#"{ "runs": [ { "name": "a", "optimizer": { "type": "sgd", "lr": 0.1 }, "sweep": { "units": [2] } } ] }"#).map(\.message)
            == ["cannot sweep units: the model has no hidden layer"])
        #expect(problems(#"{ "runs": [ { "name": "a", "optimizer": { "type": "sgd", "lr": 0.1 }, "sweep": { "seed": [1, 2] } } ] }"#).map(\.message)
            == ["cannot sweep seed: this run uses no randomness"])
        #expect(problems(#"{ "runs": [ { "name": "a", "optimizer": { "type": "sgd", "lr": 0.1 }, "sweep": { "momentum": [1] } } ] }"#).first?.hint
            == #"did you mean "beta"?"#)
    }

    @Test func withoutChartsAStudyGetsTheDefaultSet() throws {
        let study = try readStudy(#"""
            { "defaults": { "epochs": 3, "optimizer": { "type": "sgd", "lr": 0.0001 } },
              "runs": [ { "name": "one" }, { "name": "sweep", "sweep": { "lr": [1e-5, 1e-4] } } ],
              "signals": [ { "name": "sine", "x": { "from": 0, "to": 5, "step": 1 }, "f": "sin", "ewma": { "beta": 0.9 } } ] }
            """#)
        #expect(study.charts.map(\.title) == [
            "Error per epoch", "Weights: one", "Weights: sweep lr=1e-5", "Weights: sweep lr=0.0001",
            "Final error against lr", "sine and its average",
        ])
        #expect(study.charts.allSatisfy { $0.isDefault })
        let none = try readStudy(#"{ "runs": [ \#(minimalRun) ], "charts": [] }"#)
        #expect(none.charts.isEmpty)
    }

    /// A default weights chart draws at most 8 weights; when the run has more, its caption says
    /// which ones, of how many, and where the others are (a newcomer's 2,751-weight network got
    /// 8 lines and no word of the rest).
    @Test func aWeightsChartOfSomeWeightsSaysSo() throws {
        let study = try readStudy(#"""
            { "defaults": { "optimizer": { "type": "sgd", "lr": 0.0001 } },
              "runs": [ { "name": "small" },
                        { "name": "wide", "init": { "random": { "seed": 3 } },
                          "model": { "layers": [ { "units": 3, "activation": "relu" }, { "units": 1 } ] } } ] }
            """#)
        let captions = Dictionary(uniqueKeysWithValues: study.charts.map { ($0.title, $0.caption) })
        #expect(captions["Weights: small"] == .some(nil))
        #expect(study.runs[1].parameterNames.count == 10)
        let caption = try #require(captions["Weights: wide"] ?? nil)
        #expect(caption.hasPrefix("The first 8 of the run's 10 weights (\(study.runs[1].parameterNames[0]) to \(study.runs[1].parameterNames[7]));"))
        #expect(caption.contains("steps CSV"))
    }

    /// Sweeps over two settings get one "final error against" chart each, in the order the
    /// settings first appear, each with only the runs whose sweep varies it.
    @Test func eachSweptSettingGetsItsOwnFinalErrorChart() throws {
        func finalErrorCharts(_ runs: String) throws -> [(slug: String, x: String, runs: [String])] {
            let study = try readStudy(#"{ "data": { "name": "graddesc", "normalize": "standardize" }, "defaults": { "epochs": 5, "optimizer": { "type": "sgd", "lr": 0.01 } }, "runs": \#(runs) }"#)
            return study.charts.compactMap { chart in
                guard chart.title.hasPrefix("Final error against"), case .runs(.run, let x, _, let names) = chart.content else { return nil }
                return (chart.slug, x, names)
            }
        }
        let two = try finalErrorCharts(#"[ { "name": "lrs", "sweep": { "lr": [0.001, 0.01, 0.1] } }, { "name": "wds", "sweep": { "wd": [0, 0.01, 0.1] } } ]"#)
        #expect(two.map(\.slug) == ["final-error-against-lr", "final-error-against-wd"])
        #expect(two.map(\.x) == ["lr", "wd"])
        #expect(two[0].runs == ["lrs lr=0.001", "lrs lr=0.01", "lrs lr=0.1"])
        #expect(two[1].runs == ["wds wd=0", "wds wd=0.01", "wds wd=0.1"])
        // Written the other way round, the order follows; an unswept run is in neither chart.
        let reversed = try finalErrorCharts(#"[ { "name": "base" }, { "name": "wds", "sweep": { "wd": [0, 0.1] } }, { "name": "lrs", "sweep": { "lr": [0.001, 0.1] } } ]"#)
        #expect(reversed.map(\.slug) == ["final-error-against-wd", "final-error-against-lr"])
        #expect(reversed.map(\.runs) == [["wds wd=0", "wds wd=0.1"], ["lrs lr=0.001", "lrs lr=0.1"]])
        // A sweep over two settings puts its runs in both charts; a second sweep of one adds to its chart.
        let grid = try finalErrorCharts(#"[ { "name": "g", "sweep": { "lr": [0.001, 0.1], "beta": [0.5, 0.9] }, "optimizer": { "type": "momentum", "lr": 0.01, "beta": 0.9 } }, { "name": "more", "sweep": { "lr": [0.05] } } ]"#)
        #expect(grid.map(\.x) == ["lr", "beta"])
        #expect(grid[0].runs.count == 5)
        #expect(grid[1].runs == ["g lr=0.001 beta=0.5", "g lr=0.001 beta=0.9", "g lr=0.1 beta=0.5", "g lr=0.1 beta=0.9"])
        // An activation sweep has no numeric axis: no chart for it.
        let words = try finalErrorCharts(#"[ { "name": "acts", "model": { "layers": [ { "units": 2, "activation": "relu" }, { "units": 1 } ] }, "sweep": { "activation": ["relu", "tanh"] } } ]"#)
        #expect(words.isEmpty)
    }

    @Test func dataFormsResolve() throws {
        let explicit = try readStudy(#"{ "data": { "x": [1, 2], "y": [3, 4] }, "runs": [ \#(minimalRun) ] }"#)
        #expect(explicit.runs[0].data.dataset == Dataset(x: [1, 2], y: [3, 4]))
        let target = try readStudy(#"{ "data": { "x": [1, 2], "target": { "slope": 2, "intercept": 30 } }, "runs": [ \#(minimalRun) ] }"#)
        #expect(target.runs[0].data.dataset.y == [32, 34])
        let random = try readStudy(#"{ "data": { "x": { "random": { "count": 30, "min": 1, "max": 100, "seed": 7 } }, "target": { "slope": 2, "intercept": 30 } }, "runs": [ \#(minimalRun) ] }"#)
        let x = random.runs[0].data.dataset.x
        #expect(x.count == 30)
        #expect(x.allSatisfy { (1...100).contains($0) && $0 == $0.rounded() })
        #expect(x == Dataset.randomIntegers(count: 30, min: 1, max: 100, seed: 7))
        #expect(random.seeds == [7])
        #expect(problems(#"{ "data": { "x": [1, 2], "y": [3] }, "runs": [ \#(minimalRun) ] }"#).map(\.message)
            == ["data.y has 1 values but data.x has 2"])
        #expect(problems(#"{ "data": "gradesc", "runs": [ \#(minimalRun) ] }"#).map(\.message) == [#"unknown data set "gradesc""#])
    }

    /// `study.json` is the study as built: reading it back gives the same runs.
    @Test func theWrittenStudyReadsBackTheSame() throws {
        let study = try readStudy(specExample, file: "studies/momentum.json")
        let text = JSONWriter.write(StudyEncoder.encode(study, generator: "sgdreport test"))
        // study.json has two keys a study file does not: they are documented as ignored on input.
        let again = try readStudy(text, file: "output/momentum/study.json")
        #expect(again.runs == study.runs)
        #expect(again.signals == study.signals)
        #expect(again.charts.map(\.content) == study.charts.map(\.content))
        #expect(again.title == study.title)
    }
}

/// A run's counts come from its data's row count, without making the data set, and agree
/// with the setup the engine trains from.
@Suite struct RunCountTests {
    @Test(arguments: [
        #""data": "graddesc", "batch": "online", "epochs": 3"#,
        #""data": { "x": { "random": { "count": 30, "min": 1, "max": 100, "seed": 7 } }, "target": { "slope": 2, "intercept": 30 } }, "batch": 7, "epochs": 2, "warmupEpochs": 1"#,
        #""data": { "x": [1, 2, 3], "y": [4, 5, 6] }, "batch": "full", "epochs": 5, "record": { "every": 2 }"#,
    ])
    func countsAgreeWithTheTrainingSetup(fields: String) throws {
        let study = try readStudy(#"{ "runs": [ { "name": "r", "model": "linear", "optimizer": { "type": "sgd", "lr": 0.0001 }, \#(fields) } ] }"#)
        let run = try #require(study.runs.first)
        let setup = run.makeTrainingSetup()
        #expect(run.counts == setup.counts)
        #expect(run.counts.totalSteps == setup.totalSteps && study.totalSteps == setup.totalSteps)
        #expect(run.counts.recordedSteps == setup.recordedSteps)
    }
}
