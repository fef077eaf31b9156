/// Contour lines drawn under a chart's series: the error surface of a `landscape` chart
/// (SPEC §4.6), with each series a path through it.
package struct ContourOverlay: Sendable, Hashable {
    /// The surface, in the chart's data coordinates (x along the chart's x axis).
    package var field: GridField
    /// The values to draw lines at, ascending; each is labelled on its longest line where it fits.
    package var levels: [Double]
    /// Series whose path ends because the run diverged: their end is marked with a cross.
    package var diverged: Set<Int>

    package init(field: GridField, levels: [Double], diverged: Set<Int> = []) {
        self.field = field
        self.levels = levels
        self.diverged = diverged
    }
}

extension LayoutEngine {
    /// The contour lines (darker for lower levels) and their labels, in scene coordinates,
    /// to be drawn inside the plot's clip, under the series.
    func contourItems(_ contours: ContourOverlay, series: [PreparedSeries], frame: Frame, legend: Rect?) -> [SceneItem] {
        let plot = frame.plot
        // Labels keep off the paths drawn over them.
        let paths = series.map { s in
            zip(s.x, s.drawn).compactMap { x, y -> Point? in
                guard let px = frame.xMap.position(of: x), let py = frame.yMap.position(of: y) else { return nil }
                return Point(px, py)
            }
        }
        // … and off the marked points (a minimum), the paths' start and end marks and the legend.
        var marks: [Rect] = chart.annotations.compactMap { annotation in
            guard case .point(let x, let y, _) = annotation, let px = frame.xMap.position(of: x),
                  let py = frame.yMap.position(of: y) else { return nil }
            return Rect(x: px - 8, y: py - 8, width: 16, height: 16)
        }
        if let legend { marks.append(legend) }
        for path in paths {
            for p in [path.first, path.last].compactMap({ $0 }) { marks.append(Rect(x: p.x - 6, y: p.y - 6, width: 12, height: 12)) }
        }
        func crossesPath(_ label: Rect) -> Bool {
            let box = label.outset(by: 2)
            if marks.contains(where: { $0.intersects(box) }) { return true }
            return paths.contains { path in
                path.count == 1 ? box.contains(path[0])
                    : zip(path, path.dropFirst()).contains { Self.segment($0, $1, meets: box) }
            }
        }
        let labelTexts = NumberFormat.logLabels(contours.levels)
        var lines: [SceneItem] = [], labels: [SceneItem] = []
        var placed: [Rect] = []
        let font = Font(size: 9.5)
        let count = contours.levels.count
        for (index, level) in contours.levels.enumerated() {
            let darkness = count > 1 ? Double(count - 1 - index) / Double(count - 1) : 0.5
            let color = Color(grey: 0.72 - 0.42 * darkness)
            let style = StrokeStyle(color: color, width: 0.9, cap: .round, join: .round)
            var longest: [Point] = [], longestLength = 0.0
            for line in Contours.lines(contours.field, level: level) {
                let points = line.compactMap { p -> Point? in
                    guard let x = frame.xMap.position(of: p.x), let y = frame.yMap.position(of: p.y) else { return nil }
                    return Point(x, y)
                }
                guard points.count >= 2 else { continue }
                lines.append(SceneItem(.contour(index), .polyline(points, style)))
                let length = pathLength(points) { plot.contains($0) }
                if length > longestLength { longest = points; longestLength = length }
            }
            // The label sits on the line, on a backing that hides the line under it.
            guard longestLength > 60 else { continue }
            let text = labelTexts[index]
            for fraction in [0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9] {
                guard let anchor = point(along: longest, at: fraction * longestLength, where: { plot.contains($0) }) else { continue }
                let run = setter.run(text, font: font, color: color.mixed(with: .black, fraction: 0.25), at: anchor, .center, .middle)
                let box = run.bounds.outset(by: 2, 1)
                guard plot.contains(box), !placed.contains(where: { $0.intersects(box) }), !crossesPath(box) else { continue }
                placed.append(box)
                labels.append(SceneItem(.contourLabel(index), .rect(box, fill: theme.background.withAlpha(0.85), stroke: nil)))
                labels.append(SceneItem(.contourLabel(index), .text(run)))
                break
            }
        }
        return lines + labels
    }

    /// An open circle at each series' first drawable point and a filled one (a cross for a
    /// diverged run) at its last.
    func pathEndItems(_ contours: ContourOverlay, series: [PreparedSeries], frame: Frame) -> [SceneItem] {
        var items: [SceneItem] = []
        for s in series {
            let points = zip(s.x, s.drawn).compactMap { x, y -> Point? in
                guard x.isFinite, y.isFinite, let px = frame.xMap.position(of: x), let py = frame.yMap.position(of: y) else { return nil }
                return Point(px, py)
            }
            guard let first = points.first, let last = points.last else { continue }
            items.append(SceneItem(.pathStart(s.index), .markers([first], MarkerStyle(
                shape: .circle, size: 9, fill: theme.background, stroke: StrokeStyle(color: s.color, width: 1.8)))))
            if contours.diverged.contains(s.index) {
                items.append(SceneItem(.pathEnd(s.index), .markers([last], MarkerStyle(
                    shape: .cross, size: 10, fill: nil, stroke: StrokeStyle(color: s.color, width: 2.2, cap: .round)))))
            } else {
                items.append(SceneItem(.pathEnd(s.index), .markers([last], MarkerStyle(
                    shape: .circle, size: 9, fill: s.color, stroke: StrokeStyle(color: theme.background, width: 1.2)))))
            }
        }
        return items
    }

    /// The length of the parts of a polyline whose both ends pass `inside`.
    private func pathLength(_ points: [Point], inside: (Point) -> Bool) -> Double {
        var total = 0.0
        for k in 1..<points.count where inside(points[k - 1]) && inside(points[k]) {
            total += distance(points[k - 1], points[k])
        }
        return total
    }

    /// The point `length` along the parts of a polyline that pass `inside`.
    private func point(along points: [Point], at length: Double, where inside: (Point) -> Bool) -> Point? {
        var remaining = length
        for k in 1..<points.count where inside(points[k - 1]) && inside(points[k]) {
            let d = distance(points[k - 1], points[k])
            if d >= remaining && d > 0 {
                let t = remaining / d
                return Point(points[k - 1].x + (points[k].x - points[k - 1].x) * t, points[k - 1].y + (points[k].y - points[k - 1].y) * t)
            }
            remaining -= d
        }
        return nil
    }

    /// Whether the segment a–b passes through `box` (Liang–Barsky clipping).
    static func segment(_ a: Point, _ b: Point, meets box: Rect) -> Bool {
        var t0 = 0.0, t1 = 1.0
        let dx = b.x - a.x, dy = b.y - a.y
        for (p, q) in [(-dx, a.x - box.minX), (dx, box.maxX - a.x), (-dy, a.y - box.minY), (dy, box.maxY - a.y)] {
            if p == 0 {
                if q < 0 { return false }
            } else {
                let t = q / p
                if p < 0 { t0 = Swift.max(t0, t) } else { t1 = Swift.min(t1, t) }
                if t0 > t1 { return false }
            }
        }
        return true
    }

    private func distance(_ a: Point, _ b: Point) -> Double {
        ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot()
    }
}
