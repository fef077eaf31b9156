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
    @Option(name: [.short, .long], help: ArgumentHelp("How many runs to train at once (default: one per core).", valueName: "N"))
    var jobs: Int?

    @Option(help: ArgumentHelp("A folder of page templates to use instead of sgdreport's own (study.mustache, index.mustache, style.css).", valueName: "DIR"))
    var templates: String?

    @OptionGroup var limits: LimitOptions

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        guard !output.isEmpty else { throw ValidationError("--output must name a folder") }
    }

    func run() throws {
        let paths = try StudyFiles.resolve(files, command: "build")
        let cancellation = CancellationFlag()
        let interrupts = InterruptHandler(cancellation: cancellation)
        defer { interrupts.restore() }

        // Read every study first, so that every problem in every file is reported at once.
        // The templates load (and are checked) while the study files are read.
        let templateDirectory = templates
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
                status = max(status, StudyFiles.status(for: error))
            }
        }
        // Two files that would build into one folder are a wrong command line: nothing is built,
        // not even the first of them.
        let clashes = StudyFiles.slugClashes(studies)
        for clash in clashes {
            Terminal.standardError.write(clash.description + "\n")
        }
        if !clashes.isEmpty { throw ExitCode(max(status, ExitStatus.usage)) }

        guard !studies.isEmpty else { throw ExitCode(status) }
        let pageTemplates: ReportTemplates
        do {
            pageTemplates = try loadingTemplates.value.get()
        } catch {
            Terminal.standardError.write(error.description + "\n")
            throw ExitCode(ExitStatus.usage)
        }
        let builder = StudyBuilder(
            options: BuildOptions(
                outputDirectory: output, parallelism: jobs ?? ProcessInfo.processInfo.activeProcessorCount, chartFormat: format), templates: pageTemplates)
        var built: [BuiltStudy] = []
        for (index, study) in studies.enumerated() {
            let progress = ProgressLine(
                terminal: .standardError, label: studies.count > 1 ? "[\(index + 1)/\(studies.count)] \(study.slug)" : study.slug,
                total: study.totalSteps)
            do {
                let result = try builder.build(
                    study, command: reproduceCommand(for: study), progress: progress.update, cancellation: cancellation)
                progress.clear()
                built.append(result)
                Terminal.standardOutput.write("built \(result.folder)/index.html — \(StudySummary.describe(study, updates: result.results.runs.reduce(0) { $0 + $1.training.stepCount }))\(divergenceNote(result))\n")
            } catch {
                progress.clear()
                Terminal.standardError.write(error.description + "\n")
                if error == .interrupted {
                    StagingRegistry.shared.removeAll()
                    throw ExitCode(ExitStatus.interrupted)
                }
                status = max(status, exitStatus(for: error))
            }
        }
        if !built.isEmpty {
            Terminal.standardOutput.write("open \(output)/index.html to see \(built.count == 1 ? "it" : "them all")\n")
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// The command that rebuilds `study` alone, as the page's "How to reproduce" shows it. The
    /// page is made to be shared: no absolute path of this machine appears in it.
    private func reproduceCommand(for study: Study) -> String {
        let here = FileManager.default.currentDirectoryPath
        func shown(_ path: String) -> String { shellQuoted(StudyFiles.shareablePath(path, currentDirectory: here)) }
        var words = ["sgdreport", "build", shown(study.sourceFile)]
        if output != "output" { words += ["--output", shown(output)] }
        if format != .both { words += ["--format", format.rawValue] }
        if let templates { words += ["--templates", shown(templates)] }
        return words.joined(separator: " ")
    }

    private func shellQuoted(_ word: String) -> String {
        let safe = word.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "/._-+=:,@".unicodeScalars.contains($0)) }
        return safe && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    private func exitStatus(for error: BuildError) -> Int32 {
        switch error {
        case .invalidStudy: return ExitStatus.invalidInput
        case .interrupted: return ExitStatus.interrupted
        case .duplicateSlug: return ExitStatus.usage
        default: return ExitStatus.cannotCreate
        }
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
