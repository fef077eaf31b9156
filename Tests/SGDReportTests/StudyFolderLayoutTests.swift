import Foundation
import SGDStudy
import Synchronization
import Testing
@testable import SGDReport
import TestSupport

/// The study folder's layout (issue 11): one value names every file a build writes, and decides
/// which files of the user's a rebuild keeps.
@Suite struct StudyFolderLayoutTests {
    let layout = StudyFolderLayout(slug: "momentum")

    @Test func namesEachFile() {
        #expect(StudyFolderLayout.page == "index.html")
        #expect(StudyFolderLayout.studyFile == "study.json")
        #expect(StudyFolderLayout.resultsFile == "results.json")
        #expect(layout.workbook == "momentum.xlsx")
        #expect(StudyFolderLayout.steps(run: "lr-0-1") == "data/lr-0-1.steps.csv")
        #expect(StudyFolderLayout.epochs(run: "lr-0-1") == "data/lr-0-1.epochs.csv")
        #expect(StudyFolderLayout.signal("sine") == "data/sine.csv")
        #expect(StudyFolderLayout.chart("loss", format: "svg") == "charts/loss.svg")
        #expect(StudyWorkbook.fileName(slug: "momentum") == layout.workbook)
    }

    @Test(arguments: [
        ("index.html", true), ("study.json", true), ("results.json", true), ("momentum.xlsx", true),
        ("charts", true), ("data", true), ("media", true), ("media/img/a.png", true),
        ("charts/loss.png", true), ("charts/loss.svg", true), ("data/a.steps.csv", true), ("data/input.csv", true),
        // The user's: anything else, including another study's workbook and files in the folders.
        ("notes.md", false), ("other.xlsx", false), ("charts/loss.pdf", false), ("data/notes.txt", false),
        ("charts/old/loss.png", false), ("data/x/y.csv", false), ("screenshots", false),
    ])
    func decidesWhichFilesAreSGDReports(relative: String, written: Bool) {
        #expect(layout.isWrittenBySGDReport(relative) == written)
    }

