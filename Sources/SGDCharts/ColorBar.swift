/// A colour scale keyed by a value each series carries (a sweep's setting, `Series.colorValue`).
/// When a chart has more series than the palette has colours (8), its series are coloured along
/// viridis by that value and a colour bar at the right replaces the legend, which could not hold
/// them; with 8 or fewer series the usual legend is kept.
package struct ColorScale: Sendable, Hashable {
    /// What the value is ("learning rate"), written along the bar.
    package var label: String
    /// `.linear` or `.log` (a symlog is drawn as linear).
    package var scale: Scale

    package init(label: String, scale: Scale = .linear) {
        self.label = label
        self.scale = scale
    }
}

/// matplotlib's viridis, sampled at tenths (perceptually uniform, colour-blind safe).
enum Viridis {
    static let stops: [UInt32] = [0x440154, 0x482475, 0x414487, 0x355F8D, 0x2A788E, 0x21918C,
                                  0x22A884, 0x44BF70, 0x7AD151, 0xBDDF26, 0xFDE725]

    /// The colour at `fraction` in 0...1, interpolated between the samples.
    static func color(_ fraction: Double) -> Color {
        let f = Swift.min(Swift.max(fraction.isFinite ? fraction : 0, 0), 1) * Double(stops.count - 1)
        let i = Swift.min(Int(f), stops.count - 2)
        return Color(hex: stops[i]).mixed(with: Color(hex: stops[i + 1]), fraction: f - Double(i))
    }

    /// Lines stop short of the palest yellow, which is hard to see on white.
    static let lineRange = 0.9
}

extension LayoutEngine {
    /// The colour bar's value axis when the chart uses one (see `ColorScale`), else nil.
    func colorBarAxis() -> ResolvedAxis? {
        guard let colorScale = chart.colorScale, chart.series.count > Palette.okabeIto.count else { return nil }
        let transform: ScaleTransform = colorScale.scale == .log ? .log : .linear
        var low = Double.infinity, high = -Double.infinity
        for s in chart.series {
            guard let v = s.colorValue, transform.accepts(v) else { return nil }
            low = Swift.min(low, transform(v))
            high = Swift.max(high, transform(v))
        }
        let (lower, upper) = low < high ? (low, high) : Autoscale.range(low: low, high: high, margin: 0, kind: transform.kind)
        return ResolvedAxis(axis: .y, transform: transform, lower: lower, upper: upper, hasData: true, hiddenCount: 0)
    }

    /// The colour of a value on the colour bar's axis.
    func colorBarColor(_ value: Double, _ axis: ResolvedAxis) -> Color {
        Viridis.color(fraction(axis.transform(value), axis.lower, axis.upper) * Viridis.lineRange)
    }

    /// Room the colour bar takes at the right: gap, bar, ticks and labels, and its rotated title.
    func colorBarWidth(_ ticks: [PlannedTick]) -> Double {
        let labels = ticks.compactMap(\.label).map { setter.metrics($0, theme.tickFont).width }.max() ?? 0
        return 14 + 12 + theme.tickLength + theme.tickPad + labels + 6 + setter.metrics("Xg", theme.labelFont).height
    }

    /// The bar (a column of viridis strips, framed), its ticks and labels, and its title.
    func colorBarItems(_ axis: ResolvedAxis, ticks: [PlannedTick], frame: Frame) -> [SceneItem] {
        let plot = frame.plot
        let bar = Rect(x: frame.colorBarX ?? plot.maxX + 14, y: plot.minY, width: 12, height: plot.height)
        var items: [SceneItem] = []
        let strips = 64
        for i in 0..<strips {
            // Bottom strip is the lowest value; strips overlap by a hair so no seam shows.
            let h = bar.height / Double(strips)
            let y = bar.maxY - Double(i + 1) * h
            let color = Viridis.color((Double(i) + 0.5) / Double(strips) * Viridis.lineRange)
            items.append(SceneItem(.colorBar, .rect(Rect(x: bar.x, y: y, width: bar.width, height: h + 0.3),
                                                    fill: color, stroke: nil)))
        }
        items.append(SceneItem(.colorBar, .rect(bar, fill: nil, stroke: StrokeStyle(color: theme.spine, width: 0.8))))
        let tickStyle = StrokeStyle(color: theme.spine, width: theme.spineWidth)
        var labelsRight = bar.maxX
        for tick in ticks {
            let y = bar.maxY - fraction(tick.t, axis.lower, axis.upper) * bar.height
            guard y >= bar.minY - 0.01 && y <= bar.maxY + 0.01 else { continue }
            let length = tick.label == nil ? theme.minorTickLength : theme.tickLength
            items.append(SceneItem(.colorBar, .polyline([Point(bar.maxX, y), Point(bar.maxX + length, y)], tickStyle)))
            if let label = tick.label {
                let run = setter.run(label, font: theme.tickFont, color: theme.tickText,
                                     at: Point(bar.maxX + theme.tickLength + theme.tickPad, y), .start, .middle)
                labelsRight = Swift.max(labelsRight, run.bounds.maxX)
                items.append(SceneItem(.colorBarLabel, .text(run)))
            }
        }
        if let label = chart.colorScale?.label, !label.isEmpty {
            let text = setter.truncated(label, font: theme.labelFont, width: bar.height)
            items.append(SceneItem(.colorBarTitle, .text(setter.run(
                text, font: theme.labelFont, color: theme.text, at: Point(labelsRight + 6, bar.midY), .center, .top,
                rotation: TextSetter.upward))))
        }
        return items
    }
}
