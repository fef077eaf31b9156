/// An axis after autoscaling: its transform and visible range in transformed coordinates.
struct ResolvedAxis: Sendable {
    var axis: Axis
    var transform: ScaleTransform
    var lower: Double
    var upper: Double
    /// Whether any data lies on this axis (an empty chart draws no ticks).
    var hasData: Bool
    /// Points this axis could not show (non-positive on a log axis).
    var hiddenCount: Int
    /// Every value on the axis is a whole number (steps, epochs, units): ticks fall on whole numbers too.
    var integers: Bool = false
    /// The distinct data values on this axis when they are few (at most 8, as a sweep's settings):
    /// a log axis ticks at them rather than at 1, 2, 5.
    var fewValues: [Double]? = nil
}

/// A tick before it has a scene position.
struct PlannedTick: Sendable, Equatable {
    var value: Double
    /// The transformed coordinate.
    var t: Double
    /// nil for a minor tick.
    var label: String?
    /// The offset notation its label is written in ("label × 1e−10 + 2"), the same for every tick
    /// of the axis; nil when labels are whole values.
    var axisOffset: String? = nil
}

/// Chooses ticks and labels that read well and never overlap, measuring the real labels.
struct TickPlanner {
    let measurer: any TextMeasurer
    let font: Font

    /// The ticks of `axis` when it is `length` CSS pixels long.
    func plan(_ axis: ResolvedAxis, length: Double) -> [PlannedTick] {
        guard axis.hasData, length > 0, axis.upper > axis.lower else { return [] }
        switch axis.transform.kind {
        case .linear: return planLinear(axis, length: length)
        case .log: return planLog(axis, length: length)
        case .symlog: return planSymlog(axis, length: length)
        }
    }

    /// How many ticks an axis of this length wants at most (matplotlib: length / 3 em, ≤ 10).
    func preferredCount(length: Double) -> Int {
        Swift.min(10, Swift.max(2, Int(length / (font.size * 3))))
    }

    // MARK: Linear

    private func planLinear(_ axis: ResolvedAxis, length: Double) -> [PlannedTick] {
        var count = preferredCount(length: length)
        var best: [PlannedTick] = []
        while count >= 2 {
            var values = TickLocator.linear(lower: axis.lower, upper: axis.upper, maxCount: count)
            // "Epoch 1.25" means nothing: on a whole-number axis keep whole-number ticks only.
            if axis.integers && values.contains(where: { $0 != $0.rounded() }) {
                values = values.filter { $0 == $0.rounded() }
            }
            let offset = NumberFormat.offsetNotation(values).map(NumberFormat.offsetText)
            let ticks = labelled(values, transform: axis.transform, labels: NumberFormat.linearLabels(values))
                .map { PlannedTick(value: $0.value, t: $0.t, label: $0.label, axisOffset: offset) }
            if best.isEmpty || ticks.count >= 2 { best = ticks }
            if ticks.count >= 2, fits(ticks, axis: axis, length: length) { return ticks }
            count -= 1
        }
        return thinned(best, axis: axis, length: length)
    }

    // MARK: Log

    private func planLog(_ axis: ResolvedAxis, length: Double) -> [PlannedTick] {
        let lower = axis.lower, upper = axis.upper
        let pixelsPerDecade = length / (upper - lower)
        let decadesInside = TickLocator.integerMultiples(lower: lower, upper: upper, step: 1)
        var candidates: [[PlannedTick]] = []
        // A handful of values (a sweep's 1, 2, 4, 8, 16, 32): ticks at the values themselves.
        if let values = axis.fewValues, values.count >= 2 {
            let ticks = labelled(values, transform: axis.transform, labels: NumberFormat.logLabels(values))
            if fits(ticks, axis: axis, length: length) { return ticks }
        }

        // Few decades: label 1, 2 and 5 (or every digit), like matplotlib's minor labels.
        // Under one decade, those leave most of the axis unlabelled (80…195 would read only
        // "90" and "100"), so linear ticks on the values come first.
        if decadesInside.count <= 2 && upper - lower >= 1 {
            for multipliers in [[1, 2, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]] {
                let values = TickLocator.logMultiples(lower: lower, upper: upper, multipliers: multipliers)
                candidates.append(withLogMinors(labelled(values, transform: axis.transform,
                                                         labels: NumberFormat.logLabels(values)),
                                                axis: axis, pixelsPerDecade: pixelsPerDecade, step: 1))
            }
        }
        for step in TickLocator.decadeSteps {
            let exponents = TickLocator.integerMultiples(lower: lower, upper: upper, step: step)
            if exponents.isEmpty { break }
            let values = exponents.map { powerOfTen($0) }
            let ticks = labelled(values, transform: axis.transform, labels: NumberFormat.logLabels(values))
            candidates.append(withLogMinors(ticks, axis: axis, pixelsPerDecade: pixelsPerDecade, step: step))
            if exponents.count < 2 { break }
        }
        // At most as many labels as a linear axis of this length would get, and none overlapping.
        let most = preferredCount(length: length) + 1
        for ticks in candidates {
            let labels = ticks.filter({ $0.label != nil }).count
            if labels >= 2, labels <= most, fits(ticks, axis: axis, length: length) { return ticks }
        }
        // Less than two labelled decades fit: a linear locator on the values reads better.
        var count = preferredCount(length: length)
        while count >= 2 {
            let values = TickLocator.linear(lower: axis.transform.inverse(lower),
                                            upper: axis.transform.inverse(upper), maxCount: count).filter { $0 > 0 }
            let ticks = labelled(values, transform: axis.transform, labels: NumberFormat.logLabels(values))
            if ticks.count >= 2, fits(ticks, axis: axis, length: length) { return ticks }
            count -= 1
        }
        let fallback = candidates.first(where: { !$0.isEmpty }) ?? []
        return thinned(fallback, axis: axis, length: length)
    }

