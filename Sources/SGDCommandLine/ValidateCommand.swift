import ArgumentParser
import SGDStudy

/// `sgdreport validate STUDY.json...`: checks study files without writing anything.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check study files without writing anything.",
        discussion: "Reports every problem in each file, with its place and a fix, and exits 65 if any file is invalid."
    )

    @Argument(help: ArgumentHelp("The study files to check (default: every study in studies/).", valueName: "STUDY.json"))
    var files: [String] = []

    @OptionGroup var limits: LimitOptions

    func run() throws {
        let paths = try StudyFiles.resolve(files, command: "validate")
        let reader = StudyReader(limits: limits.studyLimits)
        var status: Int32 = 0
        for path in paths {
            do {
                let study = try reader.read(path: path)
                Terminal.standardOutput.write("\(path): ok — \(StudySummary.describe(study))\n")
            } catch {
                Terminal.standardError.write(error.description)
                status = max(status, ExitStatus.status(for: error))
            }
        }
        if status != 0 { throw ExitCode(status) }
    }
}

/// Options that raise the limits a study must stay within.
struct LimitOptions: ParsableArguments {
    // `.unconditional`: `--max-steps -5` reads -5 as the value (and gets the range message),
    // not as an unknown option with the value missing.
    @Option(parsing: .unconditional, help: ArgumentHelp("Refuse studies that would make more updates than this.", valueName: "N"))
    var maxSteps: Int = StudyLimits.standard.maximumSteps

    @Option(parsing: .unconditional, help: ArgumentHelp("Refuse studies whose step and epoch traces would hold more numbers than this.", valueName: "N"))
    var maxTraceValues: Int = StudyLimits.standard.maximumTraceValues

    func validate() throws {
        guard maxSteps > 0 else { throw ValidationError("--max-steps must be at least 1 (got \(maxSteps))") }
        guard maxTraceValues > 0 else { throw ValidationError("--max-trace-values must be at least 1 (got \(maxTraceValues))") }
    }

    var studyLimits: StudyLimits {
        StudyLimits(maximumSteps: maxSteps, maximumTraceValues: maxTraceValues)
    }
}

/// One line about a study: what it has.
enum StudySummary {
    /// "3 runs, 4 signals, 7 charts, 87 updates". `updates` is what a build made (the page's
    /// count: the recorded epochs' updates, up to a divergence); without it, what the study
    /// plans — "up to 1,260 updates (the learning-rate finder stops when the loss diverges)" when
    /// a finder may stop before its last batch (`Study.mayStopEarly`).
    static func describe(_ study: Study, updates: Int? = nil) -> String {
        var parts: [String] = []
        if !study.runs.isEmpty || study.signals.isEmpty { parts.append(count(study.runs.count, "run")) }
        if !study.signals.isEmpty { parts.append(count(study.signals.count, "signal")) }
        parts.append(count(study.charts.count, "chart"))
        if !study.runs.isEmpty {
            if let updates {
                parts.append(count(updates, "update"))
            } else if study.mayStopEarly {
                parts.append("up to " + count(study.totalSteps, "update") + " (the learning-rate finder stops when the loss diverges)")
            } else {
                parts.append(count(study.totalSteps, "update"))
            }
        }
        return parts.joined(separator: ", ")
    }

    static func count(_ n: Int, _ noun: String) -> String {
        "\(NumberText.grouped(n)) \(noun)\(n == 1 ? "" : "s")"
    }
}
