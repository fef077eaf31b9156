import Testing
import TestSupport
@testable import SGDEngine

/// fastai's `weight_decay` and `l2_reg` (fastai/fastai, `fastai/optimizer.py`) ahead of Adam,
/// on the constant gradient of fastai's optimizer tests.
@Suite struct WeightDecayTests {
    func adamSteps(decay: WeightDecay, count: Int) -> [[Double]] {
        let optimizer = Optimizer.adam(lr: 0.1, beta1: 0.9, beta2: 0.99, eps: 1e-5, debias: true)
        var p = [1.0, 2, 3]
        var m = [0.0, 0, 0], v = [0.0, 0, 0]
        let mask = [true, true, true]
        var history: [[Double]] = []
        for t in 1...count {
            var g = [0.1, 0.2, 0.3]
            p.withUnsafeMutableBufferPointer { p in
                g.withUnsafeMutableBufferPointer { g in
                    m.withUnsafeMutableBufferPointer { m in
                        v.withUnsafeMutableBufferPointer { v in
                            mask.withUnsafeBufferPointer { mask in
                                decay.apply(p.baseAddress!, g.baseAddress!, decays: mask.baseAddress!, count: 3, lr: 0.1)
                                optimizer.step(p.baseAddress!, g.baseAddress!, m.baseAddress!, v.baseAddress!, count: 3, update: t)
                            }
                        }
                    }
                }
            }
            history.append(p)
        }
        return history
    }

    func reference(_ decay: String) throws -> [[Double]] {
        try Repository.fixtureRows("fastai-adam-weight-decay.csv").filter { $0["decay"] == decay }
            .map { row in ["p0", "p1", "p2"].map { Double(row[$0]!)! } }
    }

    @Test func decoupledIsAdamW() throws {
        let expected = try reference("decoupled")
        let got = adamSteps(decay: WeightDecay(wd: 0.01, decoupled: true, decaysBiases: true), count: 3)
        for (step, (a, b)) in zip(got, expected).enumerated() {
            for i in 0..<3 { #expect(a[i] == b[i], "step \(step + 1), p[\(i)]: \(a[i]) vs \(b[i])") }
        }
    }

    @Test func l2ChangesTheGradientTheMomentsSee() throws {
        let expected = try reference("l2")
        let got = adamSteps(decay: WeightDecay(wd: 0.01, decoupled: false, decaysBiases: true), count: 3)
        for (step, (a, b)) in zip(got, expected).enumerated() {
            for i in 0..<3 { #expect(a[i] == b[i], "step \(step + 1), p[\(i)]: \(a[i]) vs \(b[i])") }
        }
    }

    @Test func biasesAreExemptUnlessAsked() {
        #expect(Network.linear.biasMask == [false, true])
        let chain = Network(layers: [Layer(units: 1, activation: .relu), Layer(units: 1)])
        #expect(chain.biasMask == [false, true, false, true])
        let wide = Network(layers: [Layer(units: 2, activation: .relu), Layer(units: 1)])
        // w1_1_1, b1_1, w1_2_1, b1_2, w2_1_1, w2_1_2, b2_1
        #expect(wide.parameterNames == ["w1_1_1", "b1_1", "w1_2_1", "b1_2", "w2_1_1", "w2_1_2", "b2_1"])
        #expect(wide.biasMask == [false, true, false, true, false, false, true])
        #expect(WeightDecay(wd: 0.1).mask(for: .linear) == [true, false])
        #expect(WeightDecay(wd: 0.1, decaysBiases: true).mask(for: .linear) == [true, true])
    }
}
