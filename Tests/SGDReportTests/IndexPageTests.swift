import Foundation
import SGDStudy
import Testing
@testable import SGDReport

/// The output folder's index: every study folder there, whichever build made it.
@Suite struct IndexPageTests {
    @Test func listsEveryStudyFolderByTitleWithSummaryAndThumbnail() throws {
        let output = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        func study(_ folder: String, _ json: String, charts: [String] = []) throws {
            let url = output.appendingPathComponent(folder)
            try FileManager.default.createDirectory(at: url.appendingPathComponent("charts"), withIntermediateDirectories: true)
            try json.write(to: url.appendingPathComponent("study.json"), atomically: true, encoding: .utf8)
            for chart in charts { try Data([0x89]).write(to: url.appendingPathComponent("charts/\(chart)")) }
        }
        try study("zeta", #"{ "title": "Adam", "description": "Adam *adapts*. It also debiases.", "charts": [ { "name": "Loss per step" }, { "name": "b" } ] }"#,
                  charts: ["a-first-by-name.png", "loss-per-step.png"])
        try study("alpha", #"{ "title": "Momentum", "description": "" }"#, charts: ["z.png", "m.png", "notes.txt"])
        try study("no-title", ##"{ "description": "# Heading first\n\nBody." }"##)
        try study("broken", "{ not json")
        // Not studies: a folder without study.json, a hidden staging folder, a file.
        try FileManager.default.createDirectory(at: output.appendingPathComponent("photos"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: output.appendingPathComponent(".sgdreport-staging-x-1"), withIntermediateDirectories: true)
        try "{}".write(to: output.appendingPathComponent(".sgdreport-staging-x-1/study.json"), atomically: true, encoding: .utf8)
        try "x".write(to: output.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)

        let page = try IndexPageBuilder.page(outputDirectory: output.path)
        #expect(page.studies.map(\.title) == ["Adam", "broken", "Momentum", "no-title"])
        #expect(page.summary == "4 studies")
        let adam = page.studies[0]
        #expect(adam.summary == "Adam adapts.")
        #expect(adam.href == "zeta/study.json", "no page yet: the link goes to the study file")
        #expect(adam.thumbnail?.src == "zeta/charts/loss-per-step.png", "the study's first chart")
        #expect(page.studies[2].thumbnail?.src == "alpha/charts/m.png", "else the first PNG by name")
        #expect(!page.studies[2].hasSummary)
        #expect(page.studies[3].summary == "Heading first")
        #expect(page.studies[3].thumbnail == nil && !page.studies[3].hasThumbnail)

        try "<html>".write(to: output.appendingPathComponent("zeta/index.html"), atomically: true, encoding: .utf8)
        #expect(try IndexPageBuilder.page(outputDirectory: output.path).studies[0].href == "zeta/index.html")
    }

    /// The studies a build wrote are handed to the index as they are (their `study.json` is not
    /// read again); folders of earlier builds are still listed, from their `study.json`.
    @Test func builtStudiesAreTakenAsTheyAreBesideEarlierFolders() throws {
        let output = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let builder = StudyBuilder(
            options: BuildOptions(outputDirectory: output.path, parallelism: 1, chartFormat: .svg),
            templates: try ReportTemplates.load(directory: templatesFolder.path))
        let json = #"{ "title": "Now", "description": "Built *now*.", "signals": [ { "name": "s", "values": [1, 2] } ], "charts": [ { "title": "S", "signal": "s" } ] }"#
        let built = try builder.build(try StudyReader().read(bytes: Array(json.utf8), file: "studies/now.json"), command: "c")
        // What is on disk no longer matches: the index must not read it.
        try #"{ "title": "Stale" }"#.write(to: output.appendingPathComponent("now/study.json"), atomically: true, encoding: .utf8)
        let earlier = output.appendingPathComponent("earlier")
        try FileManager.default.createDirectory(at: earlier, withIntermediateDirectories: true)
        try #"{ "title": "Earlier" }"#.write(to: earlier.appendingPathComponent("study.json"), atomically: true, encoding: .utf8)

        let page = try IndexPageBuilder.page(outputDirectory: output.path, built: [built])
        #expect(page.studies.map(\.title) == ["Earlier", "Now"])
        let now = page.studies[1]
        #expect(now.summary == "Built now.")
        #expect(now.href == "now/index.html")
        #expect(now.thumbnail?.src == "now/charts/s.svg")
        #expect(page.studies[0].href == "earlier/study.json")
        // Without it, the folder is read like any other.
        #expect(try IndexPageBuilder.page(outputDirectory: output.path).studies.map(\.title) == ["Earlier", "Stale"])
    }

    @Test func anEmptyFolderSaysSo() throws {
        let output = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let html = try ReportTemplates.load(directory: templatesFolder.path).indexPage(outputDirectory: output.path)
        #expect(html.contains("No studies have been built into this folder yet."))
    }

    @Test func folderNamesAreEncodedInLinks() throws {
        let output = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let folder = output.appendingPathComponent("my study #1")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "{}".write(to: folder.appendingPathComponent("study.json"), atomically: true, encoding: .utf8)
        let entry = try #require(try IndexPageBuilder.page(outputDirectory: output.path).studies.first)
        #expect(entry.href == "my%20study%20%231/study.json")
        #expect(entry.title == "my study #1")
    }
}
