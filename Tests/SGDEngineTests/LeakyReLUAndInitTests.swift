import Testing
@testable import SGDEngine

/// Leaky ReLU (PyTorch's `nn.LeakyReLU`), normalization and PyTorch's random initial weights.
@Suite struct LeakyReLUAndInitTests {
    @Test func leakyReLUIsPyTorchsForwardAndBackward() {
        let leaky = Activation.leakyRelu
        #expect(leaky.apply(3, negativeSlope: 0.1) == 3)
        #expect(leaky.apply(-3, negativeSlope: 0.1) == -3 * 0.1)
        #expect(leaky.apply(0, negativeSlope: 0.1) == 0)
        #expect(leaky.backward(2, preActivation: 1, output: 1, negativeSlope: 0.1) == 2)
        #expect(leaky.backward(2, preActivation: -1, output: -0.1, negativeSlope: 0.1) == 2 * 0.1)
        // At 0, PyTorch's leaky_relu_backward takes the negative side: z > 0 ? g : g·slope.
        #expect(leaky.backward(2, preActivation: 0, output: 0, negativeSlope: 0.1) == 2 * 0.1)
        #expect(Layer(units: 1, activation: .leakyRelu).negativeSlope == 0.01)
        #expect(Activation(rawValue: "leaky-relu") == .leakyRelu)
    }

    /// Analytic derivatives agree with central differences for a leaky sandwich whose first unit
    /// is negative on some rows, and the run differs from plain ReLU's (no dead unit).
    @Test func leakyReLUDerivativesAgreeWithFiniteDifferences() throws {
        let network = Network(layers: [Layer(units: 1, activation: .leakyRelu, negativeSlope: 0.2), Layer(units: 1)])
        let data = Dataset(x: [-3, -1, 2, 5], y: [1, 0.5, 4, 9])
        let start: [Double] = [0.7, 0.3, 1.1, -0.2]
        func setup(_ method: Derivatives.Method) -> TrainingSetup {
            TrainingSetup(
                network: network, data: data, initialParameters: start,
                derivatives: Derivatives(method: method, epsilon: 1e-6, check: true), optimizer: .sgd(lr: 0.01))
        }
        let analytic = Trainer(setup(.analytic)).run()
        for name in ["a", "b", "c", "d"] {
            let grad = try #require(analytic.steps.column("grad_" + name))
            let estimate = try #require(analytic.steps.column("est_" + name))
            for (g, e) in zip(grad, estimate) { #expect(abs(g - e) < 1e-4 * max(1, abs(g)), "\(name): \(g) vs \(e)") }
        }
        // Row 1: z = 0.7·(−3) + 0.3 = −1.8 < 0, so ∂E/∂a = 2·err·c·slope·x with the slope 0.2.
        let z = 0.7 * -3 + 0.3, h = 0.2 * z, prediction = 1.1 * h + -0.2
        let expected = 2 * (prediction - 1) * 1.1 * 0.2 * -3
        #expect(try #require(analytic.steps.column("grad_a"))[0] == expected)
    }

    @Test func standardizeUsesThePopulationStandardDeviation() throws {
        let x: [Double] = [1, 2, 3, 4]
        let (mean, std) = try #require(Normalization.standardize.statistics(of: x))
        #expect(mean == 2.5)
        #expect(std == (1.25).squareRoot())  // Σ(x−2.5)²/4 = 5/4, not 5/3
        let normalized = try #require(Normalization.standardize.apply(to: Dataset(x: x, y: x)))
        #expect(abs(normalized.x.reduce(0, +)) < 1e-15)
        let (low, span) = try #require(Normalization.minmax.statistics(of: x))
        #expect(low == 1 && span == 3)
        #expect(Normalization.minmax.apply(to: Dataset(x: x, y: x))?.x == [0, 1.0 / 3, 2.0 / 3, 1])
        #expect(Normalization.standardize.statistics(of: [5, 5, 5]) == nil)
        #expect(Normalization.minmax.statistics(of: [5, 5, 5]) == nil)
        // A line in normalized x, written back in x: y = 2·(x − 2.5)/√1.25 + 7.
        let line = Normalization.originalUnits(slope: 2, intercept: 7, shift: mean, scale: std)
        for x in [-1.0, 0, 3] { #expect(abs((line.slope * x + line.intercept) - (2 * (x - mean) / std + 7)) < 1e-12) }
    }

    @Test func pytorchDefaultIsUniformWithinOneOverRootFanIn() {
        // 1 → 64 → 1: the hidden layer's fan_in is 1, the output's 64 (bound 1/8).
        let network = Network(layers: [Layer(units: 64, activation: .relu), Layer(units: 1)])
        var hidden: [Double] = [], output: [Double] = []
        for seed in 0..<200 {
            let weights = WeightInit.pytorchLinear(network, seed: UInt64(seed))
            #expect(weights.count == network.parameterCount)
            hidden += weights[0..<128]
            output += weights[128...]
        }
        #expect(hidden.allSatisfy { $0 >= -1 && $0 < 1 })
        #expect(output.allSatisfy { $0 >= -0.125 && $0 < 0.125 })
        // Uniform on ±bound: mean 0, std bound/√3.
        #expect(abs(mean(hidden)) < 0.02)
        #expect(abs(std(hidden) - 1 / 3.0.squareRoot()) < 0.01)
        #expect(abs(std(output) - 0.125 / 3.0.squareRoot()) < 0.003)
        #expect(WeightInit.pytorchLinear(network, seed: 7) == WeightInit.pytorchLinear(network, seed: 7))
        #expect(WeightInit.pytorchLinear(network, seed: 7) != WeightInit.pytorchLinear(network, seed: 8))
    }

    @Test func kaimingNormalHasStdRootTwoOverRootFanInAndZeroBiases() {
        let network = Network(layers: [Layer(units: 50, activation: .relu), Layer(units: 1)])
        var first: [Double] = [], second: [Double] = []
        for seed in 0..<400 {
            let weights = WeightInit.kaimingNormal(network, seed: UInt64(seed))
            let isBias = network.parameterIsBias
            #expect(zip(weights, isBias).allSatisfy { !$1 || $0 == 0 })
            first += zip(weights[0..<100], isBias[0..<100]).filter { !$1 }.map(\.0)
            second += zip(weights[100...], isBias[100...]).filter { !$1 }.map(\.0)
        }
        #expect(abs(mean(first)) < 0.02)
        #expect(abs(std(first) - 2.0.squareRoot()) < 0.03)  // fan_in 1
        #expect(abs(std(second) - (2.0 / 50).squareRoot()) < 0.004)  // fan_in 50
        // A normal draw lands within 1σ about 68.3% of the time.
        let within = Double(first.filter { abs($0) < 2.0.squareRoot() }.count) / Double(first.count)
        #expect(abs(within - 0.6827) < 0.01)
        #expect(WeightInit.kaimingNormal(network, seed: 3) == WeightInit.kaimingNormal(network, seed: 3))
    }

    func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
    func std(_ values: [Double]) -> Double {
        let m = mean(values)
        return (values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(values.count)).squareRoot()
    }
}
