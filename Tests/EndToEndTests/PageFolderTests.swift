import Foundation
import SGDReport
import Testing

/// The pages built through the library (no binary, stand-in chart images): every link and
/// image of every page points at a file inside the output folder, and a second build writes
/// the same bytes.
@Suite struct PageFolderTests {
    @Test func everyLinkOfEveryBundledStudyPageReachesAFile() throws {
        let output = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let studies = try PageFixtures.bundledStudies()
        #expect(studies.contains { $0.lastPathComponent == "graddesc-basic.json" })
        let pages = try PageFixtures.build(studies, into: output)
        #expect(pages.count == studies.count)
        let index = output.appendingPathComponent("index.html")
        for page in pages + [index] {
            let problems = try PageLinkChecker.problems(page: page, outputFolder: output)
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        }
        // The index links every study page.
        let links = PageLinkChecker.references(in: try String(contentsOf: index, encoding: .utf8)).map(\.value)
        for page in pages {
            #expect(links.contains("\(page.deletingLastPathComponent().lastPathComponent)/index.html"))
        }
    }

    @Test func theSameStudyGivesTheSamePageBytes() throws {
        let output = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let study = PageFixtures.repositoryRoot.appendingPathComponent("studies/graddesc-basic.json")
        let first = try Data(contentsOf: PageFixtures.build([study], into: output.appendingPathComponent("a"))[0])
        let second = try Data(contentsOf: PageFixtures.build([study], into: output.appendingPathComponent("b"))[0])
        #expect(first == second)
        let indexA = try Data(contentsOf: output.appendingPathComponent("a/index.html"))
        let indexB = try Data(contentsOf: output.appendingPathComponent("b/index.html"))
        #expect(indexA == indexB)
    }

    @Test func theIndexKeepsStudiesBuiltEarlier() throws {
        let output = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let root = PageFixtures.repositoryRoot.appendingPathComponent("studies")
        try PageFixtures.build([root.appendingPathComponent("graddesc-basic.json")], into: output)
        try PageFixtures.build([root.appendingPathComponent("momentum.json")], into: output)
        let html = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
        let links = PageLinkChecker.references(in: html).filter { $0.tag == "a" }.map(\.value)
        #expect(links == ["graddesc-basic/index.html", "momentum/index.html"])
        #expect(html.contains("2 studies"))
    }
}