    /// Adds unlabelled ticks: 2…9 within each decade when decades are wide, else the decades
    /// between labelled ones.
    private func withLogMinors(_ majors: [PlannedTick], axis: ResolvedAxis, pixelsPerDecade: Double,
                               step: Int) -> [PlannedTick] {
        var minors: [Double] = []
        if step == 1 {
            if pixelsPerDecade >= 30 {
                minors = TickLocator.logMultiples(lower: axis.lower, upper: axis.upper,
                                                  multipliers: [1, 2, 3, 4, 5, 6, 7, 8, 9])
            }
        } else if pixelsPerDecade >= 7 {
            minors = TickLocator.integerMultiples(lower: axis.lower, upper: axis.upper, step: 1).map { powerOfTen($0) }
        }
        return merged(majors, minors: minors, transform: axis.transform)
    }

    // MARK: Symlog

    private func planSymlog(_ axis: ResolvedAxis, length: Double) -> [PlannedTick] {
        let lower = axis.lower, upper = axis.upper
        let pixelsPerUnit = length / (upper - lower)
        let transform = axis.transform
        func value(_ t: Int) -> Double {
            if t == 0 { return 0 }
            let v = timesPowerOfTen(transform.linthresh, Swift.abs(t) - 1)
            return t < 0 ? -v : v
        }
        for step in TickLocator.decadeSteps {
            let units = TickLocator.integerMultiples(lower: lower, upper: upper, step: step)
            if units.count < 2 { break }
            let values = units.map(value)
            var ticks = labelled(values, transform: transform, labels: NumberFormat.logLabels(values))
            var minors: [Double] = []
            if step > 1, pixelsPerUnit >= 7 {
                minors = TickLocator.integerMultiples(lower: lower, upper: upper, step: 1).map(value)
            } else if step == 1, pixelsPerUnit >= 30 {
                // 2…9 times each decade outside the linear region.
                for unit in TickLocator.integerMultiples(lower: lower - 1, upper: upper, step: 1) where unit >= 1 || unit <= -1 {
                    let base = Swift.abs(value(unit))
                    for m in 2...9 {
                        let v = (unit < 0 ? -1.0 : 1.0) * base * Double(m)
                        let t = transform(v)
                        if t >= lower && t <= upper { minors.append(v) }
                    }
                }
            }
            ticks = merged(ticks, minors: minors, transform: transform)
            if units.count <= preferredCount(length: length) + 1, fits(ticks, axis: axis, length: length) { return ticks }
        }
        // Inside the linear region only, or too little room for two decades: linear ticks.
        var count = preferredCount(length: length)
        var best: [PlannedTick] = []
        while count >= 2 {
            let values = TickLocator.linear(lower: transform.inverse(lower), upper: transform.inverse(upper), maxCount: count)
            let ticks = labelled(values, transform: transform, labels: NumberFormat.linearLabels(values, allowOffset: false))
            if best.isEmpty { best = ticks }
            if ticks.count >= 2, fits(ticks, axis: axis, length: length) { return ticks }
            count -= 1
        }
        return thinned(best, axis: axis, length: length)
    }

    // MARK: Helpers

    private func labelled(_ values: [Double], transform: ScaleTransform, labels: [String]) -> [PlannedTick] {
        zip(values, labels).compactMap { value, label in
            let t = transform(value)
            return t.isFinite ? PlannedTick(value: value, t: t, label: label) : nil
        }
    }

    /// Majors plus the minors that do not coincide with a major, in axis order.
    private func merged(_ majors: [PlannedTick], minors: [Double], transform: ScaleTransform) -> [PlannedTick] {
        var ticks = majors
        for v in minors {
            let t = transform(v)
            guard t.isFinite, !majors.contains(where: { Swift.abs($0.t - t) < 1e-9 }) else { continue }
            ticks.append(PlannedTick(value: v, t: t, label: nil))
        }
        return ticks.sorted { $0.t < $1.t }
    }

    /// Whether the labelled ticks leave room between their labels.
    func fits(_ ticks: [PlannedTick], axis: ResolvedAxis, length: Double) -> Bool {
        let majors = ticks.filter { $0.label != nil }
        guard majors.count >= 2 else { return true }
        let positions = majors.map { fraction($0.t, axis.lower, axis.upper) * length }
        switch axis.axis {
        case .x:
            let widths = majors.map { measurer.measure($0.label!, font: font).width }
            let gap = Swift.max(6, 0.8 * font.size)
            for i in 1..<majors.count where positions[i] - positions[i - 1] < (widths[i] + widths[i - 1]) / 2 + gap {
                return false
            }
        case .y:
            let metrics = measurer.measure("0", font: font)
            let needed = metrics.height * 1.45
            for i in 1..<majors.count where positions[i] - positions[i - 1] < needed {
                return false
            }
        }
        return true
    }

    /// Drops every other label until the rest fit (a last resort for very long labels).
    private func thinned(_ ticks: [PlannedTick], axis: ResolvedAxis, length: Double) -> [PlannedTick] {
        var current = ticks
        while !fits(current, axis: axis, length: length) {
            var keep = true
            current = current.map { tick in
                guard tick.label != nil else { return tick }
                defer { keep.toggle() }
                return keep ? tick : PlannedTick(value: tick.value, t: tick.t, label: nil, axisOffset: tick.axisOffset)
            }
            if current.filter({ $0.label != nil }).count <= 1 { break }
        }
        return current
    }
}
