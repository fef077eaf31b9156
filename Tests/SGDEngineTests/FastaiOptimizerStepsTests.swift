import Foundation
import Testing
import TestSupport
@testable import SGDEngine

/// 60 steps of fastai's Adam (without decay, decoupled, L2) and RMSProp and of PyTorch's Adagrad
/// on three parameters with changing gradients, compared to the last bit with
/// `Tests/Fixtures/fastai-optimizer-steps.csv`: fastai/optimizer.py and torch/optim/adagrad.py
/// transcribed in float64 Python in PyTorch's order of operations (`make-fastai-optimizer-steps.py`
/// beside it). Over 60 steps the order matters: fastai's `debias` (1 − β)(1 − βᵗ)/(1 − β) and
/// 1 − βᵗ differ by an ulp at t = 5, 11, …, and so do (1 − β)·g·g and (1 − β)·(g·g) for some g.
@Suite struct FastaiOptimizerStepsTests {
    /// A step's gradients, then the parameters and moments after it (m: grad_avg; v: sqr_avg, or
    /// Adagrad's state_sum; 0 where the optimizer keeps none).
    struct Step { var g: [Double]; var p: [Double]; var m: [Double]; var v: [Double] }

    func reference(_ optimizer: String) throws -> [Step] {
        try Repository.fixtureRows("fastai-optimizer-steps.csv").filter { $0["optimizer"] == optimizer }.map { row in
            func values(_ name: String) -> [Double] { (0..<3).map { Double(row["\(name)\($0)"]!)! } }
            return Step(g: values("g"), p: values("p"), m: values("m"), v: values("v"))
        }
    }

    /// The parameters and moments after each step of `optimizer`, weight decay applied first (as
    /// fastai's optimizers list `weight_decay`/`l2_reg` first), fed the reference's gradients.
    func run(_ optimizer: Optimizer, decay: WeightDecay?, lr: Double, gradients: [[Double]]) -> [Step] {
        var p = [1.0, -2, 3], m = [0.0, 0, 0], v = [0.0, 0, 0]
        let mask = [true, true, true]
        var history: [Step] = []
        for (t, gradient) in gradients.enumerated() {
            var g = gradient
            p.withUnsafeMutableBufferPointer { p in
                g.withUnsafeMutableBufferPointer { g in
                    m.withUnsafeMutableBufferPointer { m in
                        v.withUnsafeMutableBufferPointer { v in
                            mask.withUnsafeBufferPointer { mask in
                                decay?.apply(p.baseAddress!, g.baseAddress!, decays: mask.baseAddress!, count: 3, lr: lr)
                                optimizer.step(p.baseAddress!, g.baseAddress!, m.baseAddress!, v.baseAddress!, count: 3, update: t + 1)
                            }
                        }
                    }
                }
            }
            history.append(Step(g: gradient, p: p, m: m, v: v))
        }
        return history
    }

    func check(_ name: String, _ optimizer: Optimizer, decay: WeightDecay? = nil, lr: Double) throws {
        let expected = try reference(name)
        #expect(expected.count == 60)
        let got = run(optimizer, decay: decay, lr: lr, gradients: expected.map(\.g))
        for (step, (a, b)) in zip(got, expected).enumerated() {
            let pairs = [("p", a.p, b.p), ("m", a.m, b.m), ("v", a.v, b.v)]
            if let (label, mine, theirs) = pairs.first(where: { $0.1 != $0.2 }) {
                Issue.record("\(name): after step \(step + 1), \(label) is \(mine), fastai's \(theirs)")
                return
            }
        }
    }

    @Test func adam() throws {
        try check("adam", .adam(lr: 0.01, beta1: 0.9, beta2: 0.99, eps: 1e-5, debias: true), lr: 0.01)
    }

    @Test func adamW() throws {
        try check("adam-decoupled", .adam(lr: 0.01, beta1: 0.9, beta2: 0.99, eps: 1e-5, debias: true),
                  decay: WeightDecay(wd: 0.01, decoupled: true, decaysBiases: true), lr: 0.01)
    }

    @Test func adamWithL2() throws {
        try check("adam-l2", .adam(lr: 0.01, beta1: 0.9, beta2: 0.99, eps: 1e-5, debias: true),
                  decay: WeightDecay(wd: 0.01, decoupled: false, decaysBiases: true), lr: 0.01)
    }

    @Test func rmsprop() throws {
        try check("rmsprop", .rmsprop(lr: 0.01, beta: 0.99, eps: 1e-8, variant: .fastai), lr: 0.01)
    }

    @Test func pytorchAdagrad() throws {
        try check("adagrad", .adagrad(lr: 0.1, eps: 1e-10, variant: .pytorch), lr: 0.1)
    }

    /// fastai's form of the bias correction is not 1 − βᵗ to the bit: the reason for `Optimizer.debias`.
    @Test func debiasIsFastaisForm() {
        let differing = (1...60).filter { t in Optimizer.debias(0.9, step: Double(t)) != 1 - pow(0.9, Double(t)) }
        #expect(!differing.isEmpty)
        let damp: Double = 1 - 0.9
        let fastai: Double = damp * (1 - pow(0.9, 5.0)) / damp
        #expect(Optimizer.debias(0.9, step: 5) == fastai)
    }
}
