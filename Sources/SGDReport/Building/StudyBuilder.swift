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

/// Builds one study's folder (SPEC §2): trains its runs, writes the traces and `study.json`,
/// all into a staging folder that replaces the previous report only when everything worked.
public struct StudyBuilder: Sendable {
    public var options: BuildOptions

    public init(options: BuildOptions) {
        self.options = options
    }

    public func build(
        _ study: Study, progress: (@Sendable (Int) -> Void)? = nil, cancellation: CancellationFlag = CancellationFlag()
    ) throws(BuildError) -> BuiltStudy {
        let results = try StudyRunner(parallelism: options.parallelism).run(study, progress: progress, cancellation: cancellation)
        let staging = try StagingFolder.prepare(outputDirectory: options.outputDirectory, slug: study.slug)
        let charts: [DrawnChart]
        do throws(BuildError) {
            try writeData(results, into: staging, cancellation: cancellation)
            charts = try ChartFiles.draw(results, format: options.chartFormat, into: staging, cancellation: cancellation)
            try writeStudyFile(results.study, into: staging)
            if cancellation.isCancelled { throw BuildError.interrupted }
            try staging.commit()
        } catch {
            staging.discard()
            throw error
        }
        return BuiltStudy(study: study, folder: staging.finalPath, results: results, charts: charts)
    }

    func writeData(_ results: StudyResults, into staging: StagingFolder, cancellation: CancellationFlag) throws(BuildError) {
        try staging.makeDirectory("data")
        for result in results.runs {
            if cancellation.isCancelled { throw BuildError.interrupted }
            try TraceFiles.writeSteps(result.training.steps, to: staging.file("data/\(result.run.slug).steps.csv"))
            try TraceFiles.writeEpochs(result.training.epochs, to: staging.file("data/\(result.run.slug).epochs.csv"))
        }
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
