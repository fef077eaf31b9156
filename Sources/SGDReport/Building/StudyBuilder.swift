import Dispatch
import Foundation
import SGDEngine
import SGDStudy

/// What to build and where.
public struct BuildOptions: Sendable {
    /// The folder that holds one folder per study (`output/` by default).
    public var outputDirectory: String
    /// How many runs train at once.
    public var parallelism: Int
    /// Which chart files to write.
    public var chartFormat: ChartFormat

    /// - Parameters:
    ///   - parallelism: how many runs train (and files are written) at once, at least 1; one per core by default.
    public init(
        outputDirectory: String = "output", parallelism: Int = ProcessInfo.processInfo.activeProcessorCount,
        chartFormat: ChartFormat = .both
    ) {
        self.outputDirectory = outputDirectory
        self.parallelism = parallelism
        self.chartFormat = chartFormat
    }
}

/// A study folder that was built.
public struct BuiltStudy: Sendable {
    /// The study that was built.
    public var study: Study
    /// `<output>/<slug>`
    public var folder: String
    /// Where each file of the folder is.
    package var layout: StudyFolderLayout
    /// What its runs and signals produced.
    public var results: StudyResults
    /// In the study's order; paths relative to `folder`.
    public var charts: [DrawnChart]
    /// What the build should tell the user though it worked (characters no font has), in chart order.
    public var warnings: [BuildWarning] = []
}

/// Builds one study's folder (SPEC §2): trains its runs, writes the traces, draws the charts
/// and writes the page and `study.json`, all into a staging folder that replaces the previous
/// report only when everything worked. `writeIndex(_:)` then writes the output folder's index,
/// once for a whole build.
public struct StudyBuilder: Sendable {
    /// Where, in how many threads, which chart files.
    public var options: BuildOptions
    /// The pages' templates, loaded and checked.
    public var templates: ReportTemplates
    /// Where staging folders in progress are registered, for an interrupt handler to remove.
    public var registry: StagingRegistry
    /// The process's fonts being set up on another thread (`ReportBuild.run`), if they are:
    /// until they are ready, the threads take the tasks that need none.
    var fonts: Background<Bool>?

    /// - Parameter registry: shared with the interrupt handler, if any; a fresh one by default.
    public init(options: BuildOptions, templates: ReportTemplates, registry: StagingRegistry = StagingRegistry()) {
        self.options = options
        self.templates = templates
        self.registry = registry
    }

    /// Builds `study` into `<output>/<slug>`, replacing the previous folder only when every file
    /// was written (files of the user's in it are kept). The output folder's index is not
    /// touched: call `writeIndex(_:)` after the build's last study.
    ///
    /// - Parameters:
    ///   - command: what the page shows under "How to reproduce" (`BuildRequest.reproduceCommand`).
    ///   - progress: called from training threads with the updates done so far.
    ///   - writing: called from the writing threads once training is done: with nothing done
    ///     before the first file, then as files are written (`WritingProgress`).
    ///   - cancellation: checked between steps and files; when set, throws `.interrupted`.
    /// - Throws: `BuildError`: `.interrupted`, `.chart`, `.templates`, or the write that failed
    ///   (`.studyNotWritten`, `.outputIsNotAFolder`, `.wouldReplaceForeignFolder`, …).
    public func build(
        _ study: Study, command: String, progress: (@Sendable (Int) -> Void)? = nil,
        writing: (@Sendable (WritingProgress) -> Void)? = nil, cancellation: CancellationFlag = CancellationFlag()
    ) throws(BuildError) -> BuiltStudy {
        let results = try StudyRunner(parallelism: options.parallelism).run(study, progress: progress, cancellation: cancellation)
        let layout = StudyFolderLayout(slug: study.slug)
        let staging = try StagingFolder.prepare(outputDirectory: options.outputDirectory, layout: layout, registry: registry)
        var charts = ChartFiles.plan(results, format: options.chartFormat)
        let written: Written
        var folderWarnings = staging.warnings
        do throws(BuildError) {
            written = try write(results, charts: charts, command: command, into: staging, writing: writing, cancellation: cancellation)
            if cancellation.isCancelled { throw BuildError.interrupted }
            folderWarnings += try staging.commit()
        } catch {
            staging.discard()
            throw error.naming(staging: staging)
        }
        for (index, alt) in written.altTexts.enumerated() { charts[index].drawn.altText = alt }
        return BuiltStudy(study: study, folder: staging.finalPath, layout: layout, results: results, charts: charts.map(\.drawn),
                          warnings: written.warnings.map { $0.inFolder(staging.finalPath) } + folderWarnings)
    }

