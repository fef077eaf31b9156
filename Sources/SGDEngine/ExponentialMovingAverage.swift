/// An exponentially weighted moving average, as the spreadsheets' momentum column and
/// fastai's `average_grad` compute it.
///
/// mom_t = beta·mom_{t−1} + (1−beta)·v_t when dampened, beta·mom_{t−1} + v_t when not (fastai's
/// default). Debiased, mom_t divided by the weight its terms add up to, as fastai's
/// `debias(mom, damp, step) = damp·(1 − momᵗ)/(1 − mom)` gives it (SPEC §3, signals):
/// mom_t / (1 − betaᵗ) when dampened, mom_t / ((1 − betaᵗ)/(1 − beta)) when not, so a constant
/// series debiases to itself either way. `t` counts points from 1.
public struct ExponentialMovingAverage: Sendable, Equatable {
    package var beta: Double
    package var initial: Double
    package var dampening: Bool
    package var debias: Bool

    package init(beta: Double = 0.9, initial: Double = 0, dampening: Bool = true, debias: Bool = false) {
        self.beta = beta
        self.initial = initial
        self.dampening = dampening
        self.debias = debias
    }

    /// The average after each value, and (when `debias`) its debiased form.
    package func apply(to values: [Double]) -> (average: [Double], debiased: [Double]?) {
        let gain = 1 - beta
        var average: [Double] = []
        average.reserveCapacity(values.count)
        var debiased: [Double]? = debias ? [] : nil
        var mom = initial
        for (index, value) in values.enumerated() {
            mom = dampening ? beta * mom + gain * value : beta * mom + value
            average.append(mom)
            if debias {
                let decayed = 1 - _pow(beta, Double(index + 1))
                // fastai's damp·(1 − momᵗ)/(1 − mom) with damp = 1 − mom reduces to 1 − momᵗ.
                debiased?.append(mom / (dampening ? decayed : decayed / gain))
            }
        }
        return (average, debiased)
    }
}
