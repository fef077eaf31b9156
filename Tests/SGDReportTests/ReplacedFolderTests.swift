import Foundation
import Testing
@testable import SGDReport
import TestSupport

/// A previous report moved aside during the swap (`.sgdreport-replaced-<slug>-<pid>`) that
/// cannot be removed is a warning naming it and the fix, never a folder left without a word;
/// a later build removes it once it can, or warns again.
@Suite struct ReplacedFolderTests {
    /// An output folder holding a previous report of `slug` and a staging folder ready to replace it.
    func swapReady(_ folder: URL, slug: String = "s") throws -> StagingFolder {
        let old = folder.appendingPathComponent(slug)
        try FileManager.default.createDirectory(at: old.appendingPathComponent("data"), withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: old.appendingPathComponent("study.json"))
        try Data("old".utf8).write(to: old.appendingPathComponent("data/r.steps.csv"))
        let staging = try StagingFolder.prepare(outputDirectory: folder.path, layout: StudyFolderLayout(slug: slug), registry: StagingRegistry())
        try Data("{}".utf8).write(to: URL(fileURLWithPath: staging.file("study.json")))
        return staging
    }

    struct Refused: Error {}

    @Test func aPreviousReportThatCannotBeRemovedIsAWarning() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let staging = try swapReady(folder)
        let warnings = try staging.commit(removing: { _ in throw Refused() })
        let aside = folder.path + "/.sgdreport-replaced-s-\(ProcessInfo.processInfo.processIdentifier)"
        #expect(warnings.count == 1)
        guard case .previousReportNotRemoved(let named, let report, _)? = warnings.first else {
            Issue.record("no warning: \(warnings)")
            return
        }
        #expect(named == aside)
        #expect(report == folder.path + "/s")
        // The new report is in place; the old one is where the warning says.
        #expect(FileManager.default.fileExists(atPath: folder.path + "/s/study.json"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/s/data/r.steps.csv"))
        #expect(FileManager.default.fileExists(atPath: aside + "/data/r.steps.csv"))
        // The next swap (this process's own folder aside is replaced) removes it as usual: no warning, nothing left.
        let next = try swapReady(folder)
        #expect(try next.commit().isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["s"])
    }

    @Test func theWarningNamesTheFolderTheReasonAndTheFix() {
        let now = BuildWarning.previousReportNotRemoved(folder: "out/.sgdreport-replaced-s-42", report: "out/s", reason: "Permission denied")
        #expect(now.description == """
            out/.sgdreport-replaced-s-42: warning: the previous report, moved aside when the new one went to out/s, could not be removed: Permission denied
              hint: it holds only files sgdreport wrote: make it writable and remove it (chmod -R u+w 'out/.sgdreport-replaced-s-42' && rm -rf 'out/.sgdreport-replaced-s-42'); the next build also tries again
            """)
        let later = BuildWarning.previousReportNotRemoved(folder: "out/.sgdreport-replaced-s-42", report: nil, reason: "Operation not permitted")
        #expect(later.description.hasPrefix("out/.sgdreport-replaced-s-42: warning: a previous report an earlier build moved aside could not be removed: Operation not permitted\n  hint: "))
        // Shown as it is among grouped warnings, and not moved under a study's folder.
        #expect(BuildWarning.grouped([now]) == [now.description])
        #expect(now.inFolder("elsewhere") == now)
    }

    /// With a folder that really cannot be removed (read-only for a user, immutable for root):
    /// the swap warns, the next build warns again while it cannot, and removes it once it can.
    @Test func aFolderThatCannotBeRemovedIsTriedAgainByTheNextBuild() throws {
        let folder = try temporaryFolder()
        defer {
            _ = Self.run("/usr/bin/chattr", ["-R", "-i", folder.path])
            _ = Self.run("/bin/chmod", ["-R", "u+w", folder.path])
            try? FileManager.default.removeItem(at: folder)
        }
        let staging = try swapReady(folder)
        let data = folder.path + "/s/data"
        // Make the old report's data folder impossible to empty; where neither way works
        // (root on a file system without immutable files) there is nothing to test.
        let locked = getuid() != 0 ? Self.run("/bin/chmod", ["555", data]) : Self.run("/usr/bin/chattr", ["+i", data + "/r.steps.csv"])
        guard locked else { return }
        let warnings = try staging.commit()
        let aside = folder.path + "/.sgdreport-replaced-s-\(ProcessInfo.processInfo.processIdentifier)"
        #expect(warnings.count == 1)
        #expect(warnings.first?.description.contains(aside) == true)
        // As an earlier build's (a process that has ended): the next build cannot remove it either, and says so.
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let stale = folder.path + "/.sgdreport-replaced-s-\(ended.processIdentifier)"
        try FileManager.default.moveItem(atPath: aside, toPath: stale)
        let again = try StagingFolder.prepare(outputDirectory: folder.path, layout: StudyFolderLayout(slug: "s"), registry: StagingRegistry())
        #expect(again.warnings.count == 1)
        #expect(again.warnings.first?.description.contains("a previous report an earlier build moved aside could not be removed") == true)
        again.discard()
        // Once it can be removed, the next build removes it without a word.
        _ = getuid() != 0 ? Self.run("/bin/chmod", ["-R", "u+w", stale]) : Self.run("/usr/bin/chattr", ["-i", stale + "/data/r.steps.csv"])
        let last = try StagingFolder.prepare(outputDirectory: folder.path, layout: StudyFolderLayout(slug: "s"), registry: StagingRegistry())
        #expect(last.warnings.isEmpty)
        last.discard()
        #expect(!FileManager.default.fileExists(atPath: stale))
    }

    /// Runs `tool` with `arguments` (TestSupport's runner); whether it exited 0.
    static func run(_ tool: String, _ arguments: [String]) -> Bool {
        let outcome = try? BinaryRunner.run(arguments, in: FileManager.default.temporaryDirectory, executable: URL(fileURLWithPath: tool))
        return outcome?.status == 0
    }
}