    /// Writes every file of the study folder into `staging`: each chart's PNG and SVG, each
    /// run's traces, the signals and results, the workbook, the page and `study.json` are
    /// separate tasks on `--jobs` cores, the longest (by `TaskCost`) first, so that the small
    /// ones fill the end and the threads finish together (but only one chart among the first:
    /// `BuildTask.startOrder`; and while the fonts are setting up, the threads take the tasks
    /// that need none). The first failure in the order above is reported.
    ///
    /// `writing`, if given, hears how far the writing is (`WritingMeter`): as each task ends,
    /// and within a run's `steps.csv`, after each block of rows.
    ///
    /// - Returns: the charts' warnings, in chart order (paths relative to the study folder), and
    ///   their alt texts (computed by the page's task: `ChartFiles.altTexts`).
    func write(
        _ results: StudyResults, charts: [ChartFiles.Planned], command: String, into staging: StagingFolder,
        writing: (@Sendable (WritingProgress) -> Void)? = nil, cancellation: CancellationFlag
    ) throws(BuildError) -> Written {
        let layout = staging.layout
        try staging.makeDirectory(StudyFolderLayout.dataFolder)
        if !charts.isEmpty { try staging.makeDirectory(StudyFolderLayout.chartsFolder) }
        // Chart tasks get the renderer when they start: the process's fonts may still be setting
        // up (`ReportBuild.run` starts them early), and the tasks that need none go on meanwhile.
        var tasks: [BuildTask] = []
        // One slot per chart: only one of a chart's two files reports its warnings.
        let warnings = Slots<[BuildWarning]>(count: charts.count)
        for (index, chart) in charts.enumerated() where chart.drawn.pngPath != nil {
            tasks.append(BuildTask(cost: TaskCost.png(chart.chart), needsFonts: true) { failure { () throws(BuildError) in
                let renderer = try ChartFiles.renderer(for: charts)!
                warnings.set(index, try ChartFiles.draw(chart, png: true, renderer: renderer, staging: staging))
            } })
        }
        for (index, chart) in charts.enumerated() where chart.drawn.svgPath != nil {
            tasks.append(BuildTask(cost: TaskCost.svg(chart.chart), needsFonts: true) { failure { () throws(BuildError) in
                let renderer = try ChartFiles.renderer(for: charts)!
                let found = try ChartFiles.draw(chart, png: false, renderer: renderer, staging: staging)
                if chart.drawn.pngPath == nil { warnings.set(index, found) }
            } })
        }
        // The meter exists once every task is known; the steps files and the workbook, which
        // report within themselves, reach it through this slot.
        let meter = Slots<WritingMeter>(count: 1)
        for result in results.runs {
            let index = tasks.count
            tasks.append(BuildTask(cost: TaskCost.steps(result.training.steps, epochs: result.training.epochs), files: 2) { failure { () throws(BuildError) in
                let shown = meter.values[0]
                // The steps are nearly all of the task's numbers: its share follows their rows.
                try TraceFiles.writeSteps(
                    result.training.steps, to: staging.file(StudyFolderLayout.steps(run: result.run.slug)), cancellation: cancellation,
                    progress: shown.map { meter in { meter.advance(task: index, fraction: $0) } })
                try TraceFiles.writeEpochs(result.training.epochs, to: staging.file(StudyFolderLayout.epochs(run: result.run.slug)), cancellation: cancellation)
            } })
        }
        tasks.append(BuildTask(cost: TaskCost.results(results), files: results.signals.count + 1 + results.study.inputFiles.count) { failure { () throws(BuildError) in
            for series in results.signals {
                try TraceFiles.writeSignal(series, to: staging.file(StudyFolderLayout.signal(series.signal.slug)))
            }
            try OutputFile.write(JSONWriter.write(ResultsEncoder.encode(results)), to: staging.file(StudyFolderLayout.resultsFile))
            // The CSV files the study read, byte for byte as read (SPEC §4.2).
            for input in results.study.inputFiles {
                try OutputFile.write(input.data.bytes, to: staging.file(input.copyPath))
            }
        } })
        // The study as a workbook (SPEC §4.5). Its share of the progress: making the model a
        // tenth (0.5 s of the width study's 9), writing it the rest.
        let workbookTask = tasks.count
        tasks.append(BuildTask(cost: TaskCost.workbook(results)) { failure { () throws(BuildError) in
            let shown = meter.values[0]
            let model = try StudyWorkbook.model(
                results, cancellation: cancellation, progress: shown.map { meter in { meter.advance(task: workbookTask, fraction: 0.1 * $0) } })
            try WorkbookWriter.write(
                model, title: results.study.title.isEmpty ? results.study.slug : results.study.title,
                to: staging.file(layout.workbook), cancellation: cancellation, parallelism: options.parallelism,
                progress: shown.map { meter in { meter.advance(task: workbookTask, fraction: 0.1 + 0.9 * $0) } })
        } })
        let study = results.study
        if !study.images.isEmpty {
            tasks.append(BuildTask(cost: Double(study.images.count) * 1e6, files: Set(study.images.map(\.relativePath)).count) { failure { () throws(BuildError) in
                try Self.copyImages(of: study, into: staging)
            } })
        }
        let templates = self.templates
        let altTexts = Slots<[String]>(count: 1)
        tasks.append(BuildTask(cost: TaskCost.page(results, charts: charts.count)) { failure { () throws(BuildError) in
            let alts = ChartFiles.altTexts(charts, results: results)
            altTexts.set(0, alts)
            let page = try templates.studyPage(StudyPageInput(
                study: results.study, results: results,
                charts: zip(charts, alts).map {
                    ChartOnPage(
                        definition: $0.drawn.definition, pngPath: $0.drawn.pngPath, svgPath: $0.drawn.svgPath,
                        width: $0.drawn.width, height: $0.drawn.height, alt: $1)
                },
                command: command))
            try OutputFile.write(page, to: staging.file(StudyFolderLayout.page))
        } })
        tasks.append(BuildTask(cost: TaskCost.studyFile(study)) { failure { () throws(BuildError) in
            try OutputFile.write(
                JSONWriter.write(StudyEncoder.encode(study, generator: SGDReportVersion.generator)),
                to: staging.file(StudyFolderLayout.studyFile))
        } })
        let failures = Slots<BuildError>(count: tasks.count)
        let work = tasks
        let order = BuildTask.startOrder(work, parallelism: options.parallelism)
        let fonts = self.fonts
        let mayStart: @Sendable (Int) -> Bool = { !work[$0].needsFonts || (fonts?.isDone ?? true) }
        if let writing { meter.set(0, WritingMeter(work, report: writing)) }
        let shown = meter.values[0]
        forEachInParallel(order, parallelism: options.parallelism, mayStart: mayStart) { index in
            if cancellation.isCancelled {
                failures.set(index, .interrupted)
                return
            }
            if let error = work[index].run() { failures.set(index, error) }
            shown?.finish(task: index)
        }
        if let failure = failures.values.compactMap({ $0 }).first { throw failure }
        return Written(warnings: warnings.values.flatMap { $0 ?? [] },
                       altTexts: altTexts.values[0] ?? ChartFiles.altTexts(charts, results: results))
    }

