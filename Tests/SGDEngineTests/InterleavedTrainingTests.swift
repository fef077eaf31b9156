import Testing
@testable import SGDEngine

/// Runs trained interleaved (`InterleavedTraining`) against each run trained alone: every trace,
/// epoch row, final weight and divergence the same to the last bit, a diverging run stopping at
/// its own step while the others go on.
@Suite struct InterleavedTrainingTests {
    static func bits(_ result: TrainingResult) -> [UInt64] {
        (result.steps.values + result.epochs.values + result.finalParameters).map(\.bitPattern)
    }

    @Test func eachRunIsTheRunTrainedAloneToTheBit() throws {
        var generator = SeededGenerator(seed: 1818)
        var diverged = 0, finished = 0
        for index in 0..<60 {
            let network = generator.nextInteger(from: 0, through: 1) == 0 ? Network.linear : ChainKernel.reluSandwichNetwork
            let rows = generator.nextInteger(from: 1, through: 10)
            let x = (0..<rows).map { _ in generator.nextDouble(from: -20, to: 100) }
            let data = Dataset(x: x, y: x.map { 2 * $0 + 30 + generator.nextDouble(from: -5, to: 5) })
            let epochs = generator.nextInteger(from: 1, through: 30)
            let every = [1, 1, 3, 7][generator.nextInteger(from: 0, through: 3)]
            let keep = [1, 1, 4][generator.nextInteger(from: 0, through: 2)]
            let restart: TrainingSetup.EpochRestart = generator.nextInteger(from: 0, through: 1) == 0 ? .continue : .spreadsheet
            let lanes = generator.nextInteger(from: 1, through: 13)
            let setups = (0..<lanes).map { _ in
                TrainingSetup(
                    network: network, data: data,
                    initialParameters: (0..<network.parameterCount).map { _ in generator.nextDouble(from: -3, to: 3) },
                    epochs: epochs, optimizer: .sgd(lr: _pow(10, generator.nextDouble(from: -6, to: 0))),
                    epochRestart: restart, recordEvery: every, recordEpochs: keep)
            }
            let together = try InterleavedTraining.run(setups) { _ in true }
            #expect(together.count == setups.count)
            for (setup, result) in zip(setups, together) {
                let alone = Trainer(setup).run()
                #expect(Self.bits(result) == Self.bits(alone), "group \(index), lr \(setup.optimizer.learningRate)")
                #expect(result.divergence == alone.divergence && result.stepCount == alone.stepCount, "group \(index)")
                #expect(result.steps.columns == alone.steps.columns && result.epochs.columns == alone.epochs.columns)
                if alone.divergence != nil { diverged += 1 } else { finished += 1 }
            }
        }
        // The sample has runs that diverge beside runs that do not.
        #expect(diverged >= 20 && finished >= 20)
    }

    @Test func aDivergingRunStopsAtItsOwnStepAndTheOthersGoOn() throws {
        let data = Dataset.graddesc
        let rates = [1e-4, 0.01, 1e-5, 1e-3, 0.05]
        let setups = rates.map { TrainingSetup(network: .linear, data: data, initialParameters: [1, 1], epochs: 20, optimizer: .sgd(lr: $0)) }
        let results = try InterleavedTraining.run(setups) { _ in true }
        let steps = results.map { $0.divergence?.step }
        #expect(steps[0] == nil && steps[2] == nil)
        #expect(steps[1] != nil && steps[4] != nil && steps[1] != steps[4])
        #expect(results[0].stepCount == 20 * data.count)
        for (setup, result) in zip(setups, results) {
            #expect(Self.bits(result) == Self.bits(Trainer(setup).run()))
        }
    }

    @Test func onlySGDInDataOrderWithoutWarmupGroups() {
        let base = TrainingSetup(network: .linear, data: .graddesc, initialParameters: [1, 1], epochs: 2, optimizer: .sgd(lr: 0.0001))
        #expect(InterleavedTraining.groupKey(base) != nil)
        var other = base
        other.optimizer = .sgd(lr: 0.1)
        other.initialParameters = [3, -2]
        #expect(InterleavedTraining.groupKey(other) == InterleavedTraining.groupKey(base))
        for change: (inout TrainingSetup) -> Void in [
            { $0.optimizer = .momentum(lr: 0.0001, beta: 0.9, dampening: false) },
            { $0.shuffleSeed = 3 }, { $0.warmupEpochs = 1 }, { $0.batch = .full },
        ] {
            var setup = base
            change(&setup)
            #expect(InterleavedTraining.groupKey(setup) == nil)
        }
        for change: (inout TrainingSetup) -> Void in [
            { $0.epochs = 3 }, { $0.recordEvery = 2 }, { $0.recordEpochs = 2 }, { $0.epochRestart = .spreadsheet },
            { $0.data = Dataset(x: [1, 2], y: [3, 4]) },
        ] {
            var setup = base
            change(&setup)
            #expect(InterleavedTraining.groupKey(setup) != InterleavedTraining.groupKey(base))
        }
    }
}
