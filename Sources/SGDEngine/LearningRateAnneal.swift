/// An epoch-level learning-rate rule: divide the rate when the gradients grow — what the
/// workbook's `adam_ann` and `adagrad_ann` "run" macros do between epochs.
///
/// Before each epoch after the first the rule measures the gradients' size and compares it
/// with a reference:
/// * `gradientSize`: the measure is Σ_p √v_p, the optimizer's second moments at the epoch's
///   start (`adam_ann`'s `avg_grad2`). When measure/reference > `factor` the rate is divided
///   by `divisor` once; when the measure is below the reference it becomes the reference (the
///   reference is the smallest size seen).
/// * `stepSize`: the epoch is run, then the measure is Σ_p s_p·(lr/σ_p), where s_p is the
///   epoch's √(Σ g_p²)/n and σ_p the scale its steps used (`adagrad_ann`'s `H33`; only for
///   the spreadsheet Adagrad). While measure > `factor`·reference the rate is divided by
///   `divisor` and the epoch run again from the same start (at most `maximumRetries` times);
///   the accepted measure becomes the reference.
///
/// Both compare exactly as the workbook's cells do (a quotient for the first, a product for
/// the second), so the sheets' rate paths are reproduced to the last bit.
public struct LearningRateAnneal: Sendable, Equatable {
    package enum Measure: String, Sendable, Equatable, CaseIterable, Codable {
        case gradientSize = "gradient-size"
        case stepSize = "step-size"
    }

    package var measure: Measure
    /// How much larger than the reference the measure may be before the rate is divided.
    package var factor: Double
    /// lr ← lr/divisor; greater than 1.
    package var divisor: Double
    /// The reference the first comparison uses; nil: the first measure becomes the reference.
    package var reference: Double?

    /// Recomputations of one epoch at most (`stepSize`); the last one stands.
    package static let maximumRetries = 200

    package init(measure: Measure, factor: Double = 2, divisor: Double = 2, reference: Double? = nil) {
        self.measure = measure
        self.factor = factor
        self.divisor = divisor
        self.reference = reference
    }

    /// Whether a `measure` against `reference` calls for a smaller rate.
    func exceeds(_ measure: Double, reference: Double?) -> Bool {
        guard let reference else { return false }
        switch self.measure {
        case .gradientSize: return measure / reference > factor
        case .stepSize: return measure > factor * reference
        }
    }

    /// The reference after `measure` was accepted.
    func nextReference(_ measure: Double, reference: Double?) -> Double {
        switch self.measure {
        case .gradientSize:
            guard let reference else { return measure }
            return measure < reference ? measure : reference
        case .stepSize:
            return measure
        }
    }
}
