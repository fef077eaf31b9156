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
        ("/home/ana/s/m.json", "/home/ana/out dir", .svg, "/etc/tpl", "sgdreport build s/m.json --output 'out dir' --format svg --templates /etc/tpl"),
        ("it's.json", "output", .png, nil, #"sgdreport build 'it'\''s.json' --format png"#),
        ("x.json", "", .both, nil, "sgdreport build x.json --output ''"),
    ] as [(String, String, ChartFormat, String?, String)])
    func reproduceCommandIsRelativeAndQuoted(file: String, output: String, format: ChartFormat, templates: String?, expected: String) throws {
        let request = BuildRequest(
            studyFiles: [file], options: BuildOptions(outputDirectory: output, parallelism: 1, chartFormat: format), templatesDirectory: templates)
        #expect(request.reproduceCommand(for: try study(file), currentDirectory: "/home/ana") == expected)
    }

    /// Run where the build ran, the command writes the same folder: an output (or study, or
    /// templates folder) outside the current folder but beside it is named through the folder
    /// they share (`cd /tmp/s && sgdreport build u1.json --output /tmp/out` → `--output ../out`).
    @Test(arguments: [
        ("/tmp/s", "u1.json", "/tmp/out", nil, "sgdreport build u1.json --output ../out"),
        ("/tmp/s", "/tmp/s/u1.json", "/tmp", nil, "sgdreport build u1.json --output .."),
        ("/home/ana/work", "/home/ana/studies/u1.json", "/home/ana/site/out", "/home/ana/tpl",
         "sgdreport build ../studies/u1.json --output ../site/out --templates ../tpl"),
        ("/home/ana/a/b", "x.json", "/home/ana/out put", nil, "sgdreport build x.json --output '../../out put'"),
        // Only the root shared: absolute, the one spelling that names nothing of the current folder.
        ("/tmp/s", "u1.json", "/srv/out", nil, "sgdreport build u1.json --output /srv/out"),
        ("/home/ana/work", "/srv/studies/u1.json", "/srv/out", "/opt/sgd tpl",
         "sgdreport build /srv/studies/u1.json --output /srv/out --templates '/opt/sgd tpl'"),
    ] as [(String, String, String, String?, String)])
    func pathsOutsideTheCurrentFolderAreNamedThroughTheFolderTheyShare(here: String, file: String, output: String, templates: String?, expected: String) throws {
        let request = BuildRequest(
            studyFiles: [file], options: BuildOptions(outputDirectory: output, parallelism: 1), templatesDirectory: templates)
        #expect(request.reproduceCommand(for: try study(file), currentDirectory: here) == expected)
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
        #expect(BuildError.installedTemplates(reason: "x").kind == .osFile)
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

    /// A whole build through the library: every file read first, a study that fails does not
    /// stop the others, and the index (written once, at the end) lists the studies built.
    @Test func aBuildReportsEachStudyAndWritesTheIndexOnce() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let json = #"{ "signals": [ { "name": "s", "values": [1, 2, 3] } ] }"#
        for name in ["a", "b", "c"] {
            try json.write(to: folder.appendingPathComponent("\(name).json"), atomically: true, encoding: .utf8)
        }
        try "{ nope".write(to: folder.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("out")
        // b's folder is someone else's: it is not replaced.
        try FileManager.default.createDirectory(at: output.appendingPathComponent("b"), withIntermediateDirectories: true)
        try "mine".write(to: output.appendingPathComponent("b/thesis.tex"), atomically: true, encoding: .utf8)
        let request = BuildRequest(
            studyFiles: [], options: BuildOptions(outputDirectory: output.path, parallelism: 1), templatesDirectory: templatesFolder.path)
        let registry = StagingRegistry()
        var events: [String] = []
        var progressed: [String] = []
        let outcome = ReportBuild(request: request, registry: registry, cancellation: CancellationFlag()).run(
            studyFiles: ["a", "bad", "b", "c"].map { folder.appendingPathComponent("\($0).json").path }, currentDirectory: folder.path,
            progress: { study, position, count in
                progressed.append("\(position)/\(count) \(study.slug)")
                return (nil, nil, {})
            },
            report: { event in
                switch event {
                case .invalidStudy(let error): events.append("invalid \(error.kind)")
                case .built(let built): events.append("built \(built.study.slug)")
                case .failed(let study, let error): events.append("failed \(study.slug) \(error.kind)")
                case .slugClash, .invalidTemplates, .indexNotWritten: events.append("unexpected \(event)")
                }
            })
        #expect(events == ["invalid invalidInput", "built a", "failed b cannotCreate", "built c"])
        #expect(progressed == ["0/3 a", "1/3 b", "2/3 c"])
        #expect(outcome.built.map(\.study.slug) == ["a", "c"])
        #expect(outcome.failures == [.invalidInput, .cannotCreate])
        #expect(!outcome.interrupted && registry.pending.isEmpty)
        let index = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("a/index.html") && index.contains("c/index.html") && !index.contains("b/index.html"))
        #expect(try String(contentsOf: output.appendingPathComponent("b/thesis.tex"), encoding: .utf8) == "mine")
    }

    /// An interrupted build stops at the study in progress and removes what is registered.
    @Test func anInterruptedBuildStopsAndCleansUp() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try #"{ "signals": [ { "name": "s", "values": [1] } ] }"#.write(to: folder.appendingPathComponent("a.json"), atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("out")
        let request = BuildRequest(
            studyFiles: [], options: BuildOptions(outputDirectory: output.path, parallelism: 1), templatesDirectory: templatesFolder.path)
        let cancellation = CancellationFlag()
        cancellation.cancel()
        var events: [String] = []
        let registry = StagingRegistry()
        let single = ReportBuild(request: request, registry: registry, cancellation: cancellation).run(
            studyFiles: [folder.appendingPathComponent("a.json").path], currentDirectory: folder.path, progress: { _, _, _ in (nil, nil, {}) },
            report: { event in if case .failed(let study, let error) = event { events.append("\(study.slug) \(error.kind)") } })
        #expect(single.interrupted && single.built.isEmpty)
        #expect(events == ["a interrupted"])
        #expect(single.failures == [.interrupted] && registry.pending.isEmpty)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []).isEmpty, "nothing left in the output folder")
    }
}
