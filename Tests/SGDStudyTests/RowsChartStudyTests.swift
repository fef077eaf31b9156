import Testing
@testable import SGDStudy

/// A per-run chart with one row per run (`"per": "run", "x": "run"`) and its `reference`: read,
/// written back to study.json, and each mistake located with its fix.
@Suite struct RowsChartStudyTests {
    static func study(_ chart: String) -> String {
        #"{ "defaults": { "init": 1, "epochs": 2, "model": "linear", "optimizer": { "type": "sgd", "lr": 0.0001 } }, "runs": [ { "name": "line" }, { "name": "fast", "optimizer": { "type": "adam", "lr": 0.1 } }, { "name": "seeds", "init": { "pytorch": { "seed": 1 } }, "sweep": { "seed": [1, 2] } } ], "charts": [ \#(chart) ] }"#
    }

    @Test func aChartByRunNamesItsRunsAndItsReference() throws {
        let study = try readStudy(Self.study(#"{ "title": "t", "per": "run", "x": "run", "runs": ["line", "seeds"], "reference": "line" }"#))
        let chart = study.charts[0]
        #expect(chart.content == .runs(per: .run, x: "run", y: ["sqrt_sse"], runs: ["line", "seeds seed=1", "seeds seed=2"]))
        #expect(chart.reference == "line")
        // study.json writes it back, and reads the same chart again.
        let written = JSONWriter.write(StudyEncoder.encode(study, generator: "test"))
        #expect(written.contains(#""reference": "line""#))
        let again = try readStudy(written, file: "output/test/study.json")
        #expect(again.charts == study.charts)
    }

    @Test func withoutRunsEveryRunIsARowAndNoReferenceIsNeeded() throws {
        let chart = try readStudy(Self.study(#"{ "per": "run", "x": "run" }"#)).charts[0]
        #expect(chart.content == .runs(per: .run, x: "run", y: ["sqrt_sse"], runs: ["line", "fast", "seeds seed=1", "seeds seed=2"]))
        #expect(chart.title == "Final sqrt_sse of each run" && chart.reference == nil)
    }

    @Test func eachMistakeIsOneLocatedMessageWithItsFix() {
        func one(_ chart: String) -> (String, String?) {
            let found = problems(Self.study(chart))
            #expect(found.count == 1, "\(found.map(\.description))")
            return (found.first.map { "\($0.path ?? ""): \($0.message)" } ?? "", found.first?.hint)
        }
        let missing = one(#"{ "per": "run", "x": "run", "reference": "lien" }"#)
        #expect(missing.0 == #"charts[0].reference: the chart's reference names the run "lien", which does not exist"#)
        #expect(missing.1 == #"did you mean "line"?"#)
        let notOnChart = one(#"{ "per": "run", "x": "run", "runs": ["fast"], "reference": "line" }"#)
        #expect(notOnChart.0 == #"charts[0].reference: the chart's reference "line" is not one of its runs"#)
        #expect(notOnChart.1 == #"add "line" to the chart's "runs""#)
        let onASweepChart = one(#"{ "per": "run", "x": "seed", "runs": ["seeds"], "reference": "seeds seed=1" }"#)
        #expect(onASweepChart.0 == #"charts[0].reference: "reference" is for a per-run chart with one row per run"#)
        #expect(onASweepChart.1 == #"set "per": "run" and "x": "run", or remove "reference""#)
        let onALineChart = one(#"{ "per": "epoch", "reference": "line" }"#)
        #expect(onALineChart.0.hasSuffix(#""reference" is for a per-run chart with one row per run"#))
        let notAString = one(#"{ "per": "run", "x": "run", "reference": 1 }"#)
        #expect(notAString.0.hasPrefix("charts[0].reference: "))
        let typo = one(#"{ "per": "run", "x": "rn" }"#)
        #expect(typo.0.hasPrefix("charts[0].x: a per-run chart's x must be a numeric setting ("))
        #expect(typo.0.hasSuffix(#" or "run" (one row per run), got "rn""#))
        #expect(typo.1 == #"did you mean "run"?"#)
        let noPer = one(#"{ "x": "run" }"#)
        #expect(noPer.0 == #"charts[0].x: the run "line" has no column "run" for x"#)
        #expect(noPer.1 == #"for one row per run, add "per": "run""#)
        let onAFit = one(#"{ "fit": { "runs": ["line"], "epochs": [1] }, "reference": "line" }"#)
        #expect(onAFit.0 == #"charts[0].reference: a "fit" chart has no "reference""#)
    }

    /// The rows are runs: a scale or smoothing of the y axis makes no sense there, in any script's names.
    @Test func aScaleOrSmoothingOfTheRowAxisIsOneLocatedMessagePointingAtXScale() {
        for (scale, runs) in [("log", "[\"line\", \"seeds\"]"), ("linear", "[\"fast\"]"), ("symlog", "null")] {
            let chart = runs == "null" ? #"{ "per": "run", "x": "run", "yScale": "\#(scale)" }"#
                : #"{ "per": "run", "x": "run", "runs": \#(runs), "yScale": "\#(scale)" }"#
            let found = problems(Self.study(chart))
            #expect(found.count == 1, "\(found.map(\.description))")
            #expect(found.first?.path == "charts[0].yScale")
            #expect(found.first?.message == #"a dot plot ("per": "run", "x": "run") has one row per run on its y axis, which has no scale"#)
            #expect(found.first?.hint == #"the values are on the x axis: use "xScale": "\#(scale)""#)
        }
        // The issue's example: names in three scripts, values on x.
        let example = #"{ "defaults": { "epochs": 3, "optimizer": { "type": "sgd", "lr": 0.0001 } }, "runs": [ {"name":"一个神经元","model":"linear"}, {"name":"خلية","model":"linear"}, {"name":"🔥🔥","model":"linear","optimizer":{"type":"adam","lr":0.01,"wd":0.1}} ], "charts": [ { "title": "d", "per": "run", "x": "run", "y": "sqrt_sse", "yScale": "log" } ] }"#
        let found = problems(example)
        #expect(found.map { $0.path } == ["charts[0].yScale"])
        let smoothed = problems(Self.study(#"{ "per": "run", "x": "run", "smoothing": 0.6 }"#))
        #expect(smoothed.map { "\($0.path ?? ""): \($0.message)" } == [#"charts[0].smoothing: a dot plot ("per": "run", "x": "run") shows one final value per run, which has nothing to smooth"#])
        // Both keys: one message each. On x, the same scale is taken.
        #expect(problems(Self.study(#"{ "per": "run", "x": "run", "yScale": "log", "smoothing": 0.6 }"#)).count == 2)
        #expect(problems(Self.study(#"{ "per": "run", "x": "run", "xScale": "log" }"#)).isEmpty)
        // A per-run chart against a setting keeps its y scale.
        #expect(problems(Self.study(#"{ "per": "run", "x": "seed", "runs": ["seeds"], "yScale": "log" }"#)).isEmpty)
    }

    /// A sweep as written stands for its runs: as init.from says, name one of them.
    @Test func aReferenceNamingASweepAsksForOneOfItsRuns() {
        let study = #"{ "defaults": { "epochs": 1, "model": "linear", "optimizer": { "type": "sgd", "lr": 0.0001 } }, "runs": [ { "name": "boom2" }, { "name": "boom", "sweep": { "lr": [0.001, 0.01, 0.1] } } ], "charts": [ CHART ] }"#
        for (chart, example) in [
            (#"{ "per": "run", "x": "run", "reference": "boom" }"#, "boom lr=0.001"),
            (#"{ "per": "run", "x": "run", "runs": ["boom2", "boom"], "reference": "boom" }"#, "boom lr=0.001"),
            // The example is one of the chart's runs when the chart names only some.
            (#"{ "per": "run", "x": "run", "runs": ["boom lr=0.01", "boom2"], "reference": "boom" }"#, "boom lr=0.01"),
        ] {
            let found = problems(study.replacingOccurrences(of: "CHART", with: chart))
            #expect(found.count == 1, "\(found.map(\.description))")
            #expect(found.first.map { "\($0.path ?? ""): \($0.message)" } == #"charts[0].reference: the chart's reference names "boom", a sweep of 3 runs; a reference is one run"#)
            #expect(found.first?.hint == "name one of them, e.g. \"\(example)\"")
        }
    }
}
