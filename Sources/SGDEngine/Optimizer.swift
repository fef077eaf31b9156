/// How parameters move given their derivatives: SPEC §3's optimizer table.
///
/// Every formula is evaluated left to right as written there and `1 − beta` is computed in
/// `Double` from `beta`, exactly as a spreadsheet cell computes it, so that the workbook's
/// stored cells are reproduced to the last bit.
public enum Optimizer: Sendable, Equatable {
    /// p ← p − lr·g
    case sgd(lr: Double)
    /// m ← beta·m + (dampening ? 1−beta : 1)·g; p ← p − lr·m.
    /// Dampened is the spreadsheets' "momentum" sheet; undampened is fastai's `SGD(mom=…)`.
    case momentum(lr: Double, beta: Double, dampening: Bool)
    /// fastai: v ← beta·v + (1−beta)·g²; p ← p − lr·g/(√v + eps).
    /// spreadsheet: p ← p − lr·g/√v_previous, then v ← beta·v + (1−beta)·g² (no eps).
    case rmsprop(lr: Double, beta: Double, eps: Double, variant: RMSPropVariant)
    /// m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; then the debiased (fastai) or plain
    /// (spreadsheet) step.
    case adam(lr: Double, beta1: Double, beta2: Double, eps: Double, debias: Bool)
    /// Adam whose second moment never shrinks (SPEC §4.3 `amsgrad`, the workbook's `amsgrad`
    /// sheet): v ← max(v, β2·v + (1−β2)·g²), and the step uses that maximum.
    case amsgrad(lr: Double, beta1: Double, beta2: Double, eps: Double, debias: Bool)
    /// Adam with Eve's feedback (Koushik & Hayashi 2016, as the workbook's `eve` sheet computes
    /// it, once per epoch): Adam's step divided by d, where before each epoch
    /// r = |f₁ − f₂|/min(f₁, f₂) of the last two epochs' √SSE and d ← β3·d + (1−β3)·r.
    case eve(lr: Double, beta1: Double, beta2: Double, beta3: Double, eps: Double, debias: Bool)
    /// pytorch: v ← v + g²; p ← p − lr·(g/(√v + eps)) (`torch.optim.Adagrad`).
    /// spreadsheet: p ← p − g·(lr/s) with s fixed for the epoch: the previous epoch's
    /// √(Σ g²)/n over its n steps (the workbook's `adagrad` sheet; no eps).
    case adagrad(lr: Double, eps: Double, variant: AdagradVariant)

    /// Which RMSProp formula `rmsprop` uses (the study's `"variant"`; see the case above).
    public enum RMSPropVariant: String, Sendable, Equatable, CaseIterable, Codable {
        case fastai
        case spreadsheet
    }

    /// Which Adagrad formula `adagrad` uses (the study's `"variant"`; see the case above).
    public enum AdagradVariant: String, Sendable, Equatable, CaseIterable, Codable {
        case pytorch
        case spreadsheet
    }

    package var learningRate: Double {
        switch self {
        case .sgd(let lr), .momentum(let lr, _, _), .rmsprop(let lr, _, _, _), .adam(let lr, _, _, _, _),
            .amsgrad(let lr, _, _, _, _), .eve(let lr, _, _, _, _, _), .adagrad(let lr, _, _):
            return lr
        }
    }

    /// The study file's name for it, for messages: `sgd`, `adam`, `adagrad (spreadsheet)`, ….
    package var typeName: String {
        switch self {
        case .sgd: return "sgd"
        case .momentum: return "momentum"
        case .rmsprop: return "rmsprop"
        case .adam: return "adam"
        case .amsgrad: return "adam (amsgrad)"
        case .eve: return "eve"
        case .adagrad(_, _, let variant): return "adagrad (\(variant.rawValue))"
        }
    }

