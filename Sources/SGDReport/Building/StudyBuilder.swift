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
        let charts: [DrawnChart]
        do throws(BuildError) {
            try writeData(results, into: staging, cancellation: cancellation)
            charts = try ChartFiles.draw(
                results, format: options.chartFormat, into: staging, parallelism: options.parallelism, cancellation: cancellation)
            let page = try templates.studyPage(StudyPageInput(
                study: study, results: results,
                charts: charts.map {
                    ChartOnPage(definition: $0.definition, pngPath: $0.pngPath, svgPath: $0.svgPath, width: $0.width, height: $0.height, alt: $0.altText)
                },
                command: command))
            try OutputFile.write(page, to: staging.file("index.html"))
            try writeStudyFile(results.study, into: staging)
            if cancellation.isCancelled { throw BuildError.interrupted }
            try staging.commit()
        } catch {
            staging.discard()
            throw error.naming(staging: staging)
        }
        try updateIndex()
        return BuiltStudy(study: study, folder: staging.finalPath, results: results, charts: charts)
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

    func writeData(_ results: StudyResults, into staging: StagingFolder, cancellation: CancellationFlag) throws(BuildError) {
        try staging.makeDirectory("data")
        // Formatting numbers is most of the work, and runs are independent: write them on
        // every core, and report the first failure in the study's order.
        let runs = results.runs
        let failures = Slots<BuildError>(count: runs.count)
        forEachInParallel(runs.count, parallelism: options.parallelism) { index in
            if cancellation.isCancelled {
                failures.set(index, .interrupted)
                return
            }
            let result = runs[index]
            do throws(BuildError) {
                try TraceFiles.writeSteps(result.training.steps, to: staging.file("data/\(result.run.slug).steps.csv"))
                try TraceFiles.writeEpochs(result.training.epochs, to: staging.file("data/\(result.run.slug).epochs.csv"))
            } catch {
                failures.set(index, error)
            }
        }
        if let failure = failures.values.compactMap({ $0 }).first { throw failure }
        for series in results.signals {
            try TraceFiles.writeSignal(series, to: staging.file("data/\(series.signal.slug).csv"))
        }
        try OutputFile.write(JSONWriter.write(ResultsEncoder.encode(results)), to: staging.file("results.json"))
    }

    /// study.json last: its presence marks a complete sgdreport folder.
    func writeStudyFile(_ study: Study, into staging: StagingFolder) throws(BuildError) {
        try OutputFile.write(
            JSONWriter.write(StudyEncoder.encode(study, generator: SGDReportVersion.generator)),
            to: staging.file(StagingFolder.marker))
    }
}