    /// Every file a real build writes is one the layout calls sgdreport's own, so a rebuild
    /// drops it rather than keeping it as the user's.
    @Test func everyFileABuildWritesIsSGDReports() throws {
        let output = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let study = try StudyReader().read(path: Repository.studies.appendingPathComponent("momentum.json").path)
        let builder = StudyBuilder(
            options: BuildOptions(outputDirectory: output.path, parallelism: 2, chartFormat: .both),
            templates: try ReportTemplates.load(directory: templatesFolder.path))
        let built = try builder.build(study, command: "sgdreport build studies/momentum.json")
        let files = try FileManager.default.subpathsOfDirectory(atPath: built.folder)
        for result in built.results.runs {
            #expect(files.contains(StudyFolderLayout.steps(run: result.run.slug)))
            #expect(files.contains(StudyFolderLayout.epochs(run: result.run.slug)))
        }
        #expect(files.contains(built.layout.workbook) && files.contains(StudyFolderLayout.studyFile))
        for file in files {
            #expect(built.layout.isWrittenBySGDReport(file), "\(file)")
        }
        for chart in built.charts {
            let png = try #require(chart.pngPath), svg = try #require(chart.svgPath)
            #expect(files.contains(png) && files.contains(svg))
        }
        // The build leaves the output folder's index to `writeIndex`, once per build.
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("index.html").path))
        try builder.writeIndex([built])
        let index = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("momentum/index.html"))
    }

    /// The writing's progress counts the study folder's files: it starts at 0 of the count, ends
    /// at the count, and the count is the number of files the folder then holds — CSV data
    /// copied, an image, signals, charts in one format or both, on one thread or two; its share
    /// of the work never goes back and ends at 1.
    @Test(arguments: [(ChartFormat.png, 1), (.both, 2)])
    func theWritingProgressCountsTheFilesWritten(format: ChartFormat, parallelism: Int) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "x,y\n1,32\n2,34\n3,36\n".write(to: folder.appendingPathComponent("points.csv"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("figures"), withIntermediateDirectories: true)
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]).write(to: folder.appendingPathComponent("figures/sheet.png"))
        let json = #"""
            { "description": "![the sheet](figures/sheet.png) and ![again](figures/sheet.png)",
              "data": { "csv": "points.csv", "x": "x", "y": "y" },
              "runs": [ { "name": "a", "optimizer": { "type": "sgd", "lr": 0.0001 } }, { "name": "b", "optimizer": { "type": "sgd", "lr": 0.001 } } ],
              "signals": [ { "name": "s", "values": [1, 2, 3] }, { "name": "t", "values": [3, 2, 1] } ] }
            """#
        try json.write(to: folder.appendingPathComponent("counted.json"), atomically: true, encoding: .utf8)
        let study = try StudyReader().read(path: folder.appendingPathComponent("counted.json").path)
        let builder = StudyBuilder(
            options: BuildOptions(outputDirectory: folder.appendingPathComponent("out").path, parallelism: parallelism, chartFormat: format),
            templates: try ReportTemplates.load(directory: templatesFolder.path))
        let calls = Mutex<[WritingProgress]>([])
        let built = try builder.build(study, command: "c", writing: { progress in calls.withLock { $0.append(progress) } })
        let heard = calls.withLock { $0 }
        let files = try FileManager.default.subpathsOfDirectory(atPath: built.folder).filter { path in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: built.folder + "/" + path, isDirectory: &isFolder) && !isFolder.boolValue
        }
        #expect(files.contains("data/input.csv") && files.contains("media/figures/sheet.png") && files.contains("data/s.csv"))
        let total = try #require(heard.first?.files)
        #expect(heard.first == WritingProgress(filesWritten: 0, files: total, fractionDone: 0))
        #expect(heard.allSatisfy { $0.files == total })
        #expect(heard.last?.filesWritten == total && heard.last?.fractionDone == 1)
        #expect(zip(heard, heard.dropFirst()).allSatisfy { $0.filesWritten <= $1.filesWritten && $0.fractionDone <= $1.fractionDone })
        #expect(total == files.count, "\(files.sorted())")
    }

    /// A long steps.csv moves the share of the work while it is written, before its files count.
    @Test func aLongStepsFileMovesTheShareWhileItIsWritten() throws {
        let output = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        // 150 × 150 ReLU units: 22,951 weights, so each row of steps.csv is a block of its own.
        let json = #"""
            { "runs": [ { "name": "wide", "model": { "layers": [ { "units": 150, "activation": "relu" }, { "units": 150, "activation": "relu" }, { "units": 1 } ] },
              "init": { "pytorch": { "seed": 1 } }, "optimizer": { "type": "sgd", "lr": 0.0001 } } ], "charts": [] }
            """#
        let study = try StudyReader().read(bytes: Array(json.utf8), file: "wide.json")
        let builder = StudyBuilder(
            options: BuildOptions(outputDirectory: output.path, parallelism: 1, chartFormat: .png),
            templates: try ReportTemplates.load(directory: templatesFolder.path))
        let calls = Mutex<[WritingProgress]>([])
        _ = try builder.build(study, command: "c", writing: { progress in calls.withLock { $0.append(progress) } })
        let heard = calls.withLock { $0 }
        // While the steps file is written, the count of files stands and the share moves.
        let longest = Dictionary(grouping: heard, by: \.filesWritten).values.max { $0.count < $1.count }!
        #expect(longest.count > 10, "\(longest.count) reports while one count stood")
        #expect(longest.last!.fractionDone - longest.first!.fractionDone > 0.2, "\(longest.map(\.fractionDone))")
        #expect(zip(heard, heard.dropFirst()).allSatisfy { $0.fractionDone <= $1.fractionDone })
    }
}
