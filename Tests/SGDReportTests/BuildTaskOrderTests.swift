import Foundation
import SGDCharts
import Synchronization
import Testing
@testable import SGDReport

/// The order in which a study build's file-writing tasks start: longest first by their
/// estimated cost, so that the threads finish together and the small tasks fill the end.
@Suite struct BuildTaskOrderTests {
    static let study = #"""
        { "defaults": { "optimizer": { "type": "sgd", "lr": 0.0001 } },
          "runs": [ { "name": "short", "model": "linear", "epochs": 1 },
                    { "name": "long", "model": "linear", "epochs": 40 } ],
          "signals": [ { "name": "sine", "x": { "from": 0, "to": 10, "step": 0.1 }, "f": "sin", "ewma": { "beta": 0.9 } } ],
          "charts": [ { "title": "Loss", "per": "step", "y": "loss", "runs": ["short", "long"] } ] }
        """#

    @Test func largestCostFirstAndTiesInIndexOrder() {
        #expect(longestFirst([]) == [])
        #expect(longestFirst([1, 5, 3]) == [1, 2, 0])
        #expect(longestFirst([2, 7, 2, 7, 0]) == [1, 3, 0, 2, 4])
    }

    @Test func everyTaskRunsOnceInThatOrderOnOneThread() {
        let costs: [Double] = [3, 9, 1, 9, 4, 0, 2]
        let order = longestFirst(costs)
        let seen = Mutex<[Int]>([])
        forEachInParallel(order.count, parallelism: 1) { position in seen.withLock { $0.append(order[position]) } }
        #expect(seen.withLock { $0 } == [1, 3, 4, 0, 6, 2, 5])
        let counts = Mutex<[Int]>(Array(repeating: 0, count: costs.count))
        forEachInParallel(order.count, parallelism: 3) { position in counts.withLock { $0[order[position]] += 1 } }
        #expect(counts.withLock { $0 } == Array(repeating: 1, count: costs.count))
    }

    /// The estimates grow with the work: pixels, points, cells, numbers.
    @Test func estimatesGrowWithTheWork() throws {
        let small = Chart(series: [Series(name: "a", x: [1, 2, 3], y: [1, 2, 3])])
        var large = small
        large.series[0].x = (0..<10_000).map(Double.init)
        large.series[0].y = large.series[0].x
        var sharp = small
        sharp.scale = 3
        #expect(TaskCost.svg(large) > TaskCost.svg(small))
        #expect(TaskCost.png(sharp) == TaskCost.png(small) * 9 / 4)

        let results = try trainedStudy(Self.study)
        let short = results.runs[0].training, long = results.runs[1].training
        #expect(TaskCost.steps(long.steps, epochs: long.epochs) > TaskCost.steps(short.steps, epochs: short.epochs))
        var fewer = results
        fewer.runs.removeLast()
        #expect(TaskCost.workbook(fewer) < TaskCost.workbook(results))
    }

    /// A build of a small study starts its chart files and workbook before its CSV files and
    /// `study.json`, which fill the end.
    @Test func theSmallTasksComeLast() throws {
        let results = try trainedStudy(Self.study)
        let charts = ChartFiles.plan(results, format: .both)
        let large = charts.flatMap { [TaskCost.png($0.chart), TaskCost.svg($0.chart)] } + [TaskCost.workbook(results), TaskCost.page(results, charts: charts.count)]
        let small = results.runs.map { TaskCost.steps($0.training.steps, epochs: $0.training.epochs) }
            + [TaskCost.results(results), TaskCost.studyFile(results.study)]
        #expect(large.min()! > small.max()!)
    }
}
