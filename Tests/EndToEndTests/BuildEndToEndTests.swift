import Foundation
import Testing
import TestSupport

/// The built binary on real study files, read back from the files it writes.
@Suite struct BuildEndToEndTests {
    /// The workbook's `basic` sheet, copied into the repository (see Tests/Fixtures/README.md).
    let referenceFile = Repository.fixture("graddesc-basic-epoch1.csv")

    @Test func buildsTheBasicSheetAndItsCSVsMatchTheWorkbook() throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let study = Repository.root.appendingPathComponent("studies/graddesc-basic.json").path
        let outcome = try BinaryRunner.run(["build", study, "--output", "out"], in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.hasPrefix("built out/graddesc-basic/"))

        let steps = try BinaryRunner.csv(folder.appendingPathComponent("out/graddesc-basic/data/basic.steps.csv"))
        #expect(steps.header == ["step", "epoch", "row", "x", "y", "prediction", "loss", "a", "b", "grad_a", "grad_b", "est_a", "est_b"])
        let reference = try BinaryRunner.csv(referenceFile)
        #expect(steps.rows.count == reference.rows.count)
        let pairs = [("prediction", "E:y_pred"), ("loss", "F:err^2"), ("b", "C:intercept"), ("a", "D:slope"),
                     ("grad_b", "K:de/db"), ("grad_a", "L:de/da"), ("est_b", "H:est de/db"), ("est_a", "J:est de/da")]
        for (ours, theirs) in pairs {
            let i = try #require(steps.header.firstIndex(of: ours))
            let j = try #require(reference.header.firstIndex(of: theirs))
            for (row, referenceRow) in zip(steps.rows, reference.rows) {
                // Parsed as doubles: the text may differ ("15" vs "15.0") but the number must not.
                #expect(Double(row[i]) == Double(referenceRow[j]), "\(ours) row \(row[0])")
            }
        }
        let epochs = try BinaryRunner.csv(folder.appendingPathComponent("out/graddesc-basic/data/basic.epochs.csv"))
        #expect(epochs.header == ["epoch", "sse", "mse", "rmse", "sqrt_sse", "a", "b"])
        #expect(epochs.rows.first?[4] == "150.75521153771854")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/graddesc-basic/study.json").path))
    }

    /// Two builds of one study — on one core and on two, so runs finish in different orders —
    /// give the same bytes in every file: traces, charts, pages.
    @Test func twoBuildsWriteByteIdenticalFiles() throws {
        let folders = [try BinaryRunner.scratchFolder("one"), try BinaryRunner.scratchFolder("two")]
        defer { for folder in folders { try? FileManager.default.removeItem(at: folder) } }
        for (folder, jobs) in zip(folders, ["1", "2"]) {
            try #"""
                { "data": { "x": { "random": { "count": 40, "min": 1, "max": 100, "seed": 11 } }, "target": { "slope": 2, "intercept": 30 } },
                  "runs": [ { "name": "wide", "epochs": 3, "shuffle": { "seed": 5 }, "init": { "random": { "seed": 9 } },
                              "model": { "layers": [ { "units": 8, "activation": "relu" }, { "units": 1 } ] },
                              "optimizer": { "type": "adam", "lr": 0.01 }, "sweep": { "seed": [1, 2, 3] } } ] }
                """#.write(to: folder.appendingPathComponent("shuffled.json"), atomically: true, encoding: .utf8)
            let outcome = try BinaryRunner.run(["build", "shuffled.json", "--jobs", jobs], in: folder)
            #expect(outcome.status == 0, "\(outcome.standardError)")
        }
        let files = try FileManager.default.subpathsOfDirectory(atPath: folders[0].appendingPathComponent("output").path).sorted()
        #expect(files.contains("shuffled/data/wide-seed-3.steps.csv"))
        #expect(files.contains("shuffled/charts/error-per-epoch.png"))
        #expect(files.contains("shuffled/index.html"))
        for file in files {
            let a = FileManager.default.contents(atPath: folders[0].appendingPathComponent("output/" + file).path)
            let b = FileManager.default.contents(atPath: folders[1].appendingPathComponent("output/" + file).path)
            #expect(a == b, "\(file) differs")
        }
    }

    @Test func aFailedBuildLeavesThePreviousReportUntouched() throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let study = folder.appendingPathComponent("s.json")
        try #"{ "runs": [ { "name": "one", "optimizer": { "type": "sgd", "lr": 0.0001 } } ] }"#.write(to: study, atomically: true, encoding: .utf8)
        #expect(try BinaryRunner.run(["build", "s.json"], in: folder).status == 0)
        let before = try Data(contentsOf: folder.appendingPathComponent("output/s/data/one.steps.csv"))

        try #"{ "runs": [ { "name": "one", "optimizer": { "type": "sgd", "lr": -1 } } ] }"#.write(to: study, atomically: true, encoding: .utf8)
        let failed = try BinaryRunner.run(["build", "s.json"], in: folder)
        #expect(failed.status == 65)
        #expect(failed.standardError.contains("s.json:1:66: error: runs[0].optimizer.lr: lr must be greater than 0, got -1"))
        let after = try Data(contentsOf: folder.appendingPathComponent("output/s/data/one.steps.csv"))
        #expect(before == after)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("output").path)
        #expect(leftovers.sorted() == ["index.html", "s"])
    }

    @Test func aDivergedRunIsLabelled() throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try #"{ "runs": [ { "name": "too fast", "epochs": 100, "optimizer": { "type": "sgd", "lr": 0.01 } } ] }"#
            .write(to: folder.appendingPathComponent("d.json"), atomically: true, encoding: .utf8)
        let outcome = try BinaryRunner.run(["build", "d.json"], in: folder)
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains(#"diverged: "too fast" at step "#))
        let results = try String(contentsOf: folder.appendingPathComponent("output/d/results.json"), encoding: .utf8)
        #expect(results.contains(#""diverged": {"#))
        let steps = try BinaryRunner.csv(folder.appendingPathComponent("output/d/data/too-fast.steps.csv"))
        let loss = steps.rows.last![steps.header.firstIndex(of: "loss")!]
        #expect(loss == "inf")
    }

    /// `init.from` a run that diverged trains from its last weights; the build's line and the
    /// page say that the run starts from a diverged run, and where that one diverged.
    @Test func aRunStartingFromADivergedRunSaysSo() throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try #"""
            { "data": "graddesc", "defaults": { "init": 1, "epochs": 5, "optimizer": { "type": "sgd", "lr": 0.0001 } },
              "runs": [ { "name": "b", "init": { "from": "boom" } },
                        { "name": "boom", "optimizer": { "type": "sgd", "lr": 0.01 } },
                        { "name": "fine" }, { "name": "c", "init": { "from": "fine" } } ] }
            """#.write(to: folder.appendingPathComponent("i.json"), atomically: true, encoding: .utf8)
        let outcome = try BinaryRunner.run(["build", "i.json"], in: folder)
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains(#"; diverged: "b" at step 1 (it starts from "boom", which diverged at step 123), "boom" at step 123"#),
            "\(outcome.standardOutput)")
        let page = try String(contentsOf: folder.appendingPathComponent("output/i/index.html"), encoding: .utf8)
        #expect(page.contains("the final weights of “boom”, which diverged at step 123 (epoch 5)"))
        #expect(page.contains("It started from the final weights of “boom”, which diverged at step 123 (epoch 5)."))
        // A run starting from one that did not diverge says nothing more.
        #expect(page.contains("the final weights of “fine”<"))
    }
}

@Suite struct CommandLineEndToEndTests {
    @Test func versionAndHelp() throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let version = try BinaryRunner.run(["--version"], in: folder)
        #expect(version.status == 0)
        #expect(version.standardOutput == "0.1.0\n")
        let help = try BinaryRunner.run(["--help"], in: folder)
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("build"))
        #expect(help.standardOutput.contains("validate"))
    }

    @Test func validateWritesNothingAndUsesExitCodes() throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try #"{ "runs": [ { "name": "one", "optimizer": { "type": "sgd", "lr": 0.0001 } } ] }"#
            .write(to: folder.appendingPathComponent("good.json"), atomically: true, encoding: .utf8)
        try #"{ "runs": [ { "name": "one", "optimiser": { "type": "sgd", "lr": 0.0001 } } ] }"#
            .write(to: folder.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
        let good = try BinaryRunner.run(["validate", "good.json"], in: folder)
        #expect(good.status == 0)
        #expect(good.standardOutput == "good.json: ok — 1 run, 2 charts, 29 updates\n")
        let bad = try BinaryRunner.run(["validate", "good.json", "bad.json"], in: folder)
        #expect(bad.status == 65)
        #expect(bad.standardError.contains(#"bad.json:1:30: error: runs[0].optimiser: unknown key "optimiser" in a run"#))
        #expect(bad.standardError.contains(#"hint: did you mean "optimizer"?"#))
        let missing = try BinaryRunner.run(["validate", "nope.json"], in: folder)
        #expect(missing.status == 66)
        #expect(missing.standardError.hasPrefix("nope.json: error: no such file"))
        let usage = try BinaryRunner.run(["build", "--jobs", "0", "good.json"], in: folder)
        #expect(usage.status == 64)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["bad.json", "good.json"])
    }

    @Test func buildWithNoFileBuildsEveryBundledStudy() throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let none = try BinaryRunner.run(["build"], in: folder)
        #expect(none.status == 64)
        #expect(none.standardError.contains("no study file given, and there is no studies/ folder here"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("studies"), withIntermediateDirectories: true)
        for name in ["b", "a"] {
            try #"{ "runs": [ { "name": "one", "optimizer": { "type": "sgd", "lr": 0.0001 } } ] }"#
                .write(to: folder.appendingPathComponent("studies/\(name).json"), atomically: true, encoding: .utf8)
        }
        let all = try BinaryRunner.run(["build"], in: folder)
        #expect(all.status == 0, "\(all.standardError)")
        #expect(all.standardOutput.components(separatedBy: "\n").filter { $0.hasPrefix("built") }.count == 2)
        #expect(all.standardError.isEmpty, "no progress on a pipe")
    }
}
