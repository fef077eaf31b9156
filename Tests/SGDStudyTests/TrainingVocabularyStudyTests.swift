import Testing
@testable import SGDEngine
@testable import SGDStudy

/// Issue 14's study keys: leaky ReLU, normalize, init (partial, from, PyTorch's schemes),
/// sweeps over any setting with ranges, and piecewise signals.
@Suite struct TrainingVocabularyStudyTests {
    let leaky = #"{ "layers": [ { "units": 1, "activation": "leaky-relu", "negativeSlope": 0.1 }, { "units": 1 } ] }"#

    func study(runs: String, extra: String = "") throws -> Study {
        try readStudy(#"{ "defaults": { "optimizer": { "type": "sgd", "lr": 0.0001 } }, "runs": ["# + runs + "]" + extra + "}")
    }

    @Test func leakyReLULayersKeepTheirSlope() throws {
        let s = try study(runs: #"{ "name": "leaky", "model": \#(leaky) }, { "name": "default", "model": { "layers": [ { "units": 1, "activation": "leaky-relu" }, { "units": 1 } ] } }"#)
        #expect(s.runs[0].model.layers[0].activation == .leakyRelu)
        #expect(s.runs[0].model.layers[0].negativeSlope == 0.1)
        #expect(s.runs[1].model.layers[0].negativeSlope == 0.01)
        #expect(s.runs[0].network.formula == "y = c·leaky-relu(a·x + b) + d")
    }

    @Test func amsgradIsAdamsFlag() throws {
        let s = try study(runs: #"{ "name": "a", "optimizer": { "type": "adam", "lr": 1, "amsgrad": true } }, { "name": "b", "optimizer": { "type": "adam", "lr": 1 } }"#)
        #expect(s.runs[0].optimizer == .amsgrad(lr: 1, beta1: 0.9, beta2: 0.99, eps: 1e-5, debias: true))
        #expect(s.runs[1].optimizer == .adam(lr: 1, beta1: 0.9, beta2: 0.99, eps: 1e-5, debias: true))
    }

    @Test func normalizeGoesWithTheData() throws {
        let s = try readStudy(#"""
        { "data": { "name": "graddesc", "normalize": "standardize" },
          "defaults": { "optimizer": { "type": "sgd", "lr": 0.01 } },
          "runs": [ { "name": "std" },
                    { "name": "minmax", "data": { "x": [1, 2, 4], "y": [3, 5, 9], "normalize": "minmax" } },
                    { "name": "raw", "data": { "x": [1, 2, 4], "y": [3, 5, 9] } } ] }
        """#)
        #expect(s.runs.map(\.normalization) == [.standardize, .minmax, .none])
        #expect(s.runs[1].dataset.x == [0, 1.0 / 3, 1])
        #expect(s.runs[2].dataset.x == [1, 2, 4])
        let x = Dataset.graddescInputs
        let mean = x.reduce(0, +) / 29
        #expect(abs(s.runs[0].dataset.x.reduce(0, +)) < 1e-12)
        #expect(s.runs[0].dataset.x[0] == (14 - mean) / (x.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 29).squareRoot())
    }

    @Test func partialInitTakesTheRestFromDefaults() throws {
        let s = try readStudy(#"""
        { "defaults": { "optimizer": { "type": "sgd", "lr": 0.0001 }, "init": { "random": { "seed": 5 } } },
          "runs": [ { "name": "some", "model": { "layers": [ { "units": 1 }, { "units": 1 } ] }, "init": { "a": 0.5 } },
                    { "name": "all random", "model": { "layers": [ { "units": 1 }, { "units": 1 } ] } },
                    { "name": "ones", "model": "linear", "init": { "b": 3, "rest": 1 } } ] }
        """#)
        let some = s.runs[0].initialParameters, random = s.runs[1].initialParameters
        #expect(some[0] == 0.5)
        #expect(Array(some[1...]) == Array(random[1...]))
        #expect(s.runs[2].initialParameters == [1, 3])
        // Without defaults.init the others start at 1.
        let plain = try study(runs: #"{ "name": "p", "init": { "a": 2 } }"#)
        #expect(plain.runs[0].initialParameters == [2, 1])
    }

    @Test func namedRandomSchemes() throws {
        let s = try study(runs: #"""
            { "name": "torch", "model": { "layers": [ { "units": 4, "activation": "relu" }, { "units": 1 } ] }, "init": { "pytorch": { "seed": 3 } } },
            { "name": "kaiming", "model": { "layers": [ { "units": 4, "activation": "relu" }, { "units": 1 } ] }, "init": { "kaiming-normal": { "seed": 3 } } }
            """#)
        #expect(s.runs[0].initialParameters == WeightInit.pytorchLinear(s.runs[0].network, seed: 3))
        #expect(s.runs[1].initialParameters == WeightInit.kaimingNormal(s.runs[1].network, seed: 3))
        #expect(s.seeds == [3])
    }

    @Test func initFromNamesARun() throws {
        let s = try study(runs: #"{ "name": "second", "init": { "from": "first" } }, { "name": "first" }"#)
        #expect(s.runs[0].startsFrom == "first")
        #expect(s.runs[0].initialization == .from(run: "first"))
    }

    @Test func sweepsOverEverySetting() throws {
        let s = try study(runs: #"""
            { "name": "adam", "optimizer": { "type": "adam", "lr": 0.1 },
              "sweep": { "beta1": [0.8], "beta2": [0.9, 0.99], "eps": [1e-8] } },
            { "name": "sandwich", "model": \#(leaky), "init": { "random": { "seed": 1 } }, "shuffle": true,
              "sweep": { "negativeSlope": [0, 0.3], "units": [2], "seed": [4], "batch": [5], "epochs": [3] } },
            { "name": "act", "model": { "layers": [ { "units": 1, "activation": "relu" }, { "units": 1 } ] },
              "sweep": { "activation": ["tanh", "leaky-relu"] } },
            { "name": "mom", "optimizer": { "type": "momentum", "lr": 0.001 }, "sweep": { "beta": [0.5] } }
            """#)
        #expect(s.runs.map(\.name) == [
            "adam beta1=0.8 beta2=0.9 eps=1e-8", "adam beta1=0.8 beta2=0.99 eps=1e-8",
            "sandwich negativeSlope=0 units=2 seed=4 batch=5 epochs=3", "sandwich negativeSlope=0.3 units=2 seed=4 batch=5 epochs=3",
            "act activation=tanh", "act activation=leaky-relu",
            "mom beta=0.5",
        ])
        #expect(s.runs[1].optimizer == .adam(lr: 0.1, beta1: 0.8, beta2: 0.99, eps: 1e-8, debias: true))
        let swept = s.runs[3]
        #expect(swept.model.layers[0].negativeSlope == 0.3 && swept.model.layers[0].units == 2)
        #expect(swept.initialization == .random(seed: 4, min: -1, max: 1) && swept.shuffleSeed == 4)
        #expect(swept.batch == .size(5) && swept.epochs == 3)
        #expect(s.runs[4].model.layers[0].activation == .tanh)
        #expect(s.runs[5].model.layers[0].activation == .leakyRelu && s.runs[5].model.layers[0].negativeSlope == 0.01)
        #expect(s.runs[6].optimizer == .momentum(lr: 0.001, beta: 0.5, dampening: false))
        #expect(s.runs[1].setting(.beta2) == 0.99 && s.runs[3].setting(.negativeSlope) == 0.3 && s.runs[3].setting(.batch) == 5)
        #expect(s.runs[4].sweep?.settings.first?.value == .word("tanh"))
    }

    /// fastai's own knobs: weight decay on any optimizer, and a one-cycle or sgdr schedule's peak rate.
    @Test func sweepsOverWeightDecayAndLrMax() throws {
        let s = try study(runs: #"""
            { "name": "adamw", "optimizer": { "type": "adam", "lr": 0.01, "wd": 0.1 }, "sweep": { "wd": [0, 0.01] } },
            { "name": "one cycle", "optimizer": { "type": "momentum", "lr": 0.01 }, "epochs": 2,
              "schedule": { "type": "one-cycle", "lrMax": 0.05 }, "sweep": { "lrMax": { "from": 0.001, "to": 0.1, "count": 3, "scale": "log" } } },
            { "name": "sgdr", "optimizer": { "type": "sgd", "lr": 0.01 }, "schedule": { "type": "sgdr", "cycles": 2, "cycleLen": 1 },
              "sweep": { "lrMax": [0.02] } }
            """#)
        #expect(s.runs.map(\.name) == ["adamw wd=0", "adamw wd=0.01", "one cycle lrMax=0.001", "one cycle lrMax=0.01", "one cycle lrMax=0.1", "sgdr lrMax=0.02"])
        #expect(s.runs.map { $0.setting(.wd) } == [0, 0.01, 0, 0, 0, 0])
        #expect(s.runs[1].weightDecay?.wd == 0.01)
        #expect(s.runs[2...].map { $0.setting(.lrMax) } == [0.001, 0.01, 0.1, 0.02])
        if case .oneCycle(let lrMax, _, _, _, _)? = s.runs[4].schedule { #expect(lrMax == 0.1) } else { Issue.record("no one-cycle") }
        // The default charts put the final error against the first swept setting.
        #expect(s.charts.contains { $0.title == "Final error against wd" })
    }

    @Test(arguments: [
        (#"{ "name": "r", "optimizer": { "type": "sgd", "lr": 0.01 }, "sweep": { "lrMax": [0.1] } }"#, "cannot sweep lrMax: the run has no schedule"),
        (#"{ "name": "r", "optimizer": { "type": "sgd", "lr": 0.01 }, "schedule": { "type": "cos", "from": 0.1, "to": 0 }, "sweep": { "lrMax": [0.1] } }"#,
         #"cannot sweep lrMax: the "cos" schedule has no lrMax"#),
        (#"{ "name": "r", "optimizer": { "type": "sgd", "lr": 0.01 }, "sweep": { "wd": [-1] } }"#, "wd"),
    ])
    func aSweepOverWdOrLrMaxThatCannotApplyIsLocated(run: String, message: String) {
        let found = problems(#"{ "runs": [ \#(run) ] }"#)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.message.contains(message) == true, "\(found)")
        #expect(found.first?.path?.hasPrefix("runs[0].sweep") == true, "\(found)")
    }

    /// A swept setting that the run's `lrFind` or `schedule` sets itself would give identical runs
    /// (and a meaningless "Final error against …" chart): one located error with a fix.
    @Test(arguments: [
        (#"{ "name": "e", "optimizer": { "type": "sgd", "lr": 0.01 }, "sweep": { "lr": [0.1, 0.01] }, "lrFind": { "numIt": 10 } }"#,
         "runs[0].sweep.lr", "cannot sweep lr: lrFind sets the learning rate"),
        (#"{ "name": "e", "optimizer": { "type": "adam", "lr": 0.01 }, "sweep": { "lr": { "from": 1e-3, "to": 1e-1, "count": 3 } }, "lrFind": {} }"#,
         "runs[0].sweep.lr", "cannot sweep lr: lrFind sets"),
        (#"{ "name": "e", "optimizer": { "type": "sgd", "lr": 0.01 }, "sweep": { "epochs": [1, 2] }, "lrFind": {} }"#,
         "runs[0].sweep.epochs", "cannot sweep epochs: lrFind runs numIt batches"),
        (#"{ "name": "e", "optimizer": { "type": "sgd", "lr": 0.01 }, "schedule": { "type": "one-cycle", "lrMax": 0.05 }, "sweep": { "lr": [0.1, 0.01] } }"#,
         "runs[0].sweep.lr", "cannot sweep lr: the one-cycle schedule sets the learning rate of each batch from its lrMax"),
        (#"{ "name": "e", "optimizer": { "type": "sgd", "lr": 0.01 }, "schedule": { "type": "sgdr", "lrMax": 0.05, "cycles": 1, "cycleLen": 1 }, "sweep": { "lr": [0.1, 0.01] } }"#,
         "runs[0].sweep.lr", "sgdr schedule sets the learning rate"),
        (#"{ "name": "e", "optimizer": { "type": "sgd", "lr": 0.01 }, "schedule": { "type": "cos", "from": 0.1, "to": 0 }, "sweep": { "lr": [0.1, 0.01] } }"#,
         "runs[0].sweep.lr", "cos schedule sets the learning rate of each batch from its from"),
        (#"{ "name": "e", "optimizer": { "type": "sgd", "lr": 0.01 }, "schedule": { "type": "flat-cos", "lr": 0.1 }, "sweep": { "lr": [0.1, 0.01] } }"#,
         "runs[0].sweep.lr", "flat-cos schedule sets"),
        (#"{ "name": "e", "optimizer": { "type": "momentum", "lr": 0.01 }, "schedule": { "type": "one-cycle" }, "sweep": { "beta": [0.5, 0.9] } }"#,
         "runs[0].sweep.beta", "cannot sweep beta: the one-cycle schedule sets momentum's beta before each batch from moms (default"),
        (#"{ "name": "e", "optimizer": { "type": "adam", "lr": 0.01 }, "schedule": { "type": "one-cycle", "moms": [0.9, 0.8, 0.9] }, "sweep": { "beta1": [0.5, 0.9] } }"#,
         "runs[0].sweep.beta1", "cannot sweep beta1: the one-cycle schedule sets adam's beta1"),
        (#"{ "name": "e", "optimizer": { "type": "eve", "lr": 0.01 }, "schedule": { "type": "one-cycle" }, "sweep": { "beta": [0.5, 0.9] } }"#,
         "runs[0].sweep.beta", "cannot sweep beta: the one-cycle schedule sets eve's beta1"),
        (#"{ "name": "e", "optimizer": { "type": "sgd", "lr": 0.01 }, "schedule": { "type": "sgdr", "cycles": 2, "cycleLen": 1 }, "sweep": { "epochs": [3, 4] } }"#,
         "runs[0].sweep.epochs", "cannot sweep epochs: the sgdr schedule sets them"),
    ])
    func aSweepOverASettingTheRunDoesNotUseIsOneLocatedError(run: String, path: String, message: String) {
        let found = problems(#"{ "runs": [ \#(run) ] }"#)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.path == path, "\(found)")
        #expect(found.first?.message.contains(message) == true, "\(found)")
        #expect(found.first?.hint?.isEmpty == false, "\(found)")
    }

    /// The same settings where the run does use them: lr under a one-cycle schedule without lrMax
    /// (lrMax is then lr), rmsprop's beta (not momentum) under one-cycle, adam's beta2.
    @Test func aSweepOverASettingTheScheduleLeavesIsBuilt() throws {
        let s = try study(runs: #"""
            { "name": "oc", "optimizer": { "type": "sgd", "lr": 0.01 }, "schedule": { "type": "one-cycle" }, "sweep": { "lr": [0.1, 0.01] } },
            { "name": "rms", "optimizer": { "type": "rmsprop", "lr": 0.01 }, "schedule": { "type": "one-cycle" }, "sweep": { "beta": [0.5, 0.9] } },
            { "name": "adam", "optimizer": { "type": "adam", "lr": 0.01 }, "schedule": { "type": "one-cycle" }, "sweep": { "beta2": [0.9, 0.99] } }
            """#)
        #expect(s.runs.count == 6)
    }

    @Test func rangesHaveExactEndsAndReadableValues() throws {
        let log = try #require(SweepRange(from: 1e-5, to: 1e-1, count: 9, scale: .log).values)
        #expect(log == [1e-5, 3.16e-5, 1e-4, 3.16e-4, 1e-3, 3.16e-3, 1e-2, 3.16e-2, 1e-1])
        let odd = try #require(SweepRange(from: 3e-4, to: 0.7, count: 4, scale: .log).values)
        #expect(odd.first == 3e-4 && odd.last == 0.7)
        #expect(zip(odd, odd.dropFirst()).allSatisfy { $0 < $1 })
        let linear = try #require(SweepRange(from: 0.1, to: 0.9, count: 5, scale: .linear).values)
        #expect(linear == [0.1, 0.3, 0.5, 0.7, 0.9])
        // Three digits would merge these: more are kept.
        let close = try #require(SweepRange(from: 1, to: 1.001, count: 5, scale: .linear).values)
        #expect(Set(close).count == 5 && close.first == 1 && close.last == 1.001)
        #expect(SweepRange(from: 1, to: 16, count: 5, scale: .log, wholeNumbers: true).values == [1, 2, 4, 8, 16])
        #expect(SweepRange(from: 1, to: 2, count: 5, scale: .linear, wholeNumbers: true).values == nil)

        let s = try study(runs: #"{ "name": "r", "sweep": { "lr": { "from": 1e-5, "to": 1e-3, "count": 3, "scale": "log" } } }"#)
        #expect(s.runs.map(\.name) == ["r lr=1e-5", "r lr=0.0001", "r lr=0.001"])
        #expect(s.runs.map(\.optimizer.learningRate) == [1e-5, 1e-4, 1e-3])
    }

    @Test func piecewiseSignals() throws {
        let s = try readStudy(#"""
        { "runs": [ \#(minimalRun) ],
          "signals": [ { "name": "steps", "values": { "pieces": [ { "value": 1, "count": 60 }, { "value": 0.5, "count": 60 } ] } } ] }
        """#)
        #expect(s.signals[0].source == .values(Array(repeating: 1, count: 60) + Array(repeating: 0.5, count: 60)))
    }

    /// `study.json` writes every new key so that it builds again to the same runs and signals.
    @Test func theWrittenStudyReadsBackTheSame() throws {
        let study = try readStudy(#"""
        { "data": { "name": "graddesc", "normalize": "minmax" },
          "defaults": { "optimizer": { "type": "adam", "lr": 0.01, "amsgrad": true }, "init": { "kaiming-normal": { "seed": 2 } } },
          "runs": [
            { "name": "line" },
            { "name": "warm", "init": { "from": "line" }, "data": { "x": [1, 2, 5], "target": { "slope": 2, "intercept": 30 }, "normalize": "standardize" } },
            { "name": "some", "model": \#(leaky), "init": { "c": 0.5 } },
            { "name": "torch", "model": { "layers": [ { "units": 3, "activation": "tanh" }, { "units": 1 } ] }, "init": { "pytorch": { "seed": 4 } },
              "sweep": { "activation": ["leaky-relu"], "negativeSlope": { "from": 0.01, "to": 0.3, "count": 3, "scale": "log" }, "beta2": [0.9] } },
            { "name": "act", "model": { "layers": [ { "units": 2, "activation": "relu" }, { "units": 1 } ] }, "sweep": { "activation": ["none", "sigmoid"] } } ],
          "signals": [ { "name": "steps", "values": { "pieces": [ { "value": 1, "count": 3 }, { "value": 0.5, "count": 2 } ] } } ] }
        """#)
        let text = JSONWriter.write(StudyEncoder.encode(study, generator: "sgdreport test"))
        let again = try readStudy(text, file: "output/test/study.json")
        #expect(again.runs == study.runs)
        #expect(again.signals == study.signals)
        #expect(study.runs.map(\.name) == [
            "line", "warm", "some",
            "torch activation=leaky-relu negativeSlope=0.01 beta2=0.9",
            "torch activation=leaky-relu negativeSlope=0.0548 beta2=0.9", "torch activation=leaky-relu negativeSlope=0.3 beta2=0.9",
            "act activation=none", "act activation=sigmoid",
        ])
        #expect(study.runs[4].model.layers[0].negativeSlope == 0.0548 && study.runs[4].model.layers[0].activation == .leakyRelu)
        #expect(study.runs[2].initialization == .partial(["c": 0.5], rest: .kaimingNormal(seed: 2)))
        #expect(text.contains(#""normalize": "minmax""#) && text.contains(#""from": "line""#) && text.contains(#""negativeSlope": 0.1"#))
    }

    @Test func badInputGetsLocatedErrors() {
        func messages(_ runs: String) -> [String] {
            problems(#"{ "defaults": { "optimizer": { "type": "sgd", "lr": 0.0001 } }, "runs": ["# + runs + "] }").map(\.message)
        }
        #expect(messages(#"{ "name": "r", "model": { "layers": [ { "units": 1, "activation": "relu", "negativeSlope": 0.1 }, { "units": 1 } ] } }"#)
            == [#"negativeSlope is given but this layer's activation is "relu", not "leaky-relu""#])
        #expect(messages(#"{ "name": "r", "init": { "from": "nobody" } }"#) == [#"init.from names "nobody", which is not a run of this study"#])
        #expect(messages(#"{ "name": "r", "init": { "from": "r" } }"#) == [#"init.from makes run "r" start from its own final weights"#])
        #expect(messages(#"{ "name": "x", "init": { "from": "y" } }, { "name": "y", "init": { "from": "z" } }, { "name": "z", "init": { "from": "x" } }"#)
            == [#"init.from makes a cycle: "x" → "y" → "z" → "x""#])
        #expect(messages(#"{ "name": "wide", "model": { "layers": [ { "units": 2 }, { "units": 1 } ] }, "init": { "from": "line" } }, { "name": "line" }"#).count == 1)
        #expect(messages(#"{ "name": "r", "sweep": { "lr": { "from": 1e-5, "to": 1e-3, "count": 0 } } }"#).first?.hasPrefix("count must be") == true)
        #expect(messages(#"{ "name": "r", "sweep": { "lr": { "from": -1, "to": 1, "count": 3, "scale": "log" } } }"#).count == 1)
        #expect(messages(#"{ "name": "r", "sweep": { "beta": { "from": 0, "to": 0.9, "count": 3, "scale": "log" } } }"#)
            == ["a log range needs from and to above 0, got from 0 to 0.9"])
        #expect(messages(#"{ "name": "r", "sweep": { "beta2": [0.9] } }"#) == ["cannot sweep beta2: sgd has no beta2"])
        #expect(messages(#"{ "name": "r", "sweep": { "negativeSlope": [0.1] } }"#) == [#"cannot sweep negativeSlope: no layer of the model is "leaky-relu""#])
        #expect(messages(#"{ "name": "r", "sweep": { "activation": ["relu"] } }"#).count == 1)
        #expect(messages(#"{ "name": "r", "model": \#(leaky), "sweep": { "activation": ["relu", "leaky-relu"], "negativeSlope": [0.1, 0.2] } }"#)
            == [#"cannot sweep negativeSlope with activation "relu": only "leaky-relu" has a slope"#])
        // Two independent mistakes: a misspelt activation, and a sweep of activations on a model with no hidden layer.
        #expect(messages(#"{ "name": "r", "sweep": { "activation": ["relux"] } }"#)
            == ["cannot sweep activation: the model has no hidden layer (the output layer has none)", #"activation "relux" is not one of "none", "relu", "leaky-relu", "sigmoid", "tanh""#])
        #expect(messages(#"{ "name": "r", "model": \#(leaky), "sweep": { "activation": ["relux"] } }"#).count == 1)
        #expect(problems(#"{ "data": { "x": [3, 3, 3], "y": [1, 2, 3], "normalize": "standardize" }, "runs": [ \#(minimalRun) ] }"#).map(\.path)
            == ["data.normalize"])
    }
}
