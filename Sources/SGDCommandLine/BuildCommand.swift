import ArgumentParser
import Foundation
import SGDReport
import SGDStudy

extension ChartFormat: ExpressibleByArgument {}

/// `sgdreport build STUDY.json... [--output DIR]`: builds each study's folder.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Train each study's runs and write its folder under the output folder.",
        discussion: """
            With no file, builds every study in studies/. Each study goes to <output>/<name>/, where <name> is the file name without .json, in lower case with a-z, 0-9 and - only (My Study.json goes to my-study/). A study that fails leaves its previous folder as it was.
            """
    )

    @Argument(help: ArgumentHelp("The study files to build (default: every study in studies/).", valueName: "STUDY.json"))
    var files: [String] = []

    @Option(name: [.short, .long], help: ArgumentHelp("The folder to build into.", valueName: "DIR"))
    var output: String = "output"

    @Option(help: ArgumentHelp("Which chart files to write: png, svg or both.", valueName: "png|svg|both"))
    var format: ChartFormat = .both

    /// Nil: one per core (an optional, so that the help names the rule rather than this machine's count).
    @Option(name: [.short, .long], parsing: .unconditional, help: ArgumentHelp("How many runs to train at once (default: one per core).", valueName: "N"))
    var jobs: Int?

    @Option(help: ArgumentHelp("A folder of page templates to use instead of sgdreport's own (study.mustache, index.mustache, style.css).", valueName: "DIR"))
    var templates: String?

    @OptionGroup var limits: LimitOptions

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1 (got \(jobs))") }
        guard !output.isEmpty else { throw ValidationError("--output must name a folder") }
    }

    /// The request these options make.
    var request: BuildRequest {
        BuildRequest(
            studyFiles: files,
            options: BuildOptions(
                outputDirectory: output, parallelism: jobs ?? ProcessInfo.processInfo.activeProcessorCount, chartFormat: format),
            templatesDirectory: templates)
    }

    func run() throws {
        let request = request
        let paths = try StudyFiles.resolve(request.studyFiles, command: "build")
        let cancellation = CancellationFlag()
        let registry = StagingRegistry()
        let interrupts = InterruptHandler(cancellation: cancellation, registry: registry)
        defer { interrupts.restore() }

        let build = ReportBuild(request: request, limits: limits.studyLimits, registry: registry, cancellation: cancellation)
        var templatesStatus: Int32?
        let outcome = build.run(
            studyFiles: paths, currentDirectory: FileManager.default.currentDirectoryPath,
            progress: { study, position, count in
                let line = ProgressLine(
                    terminal: .standardError, label: count > 1 ? "[\(position + 1)/\(count)] \(study.slug)" : study.slug,
                    total: study.totalSteps, upTo: study.mayStopEarly)
                return (line.update, line.isInteractive ? line.writing : nil, line.clear)
            },
            report: { event in
                switch event {
                case .invalidStudy(let error):
                    Terminal.standardError.write(error.description)
                case .slugClash(let error), .failed(_, let error), .indexNotWritten(let error):
                    Terminal.standardError.write(error.description + "\n")
                case .invalidTemplates(let error):
                    templatesStatus = ExitStatus.status(for: error)
                    Terminal.standardError.write(error.description + "\n")
                case .built(let built):
                    for warning in BuildWarning.grouped(built.warnings) { Terminal.standardError.write(warning + "\n") }
                    Terminal.standardOutput.write(
                        "built \(built.folder)/index.html — \(StudySummary.describe(built.study, updates: built.results.runs.reduce(0) { $0 + $1.training.stepCount }))\(divergenceNote(built))\n")
                }
            })
        if outcome.interrupted { throw ExitCode(ExitStatus.interrupted) }
        if let templatesStatus { throw ExitCode(templatesStatus) }
        if !outcome.built.isEmpty {
            Terminal.standardOutput.write("open \(output)/index.html to see \(outcome.built.count == 1 ? "it" : "them all")\n")
        }
        // After many "built" lines, the errors above are easy to miss: say how many were not built.
        // (Not after a usage error: "nothing was built" said it already.)
        if paths.count > 1, outcome.built.count < paths.count, !outcome.failures.contains(.usage) {
            let missing = paths.count - outcome.built.count
            let count = outcome.built.isEmpty
                ? "none of the \(paths.count) studies was built"
                : "\(missing) of \(paths.count) studies \(missing == 1 ? "was" : "were") not built"
            Terminal.standardError.write(count + ": see the messages above\n")
        }
        let status = outcome.failures.map { ExitStatus.status(for: $0) }.max() ?? 0
        if status != 0 { throw ExitCode(status) }
    }

    private func divergenceNote(_ built: BuiltStudy) -> String {
        let diverged = built.results.runs.filter { $0.training.divergence != nil }
        guard !diverged.isEmpty else { return "" }
        // A run that starts from a diverged run's weights (`init.from`) says so: its own
        // divergence is that run's, carried over.
        let names = diverged.prefix(3).map { result in
            var source: String?
            if let from = result.run.startsFrom, let stop = result.run.inheritedDivergence {
                source = " (it starts from \"\(from)\", which diverged \(stop.duringWarmup ? "in warm-up pass \(stop.epoch)" : "at step \(stop.step)"))"
            }
            return "\"\(result.run.name)\" at step \(result.training.divergence!.step)" + (source ?? "")
        }
        return "; diverged: " + names.joined(separator: ", ") + (diverged.count > 3 ? " and \(diverged.count - 3) more" : "")
    }
}
