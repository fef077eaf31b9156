/// Fits axes to data: transforms, visible ranges and what a log axis had to leave out.
enum Autoscale {
    /// A symlog threshold from the data: the power of ten at or below the 10th percentile of the
    /// nonzero magnitudes, but no more than 12 decades below the largest, so that small values
    /// keep their sign and size while the log region spans the rest.
    static func linthresh(for values: [Double]) -> Double {
        // A histogram of binary exponents finds the percentile in one pass, even for 10⁶ points.
        var histogram = [Int](repeating: 0, count: 2100)
        var total = 0
        var largest = 0.0
        for v in values where v.isFinite && v != 0 {
            let magnitude = Swift.abs(v)
            histogram[Int(magnitude.exponent) + 1075] += 1
            total += 1
            largest = Swift.max(largest, magnitude)
        }
        guard total > 0 else { return 1 }
        let target = Swift.max(1, total / 10)
        var seen = 0
        var exponent = 0
        for (i, count) in histogram.enumerated() where count > 0 {
            seen += count
            if seen >= target {
                exponent = i - 1075
                break
            }
        }
        let percentile = Double(sign: .plus, exponent: exponent, significand: 1)
        let fromPercentile = powerOfTen(Int(_log10(percentile).rounded(.down)))
        let floorFromLargest = powerOfTen(Int(_log10(largest).rounded(.down)) - 12)
        return Swift.max(fromPercentile, floorFromLargest)
    }

    /// The transform a scale needs; a symlog without a threshold gets one from `values`.
    static func transform(for scale: Scale, values: () -> [Double]) -> ScaleTransform {
        switch scale {
        case .linear: return .linear
        case .log: return .log
        case .symlog(let linthresh?): return .symlog(linthresh: linthresh)
        case .symlog(nil): return .symlog(linthresh: linthresh(for: values()))
        }
    }

    /// The visible range, in transformed coordinates, for data spanning `low...high` (transformed).
    static func range(low: Double, high: Double, margin: Double, kind: ScaleTransform.Kind) -> (Double, Double) {
        var low = low, high = high
        let magnitude = Swift.max(Swift.abs(low), Swift.abs(high))
        if high - low <= magnitude * 1e-12 {
            // One value (or values equal to print precision): centre it in a small range.
            let centre = (low + high) / 2
            switch kind {
            case .linear:
                let half = centre == 0 ? 1 : Swift.abs(centre) * 0.1
                low = centre - half
                high = centre + half
            case .log, .symlog:
                low = centre - 0.5
                high = centre + 0.5
            }
            return (low, high)
        }
        if !(high - low).isFinite {
            // Nearly ±1.8e308: keep the span itself finite.
            low = Swift.max(low, -8e307)
            high = Swift.min(high, 8e307)
        }
        let pad = (high - low) * margin
        return (low - pad, high + pad)
    }
}
