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
}
