/// Where ticks go, before any text is measured.
enum TickLocator {
    /// "Nice" ticks — multiples of 1, 2, 2.5 or 5 times a power of ten (matplotlib's
    /// `MaxNLocator`, Heckbert's idea) — inside `lower...upper`: the finest step that gives at
    /// most `maxCount` ticks.
    static func linear(lower: Double, upper: Double, maxCount: Int) -> [Double] {
        guard lower.isFinite, upper.isFinite, upper > lower else { return [] }
        let count = Swift.max(maxCount, 1)
        let raw = halfSpan(lower, upper) / Double(count) * 2
        guard raw.isFinite, raw > 0x1p-1060 else { return subnormalTicks(lower: lower, upper: upper, maxCount: count) }
        let exponent = Int(_log10(raw).rounded(.down)) - 1
        // A step is multiplier·10^e; trying e and e+1 covers every raw value in [10^(e+1), 10^(e+2)).
        for e in exponent...(exponent + 2) {
            for multiplier in [10, 20, 25, 50] {
                let step = scaledByPowerOfTen(Double(multiplier), e)
                let first = (lower / step - 1e-9).rounded(.up)
                let last = (upper / step + 1e-9).rounded(.down)
                guard last - first + 1 <= Double(count) else { continue }
                guard last >= first else { return [] }
                guard Swift.abs(first) < 1e15, Swift.abs(last) < 1e15 else {
                    return offsetTicks(lower: lower, upper: upper, multiplier: multiplier, exponent: e)
                }
                let firstK = Int64(first), lastK = Int64(last)
                return (firstK...lastK).map { scaledByPowerOfTen(Double($0) * Double(multiplier), e) }
            }
        }
        return []
    }

    /// Ticks too far from zero for their step to count in integers (2.00000000008 … 2.0000000004,
    /// 0.1 + 10⁻¹⁷): a round offset near the middle plus whole steps, each the double nearest its
    /// intended value; steps finer than the doubles there collapse into one tick.
    private static func offsetTicks(lower: Double, upper: Double, multiplier: Int, exponent e: Int) -> [Double] {
        let step = scaledByPowerOfTen(Double(multiplier), e)
        let offset = NumberFormat.roundOffset(lower: lower, upper: upper, exponent: e + 2)
        let first = ((lower - offset) / step - 1e-9).rounded(.up), last = ((upper - offset) / step + 1e-9).rounded(.down)
        guard first.isFinite, last.isFinite, last >= first, last - first < 1000 else { return [] }
        var values: [Double] = []
        for j in Int(first)...Int(last) {
            let v = offset + Double(j) * step
            if v >= lower, v <= upper, values.last != v { values.append(v) }
        }
        return values
    }

    /// A range a few of the smallest subnormals wide (0 … 5e−324), where no power of ten is a
    /// step: ticks at whole multiples of the smallest double, at most `maxCount`.
    private static func subnormalTicks(lower: Double, upper: Double, maxCount: Int) -> [Double] {
        let unit = Double.leastNonzeroMagnitude
        let first = (lower / unit).rounded(.up), last = (upper / unit).rounded(.down)
        guard first.isFinite, last.isFinite, last >= first, last - first < 1e6 else { return [] }
        let stride = Swift.max(1, Int(((last - first + 1) / Double(maxCount)).rounded(.up)))
        return Swift.stride(from: Int(first), through: Int(last), by: stride).map { Double($0) * unit }
    }

    /// Multiples of `step` among the integers in `lower...upper` (decade exponents on a log axis).
    static func integerMultiples(lower: Double, upper: Double, step: Int) -> [Int] {
        guard lower.isFinite, upper.isFinite, upper >= lower, step > 0 else { return [] }
        let first = Int((lower / Double(step) - 1e-9).rounded(.up))
        let last = Int((upper / Double(step) + 1e-9).rounded(.down))
        guard last >= first else { return [] }
        return (first...last).map { $0 * step }
    }

    /// m·10ᵈ for each multiplier m inside `lower...upper`, where the bounds are log₁₀ values.
    static func logMultiples(lower: Double, upper: Double, multipliers: [Int]) -> [Double] {
        guard lower.isFinite, upper.isFinite, upper >= lower else { return [] }
        var values: [Double] = []
        let firstDecade = Int(lower.rounded(.down)), lastDecade = Int(upper.rounded(.up))
        guard lastDecade - firstDecade < 400 else { return [] }
        for decade in firstDecade...lastDecade {
            for m in multipliers {
                let v = scaledByPowerOfTen(Double(m), decade)
                let t = _log10(v)
                if t >= lower - 1e-9 && t <= upper + 1e-9 && v > 0 && v.isFinite { values.append(v) }
            }
        }
        return values
    }

    /// Steps between labelled decades, from every decade to every hundredth.
    static let decadeSteps = [1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100, 150, 200]
}
