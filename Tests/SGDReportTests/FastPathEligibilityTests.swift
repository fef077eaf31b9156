import Foundation
import SGDEngine
import SGDStudy
@testable import SGDReport
import Testing

/// The fast paths (issue 18) and fastai's vocabulary (issue 14) meet here: a run read from a study
/// takes a specialised kernel, or trains interleaved, only when the kernel knows every setting it
/// has — weight decay, a schedule, a finder, a leaky or normalised run fall back to the general
/// loop, and train alone.
@Suite struct FastPathEligibilityTests {
    static let relu = #"{ "layers": [ { "units": 1, "activation": "relu" }, { "units": 1 } ] }"#

    func setups(_ runs: String) throws -> [(name: String, setup: TrainingSetup)] {
        let json = #"{ "defaults": { "optimizer": { "type": "sgd", "lr": 0.0001 }, "epochs": 2 }, "runs": [ \#(runs) ] }"#
        let study = try StudyReader().read(bytes: Array(json.utf8), file: "studies/test.json")
        return study.runs.map { ($0.name, $0.makeTrainingSetup()) }
    }

    @Test func plainRunsFromAStudyTakeTheKernels() throws {
        let found = try setups(#"""
            { "name": "line", "model": "linear" },
            { "name": "sandwich", "model": \#(Self.relu) },
            { "name": "momentum", "model": "linear", "optimizer": { "type": "momentum", "lr": 0.0001, "beta": 0.9 } }
            """#)
        #expect(found.map { ChainKernel.eligible(for: $0.setup) } == [.linear, .reluSandwich, .linear])
        #expect(InterleavedTraining.groupKey(found[0].setup) != nil && InterleavedTraining.groupKey(found[1].setup) != nil)
    }

    @Test(arguments: [
        #"{ "name": "wd", "model": "linear", "optimizer": { "type": "sgd", "lr": 0.0001, "wd": 0.1 } }"#,
        #"{ "name": "l2", "model": "linear", "optimizer": { "type": "sgd", "lr": 0.0001, "wd": 0.1, "decoupleWd": false } }"#,
        #"{ "name": "cycle", "model": "linear", "schedule": { "type": "one-cycle", "lrMax": 0.001 } }"#,
        #"{ "name": "cos", "model": "linear", "schedule": { "type": "cos", "from": 0.001, "to": 0 } }"#,
        #"{ "name": "finder", "model": "linear", "lrFind": {} }"#,
        #"{ "name": "leaky", "model": { "layers": [ { "units": 1, "activation": "leaky-relu" }, { "units": 1 } ] } }"#,
        #"{ "name": "wide", "model": { "layers": [ { "units": 2, "activation": "relu" }, { "units": 1 } ] } }"#,
        #"{ "name": "tanh", "model": { "layers": [ { "units": 1, "activation": "tanh" }, { "units": 1 } ] } }"#,
    ])
    func runsWithSettingsTheKernelDoesNotKnowTrainInTheGeneralLoop(run: String) throws {
        let found = try setups(run)
        #expect(ChainKernel.eligible(for: found[0].setup) == nil)
        #expect(InterleavedTraining.groupKey(found[0].setup) == nil)
    }

    /// A sweep of decayed runs is not interleaved (the interleaved pass has no decay): each run's
    /// result is its own, trained alone — the decay visible in its final weights.
    @Test func aWeightDecaySweepTrainsEachRunWithItsDecay() throws {
        let json = #"""
            { "runs": [ { "name": "wd", "model": "linear", "epochs": 3, "init": 1,
                          "optimizer": { "type": "sgd", "lr": 0.0001 }, "sweep": { "wd": [0, 0.5, 5] } } ] }
            """#
        let study = try StudyReader().read(bytes: Array(json.utf8), file: "studies/test.json")
        #expect(StudyRunner.workItems(study.runs).map(\.count) == [1, 1, 1])
        let results = try StudyRunner(parallelism: 2).run(study)
        for result in results.runs {
            let alone = Trainer(result.run.makeTrainingSetup()).run()
            #expect(result.training.finalParameters == alone.finalParameters, "\(result.run.name)")
        }
        let slopes = results.runs.map { $0.training.finalParameters[0] }
        #expect(slopes[0] != slopes[1] && slopes[1] != slopes[2])
    }
}
