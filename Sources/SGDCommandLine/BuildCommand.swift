import ArgumentParser
import Foundation
import SGDReport
import SGDStudy
import Synchronization

extension ChartFormat: ExpressibleByArgument {}

/// `sgdreport build STUDY.json... [--output DIR]`: builds each study's folder.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Train each study's runs and write its folder under the output folder.",
        discussion: """
            With no file, builds every study in studies/. Each study goes to <output>/<name>/, where <name> is the file name without .json. A study that fails leaves its previous folder as it was.
            """
    )

    @Argument(help: ArgumentHelp("The study files to build (default: every study in studies/).", valueName: "STUDY.json"))
    var files: [String] = []

    @Option(name: [.short, .long], help: ArgumentHelp("The folder to build into.", valueName: "DIR"))
    var output: String = "output"

    @Option(help: ArgumentHelp("Which chart files to write: png, svg or both.", valueName: "png|svg|both"))
    var format: ChartFormat = .both

    /// Nil: one per core (an optional, so that the help names the rule rather than this machine's count).
    @Option(name: [.short, .long], help: ArgumentHelp("How many runs to train at once (default: one per core).", valueName: "N"))
    var jobs: Int?

    @Option(help: ArgumentHelp("A folder of page templates to use instead of sgdreport's own (study.mustache, index.mustache, style.css).", valueName: "DIR"))
    var templates: String?

    @OptionGroup var limits: LimitOptions

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
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
        let paths = try StudyFiles.resolve(request.studyFiles)
        let cancellation = CancellationFlag()
        let registry = StagingRegistry()
        let interrupts = InterruptHandler(cancellation: cancellation, registry: registry)
        defer { interrupts.restore() }

        // Read every study first, so that every problem in every file is reported at once.
        // The templates load (and are checked) while the study files are read.
        let templateDirectory = request.templatesDirectory
        let loadingTemplates = Background { () -> Result<ReportTemplates, BuildError> in
            Result { () throws(BuildError) -> ReportTemplates in try ReportTemplates.load(directory: templateDirectory) }
        }
        let reader = StudyReader(limits: limits.studyLimits)
        var status: Int32 = 0
        var studies: [Study] = []
        for path in paths {
            do {
                studies.append(try reader.read(path: path))
            } catch {
                Terminal.standardError.write(error.description)
                status = max(status, ExitStatus.status(for: error))
            }
        }
        // Two files that would build into one folder are a wrong command line: nothing is built,
        // not even the first of them.
        let clashes = BuildRequest.slugClashes(studies)
        for clash in clashes {
            Terminal.standardError.write(clash.description + "\n")
            status = max(status, ExitStatus.status(for: clash))
        }
        if !clashes.isEmpty { throw ExitCode(status) }

        guard !studies.isEmpty else { throw ExitCode(status) }
        let pageTemplates: ReportTemplates
        do {
            pageTemplates = try loadingTemplates.value.get()
        } catch {
            Terminal.standardError.write(error.description + "\n")
            throw ExitCode(ExitStatus.status(for: error))
        }
        let builder = StudyBuilder(options: request.options, templates: pageTemplates, registry: registry)
        let here = FileManager.default.currentDirectoryPath
        var built: [BuiltStudy] = []
        var interrupted: BuildError?
        for (index, study) in studies.enumerated() {
            let progress = ProgressLine(
                terminal: .standardError, label: studies.count > 1 ? "[\(index + 1)/\(studies.count)] \(study.slug)" : study.slug,
                total: study.totalSteps)
            do {
                let result = try builder.build(
                    study, command: request.reproduceCommand(for: study, currentDirectory: here), progress: progress.update,
                    cancellation: cancellation)
                progress.clear()
                built.append(result)
                Terminal.standardOutput.write("built \(result.folder)/index.html — \(StudySummary.describe(study))\(divergenceNote(result))\n")
            } catch {
                progress.clear()
                Terminal.standardError.write(error.description + "\n")
                status = max(status, ExitStatus.status(for: error))
                if error.kind == .interrupted {
                    interrupted = error
                    break
                }
            }
        }
        // The index lists what is in the output folder now: written once, after the last study
        // (also after an interruption, for the studies built before it).
        if !built.isEmpty {
            do {
                try builder.writeIndex(built)
            } catch {
                Terminal.standardError.write(error.description + "\n")
                status = max(status, ExitStatus.status(for: error))
            }
        }
        if interrupted != nil {
            registry.removeAll()
            throw ExitCode(ExitStatus.interrupted)
        }
        if !built.isEmpty {
            Terminal.standardOutput.write("open \(output)/index.html to see \(built.count == 1 ? "it" : "them all")\n")
        }
        if status != 0 { throw ExitCode(status) }
    }

    private func divergenceNote(_ built: BuiltStudy) -> String {
        let diverged = built.results.runs.filter { $0.training.divergence != nil }
        guard !diverged.isEmpty else { return "" }
        let names = diverged.prefix(3).map { "\"\($0.run.name)\" at step \($0.training.divergence!.step)" }
        return "; diverged: " + names.joined(separator: ", ") + (diverged.count > 3 ? " and \(diverged.count - 3) more" : "")
    }
}

/// A value computed on another thread; `value` waits for it.
final class Background<Value: Sendable>: Sendable {
    private let result = Mutex<Value?>(nil)
    private let done = DispatchGroup()

    init(_ work: @escaping @Sendable () -> Value) {
        done.enter()
        DispatchQueue.global().async {
            let value = work()
            self.result.withLock { $0 = value }
            self.done.leave()
        }
    }

    var value: Value {
        done.wait()
        return result.withLock { $0! }
    }
}
