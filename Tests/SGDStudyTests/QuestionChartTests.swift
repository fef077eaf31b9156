import Testing
import SGDStudy

/// The `fit` and `landscape` charts of SPEC §4.6: what they resolve to, and a located message
/// with a fix for each kind of mistake.
@Suite struct QuestionChartTests {
    static let runs = #"""
        "defaults": { "optimizer": { "type": "sgd", "lr": 0.0001 }, "epochs": 3 },
        "runs": [
          { "name": "1 neuron", "model": "linear" },
          { "name": "SGD fast", "model": "linear", "optimizer": { "type": "sgd", "lr": 0.001 } },
          { "name": "ReLU", "model": { "layers": [ { "units": 1, "activation": "relu" }, { "units": 1 } ] } },
          { "name": "wide", "model": { "layers": [ { "units": 2, "activation": "relu" }, { "units": 1 } ] } },
          { "name": "normalised", "model": "linear", "data": { "x": [0, 0.5, 1], "y": [1, 2, 3] } }
        ]
        """#

    static func study(_ charts: String) -> String { "{ \(runs), \"charts\": [ \(charts) ] }" }

    @Test func bothKindsResolveAndRecordTheirKeys() throws {
        let study = try readStudy(Self.study(#"""
            { "fit": { "runs": ["1 neuron", "ReLU"], "epochs": [0, 1, 3] } },
            { "title": "Valley", "landscape": { "x": "a", "y": "b", "runs": ["1 neuron", "SGD fast"] } }
            """#))
        #expect(study.charts[0].content == .fit(runs: ["1 neuron", "ReLU"], epochs: [0, 1, 3]))
        #expect(study.charts[0].title == "The line the model draws")
        #expect(study.charts[1].content == .landscape(x: "a", y: "b", runs: ["1 neuron", "SGD fast"]))
        #expect(study.charts[1].slug == "valley")
        // study.json records them as written.
        let recorded = try readStudy(Self.study(#"{ "landscape": { "x": "b", "y": "a", "runs": ["1 neuron"] } }"#))
        #expect(recorded.charts[0].title == "Error surface over b and a")
    }

    /// study.json records them so that it reads back as the same study.
    @Test func theWrittenStudyReadsBackWithBothKinds() throws {
        let study = try readStudy(Self.study(#"""
            { "title": "F", "fit": { "runs": ["ReLU"], "epochs": [0, 3] }, "caption": "c", "width": 600 },
            { "name": "surface", "landscape": { "x": "a", "y": "b", "runs": ["1 neuron", "SGD fast"] } }
            """#))
        let text = JSONWriter.write(StudyEncoder.encode(study, generator: "sgdreport test"))
        #expect(text.contains(#""landscape": {"#) && !text.contains(#""xScale""#))
        let again = try readStudy(text, file: "output/test/study.json")
        #expect(again.charts == study.charts)
    }

    @Test func aLandscapeOverAParameterARunLacksNamesTheRunsParameters() {
        let found = problems(Self.study(#"{ "landscape": { "x": "a", "y": "c", "runs": ["1 neuron", "ReLU"] } }"#))
        #expect(found.map(\.description) == [#"studies/test.json:8:48: error: charts[0].landscape.y: the run "1 neuron" has no parameter "c""#])
        #expect(found.first?.hint == "its parameters are a, b")
        // A wide layer's parameters are w<layer>_<unit>_<input> and b<layer>_<unit>.
        let wide = problems(Self.study(#"{ "landscape": { "x": "a", "y": "w1_1_2", "runs": ["wide"] } }"#))
        // x and y are each checked: both are missing here.
        #expect(wide.map(\.message) == [#"the run "wide" has no parameter "a""#, #"the run "wide" has no parameter "w1_1_2""#])
        #expect(wide.first?.hint?.contains("w1_1_1, b1_1, w1_2_1, b1_2, w2_1_1, w2_1_2, b2_1") == true)
        let typo = problems(Self.study(#"{ "landscape": { "x": "w1_1_1", "y": "b1_3", "runs": ["wide"] } }"#))
        #expect(typo.first?.hint?.hasPrefix(#"did you mean "b1_1"?"#) == true)
    }

    @Test func aLandscapeNeedsOneModelOnOneDataSet() {
        let models = problems(Self.study(#"{ "landscape": { "x": "a", "y": "b", "runs": ["1 neuron", "ReLU"] } }"#))
        #expect(models.map(\.message) == [#"the runs "1 neuron" and "ReLU" train different models, so they have no landscape in common"#])
        #expect(models.first?.path == "charts[0].landscape.runs[1]")
        let data = problems(Self.study(#"{ "landscape": { "x": "a", "y": "b", "runs": ["1 neuron", "normalised"] } }"#))
        #expect(data.map(\.message) == [#"the runs "1 neuron" and "normalised" train on different data, so they have no landscape in common"#])
        let same = problems(Self.study(#"{ "landscape": { "x": "a", "y": "a", "runs": ["1 neuron"] } }"#))
        #expect(same.map(\.message) == [#"the landscape's x and y are both "a""#])
    }

    @Test func aFitOverEpochsOrRunsThatDoNotExistIsLocated() {
        let epochs = problems(Self.study(#"{ "fit": { "runs": ["1 neuron"], "epochs": [1, 50] } }"#))
        #expect(epochs.map(\.message) == [#"the run "1 neuron" has 3 epochs, so it has no epoch 50"#])
        #expect(epochs.first?.path == "charts[0].fit.epochs[1]")
        #expect(epochs.first?.hint == "list epochs from 0 (the starting weights) to 3")
        let run = problems(Self.study(#"{ "fit": { "runs": ["1 nueron"], "epochs": [1] } }"#))
        #expect(run.map(\.message) == [#"the chart names the run "1 nueron", which does not exist"#])
        #expect(run.first?.hint == #"did you mean "1 neuron"?"#)
        let negative = problems(Self.study(#"{ "fit": { "runs": ["1 neuron"], "epochs": [-1] } }"#))
        #expect(negative.count == 1 && negative.first?.path == "charts[0].fit.epochs[0]")
        let empty = problems(Self.study(#"{ "fit": { "runs": ["1 neuron"], "epochs": [] } }"#))
        #expect(empty.count == 1 && empty.first?.path == "charts[0].fit.epochs")
    }

    @Test func aFitOverAnEpochTheRunDoesNotKeepIsLocated() {
        let study = #"""
            { "runs": [ { "name": "long", "model": "linear", "epochs": 25, "record": { "epochs": 10 },
                          "optimizer": { "type": "sgd", "lr": 0.0001 } } ],
              "charts": [ { "fit": { "runs": ["long"], "epochs": [0, 1, 11, 21, 25, 12] } } ] }
            """#
        let found = problems(study)
        #expect(found.map(\.message) == [#"the run "long" keeps every 10th epoch ("record": { "epochs": 10 }), so its epoch 12 is not kept"#])
        #expect(found.first?.path == "charts[0].fit.epochs[5]")
        #expect(found.first?.hint == #"list kept epochs — 1, 11, 21, …, and 25, such as 11 or 21 — or remove "epochs" from its "record""#)
    }

    @Test func aQuestionChartTakesNoLineChartKeysAndIsOneKind() {
        let per = problems(Self.study(#"{ "per": "epoch", "fit": { "runs": ["1 neuron"], "epochs": [1] } }"#))
        #expect(per.map(\.message) == [#"a "fit" chart has no "per""#])
        #expect(per.first?.hint == #"remove "per""#)
        let runs = problems(Self.study(#"{ "runs": ["1 neuron"], "landscape": { "x": "a", "y": "b", "runs": ["1 neuron"] } }"#))
        #expect(runs.map(\.message) == [#"a "landscape" chart has no "runs""#])
        #expect(runs.first?.hint == #"put "runs" inside "landscape""#)
        let both = problems(Self.study(#"{ "fit": { "runs": ["1 neuron"], "epochs": [1] }, "landscape": { "x": "a", "y": "b", "runs": ["1 neuron"] } }"#))
        #expect(both.map(\.message) == [#"a chart is either a "fit" or a "landscape", not both"#])
        let unknown = problems(Self.study(#"{ "landscape": { "x": "a", "y": "b", "run": ["1 neuron"] } }"#))
        // One mistake, one message: the misspelt "runs" is not also reported missing.
        #expect(unknown.map(\.message) == [#"unknown key "run" in "landscape""#])
        #expect(unknown.first { $0.message.hasPrefix("unknown") }?.hint == #"did you mean "runs"?"#)
        let notObject = problems(Self.study(#"{ "fit": ["1 neuron"] }"#))
        #expect(notObject.count == 1 && notObject.first?.path == "charts[0].fit")
    }
}

/// A fit chart draws one set of data points: runs trained on different data are refused.
@Suite struct FitDataTests {
    @Test func runsOnDifferentDataAreRefusedAtTheSecond() {
        let found = problems(#"""
            { "defaults": { "optimizer": { "type": "sgd", "lr": 0.0001 } },
              "runs": [ { "name": "e1" }, { "name": "mine", "data": { "x": [1, 2, 3], "y": [2, 4, 6] } } ],
              "charts": [ { "title": "f", "fit": { "runs": ["e1", "mine"], "epochs": [1] } } ] }
            """#)
        #expect(found.map(\.message) == [#"the runs "e1" and "mine" train on different data, and a fit chart draws one set of data points"#])
        #expect(found.first?.path == "charts[0].fit.runs[1]")
        #expect(found.first?.hint == "draw one fit chart per data set")
    }
}
