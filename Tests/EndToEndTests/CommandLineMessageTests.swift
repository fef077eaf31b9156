import Foundation
import Testing
@testable import SGDCommandLine
import TestSupport

/// Issue 10, item 6: a mistyped subcommand gets "did you mean", the help reads as written, and
/// two study files with one slug build nothing.
@Suite struct CommandLineMessageTests {
    @Test(arguments: [
        ("buld", "did you mean 'build'?"), ("biuld", "did you mean 'build'?"), ("Build", "did you mean 'build'?"),
        ("valdate", "did you mean 'validate'?"), ("validte", "did you mean 'validate'?"),
        ("studies/momentum.json", "did you mean 'sgdreport build studies/momentum.json'?"),
        ("train", "the commands are 'build' and 'validate'"),
    ])
    func aMistypedSubcommandGetsTheNearestOne(word: String, hint: String) {
        let message = SGDReportCommand.unknownSubcommandMessage([word, "x.json"])
        #expect(message?.hasPrefix("Error: unknown command '\(word)'; \(hint)\n") == true, "\(message ?? "nil")")
    }

    @Test(arguments: [["build", "x.json"], ["validate"], ["help", "build"], ["--help"], ["--version"], []])
    func realCommandsPassThrough(arguments: [String]) {
        #expect(SGDReportCommand.unknownSubcommandMessage(arguments) == nil)
    }

    @Test func theBinarySuggestsBuildForBuld() throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try BinaryRunner.run(["buld", "x.json"], in: folder)
        #expect(outcome.status == ExitStatus.usage)
        #expect(outcome.standardError.hasPrefix("Error: unknown command 'buld'; did you mean 'build'?\n"))
    }

    /// No command at all is a usage error: the help on standard error, exit 64, nothing on
    /// standard output for a script to mistake for success.
    @Test func noCommandIsAUsageError() throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try BinaryRunner.run([], in: folder)
        #expect(outcome.status == ExitStatus.usage)
        #expect(outcome.standardOutput.isEmpty)
        #expect(outcome.standardError.contains("USAGE: sgdreport <subcommand>"))
    }

    /// A negative number is the option's value (and gets the range message), not an unknown
    /// option leaving the value "missing".
    @Test(arguments: [
        (["build", "--max-steps", "-5"], "--max-steps must be at least 1 (got -5)"),
        (["validate", "--max-trace-values", "-1"], "--max-trace-values must be at least 1 (got -1)"),
        (["build", "--jobs", "-2"], "--jobs must be at least 1 (got -2)"),
        (["build", "-j", "0"], "--jobs must be at least 1 (got 0)"),
    ])
    func aNegativeLimitGetsTheRangeMessage(arguments: [String], message: String) throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try BinaryRunner.run(arguments + ["x.json"], in: folder)
        #expect(outcome.status == ExitStatus.usage)
        #expect(outcome.standardError.contains(message), "\(outcome.standardError)")
        #expect(!outcome.standardError.contains("Missing value"))
    }

    /// Paragraphs are wrapped by argument-parser at the width, never at a line break of the
    /// source; no option shows two defaults.
    @Test(arguments: [["--help"], ["build", "--help"], ["validate", "--help"]])
    func theHelpWrapsOnlyAtTheWidth(arguments: [String]) throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try BinaryRunner.run(arguments, in: folder, environment: ["COLUMNS": "80"])
        #expect(outcome.status == 0)
        let help = outcome.standardOutput
        #expect(!help.contains("(default: one per core). (default:"))
        for option in help.split(separator: "\n").filter({ $0.hasPrefix("  -") }) {
            #expect(option.components(separatedBy: "(default:").count <= 2, "\(option)")
        }
        // The overview and discussion: every line but a paragraph's last fills most of the width.
        let prose = help.components(separatedBy: "USAGE:")[0].components(separatedBy: "Examples:")[0]
        for paragraph in prose.components(separatedBy: "\n\n") {
            let lines = paragraph.split(separator: "\n")
            for line in lines.dropLast() {
                #expect(line.count >= 60, "wrapped early: \(line)")
            }
        }
        #expect(help.split(separator: "\n").allSatisfy { $0.count <= 80 || $0.hasPrefix("USAGE:") })
    }

    @Test func jobsDefaultsToOnePerCoreWithoutShowingThisMachinesCount() throws {
        let build = try #require(try SGDReportCommand.parseAsRoot(["build"]) as? BuildCommand)
        #expect(build.jobs == nil)
        let help = SGDReportCommand.helpMessage(for: BuildCommand.self, columns: 80)
        #expect(help.contains("How many runs to train at once (default: one per\n                          core).\n"))
    }

    /// Two files with the same slug exit 64 and build nothing — neither of them, nor a third.
    @Test(arguments: [["a/s.json", "b/s.json"], ["other.json", "a/s.json", "b/s.json"], ["a/s.json", "other.json", "b/S.json"]])
    func twoStudiesWithOneSlugBuildNothing(files: [String]) throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let study = #"{ "signals": [ { "name": "s", "values": [1, 2] } ] }"#
        for file in ["a/s.json", "b/s.json", "b/S.json", "other.json"] {
            let url = folder.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try study.write(to: url, atomically: true, encoding: .utf8)
        }
        let outcome = try BinaryRunner.run(["build"] + files + ["--output", "out"], in: folder)
        #expect(outcome.status == ExitStatus.usage)
        let second = files.last!
        #expect(outcome.standardError == "error: a/s.json and \(second) would both be built into the folder \"s\"; nothing was built\n  hint: rename one of the files\n")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
        #expect(outcome.standardOutput.isEmpty)
    }
}

