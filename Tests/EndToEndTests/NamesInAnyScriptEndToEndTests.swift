import Foundation
import Testing
@testable import SGDCommandLine
import TestSupport

/// Names in any script built by the binary (SPEC §4.1, issue 13): each run and signal gets its own
/// file; the page, `study.json` and `results.json` keep the names exactly as written; `study.json`
/// builds the same files again; a study file named in another script gets a folder of its own.
@Suite struct NamesInAnyScriptEndToEndTests {
    static let names = ["一个神经元", "ニューロン一つ", "뉴런 하나", "خلية عصبية واحدة", "Νευρώνας ReLU", "🔥", "Ölçek 🔥 ψ"]

    static let study = #"""
        { "title": "名字 · Ονόματα · أسماء",
          "data": { "csv": "時間.csv", "x": "時間", "y": "点数" },
          "defaults": { "optimizer": { "type": "sgd", "lr": 0.0001 } },
          "runs": [ { "name": "一个神经元" }, { "name": "ニューロン一つ" }, { "name": "뉴런 하나" }, { "name": "خلية عصبية واحدة" },
                    { "name": "Νευρώνας ReLU" }, { "name": "Γραμμικό ReLU", "file": "grammiko-relu" }, { "name": "🔥" },
                    { "name": "Ölçek 🔥 ψ" }, { "name": "学习率", "sweep": { "lr": [0.0001, 0.001] } } ],
          "signals": [ { "name": "正弦", "x": { "from": 0, "to": 3, "step": 0.5 }, "f": "sin", "ewma": { "beta": 0.9 } },
                       { "name": "🌊", "file": "wave", "values": [1, 2, 3] } ],
          "charts": [ { "title": "誤差 🔥", "y": "loss" }, { "title": "Σφάλμα", "per": "epoch", "y": "sqrt_sse" } ] }
        """#

    /// The slugs of the runs, in order: ASCII letters and digits, else `run-` and the name's hash.
    static let runFiles = [
        "run-af2ff34d", "run-2d5323d5", "run-e343384c", "run-f0fb5647", "relu", "grammiko-relu", "run-b898da0b", "olcek",
        "run-b479df8e-lr-0-0001", "run-b479df8e-lr-0-001",
    ]

    func build(_ folder: URL, file: String = "名字.json", output: String = "out") throws -> BinaryRunner.Outcome {
        try Self.study.write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8)
        try "時間;点数\n1;32\n2;34\n3;36\n".write(to: folder.appendingPathComponent("時間.csv"), atomically: true, encoding: .utf8)
        return try BinaryRunner.run(["build", file, "--output", output], in: folder)
    }

    func json(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    @Test func namesInEveryScriptBuildWithDistinctFilesAndAreShownAsWritten() throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try build(folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.hasPrefix("built out/study-"), "\(outcome.standardOutput)")
        let report = folder.appendingPathComponent("out/study-aa1c40b2")
        let data = try FileManager.default.contentsOfDirectory(atPath: report.appendingPathComponent("data").path).sorted()
        #expect(data == (Self.runFiles.flatMap { ["\($0).epochs.csv", "\($0).steps.csv"] } + ["input.csv", "signal-6e35a53e.csv", "wave.csv"]).sorted())
        let charts = try FileManager.default.contentsOfDirectory(atPath: report.appendingPathComponent("charts").path).sorted()
        #expect(charts == ["chart-67448719.png", "chart-67448719.svg", "chart-b71a21fd.png", "chart-b71a21fd.svg"], "\(charts)")

        // results.json, study.json and the page keep every name exactly.
        let results = try json(report.appendingPathComponent("results.json"))
        let resultRuns = try #require(results["runs"] as? [[String: Any]])
        #expect(resultRuns.compactMap { $0["name"] as? String } == Self.names.prefix(4) + ["Νευρώνας ReLU", "Γραμμικό ReLU", "🔥", "Ölçek 🔥 ψ", "学习率 lr=0.0001", "学习率 lr=0.001"])
        #expect(resultRuns.compactMap { $0["slug"] as? String } == Self.runFiles)
        let written = try json(report.appendingPathComponent("study.json"))
        #expect(written["title"] as? String == "名字 · Ονόματα · أسماء")
        let writtenRuns = try #require(written["runs"] as? [[String: Any]])
        #expect(writtenRuns.compactMap { $0["name"] as? String } == resultRuns.compactMap { $0["name"] as? String })
        // `file` is recorded where given, and for the swept runs whose name alone would not give it.
        #expect(writtenRuns.map { $0["file"] as? String } == [nil, nil, nil, nil, nil, "grammiko-relu", nil, nil, "run-b479df8e-lr-0-0001", "run-b479df8e-lr-0-001"])
        let writtenSignals = try #require(written["signals"] as? [[String: Any]])
        #expect(writtenSignals.compactMap { $0["name"] as? String } == ["正弦", "🌊"])
        #expect(writtenSignals.map { $0["file"] as? String } == [nil, "wave"])
        let dataSpec = try #require(writtenRuns.first?["data"] as? [String: Any])
        #expect(dataSpec["csv"] as? String == "時間.csv" && dataSpec["x"] as? String == "時間" && dataSpec["y"] as? String == "点数")
        #expect(FileManager.default.contents(atPath: report.appendingPathComponent("data/input.csv").path)
            == FileManager.default.contents(atPath: folder.appendingPathComponent("時間.csv").path))
        let page = try String(contentsOf: report.appendingPathComponent("index.html"), encoding: .utf8)
        for name in Self.names + ["Γραμμικό ReLU", "学习率 lr=0.001", "正弦", "🌊", "誤差 🔥", "Σφάλμα", "名字 · Ονόματα · أسماء"] {
            #expect(page.contains(name), "the page does not show \(name)")
        }
        for file in Self.runFiles { #expect(page.contains("data/\(file).steps.csv")) }

        // study.json builds again into the same files, byte for byte.
        try FileManager.default.copyItem(at: report.appendingPathComponent("study.json"), to: folder.appendingPathComponent("again.json"))
        let again = try BinaryRunner.run(["build", "again.json", "--output", "out"], in: folder)
        #expect(again.status == 0, "\(again.standardError)")
        for file in data where file != "input.csv" {
            #expect(FileManager.default.contents(atPath: report.appendingPathComponent("data/\(file)").path)
                == FileManager.default.contents(atPath: folder.appendingPathComponent("out/again/data/\(file)").path), "\(file)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out/again/charts").path).sorted() == charts)

        // The output folder's index names both studies and shows a chart of each.
        let index = try String(contentsOf: folder.appendingPathComponent("out/index.html"), encoding: .utf8)
        #expect(index.contains("名字 · Ονόματα · أسماء"))
        #expect(index.contains("study-aa1c40b2/charts/"), "the index shows no chart of the first study")
    }

    /// A study file named in another script builds into `study-<hash>`; two files of that name in
    /// two folders would share it, so nothing is built (exit 64), with the true fix.
    @Test func studyFilesNamedInAnotherScriptGetAFolderEachOrAClash() throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let study = #"{ "runs": [ { "name": "动量", "optimizer": { "type": "momentum", "lr": 0.0001 } } ] }"#
        for file in ["a/动量.json", "b/动量.json", "a/梯度.json"] {
            let url = folder.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try study.write(to: url, atomically: true, encoding: .utf8)
        }
        let clash = try BinaryRunner.run(["build", "a/动量.json", "b/动量.json", "--output", "out"], in: folder)
        #expect(clash.status == ExitStatus.usage)
        #expect(clash.standardError == "error: a/动量.json and b/动量.json would both be built into the folder \"study-a3693f77\"; nothing was built\n  hint: rename one of the files\n")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
        let two = try BinaryRunner.run(["build", "a/动量.json", "a/梯度.json", "--output", "out"], in: folder)
        #expect(two.status == 0, "\(two.standardError)")
        let folders = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path).sorted()
        #expect(folders.filter { $0.hasPrefix("study-") }.count == 2 && folders.contains("study-a3693f77"), "\(folders)")
        // The study.json a build writes builds into a folder named "study".
        let rebuilt = try BinaryRunner.run(["build", "out/study-a3693f77/study.json", "--output", "again"], in: folder)
        #expect(rebuilt.status == 0 && rebuilt.standardOutput.hasPrefix("built again/study/index.html"), "\(rebuilt.standardOutput)\(rebuilt.standardError)")
    }
}
