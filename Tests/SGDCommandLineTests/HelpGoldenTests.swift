import ArgumentParser
import Foundation
import Testing
import TestSupport
@testable import SGDCommandLine

/// Each command's `--help`, at 80 columns, as golden files (`Tests/SGDCommandLineTests/Help/`):
/// a change of the help text is a deliberate one, read in the diff.
@Suite struct HelpGoldenTests {
    static let folder = Repository.root.appendingPathComponent("Tests/SGDCommandLineTests/Help")

    @Test func theToolsHelp() {
        Golden.check(SGDReportCommand.helpMessage(columns: 80), against: Self.folder.appendingPathComponent("sgdreport.txt"))
    }

    @Test func buildsHelp() {
        Golden.check(
            SGDReportCommand.helpMessage(for: BuildCommand.self, columns: 80), against: Self.folder.appendingPathComponent("build.txt"))
    }

    @Test func validatesHelp() {
        Golden.check(
            SGDReportCommand.helpMessage(for: ValidateCommand.self, columns: 80), against: Self.folder.appendingPathComponent("validate.txt"))
    }
}
