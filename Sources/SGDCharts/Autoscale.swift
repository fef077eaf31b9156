/// Fits axes to data: transforms, visible ranges and what a log axis had to leave out.
enum Autoscale {
    /// A symlog threshold from the data: the power of ten at or below the 10th percentile of the
    /// nonzero magnitudes, so that the linear region follows the small values (1 … 1e26 then
    /// −1e77 gets ±1, not ±1e64) and the log region spans the rest, however many decades.
    static func linthresh(for values: [Double]) -> Double {
        // A histogram of binary exponents finds the percentile in one pass, even for 10⁶ points.
        var histogram = [Int](repeating: 0, count: 2100)
        var total = 0
        for v in values where v.isFinite && v != 0 {
            histogram[Int(Swift.abs(v).exponent) + 1075] += 1
            total += 1
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
        // 10⁻³²⁴ is 0 as a double: the smallest subnormals (5e−324) get 1e−323.
        return powerOfTen(Swift.max(Int(_log10(percentile).rounded(.down)), -323))
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
        let largest = Double.greatestFiniteMagnitude
        let magnitude = Swift.max(Swift.abs(low), Swift.abs(high))
        // Halves throughout: data near ±1.8e308 has a span, a centre and a margin that would
        // overflow as whole values (halving is exact, so other data gets the same bits).
        if halfSpan(low, high) <= magnitude * 0.5e-12 {
            // One value (or values equal to print precision): centre it in a small range.
            let centre = low / 2 + high / 2
            switch kind {
            case .linear:
                let half = centre == 0 ? 1 : Swift.abs(centre) * 0.1
                return (Swift.max(centre - half, -largest), Swift.min(centre + half, largest))
            case .log, .symlog:
                return (centre - 0.5, centre + 0.5)
            }
        }
        let pad = halfSpan(low, high) * margin
        return (Swift.max(low - 2 * pad, -largest), Swift.min(high + 2 * pad, largest))
    }
}
