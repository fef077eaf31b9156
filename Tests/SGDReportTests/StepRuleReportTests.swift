import Foundation
import Testing
import SGDEngine
import SGDStudy
@testable import SGDReport

/// What the report makes of weight decay, schedules and the learning-rate finder: the default
/// charts, the finder's marked suggestions, `results.json` and the workbook's values note.
@Suite struct StepRuleReportTests {
    static let study = #"""
        { "data": { "x": [1, 2, 3, 4, 5, 6, 7, 8], "target": { "slope": 2, "intercept": 1 } },
          "defaults": { "init": 0, "optimizer": { "type": "sgd", "lr": 0.001 } },
          "runs": [
            { "name": "finder", "batch": "full", "lrFind": { "numIt": 60 } },
            { "name": "cycle", "epochs": 4, "optimizer": { "type": "adam", "lr": 0.01 }, "schedule": { "type": "one-cycle" } },
            { "name": "decay", "epochs": 2, "optimizer": { "wd": 0.1 } },
            { "name": "short finder", "batch": "full", "lrFind": { "numIt": 12 } }
          ] }
        """#

    /// The scheduled runs of one sweep share one rate chart and one momentum chart, a line per
    /// run (the newcomer's sweep of lrMax over 7 values made 14 charts, the momentum ones alike);
    /// a scheduled run of its own keeps its own.
    @Test func aSweepsScheduledRunsShareTheirScheduleCharts() throws {
        let results = try trainedStudy(#"""
            { "data": { "x": [1, 2, 3, 4, 5, 6, 7, 8], "target": { "slope": 2, "intercept": 1 } },
              "defaults": { "init": 0, "epochs": 2 },
              "runs": [
                { "name": "oc", "optimizer": { "type": "momentum", "lr": 0.01 }, "schedule": { "type": "one-cycle" },
                  "sweep": { "lrMax": { "from": 0.001, "to": 0.1, "count": 3, "scale": "log" } } },
                { "name": "cos", "optimizer": { "type": "sgd", "lr": 0.01 }, "schedule": { "type": "cos", "from": 0.01, "to": 0.001 } }
              ] }
            """#)
        let rate = results.study.charts.filter { $0.title.hasPrefix("Learning rate: ") }
        let momentum = results.study.charts.filter { $0.title.hasPrefix("Momentum: ") }
        #expect(rate.map(\.title) == ["Learning rate: oc", "Learning rate: cos"])
        #expect(momentum.map(\.title) == ["Momentum: oc"])
        let swept = results.study.runs.filter { $0.sweep?.baseName == "oc" }.map(\.name)
        #expect(swept.count == 3)
        guard case .runs(_, _, let y, let runs) = rate[0].content, case .runs(_, _, _, let momentumRuns) = momentum[0].content else {
            Issue.record("\(rate[0].content)")
            return
        }
        #expect(y == ["lr"] && runs == swept && momentumRuns == swept)
        #expect(rate[0].caption?.hasSuffix(", a line per run of the sweep.") == true)
        #expect(rate[1].caption == "The cos schedule's rate before each batch, as fastai's ParamScheduler sets it.")
        let chart = ChartAssembler.chart(for: rate[0], results: results)
        #expect(chart.series.count == 3)
    }

    @Test func theFinderGetsItsChartWithFastaiSuggestionsMarked() throws {
        let results = try trainedStudy(Self.study)
        let names = results.study.charts.map(\.name)
        #expect(names.contains("Learning-rate finder: finder"))
        #expect(names.contains("Learning rate: cycle"))
        #expect(names.contains("Momentum: cycle"))
        #expect(!names.contains("Learning rate: decay"))
        let definition = try #require(results.study.charts.first { $0.name == "Learning-rate finder: finder" })
        let chart = ChartAssembler.chart(for: definition, results: results)
        #expect(chart.xScale == .log)
        let finder = try #require(results.run(named: "finder"))
        let suggestions = try #require(finder.training.lrFind)
        #expect(chart.series.count == 5)
        // fastai's plot_lr_find leaves the last 5 batches out.
        #expect(chart.series[0].x == Array(finder.training.steps.column("lr")!.dropLast(5)))
        #expect(chart.series[0].y == Array(finder.training.steps.column("smooth_loss")!.dropLast(5)))
        for (series, name) in zip(chart.series.dropFirst(), LRFinder.Suggestions.names) {
            #expect(series.name.hasPrefix(name + " "))
            #expect(series.style == .markers)
            #expect(series.x == [suggestions.points[name]!.lr])
        }
        // minimum's point is at the lowest loss's rate, ten times the suggestion.
        #expect(suggestions.points["minimum"]!.lr / 10 == suggestions.minimum)
    }

    @Test func resultsJSONGivesTheFourSuggestions() throws {
        let results = try trainedStudy(Self.study)
        let json = JSONWriter.write(ResultsEncoder.encode(results))
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let runs = object["runs"] as! [[String: Any]]
        let finder = try #require(runs.first { $0["name"] as? String == "finder" }?["lrFind"] as? [String: Any])
        #expect(finder.keys.sorted() == ["minimum", "slide", "steep", "valley"])
        let suggestions = results.run(named: "finder")!.training.lrFind!
        #expect(finder["valley"] as? Double == suggestions.valley)
        #expect(runs.first { $0["name"] as? String == "cycle" }?["lrFind"] == nil)
        // 12 batches leave points 1 … 6: too few for slide (16), which is null, with a note on the chart.
        let short = try #require(runs.first { $0["name"] as? String == "short finder" }?["lrFind"] as? [String: Any])
        #expect(short["slide"] is NSNull)
        let definition = try #require(results.study.charts.first { $0.name == "Learning-rate finder: short finder" })
        let chart = ChartAssembler.chart(for: definition, results: results)
        #expect(chart.notes.contains { $0.contains("no slide suggestion") })
    }

    @Test func theWorkbookWritesValuesAndSaysWhy() throws {
        let results = try trainedStudy(Self.study)
        for (name, words) in [("cycle", "one-cycle schedule"), ("decay", "weight decay (wd 0.1)")] {
            let result = try #require(results.run(named: name))
            let sheet = RunSheet(result: result, name: name)
            let reason = try #require(sheet.valuesReason)
            #expect(reason.contains(words), "\(name): \(reason)")
            let built = sheet.build()
            // The new columns appear in the sheet's step table.
            let header = result.training.steps.columns
            if name == "cycle" { #expect(header.suffix(2) == ["lr", "mom"]) }
            #expect(!built.name.isEmpty)
        }
        // A full-batch finder is a mini-batch run first: that reason stands; its columns are there.
        let finder = try #require(results.run(named: "finder"))
        #expect(RunSheet(result: finder, name: "finder").valuesReason != nil)
        #expect(finder.training.steps.columns.suffix(2) == ["lr", "smooth_loss"])
        var online = finder
        online.run.batch = .online
        #expect(RunSheet(result: online, name: "finder").valuesReason?.contains("lrFind") == true)
    }
}
