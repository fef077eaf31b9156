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

    public enum RMSPropVariant: String, Sendable, Equatable, CaseIterable, Codable {
        case fastai
        case spreadsheet
    }

    public var learningRate: Double {
        switch self {
        case .sgd(let lr), .momentum(let lr, _, _), .rmsprop(let lr, _, _, _), .adam(let lr, _, _, _, _):
            return lr
        }
    }

    /// Whether the optimizer keeps a first moment (`avg_<p>` columns).
    public var keepsAverage: Bool {
        switch self {
        case .momentum, .adam: return true
        case .sgd, .rmsprop: return false
        }
    }

    /// Whether the optimizer keeps a second moment (`sqr_<p>` columns).
    public var keepsSquareAverage: Bool {
        switch self {
        case .rmsprop, .adam: return true
        case .sgd, .momentum: return false
        }
    }
}

/// The moments an optimizer carries from step to step.
public struct OptimizerState: Sendable, Equatable {
    /// First moment per parameter (momentum, Adam).
    public var average: [Double]
    /// Second moment per parameter (RMSProp, Adam).
    public var squareAverage: [Double]
    /// Updates made so far, warm-up included; Adam's debiasing uses it.
    public var updates: Int

    public init(parameterCount: Int, average: [Double]? = nil, squareAverage: [Double]? = nil) {
        self.average = average ?? Array(repeating: 0, count: parameterCount)
        self.squareAverage = squareAverage ?? Array(repeating: 0, count: parameterCount)
        self.updates = 0
        precondition(self.average.count == parameterCount && self.squareAverage.count == parameterCount)
    }
}

extension Optimizer {
    /// Updates every parameter together from `gradient`, and the moments in `state`.
    public func step(
        parameters p: UnsafeMutableBufferPointer<Double>, gradient g: UnsafeBufferPointer<Double>,
        state: inout OptimizerState
    ) {
        state.updates += 1
        let t = state.updates
        state.average.withUnsafeMutableBufferPointer { m in
            state.squareAverage.withUnsafeMutableBufferPointer { v in
                step(p.baseAddress!, g.baseAddress!, m.baseAddress!, v.baseAddress!, count: p.count, update: t)
            }
        }
    }

    /// The update on raw memory, for the training loop: `m` and `v` are the first and second
    /// moments, `update` counts updates from 1 (Adam's bias correction uses it).
    @inline(__always)
    func step(
        _ p: UnsafeMutablePointer<Double>, _ g: UnsafePointer<Double>, _ m: UnsafeMutablePointer<Double>,
        _ v: UnsafeMutablePointer<Double>, count: Int, update: Int
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
                    v[i] = beta * v[i] + gain * (g[i] * g[i])
                    p[i] = p[i] - lr * g[i] / (v[i].squareRoot() + eps)
                }
            case .spreadsheet:
                for i in 0..<count {
                    p[i] = p[i] - lr * g[i] / v[i].squareRoot()
                    v[i] = beta * v[i] + gain * (g[i] * g[i])
                }
            }

        case .adam(let lr, let beta1, let beta2, let eps, let debias):
            let gain1 = 1 - beta1, gain2 = 1 - beta2
            let t = Double(update)
            let debias1 = 1 - _pow(beta1, t), debias2 = 1 - _pow(beta2, t)
            for i in 0..<count {
                m[i] = beta1 * m[i] + gain1 * g[i]
                v[i] = beta2 * v[i] + gain2 * (g[i] * g[i])
                if debias {
                    p[i] = p[i] - (lr / debias1) * m[i] / ((v[i] / debias2).squareRoot() + eps)
                } else {
                    p[i] = p[i] - lr * m[i] / (v[i].squareRoot() + eps)
                }
            }
        }
    }
}
