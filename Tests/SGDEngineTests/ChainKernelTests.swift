import Testing
@testable import SGDEngine

/// The specialised kernels (`ChainKernel`, SGDKernels' `ChainPass`) against the general loops:
/// the same traces, epochs, final weights and divergence to the last bit, over seeded random
/// settings that include runs diverging to infinity and NaN; and the allow-list that decides
/// which runs take a kernel.
@Suite struct ChainKernelTests {
    /// A random run the kernels take: either model, sgd or momentum (dampened or not), rates
    /// from 10⁻⁶ to 10 (the large ones diverge), shuffling, warm-up, restarts, thinning.
    static func randomSetup(_ generator: inout SeededGenerator) -> TrainingSetup {
        let network = generator.nextInteger(from: 0, through: 1) == 0 ? Network.linear : ChainKernel.reluSandwichNetwork
        let rows = generator.nextInteger(from: 1, through: 12)
        let x = (0..<rows).map { _ in generator.nextDouble(from: -20, to: 100) }
        let y = x.map { 2 * $0 + 30 + generator.nextDouble(from: -5, to: 5) }
        // One run in eight at an absurd rate, so that a weight overflows while the loss is finite.
        let lr = generator.nextInteger(from: 0, through: 7) == 0
            ? _pow(10, generator.nextDouble(from: 300, to: 308)) : _pow(10, generator.nextDouble(from: -6, to: 1))
        let optimizer: Optimizer
        switch generator.nextInteger(from: 0, through: 2) {
        case 0: optimizer = .sgd(lr: lr)
        case 1: optimizer = .momentum(lr: lr, beta: generator.nextDouble(from: 0, to: 0.99), dampening: true)
        default: optimizer = .momentum(lr: lr, beta: generator.nextDouble(from: 0, to: 0.99), dampening: false)
        }
        let count = network.parameterCount
        let initial = (0..<count).map { _ in generator.nextDouble(from: -3, to: 3) }
        let average = (0..<count).map { _ in generator.nextInteger(from: 0, through: 1) == 0 ? 0 : generator.nextDouble(from: -1, to: 1) }
        return TrainingSetup(
            network: network, data: Dataset(x: x, y: y), initialParameters: initial,
            epochs: generator.nextInteger(from: 1, through: 40),
            shuffleSeed: generator.nextInteger(from: 0, through: 3) == 0 ? UInt64(generator.nextInteger(from: 1, through: 99)) : nil,
            optimizer: optimizer, initialState: OptimizerState(parameterCount: count, average: average),
            warmupEpochs: generator.nextInteger(from: 0, through: 2),
            epochRestart: generator.nextInteger(from: 0, through: 1) == 0 ? .continue : .spreadsheet,
            recordEvery: [1, 1, 2, 3, 7][generator.nextInteger(from: 0, through: 4)],
            recordEpochs: [1, 1, 2, 5][generator.nextInteger(from: 0, through: 3)])
    }

    /// Every number of a result as its bits, so that NaN compares equal to the same NaN.
    static func bits(_ result: TrainingResult) -> [UInt64] {
        (result.steps.values + result.epochs.values + result.finalParameters).map(\.bitPattern)
    }

    @Test func kernelsAndTheGeneralLoopAgreeToTheBit() {
        var generator = SeededGenerator(seed: 18)
        var diverged: [Divergence.Cause: Int] = [:]
        var nonFiniteRows = 0
        for index in 0..<600 {
            let setup = Self.randomSetup(&generator)
            #expect(ChainKernel.eligible(for: setup) != nil)
            let kernel = Trainer(setup).run()
            let general = Trainer(setup, usesKernels: false).run()
            #expect(Self.bits(kernel) == Self.bits(general), "setting \(index): \(setup.optimizer), \(setup.network.parameterCount) weights")
            #expect(kernel.divergence == general.divergence && kernel.stepCount == general.stepCount, "setting \(index)")
            #expect(kernel.steps.columns == general.steps.columns && kernel.epochs.columns == general.epochs.columns)
            if let cause = kernel.divergence?.cause { diverged[cause, default: 0] += 1 }
            if kernel.steps.values.contains(where: { !$0.isFinite }) { nonFiniteRows += 1 }
        }
        // The sample reaches both kinds of divergence (an infinite or NaN weight, an infinite loss).
        #expect(diverged[.weight, default: 0] >= 10)
        #expect(diverged[.loss, default: 0] >= 10)
        #expect(nonFiniteRows >= 10)
    }

