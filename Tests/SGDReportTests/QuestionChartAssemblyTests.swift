import Testing
import SGDCharts
import SGDEngine
import SGDStudy
@testable import SGDReport

/// The `fit` and `landscape` charts assembled from trained runs (SPEC §4.6).
@Suite struct QuestionChartAssemblyTests {
    static let optimizers = #"""
        { "data": "graddesc", "defaults": { "init": 1, "epochs": 50, "model": "linear" },
          "runs": [
            { "name": "SGD", "optimizer": { "type": "sgd", "lr": 0.0001 } },
            { "name": "Adam", "optimizer": { "type": "adam", "lr": 0.1, "beta1": 0.9, "beta2": 0.99, "eps": 1e-5 } },
            { "name": "short", "epochs": 2, "optimizer": { "type": "sgd", "lr": 0.0001 } },
            { "name": "exploding", "epochs": 3, "optimizer": { "type": "sgd", "lr": 0.01 } }
          ],
          "charts": [
            { "title": "Paths", "landscape": { "x": "a", "y": "b", "runs": ["SGD", "Adam", "short"] } },
            { "title": "Exploding", "landscape": { "x": "a", "y": "b", "runs": ["SGD", "exploding"] } }
          ] }
        """#

    @Test func aLandscapeShowsEachPathItsEndsAndTheMinimum() throws {
        let results = try trainedStudy(Self.optimizers)
        let chart = ChartAssembler.chart(for: results.study.charts[0], results: results)
        let contours = try #require(chart.contours)
        #expect(contours.field.xs.count == 200 && contours.field.ys.count == 200)
        // The surface is the SSE with the other weights held: spot-check one grid point.
        let i = 37, j = 121
        let expected = Network.linear.sumOfSquaredErrors(on: .graddesc, parameters: [contours.field.xs[i], contours.field.ys[j]])
        #expect(Swift.abs(contours.field[i, j] - expected) <= 1e-9 * expected)
        // Long runs are drawn through their epoch ends; a short one step by step, ending at its final weights.
        let sgd = results.run(named: "SGD")!, short = results.run(named: "short")!
        #expect(chart.series[0].x.count == 51)
        #expect(chart.series[0].x.last == sgd.training.finalParameters[0] && chart.series[0].y.last == sgd.training.finalParameters[1])
        #expect(chart.series[2].x.count == 2 * 29 + 1)
        #expect(chart.series[2].x.last == short.training.finalParameters[0])
        // Every path point and the minimum (y = 2x + 30 exactly: a = 2, b = 30) are in view.
        let x = try #require(chart.xDomain), y = try #require(chart.yDomain)
        for s in chart.series { #expect(zip(s.x, s.y).allSatisfy { x.contains($0.0) && y.contains($0.1) }) }
        guard case .point(let mx, let my, let label)? = chart.annotations.first else { Issue.record("no minimum"); return }
        #expect(Swift.abs(mx - 2) < 0.05 && Swift.abs(my - 30) < 1)
        #expect(label.hasPrefix("minimum, SSE"))
        #expect(contours.levels.count >= 6 && contours.levels == contours.levels.sorted())
        #expect(chart.notes.contains { $0.contains("SGD: drawn through its weights at the end of each of its 50 epochs") })
        let alt = ChartAssembler.altText(for: chart, content: results.study.charts[0].content)
        #expect(alt.hasPrefix("Landscape chart: Paths. Contour lines of the sum of squared errors over a and b, logarithmic levels from"))
        #expect(alt.contains("x axis: a, linear, from") && alt.contains("y axis: b, linear, from"))
        #expect(alt.contains("Paths: SGD from (1, 1) to"))
        #expect(alt.contains("Marked: minimum, SSE"))
    }

    /// A first run that diverged ends at weights such as 1e166, where the surface shows nothing
    /// of its path: the other weights are held at its starting values, and the note says so.
    @Test func aDivergedFirstRunHoldsTheOthersAtItsStart() throws {
        let results = try trainedStudy(#"""
            { "defaults": { "init": 1, "epochs": 3 },
              "runs": [ { "name": "two", "model": { "layers": [ { "units": 1 }, { "units": 1 } ] }, "optimizer": { "type": "sgd", "lr": 0.001 } } ],
              "charts": [ { "title": "land", "landscape": { "x": "a", "y": "c", "runs": ["two"] } } ] }
            """#)
        #expect(results.run(named: "two")?.training.divergence != nil)
        let chart = ChartAssembler.chart(for: results.study.charts[0], results: results)
        #expect(chart.notes.contains("Other weights held at two's starting values: b = 1, d = 1"), "\(chart.notes)")
        #expect((chart.contours?.levels.count ?? 0) >= 3)
    }

    @Test func aPathThatExplodesIsDrawnUntilItLeavesAndSaysSo() throws {
        let results = try trainedStudy(Self.optimizers)
        let chart = ChartAssembler.chart(for: results.study.charts[1], results: results)
        let exploding = results.run(named: "exploding")!
        let x = try #require(chart.xDomain)
        // Its later steps lie far outside the view, which the slow run and the minimum set.
        #expect(chart.series[1].x.contains { !x.contains($0) })
        #expect(x.upperBound < 10)
        if let divergence = exploding.training.divergence {
            #expect(chart.contours?.diverged == [1])
            // Its × (the last point drawn) is out of view: the note says where the path leaves it.
            let path = chart.series[1], y = try #require(chart.yDomain)
            #expect(!(x.contains(path.x.last!) && y.contains(path.y.last!)))
            let out = try #require(path.x.indices.first { !x.contains(path.x[$0]) || !y.contains(path.y[$0]) })
            let step = Int(try #require(exploding.training.steps.column("step"))[out])
            #expect(chart.notes.contains("exploding diverged at step \(divergence.step); its path leaves the view at step \(step), before its × there"),
                    "\(chart.notes)")
            #expect(chart.series[1].x.allSatisfy { $0.isFinite })
        } else {
            #expect(chart.notes.contains { $0.hasPrefix("exploding: the error passes 100 times its first value at step") })
        }
        // A run that overflows is cut at its first non-finite weight.
        let scene = try chart.layout(measurer: FixedAdvanceMeasurer())
        #expect(scene.items.allSatisfy { item in
            if case .polyline(let points, _) = item.element { return points.allSatisfy(\.isFinite) } else { return true }
        })
    }

    /// The issue's study: a diverged run whose first step already leaves the view.
    @Test func aDivergedPathThatLeavesTheViewSaysWhere() throws {
        let results = try trainedStudy(#"""
            { "defaults": { "epochs": 5, "optimizer": { "type": "sgd", "lr": 0.0001 } },
              "runs": [ { "name": "line", "model": "linear" },
                        { "name": "boom", "model": "linear", "optimizer": { "type": "sgd", "lr": 0.01 }, "epochs": 20 } ],
              "charts": [ { "title": "landscape", "landscape": { "x": "a", "y": "b", "runs": ["line", "boom"] } } ] }
            """#)
        let boom = try #require(results.run(named: "boom")?.training.divergence)
        let chart = ChartAssembler.chart(for: results.study.charts[0], results: results)
        let x = try #require(chart.xDomain), y = try #require(chart.yDomain)
        let path = chart.series[1]
        #expect(!x.contains(path.x.last!) || !y.contains(path.y.last!))
        #expect(chart.notes.contains("boom diverged at step \(boom.step); its path leaves the view at step 2, before its × there"),
                "\(chart.notes)")
        #expect(!chart.notes.contains { $0.contains("drawn up to there") })
        let alt = ChartAssembler.altText(for: chart, content: results.study.charts[0].content)
        #expect(alt.contains("its path leaves the view at step 2"))
    }

    /// Each way a diverged path can end: its × in view, leaving the view after some steps, or
    /// starting outside it.
    @Test func theDivergedNoteFollowsWhereTheCrossIs() throws {
        let results = try trainedStudy(#"""
            { "defaults": { "epochs": 2 }, "runs": [ { "name": "r", "model": "linear", "optimizer": { "type": "sgd", "lr": 0.0001 } } ] }
            """#)
        var path = LandscapePath(try #require(results.run(named: "r")), x: "a", y: "b")
        let box = LandscapeBox(x: 0...10, y: 0...10)
        path.xs = [1, 2, 3, 4, 50]
        path.ys = [1, 2, 3, 4, 5]
        path.steps = [1, 2, 3, 4, 5]
        #expect(ChartAssembler.divergedPathText(path, drawn: 4, box: box) == "; its path is drawn up to there (×)")
        #expect(ChartAssembler.divergedPathText(path, drawn: 5, box: box) == "; its path leaves the view at step 5, before its × there")
        path.ys[2] = -1
        #expect(ChartAssembler.divergedPathText(path, drawn: 5, box: box) == "; its path leaves the view at step 3, before its × there")
        path.xs[0] = -1
        #expect(ChartAssembler.divergedPathText(path, drawn: 5, box: box) == "; its path starts outside the view, and its × is outside it too")
        path.steps = nil
        #expect(ChartAssembler.divergedPathText(path, drawn: 5, box: box) == "; its path leaves the view before its × there")
    }

    @Test func aFitDrawsTheDataAndEachEpochsFunctionDarkerLater() throws {
        let results = try trainedStudy(#"""
            { "data": "graddesc", "defaults": { "init": 1, "epochs": 3, "optimizer": { "type": "sgd", "lr": 0.0001 },
                "derivatives": { "method": "forward", "epsilon": 0.01 } },
              "runs": [
                { "name": "1 neuron", "model": "linear" },
                { "name": "ReLU", "model": { "layers": [ { "units": 1, "activation": "relu" }, { "units": 1 } ] } }
              ],
              "charts": [ { "title": "Fit", "fit": { "runs": ["1 neuron", "ReLU"], "epochs": [3, 0, 1] } } ] }
            """#)
        let chart = ChartAssembler.chart(for: results.study.charts[0], results: results)
        #expect(chart.series.map(\.name) == ["data", "1 neuron · start", "1 neuron · epoch 1", "1 neuron · epoch 3",
                                             "ReLU · start", "ReLU · epoch 1", "ReLU · epoch 3"])
        #expect(chart.series[0].x == Dataset.graddesc.x && chart.series[0].style == .markers)
        // The 1-neuron line at epoch 3 is a·x + b with that epoch's weights, over the data's x range.
        let one = results.run(named: "1 neuron")!
        let w = one.training.epochs.rows[2].parameters
        let line = chart.series[3]
        #expect(line.x.first == 8 && line.x.last == 99)
        for (x, y) in zip(line.x, line.y) { #expect(Swift.abs(y - (w[0] * x + w[1])) < 1e-9) }
        // The dead ReLU draws a flat line: the constant d.
        let relu = chart.series[6]
        #expect(Set(relu.y).count == 1)
        // Later epochs darker.
        func lightness(_ c: Color?) -> Double { c.map { $0.red + $0.green + $0.blue } ?? 0 }
        #expect(lightness(chart.series[1].color) > lightness(chart.series[2].color))
        #expect(lightness(chart.series[2].color) > lightness(chart.series[3].color))
        let alt = ChartAssembler.altText(for: chart, content: results.study.charts[0].content)
        #expect(alt.hasPrefix("Fit chart: Fit. 29 data points (x, y) and the function the model computes at the start and at the end of epochs 1, 3, drawn as lines over x."))
        #expect(alt.contains("x axis: x, linear, from 8 to 99."))
        #expect(alt.contains("Lines: 1 neuron · start; 1 neuron · epoch 1"))
    }
}


/// The minimum a landscape marks: Nelder–Mead from the grid's lowest point.
@Suite struct LandscapeMinimumTests {
    @Test func itFollowsACurvedValleyToTheMinimum() {
        // Rosenbrock's banana valley, minimum 0 at (1, 1).
        let low = LandscapeMinimum.descend(from: (-1.2, 1), step: (0.1, 0.1)) { x, y in
            100 * (y - x * x) * (y - x * x) + (1 - x) * (1 - x)
        }
        #expect(Swift.abs(low.x - 1) < 1e-4 && Swift.abs(low.y - 1) < 1e-4)
        #expect(low.value < 1e-8)
        // A hyperbolic floor like the stacked model's a·c = 2, with its lowest point at c = 25.
        let hyperbola = LandscapeMinimum.descend(from: (1.5, 1.5), step: (0.03, 0.03)) { a, c in
            let slope = a * c - 2, intercept = c - 25
            return 1e4 * slope * slope + intercept * intercept
        }
        #expect(Swift.abs(hyperbola.y - 25) < 1e-3 && Swift.abs(hyperbola.x - 0.08) < 1e-5)
    }

    @Test func aNonFiniteStartStaysPut() {
        let low = LandscapeMinimum.descend(from: (0, 0), step: (1, 1)) { _, _ in .nan }
        #expect(low.x == 0 && low.y == 0 && !low.value.isFinite)
    }
}

/// A fit over a run that diverged leaves out the epochs it never finished, and says so.
@Suite struct FitDivergenceTests {
    @Test func epochsAfterTheDivergenceAreNotDrawn() throws {
        let results = try trainedStudy(#"""
            { "data": "graddesc", "defaults": { "init": 1, "epochs": 30, "model": "linear" },
              "runs": [ { "name": "too fast", "optimizer": { "type": "sgd", "lr": 0.001 } } ],
              "charts": [ { "title": "Fit", "fit": { "runs": ["too fast"], "epochs": [1, 30] } } ] }
            """#)
        let divergence = try #require(results.run(named: "too fast")?.training.divergence)
        let chart = ChartAssembler.chart(for: results.study.charts[0], results: results)
        #expect(chart.series.map(\.name) == ["data", "epoch 1"])
        #expect(chart.notes.contains("too fast diverged at step \(divergence.step) (epoch \(divergence.epoch)): epoch 30 not drawn"))
        // The view keeps the data readable: it is not stretched to the diverging line.
        let y = try #require(chart.yDomain)
        #expect(y.lowerBound >= 46 - 183 && y.upperBound <= 228 + 183)
    }
}
