import Foundation
import SGDStudy
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

    static func tasks(_ costs: [Double], fonts: [Bool]) -> [BuildTask] {
        zip(costs, fonts).map { BuildTask(cost: $0, needsFonts: $1) { nil } }
    }

    /// With two threads the first two tasks are the longest chart and the longest task that
    /// needs no fonts (the workbook), so that the first chart warms the fonts up alone; the
    /// rest follow longest first.
    @Test func onlyOneChartStartsAmongTheFirst() {
        // The momentum study's shape: 7 PNGs, 7 SVGs, the workbook, the page, CSV files.
        let costs: [Double] = [84, 84, 84, 16, 15, 15, 70, 58, 3, 0.1, 0]
        let fonts = [true, true, true, true, true, true, false, false, false, false, false]
        let tasks = Self.tasks(costs, fonts: fonts)
        #expect(BuildTask.startOrder(tasks, parallelism: 2) == [0, 6, 1, 2, 7, 3, 4, 5, 8, 9, 10])
        // Three threads: one chart beside the two longest tasks without text.
        #expect(BuildTask.startOrder(tasks, parallelism: 3) == [0, 6, 7, 1, 2, 3, 4, 5, 8, 9, 10])
        // More threads than tasks without fonts: all of those start with the first chart.
        #expect(BuildTask.startOrder(tasks, parallelism: 8) == [0, 6, 7, 8, 9, 10, 1, 2, 3, 4, 5])
        // A chart that is not the longest task still leads; ties keep index order.
        let small = Self.tasks([5, 90, 5, 40], fonts: [true, false, true, false])
        #expect(BuildTask.startOrder(small, parallelism: 2) == [0, 1, 3, 2])
    }

    /// One thread takes the tasks longest first (nothing to overlap); so do tasks all of one kind.
    @Test func oneThreadOrOneKindIsLongestFirst() {
        let costs: [Double] = [84, 84, 16, 70, 58, 3]
        let mixed = Self.tasks(costs, fonts: [true, true, true, false, false, false])
        #expect(BuildTask.startOrder(mixed, parallelism: 1) == longestFirst(costs))
        for kind in [true, false] {
            let same = Self.tasks(costs, fonts: Array(repeating: kind, count: costs.count))
            #expect(BuildTask.startOrder(same, parallelism: 2) == longestFirst(costs))
        }
        #expect(BuildTask.startOrder([], parallelism: 2) == [])
    }

    /// Whatever the mix and the number of threads, every task is taken exactly once.
    @Test func theOrderIsAPermutation() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let count = Int.random(in: 0...12, using: &generator)
            let costs = (0..<count).map { _ in Double(Int.random(in: 0...5, using: &generator)) }
            let fonts = (0..<count).map { _ in Bool.random(using: &generator) }
            for parallelism in 1...4 {
                let order = BuildTask.startOrder(Self.tasks(costs, fonts: fonts), parallelism: parallelism)
                #expect(order.sorted() == Array(0..<count))
                if parallelism > 1, fonts.contains(true), fonts.contains(false) {
                    // The first is a chart; beside it as many tasks without fonts as there are (up to p - 1).
                    #expect(fonts[order[0]])
                    #expect(order.prefix(parallelism).filter { !fonts[$0] }.count == min(parallelism - 1, fonts.filter { !$0 }.count))
                }
            }
        }
    }

    /// `--jobs 1` runs every task on the calling thread: one core.
    @Test func oneJobRunsOnTheCallingThread() {
        let caller = pthread_self()
        let others = Mutex(0)
        forEachInParallel(20, parallelism: 1) { _ in
            if pthread_equal(pthread_self(), caller) == 0 { others.withLock { $0 += 1 } }
        }
        #expect(others.withLock { $0 } == 0)
    }

    /// A study built with one job and with two writes the same files, and the page's task hands
    /// the charts' alt texts back to the build (`BuiltStudy.charts`).
    @Test(arguments: [1, 2]) func oneJobAndTwoWriteTheSameFolder(jobs: Int) throws {
        let folder = try temporaryFolder("\(#function)-\(jobs)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("order.json")
        try Self.study.write(to: file, atomically: true, encoding: .utf8)
        let study = try StudyReader().read(path: file.path)
        var pages: [String] = []
        for parallelism in [jobs, 3 - jobs] {
            let builder = StudyBuilder(
                options: BuildOptions(outputDirectory: folder.appendingPathComponent("out\(parallelism)").path, parallelism: parallelism),
                templates: try ReportTemplates.load(directory: templatesFolder.path))
            let built = try builder.build(study, command: "sgdreport build order.json")
            let expected = ChartFiles.altTexts(ChartFiles.plan(built.results, format: .both), results: built.results)
            #expect(built.charts.map(\.altText) == expected)
            #expect(expected.count == 1 && expected.allSatisfy { !$0.isEmpty })
            let page = try String(contentsOfFile: built.folder + "/" + StudyFolderLayout.page, encoding: .utf8)
            #expect(page.contains(String(expected[0].prefix(while: { $0.isLetter || $0 == " " }))))
            pages.append(page)
            let files = [StudyFolderLayout.chart("loss", format: "png"), StudyFolderLayout.chart("loss", format: "svg"),
                         StudyFolderLayout.steps(run: "long"), StudyFolderLayout.studyFile, StudyFolderLayout.resultsFile]
            for name in files {
                #expect(FileManager.default.fileExists(atPath: built.folder + "/" + name), "\(name)")
            }
        }
        #expect(pages[0] == pages[1])
    }

    /// While the fonts are not ready, a thread takes the first task left that needs none; a
    /// chart only when nothing else is left (it then waits for them), or once they are ready.
    @Test func chartsWaitForTheFontsOnlyWhenNothingElseIsLeft() {
        let order = [0, 6, 1, 2, 7, 3, 8]
        let needsFonts: Set = [0, 1, 2, 3]
        // Fonts never ready: every other task first, in order, then the charts in order.
        let seen = Mutex<[Int]>([])
        forEachInParallel(order, parallelism: 1, mayStart: { !needsFonts.contains($0) }) { item in seen.withLock { $0.append(item) } }
        #expect(seen.withLock { $0 } == [6, 7, 8, 0, 1, 2, 3])
        // Fonts ready after two tasks: from then on the order is kept.
        let ready = Atomic<Bool>(false)
        let taken = Mutex<[Int]>([])
        forEachInParallel(order, parallelism: 1, mayStart: { !needsFonts.contains($0) || ready.load(ordering: .relaxed) }) { item in
            let count = taken.withLock { $0.append(item); return $0.count }
            if count == 2 { ready.store(true, ordering: .relaxed) }
        }
        #expect(taken.withLock { $0 } == [6, 7, 0, 1, 2, 3, 8])
        // Always allowed: the order itself.
        let plain = Mutex<[Int]>([])
        forEachInParallel(order, parallelism: 1, mayStart: { _ in true }) { item in plain.withLock { $0.append(item) } }
        #expect(plain.withLock { $0 } == order)
    }

    /// On several threads each item still runs exactly once, and the call returns only when
    /// all have (the caller works too and waits for every item taken).
    @Test(arguments: [2, 3, 8]) func everyItemRunsOnceOnSeveralThreads(parallelism: Int) {
        for count in [0, 1, 2, 5, 40] {
            let counts = Mutex<[Int]>(Array(repeating: 0, count: count))
            forEachInParallel(count, parallelism: parallelism) { index in
                if index % 3 == 0 { usleep(200) }
                counts.withLock { $0[index] += 1 }
            }
            #expect(counts.withLock { $0 } == Array(repeating: 1, count: count))
            let picked = Mutex<[Int]>(Array(repeating: 0, count: count))
            forEachInParallel(Array((0..<count).reversed()), parallelism: parallelism, mayStart: { $0 % 2 == 0 }) { item in
                if item % 3 == 0 { usleep(200) }
                picked.withLock { $0[item] += 1 }
            }
            #expect(picked.withLock { $0 } == Array(repeating: 1, count: count))
        }
    }

    /// `--jobs 1` with `mayStart`: the calling thread only.
    @Test func oneJobWithMayStartRunsOnTheCallingThread() {
        let caller = pthread_self()
        let others = Mutex(0)
        forEachInParallel(Array(0..<20), parallelism: 1, mayStart: { $0 % 2 == 0 }) { _ in
            if pthread_equal(pthread_self(), caller) == 0 { others.withLock { $0 += 1 } }
        }
        #expect(others.withLock { $0 } == 0)
    }
}