    /// The same optimizer with another learning rate (a sweep's value, an annealed rate).
    package func withLearningRate(_ lr: Double) -> Optimizer {
        switch self {
        case .sgd: return .sgd(lr: lr)
        case .momentum(_, let beta, let dampening): return .momentum(lr: lr, beta: beta, dampening: dampening)
        case .rmsprop(_, let beta, let eps, let variant): return .rmsprop(lr: lr, beta: beta, eps: eps, variant: variant)
        case .adam(_, let b1, let b2, let eps, let debias): return .adam(lr: lr, beta1: b1, beta2: b2, eps: eps, debias: debias)
        case .amsgrad(_, let b1, let b2, let eps, let debias): return .amsgrad(lr: lr, beta1: b1, beta2: b2, eps: eps, debias: debias)
        case .eve(_, let b1, let b2, let b3, let eps, let debias):
            return .eve(lr: lr, beta1: b1, beta2: b2, beta3: b3, eps: eps, debias: debias)
        case .adagrad(_, let eps, let variant): return .adagrad(lr: lr, eps: eps, variant: variant)
        }
    }

    /// Whether the step sizes are fixed per epoch from the previous epoch's gradients
    /// (the spreadsheet Adagrad), which the trainer updates at each epoch's end.
    package var scalesPerEpoch: Bool {
        if case .adagrad(_, _, .spreadsheet) = self { return true }
        return false
    }

    /// Whether the optimizer divides its steps by Eve's feedback d.
    package var usesLossFeedback: Bool {
        if case .eve = self { return true }
        return false
    }

    /// Whether the optimizer keeps a first moment (`avg_<p>` columns).
    package var keepsAverage: Bool {
        switch self {
        case .momentum, .adam, .amsgrad, .eve: return true
        case .sgd, .rmsprop, .adagrad: return false
        }
    }

    /// Whether the optimizer keeps a second moment (`sqr_<p>` columns): for Adagrad the sum
    /// of squared derivatives (pytorch) or the epoch's scale s (spreadsheet).
    package var keepsSquareAverage: Bool {
        switch self {
        case .rmsprop, .adam, .amsgrad, .eve, .adagrad: return true
        case .sgd, .momentum: return false
        }
    }
}

/// The moments an optimizer carries from step to step.
package struct OptimizerState: Sendable, Equatable {
    /// First moment per parameter (momentum, Adam).
    package var average: [Double]
    /// Second moment per parameter (RMSProp, Adam).
    package var squareAverage: [Double]
    /// Updates made so far, warm-up included; Adam's debiasing uses it.
    package var updates: Int
    /// Eve's d, the divisor of the last epoch's steps (default 1).
    package var feedback: Double
    /// Eve's epoch losses (√SSE), the latest first: f₁, f₂. Fewer than two keep d as it is.
    package var losses: [Double]

    package init(
        parameterCount: Int, average: [Double]? = nil, squareAverage: [Double]? = nil,
        feedback: Double = 1, losses: [Double] = []
    ) {
        self.average = average ?? Array(repeating: 0, count: parameterCount)
        self.squareAverage = squareAverage ?? Array(repeating: 0, count: parameterCount)
        self.updates = 0
        self.feedback = feedback
        self.losses = losses
        precondition(self.average.count == parameterCount && self.squareAverage.count == parameterCount)
    }
}

extension Optimizer {
    /// Updates every parameter together from `gradient`, and the moments in `state`.
    package func step(
        parameters p: UnsafeMutableBufferPointer<Double>, gradient g: UnsafeBufferPointer<Double>,
        state: inout OptimizerState
    ) {
        state.updates += 1
        let t = state.updates
        state.average.withUnsafeMutableBufferPointer { m in
            state.squareAverage.withUnsafeMutableBufferPointer { v in
                step(p.baseAddress!, g.baseAddress!, m.baseAddress!, v.baseAddress!, count: p.count, update: t, feedback: state.feedback)
            }
        }
    }

