import ArgumentParser
import SGDReport
import Testing
@testable import SGDCommandLine

/// The command line through its parsing entry point, as swift-argument-parser's own tests do.
@Suite struct CommandParsingTests {
    @Test func buildTakesFilesAndOptions() throws {
        let command = try SGDReportCommand.parseAsRoot(["build", "a.json", "b.json", "--output", "out", "-j", "3", "--max-steps", "5"])
        let build = try #require(command as? BuildCommand)
        #expect(build.files == ["a.json", "b.json"])
        #expect(build.output == "out")
        #expect(build.jobs == 3)
        #expect(build.limits.studyLimits.maximumSteps == 5)
    }

    @Test func buildDefaultsToOutputAndTheBundledStudies() throws {
        let build = try #require(try SGDReportCommand.parseAsRoot(["build"]) as? BuildCommand)
        #expect(build.files.isEmpty)
        #expect(build.output == "output")
    }

    @Test func badOptionsAreUsageErrors() {
        #expect(throws: (any Error).self) { try SGDReportCommand.parseAsRoot(["build", "--jobs", "0"]) }
        #expect(throws: (any Error).self) { try SGDReportCommand.parseAsRoot(["build", "--frobnicate"]) }
        #expect(throws: (any Error).self) { try SGDReportCommand.parseAsRoot(["validate", "--max-steps", "-1"]) }
        let message = SGDReportCommand.message(for: ValidationError("--jobs must be at least 1"))
        #expect(message == "--jobs must be at least 1")
        #expect(SGDReportCommand.exitCode(for: ValidationError("x")).rawValue == ExitStatus.usage)
    }

    /// The command line only parses: its options become the library's request.
    @Test func buildOptionsBecomeTheLibrarysRequest() throws {
        let command = try SGDReportCommand.parseAsRoot(["build", "a.json", "-o", "out", "-j", "3", "--format", "svg", "--templates", "tpl"])
        let request = try #require(command as? BuildCommand).request
        #expect(request.studyFiles == ["a.json"])
        #expect(request.options.outputDirectory == "out")
        #expect(request.options.parallelism == 3)
        #expect(request.options.chartFormat == .svg)
        #expect(request.templatesDirectory == "tpl")
    }

    /// Exit statuses come from the failure's kind (sysexits.h), not from its message.
    @Test func exitStatusesComeFromFailureKinds() {
        #expect(ExitStatus.status(for: .usage) == 64)
        #expect(ExitStatus.status(for: .invalidInput) == 65)
        #expect(ExitStatus.status(for: .noInput) == 66)
        #expect(ExitStatus.status(for: .osFile) == 72)
        #expect(ExitStatus.status(for: .cannotCreate) == 73)
        #expect(ExitStatus.status(for: .interrupted) == 130)
        #expect(ExitStatus.status(for: BuildError.duplicateSlug(slug: "x", first: "a", second: "b")) == ExitStatus.usage)
        #expect(ExitStatus.status(for: BuildError.outputIsNotAFolder(path: "o")) == ExitStatus.cannotCreate)
        #expect(ExitStatus.status(for: BuildError.templates(reason: "r")) == ExitStatus.usage)
        #expect(ExitStatus.status(for: BuildError.installedTemplates(reason: "r")) == ExitStatus.osFile)
    }

    @Test func validateTakesFiles() throws {
        let validate = try #require(try SGDReportCommand.parseAsRoot(["validate", "x.json"]) as? ValidateCommand)
        #expect(validate.files == ["x.json"])
    }
}
