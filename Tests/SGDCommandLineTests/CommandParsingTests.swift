import ArgumentParser
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

    @Test func validateTakesFiles() throws {
        let validate = try #require(try SGDReportCommand.parseAsRoot(["validate", "x.json"]) as? ValidateCommand)
        #expect(validate.files == ["x.json"])
    }
}
