import Foundation
import SGDStudy
import Testing
@testable import SGDReport
import TestSupport

/// What the command line hands to the library (issue 11): the cross-study check, the "how to
/// reproduce" text, failure kinds, and a staging registry that is not process-wide.
@Suite struct BuildRequestTests {
    func study(_ file: String, title: String = "") throws -> Study {
        try StudyReader().read(bytes: Array(#"{ "title": "\#(title)", "signals": [ { "name": "s", "values": [1, 2, 3], "ewma": { "beta": 0.9 } } ] }"#.utf8), file: file)
    }

    @Test func laterStudiesWithAnEarlierSlugClash() throws {
        let studies = try [study("a/x.json"), study("b/y.json"), study("c/x.json"), study("d/x.json")]
        let clashes = BuildRequest.slugClashes(studies)
        #expect(clashes == [
            .duplicateSlug(slug: "x", first: "a/x.json", second: "c/x.json"),
            .duplicateSlug(slug: "x", first: "a/x.json", second: "d/x.json"),
        ])
        #expect(clashes.allSatisfy { $0.kind == .usage })
        #expect(BuildRequest.slugClashes(try [study("a/x.json"), study("a/y.json")]).isEmpty)
    }

    @Test(arguments: [
        ("studies/momentum.json", "output", ChartFormat.both, nil, "sgdreport build studies/momentum.json"),
        ("/home/ana/s/m.json", "/home/ana/out dir", .svg, "/etc/tpl", "sgdreport build s/m.json --output 'out dir' --format svg --templates tpl"),
        ("it's.json", "output", .png, nil, #"sgdreport build 'it'\''s.json' --format png"#),
        ("x.json", "", .both, nil, "sgdreport build x.json --output ''"),
    ] as [(String, String, ChartFormat, String?, String)])
    func reproduceCommandIsRelativeAndQuoted(file: String, output: String, format: ChartFormat, templates: String?, expected: String) throws {
        let request = BuildRequest(
            studyFiles: [file], options: BuildOptions(outputDirectory: output, parallelism: 1, chartFormat: format), templatesDirectory: templates)
        #expect(request.reproduceCommand(for: try study(file), currentDirectory: "/home/ana") == expected)
    }

    @Test func failureKindsComeFromTheErrorsCase() throws {
        let missing = #expect(throws: StudyFileError.self) { try StudyReader().read(path: "/nonexistent/study.json") }
        #expect(missing?.kind == .noInput)
        #expect(BuildError.invalidStudy(try #require(missing)).kind == .noInput)
        let folder = #expect(throws: StudyFileError.self) { try StudyReader().read(path: Repository.studies.path) }
        #expect(folder?.kind == .invalidInput)
        let invalid = #expect(throws: StudyFileError.self) { try StudyReader().read(bytes: Array("{ nope".utf8), file: "x.json") }
        #expect(invalid?.kind == .invalidInput)
        #expect(BuildError.interrupted.kind == .interrupted)
        #expect(BuildError.templates(reason: "x").kind == .usage)
        for error in [BuildError.cannotWrite(path: "p", reason: "r"), .studyNotWritten(slug: "s", path: "p", reason: "r"),
                      .cannotCreateFolder(path: "p", reason: "r"), .outputIsNotAFolder(path: "p"), .wouldReplaceForeignFolder(path: "p"),
                      .chart(name: "c", reason: "r")] {
            #expect(error.kind == .cannotCreate, "\(error)")
        }
    }

    /// Each builder registers its staging folders in the registry it was given, and nowhere else.
    @Test func stagingFoldersAreRegisteredInTheBuildersOwnRegistry() throws {
        let output = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let mine = StagingRegistry(), other = StagingRegistry()
        let layout = StudyFolderLayout(slug: "x")
        let staging = try StagingFolder.prepare(outputDirectory: output.path, layout: layout, registry: mine)
        #expect(mine.pending == [staging.path])
        #expect(other.pending.isEmpty)
        mine.removeAll()
        #expect(mine.pending.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: staging.path))

        // A build that finishes leaves nothing registered.
        let builder = StudyBuilder(
            options: BuildOptions(outputDirectory: output.path, parallelism: 1),
            templates: try ReportTemplates.load(directory: templatesFolder.path), registry: mine)
        _ = try builder.build(try study("studies/y.json"), command: "sgdreport build studies/y.json")
        #expect(mine.pending.isEmpty && other.pending.isEmpty)
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("y/study.json").path))
    }
}