    /// The update on raw memory, for the training loop: `m` and `v` are the first and second
    /// moments, `update` counts updates from 1 (Adam's bias correction uses it), `feedback` is
    /// Eve's d. The spreadsheet Adagrad adds g² to `m` (the epoch's sum, not traced) and steps
    /// by the scale in `v`.
    @inline(__always)
    func step(
        _ p: UnsafeMutablePointer<Double>, _ g: UnsafePointer<Double>, _ m: UnsafeMutablePointer<Double>,
        _ v: UnsafeMutablePointer<Double>, count: Int, update: Int, feedback: Double = 1
    ) {
        switch self {
        case .sgd(let lr):
            for i in 0..<count { p[i] = p[i] - lr * g[i] }

        case .momentum(let lr, let beta, let dampening):
            let gain = 1 - beta
            if dampening {
                for i in 0..<count {
                    m[i] = beta * m[i] + gain * g[i]
                    p[i] = p[i] - lr * m[i]
                }
            } else {
                for i in 0..<count {
                    m[i] = beta * m[i] + g[i]
                    p[i] = p[i] - lr * m[i]
                }
            }

        case .rmsprop(let lr, let beta, let eps, let variant):
            let gain = 1 - beta
            switch variant {
            case .fastai:
                for i in 0..<count {
                    v[i] = Self.squareAverage(v[i], g[i], beta: beta, gain: gain, fastaiOrder: true)
                    p[i] = p[i] - lr * g[i] / (v[i].squareRoot() + eps)
                }
            case .spreadsheet:
                for i in 0..<count {
                    p[i] = p[i] - lr * g[i] / v[i].squareRoot()
                    v[i] = Self.squareAverage(v[i], g[i], beta: beta, gain: gain, fastaiOrder: false)
                }
            }

        case .adam(let lr, let beta1, let beta2, let eps, let debias):
            let gain1 = 1 - beta1, gain2 = 1 - beta2
            let t = Double(update)
            let debias1 = Self.debias(beta1, step: t), debias2 = Self.debias(beta2, step: t)
            for i in 0..<count {
                m[i] = beta1 * m[i] + gain1 * g[i]
                // Debiased is fastai's Adam (AMSGrad and Eve likewise); without, the workbook's sheets.
                v[i] = Self.squareAverage(v[i], g[i], beta: beta2, gain: gain2, fastaiOrder: debias)
                p[i] = p[i] - Self.adamStep(m: m[i], v: v[i], lr: lr, eps: eps, debias: debias, debias1: debias1, debias2: debias2)
            }

        case .amsgrad(let lr, let beta1, let beta2, let eps, let debias):
            let gain1 = 1 - beta1, gain2 = 1 - beta2
            let t = Double(update)
            let debias1 = Self.debias(beta1, step: t), debias2 = Self.debias(beta2, step: t)
            for i in 0..<count {
                m[i] = beta1 * m[i] + gain1 * g[i]
                let average = Self.squareAverage(v[i], g[i], beta: beta2, gain: gain2, fastaiOrder: debias)
                v[i] = average > v[i] ? average : v[i]
                p[i] = p[i] - Self.adamStep(m: m[i], v: v[i], lr: lr, eps: eps, debias: debias, debias1: debias1, debias2: debias2)
            }

        case .eve(let lr, let beta1, let beta2, _, let eps, let debias):
            let gain1 = 1 - beta1, gain2 = 1 - beta2
            let t = Double(update)
            let debias1 = Self.debias(beta1, step: t), debias2 = Self.debias(beta2, step: t)
            for i in 0..<count {
                m[i] = beta1 * m[i] + gain1 * g[i]
                v[i] = Self.squareAverage(v[i], g[i], beta: beta2, gain: gain2, fastaiOrder: debias)
                p[i] = p[i] - Self.adamStep(m: m[i], v: v[i], lr: lr, eps: eps, debias: debias, debias1: debias1, debias2: debias2) / feedback
            }

        case .adagrad(let lr, let eps, let variant):
            switch variant {
            case .pytorch:
                for i in 0..<count {
                    // torch.optim.Adagrad: state_sum.addcmul_(g, g, value=1);
                    // p.addcdiv_(g, std, value=-lr), that is p + (−lr·g)/std.
                    v[i] = v[i] + g[i] * g[i]
                    p[i] = p[i] - lr * g[i] / (v[i].squareRoot() + eps)
                }
            case .spreadsheet:
                for i in 0..<count {
                    m[i] = m[i] + g[i] * g[i]
                    p[i] = p[i] - g[i] * (lr / v[i])
                }
            }
        }
    }

