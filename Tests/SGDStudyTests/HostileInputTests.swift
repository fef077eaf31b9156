import Foundation
import Testing
import SGDStudy
import TestSupport

/// A corpus of hostile study files, each with the exact report expected (golden files in
/// `HostileInputs/`: `<name>.json` and `<name>.expected`). `UPDATE_GOLDEN=1` rewrites
/// them after a deliberate change of wording (see `Golden`).
@Suite struct HostileInputTests {
    static let folder = Repository.root.appendingPathComponent("Tests/SGDStudyTests/HostileInputs")

    static let inputs: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }()

    @Test func theCorpusIsThere() {
        #expect(Self.inputs.count >= 24)
    }

    @Test(arguments: inputs)
    func everyHostileInputGetsItsExactReport(_ name: String) throws {
        let bytes = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent(name)))
        var report = ""
        do {
            let study = try StudyReader().read(bytes: bytes, file: "studies/\(name)")
            Issue.record("\(name) was accepted: \(study.runs.count) runs")
        } catch {
            report = error.description
        }
        #expect(!report.isEmpty)
        // Every message names the file.
        #expect(report.split(separator: "\n").filter { $0.contains(": error: ") }.allSatisfy { $0.hasPrefix("studies/\(name)") })
        Golden.check(report, against: Self.folder.appendingPathComponent(name.replacingOccurrences(of: ".json", with: ".expected")))
    }

    @Test func aFiftyMegabyteFileIsRefusedWithoutReadingIt() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sgdreport-50mb-\(getpid()).json")
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 50_000_000)
        try handle.close()
        do {
            _ = try StudyReader().read(path: url.path)
            Issue.record("accepted")
        } catch {
            #expect(error.diagnostics.map(\.message) == ["the file is 50 MB; a study file may be at most 16 MB"])
        }
    }

    @Test func aFolderOrAMissingFileIsNamed() {
        do {
            _ = try StudyReader().read(path: "/tmp")
            Issue.record("a folder was read as a study")
        } catch {
            #expect(error.description.hasPrefix("/tmp: error: this is a folder, not a study file"))
        }
        do {
            _ = try StudyReader().read(path: "/nonexistent/study.json")
            Issue.record("a missing file was read as a study")
        } catch {
            #expect(error.description.hasPrefix("/nonexistent/study.json: error: no such file"))
        }
    }
}
