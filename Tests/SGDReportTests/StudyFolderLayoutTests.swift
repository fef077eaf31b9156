import Foundation
import SGDStudy
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
}
