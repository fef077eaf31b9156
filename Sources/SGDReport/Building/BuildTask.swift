import SGDCharts
import SGDEngine
import SGDStudy

/// One file-writing task of a study build (`StudyBuilder.write`), with an estimate of how long
/// it takes, so that the longest start first and `--jobs` threads finish together.
struct BuildTask: Sendable {
    /// Roughly proportional to the task's CPU time (see `TaskCost`).
    var cost: Double
    /// Whether it lays out text (a chart file): such a task waits for the process's fonts
    /// (`CairoTextMeasurer.shared`) and, while they warm up, for the other chart tasks' text.
    var needsFonts = false
    /// How many files of the study folder it writes (for the progress of the writing).
    var files = 1
    /// Returns the task's failure rather than throwing it (closures with typed throws in an
    /// array crash the Swift 6.3 compiler).
    var run: @Sendable () -> BuildError?

    /// The order in which `forEachInParallel` should take `tasks` on `parallelism` threads:
    /// longest first (`longestFirst`), except that with more than one thread the tasks that
    /// start together hold only one that needs fonts — the longest — beside the longest that
    /// need none. The first chart drawn loads Pango's fontsets, coverage and glyph caches
    /// (~20 ms on the momentum study, under the measurer's one lock); a second chart started
    /// beside it would mostly wait for that lock, while a workbook or page can use the other
    /// core. With one thread, or tasks all of one kind, the order is longest first.
    static func startOrder(_ tasks: [BuildTask], parallelism: Int) -> [Int] {
        let order = longestFirst(tasks.map(\.cost))
        guard parallelism > 1, let firstChart = order.first(where: { tasks[$0].needsFonts }) else { return order }
        let others = order.filter { !tasks[$0].needsFonts }.prefix(parallelism - 1)
        guard !others.isEmpty else { return order }
        let first = [firstChart] + others
        return first + order.filter { !first.contains($0) }
    }
}

/// Estimates of the tasks' costs in instructions (callgrind, x86-64), from the work each does:
/// pixels for a PNG, points for an SVG, cells for the workbook, numbers for a CSV file.
///
/// Only their relative sizes matter, and only roughly: the tasks start largest first, so the
/// small ones (CSV files, small SVGs) fill the end whichever large one was misjudged. The
/// constants were measured on the bundled studies (November 2026); a change that makes one
/// kind of task much cheaper (a faster PNG encoder, say) should update its constant, but even
/// stale ones keep the order "large, then small".
enum TaskCost {
    /// Rasterising and encoding one device pixel of a PNG chart.
    static let pngPerPixel = 65.0
    /// An SVG chart: laying out its text and axes, then each point of a line or marker (Cairo
    /// formats every coordinate as text).
    static let svgFixed = 15e6
    static let svgPerPoint = 4_000.0
    /// The workbook: its fixed parts (styles, theme, charts, zipping) and each cell (written as
    /// XML by libxlsxwriter, then deflated).
    static let workbookFixed = 10e6
    static let workbookPerCell = 20_000.0
    /// The page (a Mustache rendering): fixed parts, and each run's, signal's and chart's rows.
    static let pageFixed = 30e6
    static let pagePerItem = 2e6
    /// `study.json`: each run as the study resolved it.
    static let studyFilePerRun = 1e6
    /// One number of a CSV trace (the shortest decimal that reads back the same).
    static let csvPerNumber = 300.0

    static func png(_ chart: Chart) -> Double {
        (chart.width * chart.scale).rounded(.up) * (chart.height * chart.scale).rounded(.up) * pngPerPixel
    }

    static func svg(_ chart: Chart) -> Double {
        let points = chart.series.reduce(0) { $0 + $1.x.count }
        let grid = chart.contours?.field.values.count ?? 0
        return svgFixed + Double(points + grid) * svgPerPoint
    }

    /// The workbook's cells: each run's recorded steps (at most a sheet's worth) and epochs,
    /// and each signal's points. A trace too wide or large for a sheet counts only the columns
    /// it keeps (`ValuesLayout`: those not per weight), so that a wide network's workbook is not
    /// taken for its largest task (its steps.csv is).
    static func workbook(_ results: StudyResults) -> Double {
        var cells = 0
        for result in results.runs {
            let steps = result.training.steps, epochs = result.training.epochs
            let kept = ValuesLayout(result: result)
            cells += min(steps.rowCount, RunSheet.maximumRows) * kept.stepColumns.count
            cells += min(epochs.count, RunSheet.maximumRows) * kept.epochColumns.count
        }
        for series in results.signals {
            cells += min(series.values.count, RunSheet.maximumRows) * series.columns.count
        }
        return workbookFixed + Double(cells) * workbookPerCell
    }

    static func page(_ results: StudyResults, charts: Int) -> Double {
        pageFixed + Double(results.runs.count + results.signals.count + charts) * pagePerItem
    }

    static func studyFile(_ study: Study) -> Double {
        Double(max(1, study.runs.count)) * studyFilePerRun
    }

    static func steps(_ trace: StepTrace, epochs: EpochTrace) -> Double {
        Double(trace.values.count + epochs.values.count) * csvPerNumber
    }

    /// The signals' CSV files, `results.json` and the copies of the study's CSV files.
    static func results(_ results: StudyResults) -> Double {
        let points = results.signals.reduce(0) { $0 + $1.values.count * $1.columns.count }
        let copied = results.study.inputFiles.reduce(0) { $0 + $1.data.bytes.count }
        return Double(points) * csvPerNumber + Double(results.runs.count) * 100_000 + Double(copied)
    }
}
