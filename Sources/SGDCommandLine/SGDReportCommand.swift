import ArgumentParser
import SGDReport
import SGDStudy

/// `sgdreport`: the root command (SPEC §1).
public struct SGDReportCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "sgdreport",
        abstract: "Run gradient-descent studies as a batch job: traces, charts and one HTML page per study.",
        // One line per paragraph: argument-parser wraps them to the terminal's width itself.
        discussion: """
            A study file (JSON) describes runs of the fast.ai spreadsheets' experiments: the model, the data, the optimizer. `sgdreport build` trains them and writes each study's folder: the traces as CSV, charts, a page, study.json (the study with every default filled in) and results.json.

            Examples:
              sgdreport build                        every study in studies/
              sgdreport build studies/momentum.json  one study, into output/momentum/
              sgdreport validate studies/*.json      check files, write nothing
            """,
        version: SGDReportVersion.current,
        subcommands: [BuildCommand.self, ValidateCommand.self]
    )

    public init() {}

    /// The subcommands' names, for "did you mean".
    static let subcommandNames = ["build", "validate", "help"]

    /// Runs the command line; a mistyped subcommand gets "did you mean" rather than
    /// argument-parser's "unexpected argument".
    public static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        // No command is a usage error (as for git): the help goes to standard error, and a
        // script that forgot its arguments does not read it as success.
        if arguments.isEmpty {
            Terminal.standardError.write(helpMessage() + "\n")
            exit(withError: ExitCode(ExitStatus.usage))
        }
        if let message = unknownSubcommandMessage(arguments) {
            Terminal.standardError.write(message)
            exit(withError: ExitCode(ExitStatus.usage))
        }
        main(arguments)
    }

    /// The usage error for a first word that is not a subcommand (nor an option), or nil.
    static func unknownSubcommandMessage(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-"), !subcommandNames.contains(first) else { return nil }
        let hint: String
        if let near = Suggestions.closest(to: first, in: subcommandNames) {
            hint = "did you mean '\(near)'?"
        } else if first.lowercased().hasSuffix(".json") {
            hint = "did you mean 'sgdreport build \(first)'?"
        } else {
            hint = "the commands are 'build' and 'validate'"
        }
        return """
            Error: unknown command '\(first)'; \(hint)
            Usage: sgdreport <subcommand>
              See 'sgdreport --help' for more information.

            """
    }
}

/// Exit statuses, as sysexits.h defines them, so scripts can tell bad input from a failure.
package enum ExitStatus {
    /// The command line is wrong (argument-parser's own usage errors use it too).
    package static let usage: Int32 = 64
    /// A study file is invalid.
    package static let invalidInput: Int32 = 65
    /// A study file does not exist or cannot be read.
    package static let noInput: Int32 = 66
    /// A file of sgdreport's own installation (its page templates) is missing or broken
    /// (EX_OSFILE): not the user's input (66), nor their command line (64).
    package static let osFile: Int32 = 72
    /// The output cannot be created or written.
    package static let cannotCreate: Int32 = 73
    /// Interrupted by SIGINT or SIGTERM (128 + SIGINT).
    package static let interrupted: Int32 = 130

    /// The status for a failure of this kind.
    package static func status(for kind: FailureKind) -> Int32 {
        switch kind {
        case .usage: return usage
        case .invalidInput: return invalidInput
        case .noInput: return noInput
        case .osFile: return osFile
        case .cannotCreate: return cannotCreate
        case .interrupted: return interrupted
        }
    }

    /// The status for `error`.
    package static func status(for error: some KindedError) -> Int32 { status(for: error.kind) }
}
