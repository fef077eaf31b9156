import Testing
import SGDStudy

/// Issue 10, items 2 and 3: a check that depends on something already reported invalid is
/// skipped (one mistake, one message), no hint is empty, no message repeats; a signal that
/// would average a thinned run is refused with a message naming `record`.
@Suite struct DependentErrorTests {
    static let sgd = #""optimizer": { "type": "sgd", "lr": 0.0001 }"#

    /// Each study has exactly one mistake; the expected single message's path and start.
    static let oneMistake: [(study: String, path: String, message: String)] = [
        // The issue's example: no optimizer, and a valid chart of sqrt_sse.
        (#"{ "runs": [ { "name": "a", "model": "linear" } ], "charts": [ { "title": "e", "y": "sqrt_sse" } ] }"#,
         "runs[0]", "the run has no optimizer type"),
        // A bad activation on a swept run, with a per-run chart and a chart naming a swept run.
        (#"{ "defaults": { \#(sgd) }, "runs": [ { "name": "r", "model": { "layers": [ { "units": 1, "activation": "rleu" }, { "units": 1 } ] }, "sweep": { "lr": [1e-5, 1e-4, 1e-3] } } ], "charts": [ { "title": "e", "per": "run", "y": "sqrt_sse" }, { "title": "l", "runs": ["r lr=1e-5"] }, { "title": "m", "runs": ["r"] } ] }"#,
         "runs[0].model.layers[0].activation", #"the activation "rleu""#),
        // A bad model beside a good run, and a chart of a weight only the bad model would have.
        (#"{ "defaults": { \#(sgd) }, "runs": [ { "name": "ok" }, { "name": "wide", "model": { "layers": [ { "units": 0, "activation": "relu" }, { "units": 1 } ] }, "sweep": { "units": [2, 4] } } ], "charts": [ { "title": "w", "y": "w1_1_1" }, { "title": "f", "per": "run", "x": "units" } ] }"#,
         "runs[1].model.layers[0].units", "units must be"),
        // A bad signal, and a chart of it.
        (#"{ "signals": [ { "name": "s", "values": [1, 2], "ewma": { "beta": 2 } } ], "charts": [ { "title": "s", "signal": "s" } ] }"#,
         "signals[0].ewma.beta", "beta must be at least 0"),
        // A signal from a run with a bad optimizer, and a chart of the signal.
        (#"{ "runs": [ { "name": "a", "optimizer": { "type": "adam", "lr": 0.1, "beta": 0.9 } } ], "signals": [ { "name": "s", "from": { "run": "a", "column": "grad_a" } } ], "charts": [ { "title": "s", "signal": "s" }, { "title": "a", "runs": ["a"] } ] }"#,
         "runs[0].optimizer.beta", #"adam has no setting "beta""#),
        // Bad defaults: every run depends on them.
        (#"{ "defaults": { "optimizer": { "type": "sgd", "lr": -1 } }, "runs": [ { "name": "a" }, { "name": "b" } ], "charts": [ { "title": "e", "y": "sqrt_sse" }, { "title": "b", "runs": ["b"] } ] }"#,
         "defaults.optimizer.lr", "lr must be greater than 0"),
        // A run that is not even an object: any run a chart names may have been meant for it.
        (#"{ "defaults": { \#(sgd) }, "runs": [ "a" ], "charts": [ { "title": "a", "runs": ["a"] } ] }"#,
         "runs[0]", "a run must be an object"),
        // A thinned run's signal (item 2), and a chart of that signal.
        (#"{ "defaults": { \#(sgd) }, "runs": [ { "name": "r", "record": { "every": 29 }, "epochs": 3 } ], "signals": [ { "name": "g", "from": { "run": "r", "column": "grad_b" }, "ewma": { "beta": 0.9 } } ], "charts": [ { "title": "g", "signal": "g" } ] }"#,
         "signals[0].from.run", #"the signal averages the run "r"'s column "grad_b""#),
    ]

    @Test(arguments: oneMistake.indices)
    func oneMistakeGivesOneMessage(index: Int) {
        let (study, path, message) = Self.oneMistake[index]
        let found = problems(study)
        #expect(found.count == 1, "\(found.map { "\($0) — \($0.hint ?? "")" })")
        #expect(found.first?.path == path)
        #expect(found.first?.message.hasPrefix(message) == true, "\(found.first?.message ?? "none")")
        #expect(found.allSatisfy { $0.hint.map { !$0.isEmpty && !$0.hasSuffix(": ") } ?? true })
    }

    /// Independent mistakes are all still reported, each once, with a hint that says something.
    @Test func independentMistakesAreStillReported() {
        let found = problems(#"{ "runs": [ { "name": "a", \#(Self.sgd) }, { "name": "b" } ], "charts": [ { "title": "e", "per": "epoch", "y": "sqrt_ss", "runs": ["a"] }, { "title": "n", "runs": ["c"] } ] }"#)
        #expect(found.map(\.path) == ["runs[1]", "charts[0].y", "charts[1].runs[0]"])
        #expect(found[1].hint == #"did you mean "sqrt_sse"?"#)
        #expect(found[2].hint == #"did you mean "a"?"#)
    }

    /// With every run valid, a chart of a column no run has is an error with a real hint.
    @Test func aColumnNoRunHasIsReportedWhenEveryRunIsValid() {
        let found = problems(#"{ "runs": [ { "name": "a", \#(Self.sgd) } ], "charts": [ { "title": "e", "y": "w1_1_1" } ] }"#)
        #expect(found.map(\.message) == [#"no run has the column "w1_1_1" per step"#])
        #expect(found.first?.hint?.hasPrefix("valid columns here: ") == true)
        #expect(found.first?.hint?.contains(#""grad_a""#) == true)
    }

    /// A chart of a signal that does not exist, in a study whose only signal is invalid, suggests
    /// that signal rather than saying the study has none.
    @Test func aMissingSignalBesideAnInvalidOneIsSuggestedIt() {
        let found = problems(#"{ "signals": [ { "name": "sine", "values": [1], "ewma": { "beta": 2 } } ], "charts": [ { "title": "s", "signal": "sin" } ] }"#)
        #expect(found.map(\.path) == ["signals[0].ewma.beta", "charts[0].signal"])
        #expect(found.last?.hint == #"did you mean "sine"?"#)
    }

    // MARK: Item 2: a signal from a thinned run

    @Test(arguments: [
        // record on the run, in defaults, and an `every` larger than the run.
        #"{ "defaults": { \#(sgd) }, "runs": [ { "name": "r", "record": { "every": 29 }, "epochs": 3 } ], "signals": [ { "name": "g", "from": { "run": "r", "column": "grad_b" }, "ewma": { "beta": 0.9 } } ] }"#,
        #"{ "defaults": { \#(sgd), "record": { "every": 2 } }, "runs": [ { "name": "r" } ], "signals": [ { "name": "g", "from": { "run": "r", "column": "loss" }, "ewma": { "beta": 0.5, "debias": true } } ] }"#,
        #"{ "defaults": { \#(sgd) }, "runs": [ { "name": "r", "record": { "every": 1000 } } ], "signals": [ { "name": "g", "from": { "run": "r", "column": "a" }, "ewma": {} } ] }"#,
    ])
    func aSignalAveragingAThinnedRunIsRefusedNamingRecord(study: String) {
        let found = problems(study)
        #expect(found.count == 1)
        #expect(found.first?.path == "signals[0].from.run")
        #expect(found.first?.message.contains(#"keeps only one step in"#) == true)
        #expect(found.first?.message.contains(#""record": { "every": "#) == true)
        #expect(found.first?.hint == #"remove "record" from the run "r" so every step is kept, or remove "ewma" to plot the recorded steps as they are"#)
    }

    /// Without an average, or with every step kept, a signal from a run is fine.
    @Test func aSignalFromEveryStepOrWithoutAverageIsAccepted() throws {
        let noAverage = try readStudy(#"{ "defaults": { \#(Self.sgd) }, "runs": [ { "name": "r", "record": { "every": 29 }, "epochs": 3 } ], "signals": [ { "name": "g", "from": { "run": "r", "column": "grad_b" } } ] }"#)
        #expect(noAverage.signals.count == 1)
        let everyStep = try readStudy(#"{ "defaults": { \#(Self.sgd) }, "runs": [ { "name": "r", "record": { "every": 1 } } ], "signals": [ { "name": "g", "from": { "run": "r", "column": "grad_b" }, "ewma": { "beta": 0.9 } } ] }"#)
        #expect(everyStep.signals.count == 1)
    }
}
