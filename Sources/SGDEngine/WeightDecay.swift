/// Weight decay on any optimizer: SPEC §4.3 `wd`, `decoupleWd`, `wdBias`, as fastai's
/// `weight_decay` and `l2_reg` callbacks apply it (fastai/fastai, `fastai/optimizer.py`).
///
/// It runs after the step's derivatives are computed and before the optimizer's statistics,
/// as fastai lists it first among an optimizer's callbacks:
/// * decoupled (`decoupleWd`, fastai's default; Adam with it is AdamW): p ← p·(1 − lr·wd);
/// * L2: g ← g + wd·p, and that g is what the moments average and the step uses — and what the
///   trace's `grad_<p>` records, as fastai's `p.grad` holds it after the step.
///
/// `lr` is the rate of the step (a scheduled rate when there is a schedule). Parameters whose
/// `decays` flag is false (the biases, unless `wdBias`) are left alone, as a fastai `Learner`
/// does with `wd_bn_bias=False`.
public struct WeightDecay: Sendable, Equatable {
    /// The decay coefficient; positive.
    package var wd: Double
    /// p·(1 − lr·wd) (true) or g + wd·p (false).
    package var decoupled: Bool
    /// Whether the biases decay too.
    package var decaysBiases: Bool

    package init(wd: Double, decoupled: Bool = true, decaysBiases: Bool = false) {
        self.wd = wd
        self.decoupled = decoupled
        self.decaysBiases = decaysBiases
    }

    /// Decays parameter `i` of `count` for which `decays[i]`, before the optimizer's step.
    @inline(__always)
    func apply(
        _ p: UnsafeMutablePointer<Double>, _ g: UnsafeMutablePointer<Double>, decays: UnsafePointer<Bool>,
        count: Int, lr: Double
    ) {
        if decoupled {
            let factor = 1 - lr * wd
            for i in 0..<count where decays[i] { p[i] = p[i] * factor }
        } else {
            for i in 0..<count where decays[i] { g[i] = g[i] + wd * p[i] }
        }
    }

    /// Which parameters of `network` decay, in model order: every weight, and the biases when
    /// `decaysBiases`.
    package func mask(for network: Network) -> [Bool] {
        let biases = network.biasMask
        return biases.map { isBias in !isBias || decaysBiases }
    }
}

extension Network {
    /// For each parameter in model order, whether it is a bias: `b`, `d`, … of a chain of single
    /// neurons, `b<layer>_<unit>` of wider layers (each unit's weights come first, then its bias).
    package var biasMask: [Bool] {
        var mask: [Bool] = []
        mask.reserveCapacity(parameterCount)
        for (l, layer) in layers.enumerated() {
            for _ in 0..<layer.units {
                mask += Array(repeating: false, count: fanIns[l])
                mask.append(true)
            }
        }
        return mask
    }
}