    /// The spreadsheet Adagrad's epoch end: each scale becomes √(Σ g²)/`steps` of the epoch
    /// just run (the workbook's `sqrt(sumsq(…))/29`), and the sum starts again from 0.
    func endEpoch(sums m: UnsafeMutablePointer<Double>, scales v: UnsafeMutablePointer<Double>, count: Int, steps: Int) {
        guard scalesPerEpoch else { return }
        for i in 0..<count {
            v[i] = m[i].squareRoot() / Double(steps)
            m[i] = 0
        }
    }

    /// A moving average of squared gradients after one more gradient `g`: β·v + (1 − β)·g², with
    /// `gain` = 1 − β. `fastaiOrder`: as fastai's `average_sqr_grad` computes it,
    /// `sqr_avg.mul_(sqr_mom).addcmul_(g, g, value=damp)`, which PyTorch evaluates as
    /// self + value·t1·t2 left to right, (1 − β)·g·g; otherwise as the workbook's sheets write it,
    /// (1 − β)·(g·g). The two differ in the last bit for some g.
    @inline(__always)
    static func squareAverage(_ v: Double, _ g: Double, beta: Double, gain: Double, fastaiOrder: Bool) -> Double {
        fastaiOrder ? beta * v + gain * g * g : beta * v + gain * (g * g)
    }

    /// The weight an Adam moment's terms add up to after `step` updates, as fastai's
    /// `adam_step` computes it: `debias(mom, 1-mom, step)`, where
    /// `debias(mom, damp, step) = damp * (1 - mom**step) / (1-mom)` (fastai/optimizer.py).
    /// Equal to 1 − βᵗ in exact arithmetic (SPEC §3); in this order of operations so that a
    /// run's weights are fastai's to the last bit (1 − βᵗ differs by an ulp at some steps,
    /// t = 5, 11, 25, … for β = 0.9).
    @inline(__always)
    package static func debias(_ beta: Double, step t: Double) -> Double {
        let damp = 1 - beta
        return damp * (1 - _pow(beta, t)) / (1 - beta)
    }

    /// Adam's step for one weight from its moments `m` and `v` (after this update of them):
    /// lr·m̂/(√v̂ + ε) with m̂ = m/`debias1`, v̂ = v/`debias2` when `debias`, else lr·m/(√v + ε)
    /// (fastai's `adam_step`, optimizer.py). AMSGrad takes it as is; Eve divides it by its d.
    @inline(__always)
    static func adamStep(m: Double, v: Double, lr: Double, eps: Double, debias: Bool, debias1: Double, debias2: Double) -> Double {
        debias ? (lr / debias1) * m / ((v / debias2).squareRoot() + eps) : lr * m / (v.squareRoot() + eps)
    }

    /// Eve's d for the next epoch from the last epoch's d and the losses f₁, f₂ (latest first):
    /// r = |f₁ − f₂|/min(f₁, f₂), d = β3·d + (1 − β3)·r; d unchanged with fewer than two losses.
    package func feedback(previous d: Double, losses: [Double]) -> Double {
        guard case .eve(_, _, _, let beta3, _, _) = self, losses.count >= 2 else { return d }
        let f1 = losses[0], f2 = losses[1]
        let r = Swift.abs(f1 - f2) / Swift.min(f1, f2)
        return beta3 * d + (1 - beta3) * r
    }
}