/// Messages found by trying the tool as a newcomer.
@Suite struct NewcomerMessageTests {
    @Test(arguments: ["build", "validate"])
    func noFileAndNoStudiesFolderSuggestsTheSameCommand(command: String) throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try BinaryRunner.run([command], in: folder)
        #expect(outcome.status == 64)
        #expect(outcome.standardError.contains("no studies/ folder here to \(command) the bundled studies from; name a study file, e.g. sgdreport \(command) my-study.json"), "\(outcome.standardError)")
    }

    @Test func aTinyTraceLimitSaysTheSizeInKilobytes() throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try #"{ "runs": [ { "name": "a", "epochs": 20, "optimizer": { "type": "sgd", "lr": 0.0001 } } ] }"#
            .write(to: folder.appendingPathComponent("s.json"), atomically: true, encoding: .utf8)
        let outcome = try BinaryRunner.run(["validate", "s.json", "--max-trace-values", "100"], in: folder)
        #expect(outcome.status == 65)
        // 20 epochs × 29 rows × 11 columns (step … loss, a, b, grad_a, grad_b) = 6,380 numbers, and
        // 20 epochs × 7 columns (epoch, sse, mse, rmse, sqrt_sse, a, b) = 140: 6,520 numbers = 52,160 bytes.
        #expect(outcome.standardError.contains("step and epoch traces would hold 6,520 numbers (about 52 kB); the limit is 100"), "\(outcome.standardError)")
    }
}

/// A build of several studies where some fail ends by saying how many were not built.
@Suite struct BuildSummaryTests {
    @Test func theLastLineCountsTheStudiesNotBuilt() throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = #"{ "runs": [ { "name": "a", "optimizer": { "type": "sgd", "lr": 0.0001 } } ] }"#
        try good.write(to: folder.appendingPathComponent("one.json"), atomically: true, encoding: .utf8)
        try good.write(to: folder.appendingPathComponent("two.json"), atomically: true, encoding: .utf8)
        try #"{ "runs": [ { "name": "a", "optimiser": {} } ] }"#.write(to: folder.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
        let outcome = try BinaryRunner.run(["build", "one.json", "bad.json", "two.json"], in: folder)
        #expect(outcome.status == 65)
        #expect(outcome.standardError.hasSuffix("1 of 3 studies was not built: see the messages above\n"), "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("built output/one/index.html") && outcome.standardOutput.contains("built output/two/index.html"))
        let alone = try BinaryRunner.run(["build", "bad.json"], in: folder)
        #expect(!alone.standardError.contains("built: see"))
        try "x,y\n1,2\n2,abc\n".write(to: folder.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        try #"{ "data": { "csv": "d.csv", "x": "x", "y": "y" }, "runs": [ { "name": "a", "optimizer": { "type": "sgd", "lr": 0.0001 } } ] }"#
            .write(to: folder.appendingPathComponent("csv.json"), atomically: true, encoding: .utf8)
        let none = try BinaryRunner.run(["build", "bad.json", "csv.json"], in: folder)
        #expect(none.status == 65)
        #expect(none.standardError.hasSuffix("none of the 2 studies was built: see the messages above\n"), "\(none.standardError)")
        // The CSV's error names the study that reads it: with several studies, which one.
        #expect(none.standardError.contains(#"d.csv:3:3: error: data.csv of csv.json: "abc" in column 2 ("y") is not a number"#))
    }
}

/// The same study file named twice is said so, not as two files clashing.
@Suite struct SameFileTwiceTests {
    @Test func aFileNamedTwiceIsSaidSo() throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try #"{ "runs": [ { "name": "a", "optimizer": { "type": "sgd", "lr": 0.0001 } } ] }"#
            .write(to: folder.appendingPathComponent("basic.json"), atomically: true, encoding: .utf8)
        let outcome = try BinaryRunner.run(["build", "basic.json", "basic.json"], in: folder)
        #expect(outcome.status == 64)
        #expect(outcome.standardError == "error: basic.json is named twice (it would be built into the folder \"basic\" twice); nothing was built\n  hint: name each study file once\n")
    }
}
