/// Values a plot cannot place: NaN leaves a gap in its line, ±∞ is marked at the plot's top or
/// bottom edge, and a note under the chart counts both, so that nothing vanishes silently.
extension LayoutEngine {
    /// "loss: 3 NaN values left as gaps; 1 value −∞ marked ▼ at the bottom edge", or nil.
    func nonFiniteNote(_ s: PreparedSeries) -> String? {
        var parts: [String] = []
        func values(_ n: Int) -> String { n == 1 ? "1 value" : "\(n) values" }
        if s.nanCount > 0 {
            parts.append("\(s.nanCount) NaN \(s.nanCount == 1 ? "value" : "values") left as \(s.nanCount == 1 ? "a gap" : "gaps")")
        }
        if !s.positiveInfinityX.isEmpty {
            parts.append(chart.series[s.index].infinityNote ?? "\(values(s.positiveInfinityX.count)) +∞ marked ▲ at the top edge")
        }
        if !s.negativeInfinityX.isEmpty {
            parts.append("\(values(s.negativeInfinityX.count)) \(NumberFormat.minus)∞ marked ▼ at the bottom edge")
        }
        return parts.isEmpty ? nil : "\(s.name): " + parts.joined(separator: "; ")
    }

    /// Triangles at the top (+∞) and bottom (−∞) edge of the plot, at each such point's x.
    func nonFiniteMarks(_ s: PreparedSeries, frame: Frame) -> [SceneItem] {
        let plot = frame.plot, inset = 5.5
        var items: [SceneItem] = []
        for (xs, shape, y) in [(s.positiveInfinityX, MarkerShape.triangleUp, plot.minY + inset),
                               (s.negativeInfinityX, MarkerShape.triangleDown, plot.maxY - inset)] where !xs.isEmpty {
            let points = xs.compactMap { x -> Point? in
                guard let px = frame.xMap.position(of: x), px >= plot.minX - 0.5, px <= plot.maxX + 0.5 else { return nil }
                return Point(px, y)
            }
            if points.isEmpty { continue }
            items.append(SceneItem(.nonFinite(s.index), .markers(points, MarkerStyle(
                shape: shape, size: 9, fill: s.color, stroke: StrokeStyle(color: .white, width: 0.9, join: .miter)))))
        }
        return items
    }
}
