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
    public var study: Study
    /// `output/<slug>`
    public var folder: String
    public var results: StudyResults
    public var charts: [DrawnChart]
}

/// Builds one study's folder (SPEC §2): trains its runs, writes the traces, draws the charts
/// and writes the page and `study.json`, all into a staging folder that replaces the previous
/// report only when everything worked; then refreshes the output folder's index.
public struct StudyBuilder: Sendable {
    public var options: BuildOptions
    public var templates: ReportTemplates

    public init(options: BuildOptions, templates: ReportTemplates) {
        self.options = options
        self.templates = templates
    }

    /// Builds `study`; `command` is what the page shows under "How to reproduce".
    public func build(
        _ study: Study, command: String, progress: (@Sendable (Int) -> Void)? = nil,
        cancellation: CancellationFlag = CancellationFlag()
    ) throws(BuildError) -> BuiltStudy {
        let results = try StudyRunner(parallelism: options.parallelism).run(study, progress: progress, cancellation: cancellation)
        let staging = try StagingFolder.prepare(outputDirectory: options.outputDirectory, slug: study.slug)
        let charts = ChartFiles.plan(results, format: options.chartFormat)
        do throws(BuildError) {
            try write(results, charts: charts, command: command, into: staging, cancellation: cancellation)
            if cancellation.isCancelled { throw BuildError.interrupted }
            try staging.commit()
        } catch {
            staging.discard()
            throw error.naming(staging: staging)
        }
        try updateIndex()
        return BuiltStudy(study: study, folder: staging.finalPath, results: results, charts: charts.map(\.drawn))
    }

    /// Writes every file of the study folder into `staging`: each chart, each run's traces, the
    /// signals and results, the page and `study.json` are separate tasks on `--jobs` cores, the
    /// charts (the longest) first. The first failure in that order is reported.
    func write(
        _ results: StudyResults, charts: [ChartFiles.Planned], command: String, into staging: StagingFolder,
        cancellation: CancellationFlag
    ) throws(BuildError) {
        try staging.makeDirectory("data")
        if !charts.isEmpty { try staging.makeDirectory("charts") }
        let renderer = try ChartFiles.renderer(for: charts)
        // Each task returns its failure rather than throwing it (closures with typed throws in
        // an array crash the Swift 6.3 compiler).
        var tasks: [@Sendable () -> BuildError?] = []
        for chart in charts where chart.drawn.pngPath != nil {
            tasks.append { failure { () throws(BuildError) in try ChartFiles.draw(chart, png: true, renderer: renderer!, staging: staging) } }
        }
        for chart in charts where chart.drawn.svgPath != nil {
            tasks.append { failure { () throws(BuildError) in try ChartFiles.draw(chart, png: false, renderer: renderer!, staging: staging) } }
        }
        for result in results.runs {
            tasks.append { failure { () throws(BuildError) in
                try TraceFiles.writeSteps(result.training.steps, to: staging.file("data/\(result.run.slug).steps.csv"))
                try TraceFiles.writeEpochs(result.training.epochs, to: staging.file("data/\(result.run.slug).epochs.csv"))
            } }
        }
        tasks.append { failure { () throws(BuildError) in
            for series in results.signals {
                try TraceFiles.writeSignal(series, to: staging.file("data/\(series.signal.slug).csv"))
            }
            try OutputFile.write(JSONWriter.write(ResultsEncoder.encode(results)), to: staging.file("results.json"))
            // The CSV files the study read, byte for byte as read (SPEC §4.2).
            for input in results.study.inputFiles {
                try OutputFile.write(input.data.bytes, to: staging.file(input.copyPath))
            }
        } }
        // The study as a workbook (SPEC §4.5).
        tasks.append { failure { () throws(BuildError) in
            try WorkbookWriter.write(
                StudyWorkbook.model(results), title: results.study.title.isEmpty ? results.study.slug : results.study.title,
                to: staging.file(StudyWorkbook.fileName(slug: results.study.slug)))
        } }
        let study = results.study
        if !study.images.isEmpty {
            tasks.append { failure { () throws(BuildError) in try Self.copyImages(of: study, into: staging) } }
        }
        let templates = self.templates
        tasks.append { failure { () throws(BuildError) in
            let page = try templates.studyPage(StudyPageInput(
                study: results.study, results: results,
                charts: charts.map {
                    ChartOnPage(
                        definition: $0.drawn.definition, pngPath: $0.drawn.pngPath, svgPath: $0.drawn.svgPath,
                        width: $0.drawn.width, height: $0.drawn.height, alt: $0.drawn.altText)
                },
                command: command))
            try OutputFile.write(page, to: staging.file("index.html"))
            try OutputFile.write(
                JSONWriter.write(StudyEncoder.encode(results.study, generator: SGDReportVersion.generator)),
                to: staging.file(StagingFolder.marker))
        } }
        let failures = Slots<BuildError>(count: tasks.count)
        let work = tasks
        forEachInParallel(work.count, parallelism: options.parallelism) { index in
            if cancellation.isCancelled {
                failures.set(index, .interrupted)
                return
            }
            if let error = work[index]() { failures.set(index, error) }
        }
        if let failure = failures.values.compactMap({ $0 }).first { throw failure }
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

    /// Rewrites `<output>/index.html` from every study folder there, through a temporary file
    /// renamed into place so that a reader never sees half a page.
    public func updateIndex() throws(BuildError) {
        let html = try templates.indexPage(outputDirectory: options.outputDirectory)
        let path = options.outputDirectory + "/index.html"
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
