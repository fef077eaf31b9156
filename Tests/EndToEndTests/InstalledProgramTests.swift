import Foundation
import Testing
@testable import SGDCommandLine
import TestSupport

/// A copy of the program outside the repository finds its templates where `make install` puts
/// them (PREFIX/share/sgdreport/Templates), and without them says how to get them.
@Suite struct InstalledProgramTests {
    private static let study = #"{ "signals": [ { "name": "s", "values": [1, 2, 3] } ] }"#

    /// `prefix/bin/sgdreport`, a copy of the built binary, and a study in `work/`.
    private func installed(withTemplates: Bool) throws -> (folder: URL, program: URL, work: URL) {
        let folder = try BinaryRunner.scratchFolder()
        let bin = folder.appendingPathComponent("prefix/bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let program = bin.appendingPathComponent("sgdreport")
        try FileManager.default.copyItem(at: BinaryRunner.binary, to: program)
        if withTemplates {
            let share = folder.appendingPathComponent("prefix/share/sgdreport")
            try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: Repository.templates, to: share.appendingPathComponent("Templates"))
        }
        let work = folder.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try Self.study.write(to: work.appendingPathComponent("s.json"), atomically: true, encoding: .utf8)
        return (folder, program, work)
    }

    @Test func anInstalledCopyBuilds() throws {
        let (folder, program, work) = try installed(withTemplates: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try BinaryRunner.run(["build", "s.json"], in: work, executable: program)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("output/s/index.html").path))
    }

    /// With no option given, missing templates are a file of the installation missing:
    /// EX_OSFILE (72), not a wrong command line (64) nor a missing study file (66).
    @Test func aCopyWithoutTemplatesSaysWhereItLookedAndHowToInstall() throws {
        let (folder, program, work) = try installed(withTemplates: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try BinaryRunner.run(["build", "s.json"], in: work, executable: program)
        #expect(outcome.status == ExitStatus.osFile)
        #expect(outcome.status == 72)
        #expect(outcome.standardError.contains("prefix/share/sgdreport/Templates"), "\(outcome.standardError)")
        #expect(outcome.standardError.contains("make install"))
        #expect(outcome.standardError.contains("--templates DIR"))
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("output/s").path))
    }

    /// Installed templates that are there but broken (a partial copy) are the installation's
    /// fault too: 72, with the file named.
    @Test func brokenInstalledTemplatesExit72() throws {
        let (folder, program, work) = try installed(withTemplates: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let share = folder.appendingPathComponent("prefix/share/sgdreport/Templates")
        try FileManager.default.removeItem(at: share.appendingPathComponent("index.mustache"))
        let outcome = try BinaryRunner.run(["build", "s.json"], in: work, executable: program)
        #expect(outcome.status == 72, "\(outcome.standardError)")
        #expect(outcome.standardError.contains("has no index.mustache"))
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("output/s").path))
    }

    /// A `--templates DIR` the user gave that lacks the templates stays a wrong command line
    /// (64), whether the folder is missing, empty or incomplete, and whether or not the
    /// program's own templates could be found.
    @Test(arguments: [true, false])
    func aTemplatesFolderTheUserGaveWithoutTemplatesExits64(installedTemplates: Bool) throws {
        let (folder, program, work) = try installed(withTemplates: installedTemplates)
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = work.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let partial = work.appendingPathComponent("partial")
        try FileManager.default.createDirectory(at: partial, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Repository.templates.appendingPathComponent("study.mustache"), to: partial.appendingPathComponent("study.mustache"))
        for (templates, message) in [("nowhere", "nowhere is not a folder"), ("empty", "has no study.mustache"), ("partial", "has no index.mustache")] {
            let outcome = try BinaryRunner.run(["build", "s.json", "--templates", templates], in: work, executable: program)
            #expect(outcome.status == ExitStatus.usage, "\(templates): \(outcome.standardError)")
            #expect(outcome.standardError.contains(message), "\(outcome.standardError)")
        }
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("output/s").path))
    }
}