    /// What `write` found out while writing: the charts' warnings and alt texts.
    struct Written {
        var warnings: [BuildWarning]
        var altTexts: [String]
    }

    /// Copies the images the study's Markdown shows (checked when it was read) to `media/`.
    static func copyImages(of study: Study, into staging: StagingFolder) throws(BuildError) {
        let studyFolder = (study.sourceFile as NSString).deletingLastPathComponent
        var copied: Set<String> = []
        for image in study.images where copied.insert(image.relativePath).inserted {
            let source = (studyFolder.isEmpty ? "." : studyFolder) + "/" + image.sourcePath
            let target = staging.file(image.outputPath)
            try StagingFolder.ensureDirectory((target as NSString).deletingLastPathComponent)
            guard let bytes = FileManager.default.contents(atPath: source) else {
                throw BuildError.cannotWrite(path: target, reason: "its source \(source) cannot be read any more")
            }
            try OutputFile.write(bytes, to: target)
        }
    }

    /// Rewrites `<output>/index.html` from every study folder there, whichever build made it:
    /// `built` (this build's studies, in any order) are taken as they are, the other folders'
    /// `study.json` are read once. Written through a temporary file renamed into place, so that
    /// a reader never sees half a page.
    ///
    /// - Throws: `BuildError.cannotWrite` naming `<output>/index.html`.
    public func writeIndex(_ built: [BuiltStudy]) throws(BuildError) {
        let html = try templates.indexPage(outputDirectory: options.outputDirectory, built: built)
        let path = options.outputDirectory + "/" + StudyFolderLayout.page
        let temporary = options.outputDirectory + "/.index.html.sgdreport-\(ProcessInfo.processInfo.processIdentifier)"
        do throws(BuildError) {
            try OutputFile.write(html, to: temporary)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw BuildError.cannotWrite(path: path, reason: reason)
        }
    }

}

/// Runs `body`, returning its error instead of throwing it.
private func failure(_ body: () throws(BuildError) -> Void) -> BuildError? {
    do {
        try body()
        return nil
    } catch {
        return error
    }
}
