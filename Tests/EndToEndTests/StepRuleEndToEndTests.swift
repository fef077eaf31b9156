import Foundation
import Testing
import TestSupport

/// The binary on a study with fastai's training vocabulary, as a learner would write it: the
/// one-cycle reference table comes out of `steps.csv` to the bit, and `results.json` carries the
/// finder's suggestions beside its chart.
@Suite struct StepRuleEndToEndTests {
    @Test func oneCycleColumnsEqualFastaiAndTheFinderReportsItsSuggestions() throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // 10 rows online, 1 epoch: fastai's fit_one_cycle(1, 0.01) over 10 batches.
        try #"""
            { "data": { "x": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], "target": { "slope": 2, "intercept": 30 } },
              "defaults": { "init": 1 },
              "runs": [
                { "name": "cycle", "optimizer": { "type": "adam", "lr": 0.001, "wd": 0.01 },
                  "schedule": { "type": "one-cycle", "lrMax": 0.01 } },
                { "name": "finder", "batch": "full", "optimizer": { "type": "sgd", "lr": 0.001 }, "lrFind": {} }
              ] }
            """#.write(to: folder.appendingPathComponent("vocabulary.json"), atomically: true, encoding: .utf8)
        let outcome = try BinaryRunner.run(["build", "vocabulary.json", "--output", "out"], in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")

        let steps = try BinaryRunner.csv(folder.appendingPathComponent("out/vocabulary/data/cycle.steps.csv"))
        #expect(Array(steps.header.suffix(2)) == ["lr", "mom"])
        let reference = try Repository.fixtureRows("fastai-one-cycle-10-batches.csv")
        #expect(steps.rows.count == reference.count)
        for (row, expected) in zip(steps.rows, reference) {
            #expect(Double(row[row.count - 2]) == Double(expected["lr"]!), "lr of batch \(expected["batch"]!)")
            #expect(Double(row[row.count - 1]) == Double(expected["mom"]!), "mom of batch \(expected["batch"]!)")
        }

        let finder = try BinaryRunner.csv(folder.appendingPathComponent("out/vocabulary/data/finder.steps.csv"))
        #expect(Array(finder.header.suffix(2)) == ["lr", "smooth_loss"])
        #expect(Double(finder.rows[1][finder.header.count - 2]) == 1.202264434617413e-07)
        let results = try JSONSerialization.jsonObject(
            with: Data(contentsOf: folder.appendingPathComponent("out/vocabulary/results.json"))) as! [String: Any]
        let runs = results["runs"] as! [[String: Any]]
        let suggestions = try #require(runs.first { $0["name"] as? String == "finder" }?["lrFind"] as? [String: Any])
        #expect(suggestions.keys.sorted() == ["minimum", "slide", "steep", "valley"])
        #expect(suggestions.values.allSatisfy { $0 is Double })
        let charts = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out/vocabulary/charts").path)
        #expect(charts.contains("learning-rate-finder-finder.png"))
        #expect(charts.contains("learning-rate-cycle.png") && charts.contains("momentum-cycle.png"))
        // study.json builds again to the same traces.
        let again = try BinaryRunner.run(["build", "out/vocabulary/study.json", "--output", "again"], in: folder)
        #expect(again.status == 0, "\(again.standardError)")
        let rebuilt = try String(contentsOf: folder.appendingPathComponent("again/study/data/cycle.steps.csv"), encoding: .utf8)
        let first = try String(contentsOf: folder.appendingPathComponent("out/vocabulary/data/cycle.steps.csv"), encoding: .utf8)
        #expect(rebuilt == first)
    }
}
