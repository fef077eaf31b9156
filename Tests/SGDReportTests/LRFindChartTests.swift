import Testing
import SGDCharts
import SGDEngine
import SGDStudy
@testable import SGDReport

/// The finder's chart drawn as fastai's `Recorder.plot_lr_find` draws it (fastai/callback/schedule.py:
/// `lrs[:-skip_end]` with skip_end=5), each suggestion marked on the drawn curve.
@Suite struct LRFindChartTests {
    static func finderChart(_ lrFind: String, batch: String = "8") throws -> (Chart, RunResult, StudyResults) {
        let results = try trainedStudy(#"""
            { "defaults": { "init": 1, "optimizer": { "type": "sgd", "lr": 0.001 } },
              "runs": [ { "name": "find", "batch": \#(batch), "shuffle": { "seed": 1 }, "lrFind": \#(lrFind) } ] }
            """#)
        let definition = try #require(results.study.charts.first { $0.name == "Learning-rate finder: find" })
        return (ChartAssembler.chart(for: definition, results: results), results.run(named: "find")!, results)
    }

    /// Every suggestion's marker lies on the drawn curve: at a drawn point, or between two on
    /// the straight segment over log lr.
    func expectOnCurve(_ chart: Chart, _ run: RunResult) {
        let curve = chart.series[0]
        for mark in chart.series.dropFirst() {
            let lr = mark.x[0], loss = mark.y[0]
            #expect(loss.isFinite, "\(mark.name) at \(loss)")
            #expect(lr >= curve.x.first! * (1 - 1e-6) && lr <= curve.x.last! * (1 + 1e-6), "\(mark.name) off the drawn rates")
            guard let upper = curve.x.firstIndex(where: { $0 >= lr * (1 - 1e-6) }) else { continue }
            let low = Swift.min(curve.y[Swift.max(0, upper - 1)], curve.y[upper]), high = Swift.max(curve.y[Swift.max(0, upper - 1)], curve.y[upper])
            #expect(loss >= low - 1e-9 * Swift.abs(low) && loss <= high + 1e-9 * Swift.abs(high), "\(mark.name): \(loss) not within \(low)…\(high)")
        }
    }

    @Test func theREADMEExampleLeavesTheLastFiveOutAndMarksOnTheCurve() throws {
        let (chart, run, _) = try Self.finderChart(#"{ "startLr": 1e-7, "endLr": 10, "numIt": 100, "stopDiv": true }"#)
        let lrs = run.training.steps.column("lr")!, losses = run.training.steps.column("smooth_loss")!
        #expect(chart.series[0].x == Array(lrs.dropLast(5)) && chart.series[0].y == Array(losses.dropLast(5)))
        #expect(chart.series.count == 5)
        expectOnCurve(chart, run)
        // The minimum suggestion's point is the lowest drawn point (of those fastai searches).
        let minimum = try #require(chart.series.first { $0.name.hasPrefix("minimum ") })
        let searched = chart.series[0].y.dropFirst(100 / 10)
        #expect(minimum.y[0] == searched.min())
        let alt = ChartAssembler.altText(for: chart)
        #expect(alt.contains("the last 5 batches (lr "), "\(alt)")
        #expect(alt.contains("are left out, as fastai's plot_lr_find draws them"))
        #expect(!alt.contains("NaN") && !alt.contains("top edge"))
    }

    /// No stop at divergence and an end rate of 1e10: the smoothed loss overflows float32 (and
    /// then double) near the end; every suggestion still has its marker, on the curve or with a note.
    @Test func aFinderPastDivergenceMarksEverySuggestion() throws {
        let (chart, run, _) = try Self.finderChart(#"{ "stopDiv": false, "endLr": 1e10 }"#)
        let suggestions = try #require(run.training.lrFind)
        let named = LRFinder.Suggestions.names.filter { suggestions.value($0) != nil }
        #expect(chart.series.count == 1 + named.count)
        let scene = try chart.layout(measurer: FixedAdvanceMeasurer())
        #expect(!scene.notes.contains { $0.contains("NaN value") })
        for mark in chart.series.dropFirst() {
            if mark.y[0].isFinite {
                #expect(mark.infinityNote == nil)
            } else {
                // Only where the drawn double-precision curve has no finite loss.
                #expect(mark.y[0] == .infinity && mark.infinityNote?.contains("no finite loss") == true)
                #expect(ChartAssembler.curveLoss(at: mark.x[0], xs: chart.series[0].x, ys: chart.series[0].y) == nil)
            }
        }
        let finite = Chart(title: "", series: [chart.series[0]] + chart.series.dropFirst().filter { $0.y[0].isFinite })
        expectOnCurve(finite, run)
        // Here the drawn curve (in double precision) is finite at every suggestion, though
        // fastai's float32 losses overflow past 3.4e38: no ▲ at the top edge.
        #expect(chart.series.dropFirst().allSatisfy { $0.y[0].isFinite && $0.y[0] < 1e300 })
        #expect(suggestions.points.values.contains { !$0.loss.isFinite || $0.loss > 3e38 })
        // Were the drawn curve not finite there, each suggestion keeps its marker, at the top edge, with a note.
        let curve = chart.series[0]
        let blank = ChartAssembler.lrFindMarks(x: "lr", y: ["smooth_loss"], result: run, runLabel: "find", runCount: 1,
                                               curve: (curve.x, curve.x.map { _ in .nan }))
        #expect(blank.count == named.count)
        #expect(blank.allSatisfy { $0.y == [.infinity] && $0.infinityNote?.hasSuffix("the drawn curve has no finite loss at this rate; marked ▲ at the top edge") == true })
        let blankScene = try Chart(title: "t", series: [curve] + blank, xScale: .log).layout(measurer: FixedAdvanceMeasurer())
        #expect(blankScene.notes.filter { $0.contains("no finite loss at this rate") }.count == named.count)
    }

    @Test func curveLossInterpolatesOverLogLR() {
        let xs = [1e-3, 1e-2, 1e-1, 1], ys = [4.0, 2, .nan, 1]
        #expect(ChartAssembler.curveLoss(at: 1e-2, xs: xs, ys: ys) == 2)
        #expect(Swift.abs(ChartAssembler.curveLoss(at: 0.0031622776601683794, xs: xs, ys: ys)! - 3) < 1e-12)
        #expect(ChartAssembler.curveLoss(at: Double(Float(1e-2)), xs: xs, ys: ys) == 2)
        #expect(ChartAssembler.curveLoss(at: 0.3, xs: xs, ys: ys) == nil)
        #expect(ChartAssembler.curveLoss(at: 2, xs: xs, ys: ys) == nil)
        #expect(ChartAssembler.curveLoss(at: 1e-4, xs: xs, ys: ys) == nil)
    }

    /// A finder that stops early (online batches of the newcomer's study: the smoothed loss passes
    /// 4× its lowest after 2 batches) says why under its chart, and is left out of the default
    /// error chart, whose epochs it does not have (its error over 2 batches at changing rates would
    /// look like a better run's); with only finders, there is no error chart at all.
    @Test func aFinderThatStopsEarlySaysWhyAndStaysOutOfTheErrorChart() throws {
        let results = try trainedStudy(#"""
            { "data": { "name": "graddesc", "normalize": "minmax" }, "defaults": { "init": 1, "epochs": 3 },
              "runs": [ { "name": "train", "optimizer": { "type": "adam", "lr": 0.05 } },
                        { "name": "finder online", "optimizer": { "type": "adam", "lr": 0.05 }, "lrFind": { "numIt": 200 } } ] }
            """#)
        let finder = try #require(results.run(named: "finder online"))
        #expect(finder.training.stepCount < 200 && finder.training.divergence == nil)
        let definition = try #require(results.study.charts.first { $0.name == "Learning-rate finder: finder online" })
        let note = try #require(ChartAssembler.lrFindNote(x: "lr", y: ["smooth_loss"], result: finder))
        #expect(note.contains("the finder stopped after \(finder.training.stepCount) of 200 batches, when its smoothed loss passed 4× the lowest so far (fastai's stop_div)"), "\(note)")
        let chart = ChartAssembler.chart(for: definition, results: results)
        #expect(ChartAssembler.altText(for: chart).contains("fastai's stop_div"))
        let error = try #require(results.study.charts.first { $0.title == "Error per epoch" })
        guard case .runs(_, _, _, let runs) = error.content else { Issue.record("\(error.content)"); return }
        #expect(runs == ["train"])
        let onlyFinders = try trainedStudy(#"""
            { "defaults": { "init": 1, "optimizer": { "type": "sgd", "lr": 0.001 } },
              "runs": [ { "name": "find", "batch": 8, "lrFind": { "numIt": 20, "stopDiv": false } } ] }
            """#)
        #expect(!onlyFinders.study.charts.contains { $0.title == "Error per epoch" || $0.title == "Loss per step" })
        #expect(onlyFinders.study.charts.contains { $0.title == "Learning-rate finder: find" })
        // Ran them all: no reason to give.
        #expect(ChartAssembler.stopText(onlyFinders.run(named: "find")!) == "20 batches")
    }
}

