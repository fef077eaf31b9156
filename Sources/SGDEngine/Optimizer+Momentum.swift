/// The hyper-parameter fastai calls `mom`, which a schedule may set before each batch
/// (SPEC §4.3 `schedule`): momentum's `beta` and Adam's (AMSGrad's, Eve's) `beta1`.
extension Optimizer {
    /// Whether the optimizer has fastai's `mom`: a first moment's decay.
    package var hasMomentum: Bool {
        switch self {
        case .momentum, .adam, .amsgrad, .eve: return true
        case .sgd, .rmsprop, .adagrad: return false
        }
    }

    /// The same optimizer with `mom` set to `beta` (unchanged when it has none).
    package func withMomentum(_ beta: Double) -> Optimizer {
        switch self {
        case .momentum(let lr, _, let dampening): return .momentum(lr: lr, beta: beta, dampening: dampening)
        case .adam(let lr, _, let b2, let eps, let debias): return .adam(lr: lr, beta1: beta, beta2: b2, eps: eps, debias: debias)
        case .amsgrad(let lr, _, let b2, let eps, let debias): return .amsgrad(lr: lr, beta1: beta, beta2: b2, eps: eps, debias: debias)
        case .eve(let lr, _, let b2, let b3, let eps, let debias):
            return .eve(lr: lr, beta1: beta, beta2: b2, beta3: b3, eps: eps, debias: debias)
        case .sgd, .rmsprop, .adagrad: return self
        }
    }
}
