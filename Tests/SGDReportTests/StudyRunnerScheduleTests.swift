import Foundation
import SGDEngine
import SGDStudy
@testable import SGDReport
import Testing

/// How `StudyRunner` cuts a study's runs into work items and orders them: longest first, a
/// group split when that lets the cores finish together, and every run's result the one it has
/// alone whatever the cut.
@Suite struct StudyRunnerScheduleTests {
    static func study(_ runs: String) throws -> Study {
        try StudyReader().read(bytes: Array(#"{ "title": "Schedule", "defaults": { "optimizer": { "type": "sgd", "lr": 0.0001 } }, "runs": [ \#(runs) ] }"#.utf8), file: "studies/test.json")
    }

    static func rates(_ count: Int, from first: Double = 1e-6) -> String {
        (0..<count).map { "\(first * Double($0 + 1))" }.joined(separator: ", ")
    }

    /// The least time any schedule of `items` on `parallelism` workers can take: the longest
    /// item, or an even share of the work.
    static func lowerBound(_ items: [StudyRunner.PlannedItem], parallelism: Int) -> Double {
        max(items.map(\.cost).max() ?? 0, items.map(\.cost).reduce(0, +) / Double(parallelism))
    }

    /// How far longest-first may end after `lowerBound` on m workers: the last item to finish
    /// starts by (work − its cost)/m and, when m items started before it, costs at most
    /// work/(m + 1); so the finish is at most 2m/(m + 1) times the bound (4/3 on two cores).
    static func longestFirstLimit(_ items: [StudyRunner.PlannedItem], parallelism m: Int) -> Double {
        lowerBound(items, parallelism: m) * 2 * Double(m) / Double(m + 1) * (1 + 1e-12)
    }

    @Test func aSweepAloneIsSplitSoThatBothCoresTrainIt() throws {
        let study = try Self.study(#"{ "name": "s", "model": "linear", "epochs": 50, "sweep": { "lr": [\#(Self.rates(32))] } }"#)
        #expect(StudyRunner.workItems(study.runs, parallelism: 1).map(\.count) == [32])
        let two = StudyRunner.workItems(study.runs, parallelism: 2)
        #expect(two == [Array(0..<16), Array(16..<32)])
        // Three cores: whole registers of four, as even as that allows.
        #expect(StudyRunner.workItems(study.runs, parallelism: 3).map(\.count) == [12, 12, 8])
    }

    @Test func oneBigGroupAmongManySmallRunsStartsFirst() throws {
        // Six runs that train alone (momentum is not interleaved) come first in the study; the
        // sweep after them is the longest item and starts first, beside them.
        let study = try Self.study(#"""
            { "name": "m", "model": "linear", "epochs": 50, "optimizer": { "type": "momentum", "lr": 0.0001, "beta": 0.9 },
              "sweep": { "lr": [\#(Self.rates(6))] } },
            { "name": "s", "model": "linear", "epochs": 50, "sweep": { "lr": [\#(Self.rates(32))] } }
            """#)
        let plan = StudyRunner.plan(study.runs, parallelism: 2)
        #expect(plan[0].runs == Array(6..<38))
        #expect(plan.dropFirst().allSatisfy { $0.runs.count == 1 })
        // In study order the group would start after the six: the last core would end later.
        let studyOrder = plan.sorted { $0.runs[0] < $1.runs[0] }
        #expect(StudyRunner.finish(plan, parallelism: 2) < StudyRunner.finish(studyOrder, parallelism: 2))
        #expect(StudyRunner.finish(plan, parallelism: 2) <= Self.longestFirstLimit(plan, parallelism: 2))
    }

    @Test func widerLayersTrainFirst() throws {
        // Workload 5's shape, small: widths 1 to 6 at three rates. Width 1 interleaves (the ReLU
        // sandwich); the others train alone through the general loop, widest first.
        let study = try Self.study(#"""
            { "name": "w", "model": { "layers": [ { "units": 1, "activation": "relu" }, { "units": 1 } ] }, "epochs": 20,
              "init": { "random": { "seed": 1, "min": -1, "max": 1 } },
              "sweep": { "lr": [1e-6, 1e-5, 1e-4], "units": [1, 2, 3, 4, 5, 6] } }
            """#)
        let units = { (item: [Int]) in study.runs[item[0]].makeTrainingSetup().network.layers[0].units }
        let items = StudyRunner.workItems(study.runs, parallelism: 2)
        #expect(items.map(units) == [6, 6, 6, 5, 5, 5, 4, 4, 4, 3, 3, 3, 2, 2, 2, 1])
        #expect(items.last?.count == 3)
        // Equal estimates keep study order.
        #expect(items.prefix(3).map { $0[0] } == items.prefix(3).map { $0[0] }.sorted())
    }

    @Test func everyPlanHoldsEachRunOnceLongestFirstNearTheBestFinish() throws {
        // Random mixes of sweeps that interleave and runs that cannot, on 1 to 4 cores.
        var random = SeededGenerator(seed: 18)
        for _ in 0..<40 {
            var runs: [String] = []
            for part in 0..<random.nextInteger(from: 1, through: 4) {
                let epochs = random.nextInteger(from: 1, through: 40)
                switch random.nextInteger(from: 0, through: 3) {
                case 0:
                    runs.append(#"{ "name": "s\#(part)", "model": "linear", "epochs": \#(epochs), "sweep": { "lr": [\#(Self.rates(random.nextInteger(from: 1, through: 90)))] } }"#)
                case 1:
                    runs.append(#"""
                        { "name": "r\#(part)", "model": { "layers": [ { "units": 1, "activation": "relu" }, { "units": 1 } ] }, "epochs": \#(epochs),
                          "sweep": { "lr": [\#(Self.rates(random.nextInteger(from: 1, through: 40)))] } }
                        """#)
                case 2:
                    runs.append(#"{ "name": "m\#(part)", "model": "linear", "epochs": \#(epochs), "optimizer": { "type": "momentum", "lr": 0.0001, "beta": 0.9 }, "sweep": { "lr": [\#(Self.rates(random.nextInteger(from: 1, through: 9)))] } }"#)
                default:
                    runs.append(#"{ "name": "w\#(part)", "model": { "layers": [ { "units": 3, "activation": "relu" }, { "units": 1 } ] }, "epochs": \#(epochs), "sweep": { "units": [\#((1...random.nextInteger(from: 1, through: 8)).map(String.init).joined(separator: ", "))] } }"#)
                }
            }
            let study = try Self.study(runs.joined(separator: ", "))
            for parallelism in 1...4 {
                let plan = StudyRunner.plan(study.runs, parallelism: parallelism)
                #expect(plan.flatMap(\.runs).sorted() == Array(study.runs.indices))
                #expect(zip(plan, plan.dropFirst()).allSatisfy { $0.cost >= $1.cost })
                for item in plan {
                    #expect(item.runs == item.runs.sorted() && item.runs.count <= StudyRunner.groupSize)
                    let keys = Set(item.runs.map { InterleavedTraining.groupKey(study.runs[$0].makeTrainingSetup()) })
                    #expect(keys.count == 1 && (item.runs.count == 1 || keys.first! != nil))
                }
                #expect(StudyRunner.finish(plan, parallelism: parallelism) <= Self.longestFirstLimit(plan, parallelism: parallelism))
                // One core: no group split beyond `groupSize` (splitting only adds work).
                if parallelism == 1 {
                    let grouped = Dictionary(grouping: study.runs.indices) { InterleavedTraining.groupKey(study.runs[$0].makeTrainingSetup()) }
                    let expected = grouped.map { key, runs in key == nil ? runs.count : (runs.count + 31) / 32 }.reduce(0, +)
                    #expect(plan.count == expected)
                }
            }
        }
    }

    @Test func splitGroupsTrainEachRunAsItDoesAlone() throws {
        // 40 rates up to 0.04: the largest diverge, each at its own step, in whichever group.
        let study = try Self.study(#"""
            { "name": "s", "model": "linear", "epochs": 30, "sweep": { "lr": [\#(Self.rates(40, from: 1e-3))] } },
            { "name": "r", "model": { "layers": [ { "units": 1, "activation": "relu" }, { "units": 1 } ] }, "epochs": 30,
              "init": { "random": { "seed": 4, "min": -1, "max": 2 } }, "sweep": { "lr": [\#(Self.rates(9, from: 1e-4))] } }
            """#)
        #expect(StudyRunner.workItems(study.runs, parallelism: 2).count > StudyRunner.workItems(study.runs, parallelism: 1).count)
        let one = try StudyRunner(parallelism: 1).run(study)
        let two = try StudyRunner(parallelism: 2).run(study)
        var diverged = 0
        for (a, b) in zip(one.runs, two.runs) {
            let alone = Trainer(a.run.makeTrainingSetup()).run()
            let bits = { (r: TrainingResult) in (r.steps.values + r.epochs.values + r.finalParameters).map(\.bitPattern) }
            #expect(bits(a.training) == bits(alone) && bits(b.training) == bits(alone), "\(a.run.name)")
            #expect(a.training.divergence == alone.divergence && b.training.divergence == alone.divergence)
            if alone.divergence != nil { diverged += 1 }
        }
        #expect(diverged >= 5)
    }
}
