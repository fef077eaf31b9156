import Foundation
import Testing
@testable import SGDCommandLine
import SGDReport
import TestSupport

/// Issue 10, items 7–9: what a build writes is fit to share (no absolute path of this machine),
/// keeps the files a user put in a study folder, and an SVG-only build has thumbnails.
@Suite struct SharedOutputTests {
    static let study = """
        { "title": "Shared", "defaults": { "optimizer": { "type": "sgd", "lr": 0.0001 } },
          "runs": [ { "name": "one" } ],
          "signals": [ { "name": "s", "values": [4, 4, 4], "ewma": { "beta": 0.9, "dampening": false, "debias": true } } ],
          "charts": [ { "title": "Loss", "y": "loss" }, { "title": "Signal", "signal": "s" } ] }
        """

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// Every regular file under `folder`, relative to it.
    static func files(under folder: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        var found: [String] = []
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory), !isDirectory.boolValue {
                found.append(path)
            }
        }
        return found.sorted()
    }

    // MARK: Item 7

    @Test(arguments: [
        ("/home/ana/studies/momentum.json", "/home/ana", "studies/momentum.json"),
        // Only the root shared: the absolute path is the one spelling that works without naming
        // the current folder's (`../home/ana/…` would say it is one below the root).
        ("/home/ana/studies/momentum.json", "/tmp", "/home/ana/studies/momentum.json"),
        ("/srv/out", "/tmp/s", "/srv/out"),
        ("/srv/./out/../out/", "/home/ana/work", "/srv/out"),
        ("/srv/my out", "/tmp/s", "/srv/my out"),
        ("/srv/out", "/", "srv/out"),
        ("/home/ana/my studies/../studies/x.json", "/home/ana/", "studies/x.json"),
        ("studies/momentum.json", "/home/ana", "studies/momentum.json"),
        ("../x.json", "/home/ana", "../x.json"),
        ("/home/ana/out", "/home/ana/out", "."),
        ("/", "/home", ".."),
        ("/tmp/out", "/tmp/s", "../out"),
        ("/home/ana/studies/x.json", "/home/ana/work/deep", "../../studies/x.json"),
    ])
    func absolutePathsAreShownRelativeOrByName(path: String, here: String, shown: String) {
        #expect(BuildRequest.shareablePath(path, currentDirectory: here) == shown)
    }

    /// Built with absolute paths from another folder, no file of the output names an absolute
    /// path of this machine; the page's command names the files from the folder the build ran in,
    /// through the folder they share, so that run there it rebuilds into the same folder.
    @Test(arguments: [["--format", "both"], ["--format", "svg"]])
    func noWrittenFileNamesAnAbsolutePath(format: [String]) throws {
        let scratch = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let studyFile = scratch.appendingPathComponent("home/learner/my studies/shared.json")
        try Self.write(Self.study, to: studyFile)
        let elsewhere = scratch.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let output = scratch.appendingPathComponent("home/learner/site")
        // The templates are copied into the scratch folder, so that the command names them the same
        // way wherever the repository is (a clone under /tmp shares /tmp with the scratch folder).
        let templates = scratch.appendingPathComponent("Templates")
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("Templates"), to: templates)
        let outcome = try BinaryRunner.run(
            ["build", studyFile.path, "--output", output.path, "--templates", templates.path] + format, in: elsewhere)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let written = Self.files(under: output)
        #expect(written.contains("shared/index.html") && written.contains("shared/study.json") && written.contains("shared/results.json"))
        #expect(written.count >= 8)
        for file in written {
            let bytes = try Data(contentsOf: output.appendingPathComponent(file))
            let text = String(decoding: bytes, as: UTF8.self)
            for folder in [scratch.path, Repository.root.path] {
                #expect(!text.contains(folder), "\(file) names \(folder)")
            }
        }
        let page = try String(contentsOf: output.appendingPathComponent("shared/index.html"), encoding: .utf8)
        let expected = "sgdreport build '../home/learner/my studies/shared.json' --output ../home/learner/site"
            + (format == ["--format", "svg"] ? " --format svg" : "") + " --templates ../Templates"
        #expect(page.contains(expected.replacingOccurrences(of: "'", with: "&#39;")), "\(page)")
        #expect(elsewhere.appendingPathComponent("../home/learner/site").standardizedFileURL.path == output.standardizedFileURL.path)
    }

    /// The page's command, run as it is shown in the folder the build ran in, rebuilds into the
    /// same output folder — also when that folder shares only the root with the current one
    /// (here a folder under the repository's .build and one under the temporary folder, unless
    /// the repository is itself under the temporary folder), where the command names the output
    /// by its absolute path and the current folder by nothing.
    @Test func thePagesCommandRunWhereTheBuildRanRebuildsTheSameFolder() throws {
        let here = Repository.root.appendingPathComponent(".build/sgdreport-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: here, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: here) }
        let elsewhere = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        try Self.write(Self.study, to: here.appendingPathComponent("u1.json"))
        let output = elsewhere.appendingPathComponent("out")
        let first = try BinaryRunner.run(["build", "u1.json", "--output", output.path], in: here)
        #expect(first.status == 0, "\(first.standardError)")
        let page = try String(contentsOf: output.appendingPathComponent("u1/index.html"), encoding: .utf8)
        let command = try #require(page.firstMatch(of: /<pre class="command"><code>(sgdreport build [^<]*)<\/code>/)?.1)
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
        #expect(!command.contains(here.path) && !command.contains(".build"), "\(command)")
        if !here.path.hasPrefix(elsewhere.deletingLastPathComponent().path) {
            #expect(command == "sgdreport build u1.json --output \(BuildRequest.shellQuoted(output.standardizedFileURL.path))")
        }
        // Run it: the same folder is rebuilt (its page written anew), and nothing appears here.
        try FileManager.default.removeItem(at: output.appendingPathComponent("u1/index.html"))
        let again = try BinaryRunner.run(
            ["-c", BuildRequest.shellQuoted(BinaryRunner.binary.path) + command.dropFirst("sgdreport".count)], in: here,
            executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(again.status == 0, "\(again.standardError)")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("u1/index.html").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: here.path) == ["u1.json"])
    }

    // MARK: Item 8

    /// Notes, screenshots and folders the user put in a study folder survive a rebuild; a chart
    /// the study no longer has is dropped.
    @Test func aRebuildKeepsTheUsersFiles() throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let studyFile = folder.appendingPathComponent("shared.json")
        try Self.write(Self.study, to: studyFile)
        #expect(try BinaryRunner.run(["build", "shared.json"], in: folder).status == 0)
        let built = folder.appendingPathComponent("output/shared")
        let users = [
            "notes.md": "# my notes\n", "screenshot.png": "not really a png", "drafts/idea.txt": "try lr 1e-3\n",
            "charts/my-sketch.jpg": "jpeg bytes", "data/mine.txt": "numbers I typed\n", ".hidden": "x",
            "my-analysis.xlsx": "a workbook of mine",
        ]
        for (path, text) in users { try Self.write(text, to: built.appendingPathComponent(path)) }
        #expect(FileManager.default.fileExists(atPath: built.appendingPathComponent("charts/loss.png").path))

        try Self.write(Self.study.replacingOccurrences(of: #""title": "Loss""#, with: #""title": "Loss per step""#), to: studyFile)
        let rebuilt = try BinaryRunner.run(["build", "shared.json"], in: folder)
        #expect(rebuilt.status == 0, "\(rebuilt.standardError)")
        for (path, text) in users {
            #expect((try? String(contentsOf: built.appendingPathComponent(path), encoding: .utf8)) == text, "\(path)")
        }
        #expect(!FileManager.default.fileExists(atPath: built.appendingPathComponent("charts/loss.png").path), "a chart no longer in the study")
        #expect(FileManager.default.fileExists(atPath: built.appendingPathComponent("charts/loss-per-step.png").path))
        // The study's own workbook is sgdreport's: rebuilt, not kept as a file of the user's.
        #expect(FileManager.default.fileExists(atPath: built.appendingPathComponent("shared.xlsx").path))
        // Nothing is left beside the study folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("output").path).sorted() == ["index.html", "shared"])
    }

    // MARK: Item 9

    @Test(arguments: [("svg", "shared/charts/loss.svg"), ("png", "shared/charts/loss.png"), ("both", "shared/charts/loss.png")])
    func theIndexHasAThumbnailInEveryFormat(format: String, thumbnail: String) throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.write(Self.study, to: folder.appendingPathComponent("shared.json"))
        #expect(try BinaryRunner.run(["build", "shared.json", "--format", format], in: folder).status == 0)
        let index = try String(contentsOf: folder.appendingPathComponent("output/index.html"), encoding: .utf8)
        #expect(index.contains(#"<img src="\#(thumbnail)""#))
        #expect(!index.contains(#"<span class="thumb thumb-empty""#))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("output/" + thumbnail).path))
    }

    // MARK: Item 11: the PNG width cap

    /// `width` is capped at 2000 CSS px with a message; at the cap the PNG is 4000 pixels wide.
    @Test func chartSizeIsCappedSoThePNGStaysUnder4000Pixels() throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = #"{ "signals": [ { "name": "s", "values": [1, 2, 3] } ], "charts": [ { "title": "S", "signal": "s", "#
        for (size, message) in [(#""width": 4096"#, "width must be between 160 and 2,000, got 4096"),
                                (#""height": 2001"#, "height must be between 120 and 2,000, got 2001")] {
            try Self.write(base + size + " } ] }", to: folder.appendingPathComponent("big.json"))
            let refused = try BinaryRunner.run(["build", "big.json"], in: folder)
            #expect(refused.status == 65)
            #expect(refused.standardError.contains("error: charts[0].\(size.split(separator: "\"")[0]): \(message)"), "\(refused.standardError)")
            #expect(refused.standardError.contains("hint: the PNG is drawn at twice this size, and 4,000 pixels is the most forums take; use at most 2000"))
        }
        try Self.write(base + #""width": 2000, "height": 1000 } ] }"#, to: folder.appendingPathComponent("big.json"))
        let built = try BinaryRunner.run(["build", "big.json"], in: folder)
        #expect(built.status == 0, "\(built.standardError)")
        let png = [UInt8](try Data(contentsOf: folder.appendingPathComponent("output/big/charts/s.png")))
        // IHDR: width and height, big-endian, at bytes 16 and 20.
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 4000 && height == 2000)
    }
}
