import Testing
@testable import SGDEngine

/// The forum's findings on the "2-neuron" model y = c·(a·x + b) + d, all weights 1, lr 0.0001,
/// forward-difference derivatives (ε = 0.01) on the workbook's data.
@Suite struct TwoNeuronTests {
    func setup(activation: Activation) -> TrainingSetup {
        TrainingSetup(
            network: Network(layers: [Layer(units: 1, activation: activation), Layer(units: 1)]),
            data: .graddesc, initialParameters: [1, 1, 1, 1],
            derivatives: Derivatives(method: .forward, epsilon: 0.01),
            optimizer: .sgd(lr: 0.0001))
    }

    @Test func parametersAreNamedLikeTheSpreadsheet() {
        let network = setup(activation: .relu).network
        #expect(network.parameterNames == ["a", "b", "c", "d"])
        #expect(network.formula == "y = c·relu(a·x + b) + d")
        #expect(Network.linear.formula == "y = a·x + b")
        #expect(setup(activation: .none).network.formula == "y = c·(a·x + b) + d")
    }

    @Test func withoutReLUTheLossExplodesInEpochOne() {
        let result = Trainer(setup(activation: .none)).run()
        let loss = result.steps.column("loss")!
        #expect(loss.count <= 29)
        let first = loss.firstIndex { !($0 <= 1e11) }
        #expect(first != nil, "largest loss \(loss.max() ?? 0)")
    }

    @Test func withReLUThreeWeightsFreezeWhileDKeepsMoving() throws {
        let result = Trainer(setup(activation: .relu)).run()
        #expect(result.divergence == nil)
        let steps = result.steps
        #expect(steps.rowCount == 29)
        let a = try #require(steps.column("a")), b = try #require(steps.column("b"))
        let c = try #require(steps.column("c")), d = try #require(steps.column("d"))
        // The row from which a, b and c no longer change.
        let frozen = try #require((0..<29).first { i in
            (i..<29).allSatisfy { a[$0] == a[28] && b[$0] == b[28] && c[$0] == c[28] }
        })
        #expect(frozen > 0 && frozen < 29, "frozen from row \(frozen + 1)")
        // d keeps moving after that.
        #expect(Set(d[frozen...]).count > 1)
        #expect(result.steps.column("grad_a")![frozen...].allSatisfy { $0 == 0 })
    }

    /// Forward differences cannot see the exploded model move: once the weights are ~1e16,
    /// loss(p + 0.01) == loss(p) in double, the estimates are 0 and the weights stay put.
    @Test func explodedWeightsFreezeUnderForwardDifferences() {
        var exploding = setup(activation: .none)
        exploding.epochs = 2
        let result = Trainer(exploding).run()
        #expect(result.divergence == nil)
        let grad = result.steps.column("grad_a")!
        #expect(grad[28...].allSatisfy { $0 == 0 })
        #expect(result.epochs.rows[1].sse > 1e60)
    }
}

@Suite struct DivergenceTests {
    /// lr 0.01 on the 1-neuron model overshoots further each row until the loss overflows.
    let setup = TrainingSetup(
        network: .linear, data: .graddesc, initialParameters: [1, 1], epochs: 100,
        optimizer: .sgd(lr: 0.01))

    @Test func theFirstNonFiniteStepEndsTheRunAndSaysWhere() throws {
        let result = Trainer(setup).run()
        let divergence = try #require(result.divergence)
        #expect(result.steps.rowCount == divergence.step)
        #expect(result.stepCount == divergence.step)
        #expect(result.epochs.rows.count == divergence.epoch)
        #expect(!divergence.duringWarmup)
        let loss = result.steps.column("loss")!
        // Every step before the last is finite; the last is where it stopped.
        #expect(loss.dropLast().allSatisfy { $0.isFinite })
        #expect(divergence.cause == .loss ? !loss.last!.isFinite : true)
        // Every recorded weight is finite: the run stops before using a non-finite one.
        for name in ["a", "b"] {
            #expect(result.steps.column(name)!.allSatisfy { $0.isFinite })
        }
        #expect(result.finalParameters.allSatisfy { $0.isFinite })
    }

    /// The spreadsheet RMSProp divides by the previous √v: from v = 0 the first update is infinite.
    @Test func divergenceDuringWarmupIsReportedAsSuch() throws {
        var warm = setup
        warm.optimizer = .rmsprop(lr: 0.01, beta: 0.9, eps: 0, variant: .spreadsheet)
        warm.warmupEpochs = 2
        let result = Trainer(warm).run()
        let divergence = try #require(result.divergence)
        #expect(divergence.duringWarmup)
        #expect(divergence.cause == .weight)
        #expect(divergence.epoch == 1)
        #expect(divergence.step == 0)
        #expect(result.steps.rowCount == 0)
        #expect(result.epochs.rows.isEmpty)
    }
}
