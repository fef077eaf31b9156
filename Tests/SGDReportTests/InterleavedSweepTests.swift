import Foundation
import SGDEngine
import SGDStudy
@testable import SGDReport
import Testing

/// A study's sweep trained interleaved by `StudyRunner`: runs of one shape grouped (others
/// alone), every run's result the same to the bit as training it alone, diverging runs included.
@Suite struct InterleavedSweepTests {
    static let json = #"""
        { "title": "Sweep",
          "runs": [
            { "name": "lin", "model": "linear", "epochs": 30, "init": 1,
              "optimizer": { "type": "sgd", "lr": 0.0001 },
              "sweep": { "lr": [1e-6, 1e-5, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.1] } },
            { "name": "relu", "model": { "layers": [ { "units": 1, "activation": "relu" }, { "units": 1 } ] }, "epochs": 30,
              "init": { "random": { "seed": 4, "min": -1, "max": 2 } }, "optimizer": { "type": "sgd", "lr": 0.0001 },
              "sweep": { "lr": [1e-5, 1e-4, 1e-3, 0.01], "seed": [1, 2, 3] } },
            { "name": "momentum", "model": "linear", "epochs": 30, "optimizer": { "type": "momentum", "lr": 0.0001, "beta": 0.9 } },
            { "name": "lin long", "model": "linear", "epochs": 31, "optimizer": { "type": "sgd", "lr": 0.0001 } }
          ] }
        """#

    @Test func runsOfOneShapeAreGroupedAndEachEqualsItsRunAlone() throws {
        let study = try StudyReader().read(bytes: Array(Self.json.utf8), file: "studies/test.json")
        let items = StudyRunner.workItems(study.runs)
        let names = items.map { $0.map { study.runs[$0].name } }
        // Longest first: the twelve ReLU runs, the eight linear runs, then the 31-epoch run and
        // momentum alone.
        #expect(items.map(\.count) == [12, 8, 1, 1])
        #expect(names[2] == ["lin long"] && names[3] == ["momentum"])
        let results = try StudyRunner(parallelism: 2).run(study)
        var diverged = 0
        for result in results.runs {
            let alone = Trainer(result.run.makeTrainingSetup()).run()
            let bits = { (r: TrainingResult) in (r.steps.values + r.epochs.values + r.finalParameters).map(\.bitPattern) }
            #expect(bits(result.training) == bits(alone), "\(result.run.name)")
            #expect(result.training.divergence == alone.divergence && result.training.stepCount == alone.stepCount)
            if alone.divergence != nil { diverged += 1 }
        }
        #expect(diverged >= 2)
    }

    @Test func aLargeSweepIsSplitIntoGroupsThatSpreadOverTheCores() throws {
        let rates = (1...70).map { "\(Double($0) * 1e-6)" }.joined(separator: ", ")
        let json = #"{ "runs": [ { "name": "s", "optimizer": { "type": "sgd", "lr": 0.0001 }, "sweep": { "lr": ["# + rates + "] } } ] }"
        let study = try StudyReader().read(bytes: Array(json.utf8), file: "studies/test.json")
        // On one core as few groups as `groupSize` allows, in whole registers of four runs; on
        // two, one more group so that the cores finish together.
        #expect(StudyRunner.workItems(study.runs).map(\.count) == [24, 24, 22])
        #expect(StudyRunner.workItems(study.runs, parallelism: 2).map(\.count) == [20, 20, 16, 14])
    }
}
