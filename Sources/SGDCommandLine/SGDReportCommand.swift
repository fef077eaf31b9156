import ArgumentParser
import SGDReport

/// `sgdreport`: the root command (SPEC §1).
public struct SGDReportCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "sgdreport",
        abstract: "Run gradient-descent studies as a batch job: traces, charts and one HTML page per study.",
        discussion: """
            A study file (JSON) describes runs of the fast.ai spreadsheets' experiments: the model,
            the data, the optimizer. `sgdreport build` trains them and writes each study's folder:
            the traces as CSV, study.json (the study with every default filled in) and results.json.

            Examples:
              sgdreport build                          build every study in studies/
              sgdreport build studies/momentum.json    build one study into output/momentum/
              sgdreport validate studies/*.json        check study files without writing anything
            """,
        version: SGDReportVersion.current,
        subcommands: [BuildCommand.self, ValidateCommand.self]
    )

    public init() {}
}

/// Exit statuses, as sysexits.h defines them, so scripts can tell bad input from a failure.
public enum ExitStatus {
    /// The command line is wrong (argument-parser's own usage errors use it too).
    public static let usage: Int32 = 64
    /// A study file is invalid.
    public static let invalidInput: Int32 = 65
    /// A study file does not exist or cannot be read.
    public static let noInput: Int32 = 66
    /// The output cannot be created or written.
    public static let cannotCreate: Int32 = 73
    /// Interrupted by SIGINT or SIGTERM (128 + SIGINT).
    public static let interrupted: Int32 = 130
}
