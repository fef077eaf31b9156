import Foundation
import SGDReport
import Testing
import TestSupport

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
        let study = Repository.root.appendingPathComponent("studies/graddesc-basic.json")
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
        let root = Repository.root.appendingPathComponent("studies")
        try PageFixtures.build([root.appendingPathComponent("graddesc-basic.json")], into: output)
        try PageFixtures.build([root.appendingPathComponent("momentum.json")], into: output)
        let html = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
        let links = PageLinkChecker.references(in: html).filter { $0.tag == "a" }.map(\.value)
        #expect(links == ["graddesc-basic/index.html", "momentum/index.html"])
        #expect(html.contains("2 studies"))
    }

    @Test func theLinkCheckerFindsBrokenLinks() throws {
        let output = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        try FileManager.default.createDirectory(at: output.appendingPathComponent("s/data"), withIntermediateDirectories: true)
        try "a,b".write(to: output.appendingPathComponent("s/data/ok.csv"), atomically: true, encoding: .utf8)
        let page = output.appendingPathComponent("s/index.html")
        try """
            <a href="data/ok.csv">ok</a> <a href="#here">here</a> <h2 id="here">x</h2> <a href="https://fast.ai">ext</a>
            <a href="data/missing.csv">1</a> <img src="charts/x.png" alt="2"> <a href="../../etc/passwd">3</a>
            <a href="/abs">4</a> <a href="#nowhere">5</a> <img src="https://cdn.example/x.png" alt="6">
            <link rel="stylesheet" href="file:///x.css"> <a href="data/ok%2Ecsv">ok too</a>
            """.write(to: page, atomically: true, encoding: .utf8)
        let problems = try PageLinkChecker.problems(page: page, outputFolder: output)
        #expect(problems.count == 7, "\(problems.joined(separator: "\n"))")
        for bad in ["data/missing.csv", "charts/x.png", "../../etc/passwd", "/abs", "#nowhere", "https://cdn.example/x.png", "file:///x.css"] {
            #expect(problems.contains { $0.contains("\"\(bad)\"") }, "\(bad) not reported")
        }
    }
}

/// Images in the Markdown of a study: copied beside the page and shown from there.
@Suite struct StudyImagePageTests {
    @Test func aStudysOwnImageIsCopiedToMediaAndShown() throws {
        let scratch = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let studies = scratch.appendingPathComponent("my studies")
        try FileManager.default.createDirectory(at: studies.appendingPathComponent("sheet shots"), withIntermediateDirectories: true)
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3])
        try png.write(to: studies.appendingPathComponent("sheet shots/basic sheet.png"))
        let file = studies.appendingPathComponent("pictured.json")
        try #"""
            { "description": "The sheet: ![the basic sheet](<sheet shots/basic sheet.png>)\n\n| a | b |\n|---|---|\n| 1 | 2 |",
              "runs": [ { "name": "one", "model": "linear", "optimizer": { "type": "sgd", "lr": 0.0001 } } ],
              "charts": [ { "title": "e", "per": "epoch", "y": "sqrt_sse", "caption": "Again: ![same](sheet%20shots/basic%20sheet.png)" } ] }
            """#.write(to: file, atomically: true, encoding: .utf8)
        let output = scratch.appendingPathComponent("out")
        let page = try PageFixtures.build([file], into: output)[0]
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains(#"<img src="media/sheet%20shots/basic%20sheet.png" alt="the basic sheet" />"#))
        #expect(html.contains(#"<img src="media/sheet%20shots/basic%20sheet.png" alt="same" />"#))
        #expect(html.contains("<table>"))
        #expect(try Data(contentsOf: output.appendingPathComponent("pictured/media/sheet shots/basic sheet.png")) == png)
        let problems = try PageLinkChecker.problems(page: page, outputFolder: output)
        #expect(problems.isEmpty, "\(problems)")
        // The study.json the build wrote is a study file too: it builds again, images and all.
        let again = try PageFixtures.build([output.appendingPathComponent("pictured/study.json")], into: scratch.appendingPathComponent("again"))[0]
        #expect(try String(contentsOf: again, encoding: .utf8).contains(#"<img src="media/sheet%20shots/basic%20sheet.png" alt="the basic sheet" />"#))
        #expect(try Data(contentsOf: scratch.appendingPathComponent("again/study/media/sheet shots/basic sheet.png")) == png)
    }
}