    @Test func aDeadReLUAndAZeroRateAgreeToo() {
        // A ReLU that never fires (a·x + b ≤ 0 on every row) and NaN data take the other branch.
        let dead = TrainingSetup(
            network: ChainKernel.reluSandwichNetwork, data: Dataset(x: [1, 2, 3], y: [5, 6, 7]),
            initialParameters: [-1, -10, 2, 0], epochs: 5, optimizer: .sgd(lr: 0.01))
        let nan = TrainingSetup(
            network: .linear, data: Dataset(x: [1, .nan, 3], y: [5, 6, 7]),
            initialParameters: [1, 1], epochs: 3, optimizer: .momentum(lr: 0.01, beta: 0.9, dampening: true))
        let zero = TrainingSetup(network: .linear, data: .graddesc, initialParameters: [1, 1], epochs: 3, optimizer: .sgd(lr: 0))
        // A finite loss with an infinite derivative: 2·(pred − y)·x overflows at x = 10³⁰⁸.
        let derivative = TrainingSetup(
            network: ChainKernel.reluSandwichNetwork, data: Dataset(x: [1e308, 1], y: [0, 0]),
            initialParameters: [0, 1, 1, 0], epochs: 2, optimizer: .momentum(lr: 0.1, beta: 0.5, dampening: false))
        for setup in [dead, nan, zero, derivative] {
            #expect(ChainKernel.eligible(for: setup) != nil)
            #expect(Self.bits(Trainer(setup).run()) == Self.bits(Trainer(setup, usesKernels: false).run()))
        }
        #expect(Trainer(nan).run().divergence?.cause == .loss)
        #expect(Trainer(derivative).run().divergence?.cause == .derivative)
    }

    @Test func onlyTheSettingsOnTheAllowListTakeAKernel() {
        let base = TrainingSetup(network: .linear, data: .graddesc, initialParameters: [1, 1], epochs: 2, optimizer: .sgd(lr: 0.0001))
        #expect(ChainKernel.eligible(for: base) == .linear)
        var relu = base
        relu.network = ChainKernel.reluSandwichNetwork
        relu.initialParameters = [1, 1, 1, 1]
        relu.initialState = OptimizerState(parameterCount: 4)
        #expect(ChainKernel.eligible(for: relu) == .reluSandwich)
        var refused: [TrainingSetup] = []
        for change: (inout TrainingSetup) -> Void in [
            { $0.optimizer = .adam(lr: 0.001, beta1: 0.9, beta2: 0.99, eps: 1e-8, debias: true) },
            { $0.optimizer = .rmsprop(lr: 0.001, beta: 0.9, eps: 1e-8, variant: .fastai) },
            { $0.batch = .size(2) },
            { $0.batch = .full },
            { $0.derivatives = Derivatives(method: .central) },
            { $0.derivatives = Derivatives(check: true) },
            { $0.lrAnneal = LearningRateAnneal(measure: .gradientSize) },
        ] {
            var setup = base
            change(&setup)
            refused.append(setup)
        }
        for layers in [
            [Layer(units: 1, activation: .sigmoid), Layer(units: 1)], [Layer(units: 2, activation: .relu), Layer(units: 1)],
            [Layer(units: 1, activation: .relu)], [Layer(units: 1), Layer(units: 1)],
            [Layer(units: 1, activation: .relu), Layer(units: 1, activation: .relu)],
        ] {
            let network = Network(layers: layers)
            refused.append(TrainingSetup(
                network: network, data: .graddesc, initialParameters: Array(repeating: 1, count: network.parameterCount),
                optimizer: .sgd(lr: 0.0001)))
        }
        for setup in refused { #expect(ChainKernel.eligible(for: setup) == nil, "\(setup.optimizer) \(setup.batch) \(setup.network.layers)") }
        // A run of one row with a full batch steps one row at a time: the kernel's case.
        var one = base
        one.data = Dataset(x: [3], y: [9])
        one.batch = .full
        #expect(ChainKernel.eligible(for: one) == .linear)
        #expect(Self.bits(Trainer(one).run()) == Self.bits(Trainer(one, usesKernels: false).run()))
    }
}
