import Testing
import SGDStudy

/// An early error does not hide checks that do not depend on it: a run that fails to resolve
/// (no optimizer, a bad setting) still takes part in the checks of names, file names,
/// `init.from` and the settings `lrFind` and `schedule` cannot go with; and every independent
/// problem of one object is reported in one pass. One mistake still gives one message.
@Suite struct IndependentErrorTests {
    static let sgd = #""optimizer": { "type": "sgd", "lr": 0.0001 }"#

    /// The newcomer's example: four runs with no optimizer, two names that make the same file name, a name used twice.
    @Test func namesAreCheckedBesideAMissingOptimizer() {
        let found = problems(#"{ "runs": [ { "name": "Νευρώνας ReLU" }, { "name": "Γραμμικό ReLU" }, { "name": "x" }, { "name": "x" } ] }"#)
        #expect(found.filter { $0.message == "the run has no optimizer type" }.count == 4)
        #expect(found.contains { $0.path == "runs[1].name" && $0.message.hasSuffix("would both write data/relu.steps.csv") })
        #expect(found.contains { $0.path == "runs[3].name" && $0.message.hasPrefix(#"the run name "x" is used twice"#) })
        #expect(found.count == 6)
    }

    /// A variant: one run resolves, the other fails for its optimizer; they still collide.
    @Test func aResolvedRunAndAFailedRunStillCollide() {
        let found = problems(#"{ "runs": [ { "name": "a b", \#(Self.sgd) }, { "name": "a-b", "optimizer": { "type": "sgd", "lr": 0.1, "beta": 0.9 } }, { "name": "a b", "epochs": 0 } ] }"#)
        #expect(found.compactMap(\.path).sorted() == ["runs[1].name", "runs[1].optimizer.beta", "runs[2].epochs", "runs[2].name"])
    }

    /// A name with an error of its own is not also reported as a collision or a duplicate.
    @Test func aBadNameIsReportedOnce() {
        let found = problems(#"{ "runs": [ { "name": "" }, { "name": "" } ] }"#)
        #expect(found.filter { $0.path == "runs[1].name" }.count == 1)
        #expect(!found.contains { $0.message.contains("used twice") || $0.message.contains("would both write") })
    }

    /// init.from: a cycle and an unknown run are found among runs that have no optimizer.
    @Test func initFromIsCheckedBesideAMissingOptimizer() {
        let found = problems(#"{ "runs": [ { "name": "a", "init": { "from": "b" } }, { "name": "b", "init": { "from": "a" } }, { "name": "c", "init": { "from": "zz" } } ] }"#)
        #expect(found.contains { $0.path == "runs[0].init.from" && $0.message == #"init.from makes a cycle: "a" → "b" → "a""# })
        #expect(found.contains { $0.path == "runs[2].init.from" && $0.message == #"init.from names "zz", which is not a run of this study"# })
        #expect(found.count == 5)
    }

    /// init.from naming a run that failed is not "not a run of this study".
    @Test func initFromAFailedRunIsNotUnknown() {
        let found = problems(#"{ "runs": [ { "name": "a" }, { "name": "b", \#(Self.sgd), "init": { "from": "a" } } ] }"#)
        #expect(found.map(\.message) == ["the run has no optimizer type"])
    }

    /// lrFind's conflicts are checked without an optimizer, and with lrFind's own values wrong.
    @Test func finderConflictsAreCheckedBesideOtherErrors() {
        let noOptimizer = problems(#"{ "runs": [ { "name": "d", "lrFind": {}, "record": { "every": 2 } } ] }"#)
        #expect(noOptimizer.compactMap(\.path) == ["runs[0]", "runs[0].record.every"])
        let badFinder = problems(#"{ "defaults": { \#(Self.sgd) }, "runs": [ { "name": "a", "lrFind": { "startLr": 10, "endLr": 1 }, "schedule": { "type": "one-cycle" } } ] }"#)
        #expect(badFinder.map(\.message) == ["lrFind.endLr (1) must be above startLr (10)", "lrFind and schedule both set the learning rate of each batch"])
        let badNumIt = problems(#"{ "defaults": { \#(Self.sgd) }, "runs": [ { "name": "a", "lrFind": { "numIt": 2 }, "warmupEpochs": 1 } ] }"#)
        #expect(badNumIt.compactMap(\.path) == ["runs[0].lrFind.numIt", "runs[0].warmupEpochs"])
    }

    /// A sweep that cannot apply is reported beside a missing optimizer; one over an optimizer
    /// setting is not checked against an optimizer that is not known.
    @Test func sweepsAreCheckedBesideAMissingOptimizer() {
        let found = problems(#"{ "runs": [ { "name": "a", "sweep": { "units": [2, 4], "seed": [1, 2] } }, { "name": "b", "sweep": { "beta": [0.9, 0.99] } } ] }"#)
        #expect(found.compactMap(\.path) == ["runs[0]", "runs[0].sweep.units", "runs[0].sweep.seed", "runs[1]"])
        // A bad model: the sweep of units is not checked against it.
        let badModel = problems(#"{ "runs": [ { "name": "a", "model": "lineal", "sweep": { "units": [2, 4] } } ] }"#)
        #expect(badModel.compactMap(\.path) == ["runs[0].model"])
    }

    /// Within one object: a bad init value does not hide an unknown parameter; a bad count does not hide a bad scale.
    @Test func everyProblemOfAnObjectInOnePass() {
        let found = problems(#"{ "defaults": { \#(Self.sgd) }, "runs": [ { "name": "a", "init": { "e": 3, "a": "x" } }, { "name": "b", "sweep": { "lr": { "from": 1e-5, "to": 1e-1, "count": 10001, "scale": "logarithmic" } } } ] }"#)
        #expect(found.compactMap(\.path) == ["runs[0].init.e", "runs[0].init.a", "runs[1].sweep.lr.count", "runs[1].sweep.lr.scale"])
        // The unknown name is checked against the model from defaults.
        let layered = problems(#"{ "defaults": { \#(Self.sgd), "model": { "layers": [ { "units": 2, "activation": "relu" }, { "units": 1 } ] } }, "runs": [ { "name": "a", "init": { "a": 3, "b": "x" } } ] }"#)
        #expect(layered.compactMap(\.path) == ["runs[0].init.a", "runs[0].init.b"])
        // A bad model: the names are not checked against a model that is not known.
        let badModel = problems(#"{ "defaults": { \#(Self.sgd) }, "runs": [ { "name": "a", "model": "lineal", "init": { "e": 3, "a": "x" } } ] }"#)
        #expect(badModel.compactMap(\.path) == ["runs[0].model", "runs[0].init.a"])
        // A bad from and a bad to of a range: both reported.
        let range = problems(#"{ "defaults": { \#(Self.sgd) }, "runs": [ { "name": "b", "sweep": { "lr": { "from": "x", "to": -1, "count": 3 } } } ] }"#)
        #expect(range.compactMap(\.path) == ["runs[0].sweep.lr.from", "runs[0].sweep.lr.to"])
    }

    /// The newcomer's two: a finder's bad numIt does not hide its rates' order; a signal's step
    /// of 0 does not hide an unknown function, nor a bad from a bad to. Each still once.
    @Test func aFindersAndASignalsProblemsInOnePass() {
        let finder = problems(#"{ "defaults": { \#(Self.sgd) }, "runs": [ { "name": "f", "lrFind": { "startLr": 10, "endLr": 1, "numIt": 3 } } ] }"#)
        #expect(finder.compactMap(\.path) == ["runs[0].lrFind", "runs[0].lrFind.numIt"], "\(finder)")
        #expect(finder.first?.message == "lrFind.endLr (1) must be above startLr (10)")
        // A bad rate: no order to check.
        let badRate = problems(#"{ "defaults": { \#(Self.sgd) }, "runs": [ { "name": "f", "lrFind": { "startLr": -1, "endLr": 1, "numIt": 3 } } ] }"#)
        #expect(badRate.compactMap(\.path) == ["runs[0].lrFind.startLr", "runs[0].lrFind.numIt"], "\(badRate)")
        let signal = problems(#"{ "signals": [ { "name": "s", "x": { "from": 0, "to": 1, "step": 0 }, "f": "sinh" } ] }"#)
        #expect(signal.compactMap(\.path) == ["signals[0].x.step", "signals[0].f"], "\(signal)")
        let both = problems(#"{ "signals": [ { "name": "s", "x": { "from": "a", "to": "b", "step": 0.5 } } ] }"#)
        #expect(both.compactMap(\.path) == ["signals[0]", "signals[0].x.from", "signals[0].x.to"], "\(both)")
        #expect(both.first?.message == #"a signal with "x" needs "f""#)
    }
}

/// A setting that came from `defaults` and cannot apply to some run: the message says it came
/// from `defaults`, names the run, and the hint's fix works (checked by applying it).
@Suite struct DefaultsMessageTests {
    static let sgd = #""optimizer": { "type": "sgd", "lr": 0.0001 }"#

    @Test func aDefaultAFinderCannotTakeNamesTheRunAndTheFixWorks() {
        let study = #"{ "defaults": { \#(Self.sgd), "warmupEpochs": 1 }, "runs": [ { "name": "train" }, { "name": "finder", "lrFind": {} } ] }"#
        let found = problems(study)
        #expect(found.map(\.message) == [#"lrFind on runs[1] "finder" starts from the initial weights: warmupEpochs (from "defaults") must be 0, got 1"#])
        #expect(found.first?.path == "defaults.warmupEpochs")
        #expect(found.first?.hint == #"set "warmupEpochs": 0 on runs[1] "finder", or move it from "defaults" to the runs that use it"#)
        // The fix the hint gives.
        #expect(problems(#"{ "defaults": { \#(Self.sgd), "warmupEpochs": 1 }, "runs": [ { "name": "train" }, { "name": "finder", "lrFind": {}, "warmupEpochs": 0 } ] }"#).isEmpty)
        #expect(problems(#"{ "defaults": { \#(Self.sgd), "record": { "every": 2 } }, "runs": [ { "name": "train" }, { "name": "finder", "lrFind": {}, "record": { "every": 1 } } ] }"#).isEmpty)
        #expect(problems(#"{ "defaults": { \#(Self.sgd), "epochRestart": "spreadsheet" }, "runs": [ { "name": "train" }, { "name": "finder", "lrFind": {}, "epochRestart": "continue" } ] }"#).isEmpty)
    }

    /// `defaults.epochs` does not apply to a finder run, and is no error (README says so).
    @Test func defaultEpochsAreNotAFindersError() {
        #expect(problems(#"{ "defaults": { \#(Self.sgd), "epochs": 3 }, "runs": [ { "name": "train" }, { "name": "finder", "lrFind": {} } ] }"#).isEmpty)
    }

    @Test func aScheduleOrAFinderFromDefaultsSaysSo() {
        let schedule = problems(#"{ "defaults": { \#(Self.sgd), "schedule": { "type": "one-cycle" } }, "runs": [ { "name": "train" }, { "name": "finder", "lrFind": {} } ] }"#)
        #expect(schedule.map(\.message) == [#"lrFind and the schedule from "defaults" both set the learning rate of each batch"#])
        #expect(schedule.first?.path == "runs[1].lrFind")
        #expect(schedule.first?.hint == #"move "schedule" from "defaults" to the runs that train with it"#)
        let finder = problems(#"{ "defaults": { \#(Self.sgd), "lrFind": {} }, "runs": [ { "name": "a", "schedule": { "type": "one-cycle" } } ] }"#)
        #expect(finder.map(\.message) == [#"the schedule and lrFind from "defaults" both set the learning rate of each batch"#])
        #expect(finder.first?.path == "runs[0].schedule")
        // Both in defaults: one message, not one per run.
        let both = problems(#"{ "defaults": { \#(Self.sgd), "lrFind": {}, "schedule": { "type": "one-cycle" } }, "runs": [ { "name": "a" }, { "name": "b" } ] }"#)
        #expect(both.compactMap(\.path) == ["defaults.lrFind"])
    }

    /// Optimizer-dependent settings from defaults: the message says where they came from and which run they do not fit.
    @Test func optimizerSettingsFromDefaultsNameTheRun() {
        let moms = problems(#"{ "defaults": { \#(Self.sgd), "schedule": { "type": "one-cycle", "moms": [0.95, 0.85, 0.95] } }, "runs": [ { "name": "m", "optimizer": { "type": "momentum" } }, { "name": "plain" } ] }"#)
        #expect(moms.map(\.message) == [#"moms (from "defaults") schedules momentum, but the optimizer of runs[1] "plain", sgd, has none"#])
        let state = problems(#"{ "defaults": { \#(Self.sgd), "state": { "avg": { "a": 0 } } }, "runs": [ { "name": "plain" } ] }"#)
        #expect(state.map(\.message) == [#"state.avg (from "defaults") is given but the optimizer of runs[0] "plain", sgd, keeps no average"#])
        let anneal = problems(#"{ "defaults": { \#(Self.sgd), "lrAnneal": { "measure": "gradient-size" } }, "runs": [ { "name": "plain" } ] }"#)
        #expect(anneal.first?.message == #"lrAnneal.measure "gradient-size" (from "defaults") needs an optimizer that keeps squared derivatives, not runs[0] "plain"'s sgd"#)
        #expect(anneal.first?.path == "defaults.lrAnneal")
    }
}

/// A name may hold `/` and `\`: file names come from its ASCII letters and digits only, so no name
/// reaches outside the study's folder.
@Suite struct PathSeparatorNameTests {
    @Test func namesWithPathSeparatorsAreAcceptedAndGiveSafeFileNames() throws {
        let study = try readStudy(#"{ "defaults": { "optimizer": { "type": "sgd", "lr": 0.0001 } }, "runs": [ { "name": "SGD w/ momentum" }, { "name": "../../etc" }, { "name": "a\\b" } ], "signals": [ { "name": "..\\x", "values": [1] } ] }"#)
        #expect(study.runs.map(\.name) == ["SGD w/ momentum", "../../etc", #"a\b"#])
        #expect(study.runs.map(\.slug) == ["sgd-w-momentum", "etc", "a-b"])
        #expect(study.signals.map(\.slug) == ["x"])
    }
}

/// A chart's `reference` is checked as far as it needs none of the chart's runs: a run with no
/// optimizer does not hide a reference on the wrong kind of chart or to a run that does not exist.
@Suite struct ChartReferenceBesideAnInvalidRunTests {
    static let dots = #""per": "run", "x": "run", "y": "sqrt_sse""#

    @Test func aReferenceIsCheckedBesideARunWithNoOptimizer() {
        let found = problems(#"""
            { "runs": [ { "name": "a", "model": "linear" } ],
              "charts": [ { "title": "dots", \#(Self.dots), "reference": "b" },
                          { "title": "ref on epoch", "per": "epoch", "y": "sqrt_sse", "reference": "a" },
                          { "title": "ref on a setting", "per": "run", "x": "lr", "reference": "a" },
                          { "title": "fine", \#(Self.dots), "reference": "a" } ] }
            """#)
        #expect(found.map(\.path) == ["runs[0]", "charts[0].reference", "charts[1].reference", "charts[2].reference"], "\(found)")
        #expect(found[1].message.contains("names the run \"b\", which does not exist") && found[1].hint == "did you mean \"a\"?")
        #expect(found[2].message.contains("is for a per-run chart with one row per run"))
    }

    /// The chart's own mistake is reported once: no second message about its reference.
    @Test(arguments: [
        #"{ "title": "no x", "per": "run", "y": "sqrt_sse", "reference": "a" }"#,
        #"{ "title": "typo", \#(dots), "runs": ["a", "c"], "reference": "a" }"#,
    ])
    func aChartMistakeIsNotReportedAgainThroughItsReference(chart: String) {
        let found = problems(#"{ "runs": [ { "name": "a", "model": "linear", \#(IndependentErrorTests.sgd) } ], "charts": [ \#(chart) ] }"#)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.path?.hasSuffix(".reference") == false, "\(found)")
    }
}
