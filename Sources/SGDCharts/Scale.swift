/// How data values are spaced along an axis.
package enum Scale: Sendable, Hashable {
    /// Equal differences, equal distances.
    case linear
    /// Equal ratios, equal distances; values ≤ 0 cannot be shown.
    case log
    /// Linear within ±`linthresh`, logarithmic outside, for data that crosses zero over many
    /// orders of magnitude (derivatives). With `nil` the chart picks a threshold from the data.
    case symlog(linthresh: Double? = nil)
}

/// The function from a data value to the coordinate that is laid out linearly.
package struct ScaleTransform: Sendable, Hashable {
    package enum Kind: Sendable, Hashable { case linear, log, symlog }

    package let kind: Kind
    /// The half-width of the linear region of a symlog axis (1 for the other kinds).
    package let linthresh: Double

    package static let linear = ScaleTransform(kind: .linear, linthresh: 1)
    package static let log = ScaleTransform(kind: .log, linthresh: 1)

    package static func symlog(linthresh: Double) -> ScaleTransform {
        ScaleTransform(kind: .symlog, linthresh: linthresh)
    }

    init(kind: Kind, linthresh: Double) {
        self.kind = kind
        self.linthresh = linthresh
    }

    /// The scale this transform realises (a symlog's threshold filled in).
    package var scale: Scale {
        switch kind {
        case .linear: return .linear
        case .log: return .log
        case .symlog: return .symlog(linthresh: linthresh)
        }
    }

    /// Whether `value` can be placed on this axis at all.
    @inlinable package func accepts(_ value: Double) -> Bool {
        value.isFinite && (kind != .log || value > 0)
    }

    /// The linear coordinate of `value`, NaN when the axis cannot show it.
    ///
    /// symlog: v/L inside ±L, sign(v)·(1 + log₁₀(|v|/L)) outside — continuous at ±L, odd,
    /// one unit per decade outside the linear region.
    @inlinable package func callAsFunction(_ value: Double) -> Double {
        switch kind {
        case .linear:
            return value.isFinite ? value : .nan
        case .log:
            return value > 0 && value.isFinite ? _log10(value) : .nan
        case .symlog:
            guard value.isFinite else { return .nan }
            let magnitude = Swift.abs(value)
            if magnitude <= linthresh { return value / linthresh }
            // 1e305 over a threshold of 1e−301 overflows as a quotient; the logarithms' difference does not.
            let ratio = magnitude / linthresh
            let t = 1 + (ratio.isFinite ? _log10(ratio) : _log10(magnitude) - _log10(linthresh))
            return value < 0 ? -t : t
        }
    }

    /// The data value at linear coordinate `t`.
    package func inverse(_ t: Double) -> Double {
        switch kind {
        case .linear:
            return t
        case .log:
            // Beyond the doubles (an axis padded past 1.8e308): the largest.
            return Swift.min(_pow(10, t), .greatestFiniteMagnitude)
        case .symlog:
            let magnitude = Swift.abs(t)
            if magnitude <= 1 { return t * linthresh }
            var v = linthresh * _pow(10, magnitude - 1)
            // 10⁶⁰⁶ overflows where 1e−301 · 10⁶⁰⁶ does not; beyond the doubles, the largest.
            if !v.isFinite { v = Swift.min(_pow(10, _log10(linthresh) + (magnitude - 1)), .greatestFiniteMagnitude) }
            return t < 0 ? -v : v
        }
    }
}

/// Places data values on one axis of the plot area.
package struct AxisMapping: Sendable, Hashable {
    package var transform: ScaleTransform
    /// The visible range in transformed coordinates.
    package var lower: Double
    package var upper: Double
    /// Scene coordinates of `lower` and `upper` (for a y axis `start` is the bottom).
    package var start: Double
    package var end: Double

    package init(transform: ScaleTransform, lower: Double, upper: Double, start: Double, end: Double) {
        self.transform = transform
        self.lower = lower
        self.upper = upper
        self.start = start
        self.end = end
    }

    /// The visible data range.
    package var domain: ClosedRange<Double> {
        let a = transform.inverse(lower), b = transform.inverse(upper)
        return Swift.min(a, b)...Swift.max(a, b)
    }

    /// Where `value` lies in scene coordinates, or nil when the axis cannot show it.
    package func position(of value: Double) -> Double? {
        let p = clampedPosition(of: value)
        return p.isNaN ? nil : p
    }

    /// The data value at scene coordinate `position`.
    package func value(at position: Double) -> Double {
        transform.inverse(lower + (position - start) / (end - start) * halfSpan(lower, upper) * 2)
    }

    /// Where a transformed coordinate lies in scene coordinates.
    @inlinable func position(ofTransformed t: Double) -> Double {
        start + distance(fromLower: t)
    }

    /// The scene coordinate of `value`, NaN when the axis cannot show it, and within ±10⁹ so that
    /// a value far off the chart still points the right way without overflowing anything.
    @inlinable func clampedPosition(of value: Double) -> Double {
        let t = transform(value)
        if t.isNaN { return .nan }
        let p = start + distance(fromLower: t)
        if p.isNaN { return .nan }
        return Swift.min(Swift.max(p, -1e9), 1e9)
    }

    /// Scene distance from `lower` to the transformed coordinate `t`.
    @inlinable func distance(fromLower t: Double) -> Double {
        let perHalf = (end - start) / halfSpan(lower, upper)
        if perHalf.isFinite { return (t / 2 - lower / 2) * perHalf }
        // A range of subnormals (1e−310 … 3e−310): pixels per unit overflow; scaled by 2⁶⁰⁰
        // (exact) the same fraction does not.
        let s = AxisMapping.subnormalScale
        return (t * s - lower * s) / (upper * s - lower * s) * (end - start)
    }

    /// The power of two that lifts a range of subnormal width to normal doubles (scaling by it is exact).
    @usableFromInline static let subnormalScale = 0x1p600
    /// Ranges narrower than this are projected scaled by `subnormalScale`.
    @usableFromInline static let subnormalSpan = 0x1p-900
}
