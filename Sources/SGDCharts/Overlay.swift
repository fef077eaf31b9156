/// Divergence marks and annotations: drawn over the data, avoided by the legend.
struct Overlay {
    /// Rules and markers, drawn inside the plot's clip.
    var clipped: [SceneItem] = []
    /// Labels (with a light backing so they read over the grid).
    var labels: [SceneItem] = []
    /// Boxes the legend must not cover.
    var obstacles: [Rect] = []
    /// Rules the legend must not cover.
    var segments: [(Point, Point)] = []
}

extension LayoutEngine {
    func makeOverlay(_ series: [PreparedSeries], frame: Frame, geometry: [SeriesGeometry]) -> Overlay {
        var overlay = Overlay()
        let plot = frame.plot
        let font = theme.annotationFont
        var placed: [Rect] = []

        /// The first candidate with no data and no earlier label under it, else the one with least.
        /// nil when `optional` and every candidate would cover an earlier label: labels never overlap.
        func place(_ candidates: [TextRun], optional: Bool = false) -> TextRun? {
            var best = candidates[0], fewest = Int.max
            for run in candidates {
                let box = run.bounds.outset(by: 2)
                guard plot.contains(box) else { continue }
                let count = hits(box, geometry: geometry, overlay: Overlay(), limit: fewest)
                    + 100 * placed.filter { $0.intersects(box) }.count
                if count < fewest {
                    fewest = count
                    best = run
                }
                if count == 0 { break }
            }
            if optional && placed.contains(where: { $0.intersects(best.bounds.outset(by: 2)) }) { return nil }
            placed.append(best.bounds)
            return best
        }

        /// Beside a vertical rule at `x`: near the top (right of it, then left), lower down, and
        /// near the bottom.
        func besideRule(_ text: String, color: Color, x: Double, gap: Double, optional: Bool = false) -> TextRun? {
            let text = setter.truncated(text, font: font, width: plot.width / 2 - gap - 4)
            let m = setter.metrics(text, font)
            var candidates: [TextRun] = []
            let rows = Swift.max(1, Int((plot.height - 10) / (m.height + 4)))
            let order = Array(0..<Swift.min(rows, 3)) + (rows > 3 ? [rows - 1] : [])
            for row in order {
                let baseline = plot.minY + 5 + m.ascent + Double(row) * (m.height + 4)
                candidates.append(setter.run(text, font: font, color: color, at: Point(x + gap, baseline), .start, .baseline))
                candidates.append(setter.run(text, font: font, color: color, at: Point(x - gap, baseline), .end, .baseline))
            }
            return place(candidates, optional: optional)
        }

        for s in series {
            let marks = nonFiniteMarks(s, frame: frame)
            overlay.clipped += marks
            for case .markers(let points, _) in marks.map(\.element) {
                overlay.obstacles += points.map { Rect(x: $0.x - 5, y: $0.y - 5, width: 10, height: 10) }
            }
        }
        // Labels of runs alike up to their last characters stay told apart when cut.
        let marked = series.filter { $0.divergence != nil }
        let divergenceTexts = Dictionary(uniqueKeysWithValues: zip(marked.map(\.index), setter.truncatedDistinctly(
            marked.map { $0.divergence!.label }, font: font, width: plot.width / 2 - 9 - 4)))
        for s in series {
            guard let mark = s.divergence, let px = frame.xMap.position(of: mark.x),
                  px >= plot.minX - 0.5, px <= plot.maxX + 0.5 else { continue }
            let rule = [Point(px, plot.minY), Point(px, plot.maxY)]
            overlay.clipped.append(SceneItem(.divergence(s.index), .polyline(rule, StrokeStyle(
                color: s.color.withAlpha(0.8), width: 1.2, dash: [4, 3], cap: .butt))))
            overlay.segments.append((rule[0], rule[1]))
            // A cross where the rule meets the top: the run left every scale here.
            let m = setter.metrics("0", font)
            let cross = Point(px, plot.minY + 5 + m.ascent / 2)
            overlay.clipped.append(SceneItem(.divergence(s.index), .markers([cross], MarkerStyle(
                shape: .cross, size: 10, fill: nil, stroke: StrokeStyle(color: s.color, width: 2.2, cap: .round)))))
            let crossBox = Rect(x: cross.x - 6, y: cross.y - 6, width: 12, height: 12)
            overlay.obstacles.append(crossBox)
            placed.append(crossBox)
            // Many runs diverging close together: a label that would cover another is left out
            // (the alt text keeps every one).
            if series.filter({ $0.divergence != nil }).count <= LayoutEngine.labelledDivergences,
               let run = besideRule(divergenceTexts[s.index] ?? mark.label, color: s.color.mixed(with: .black, fraction: 0.3), x: px, gap: 9,
                                    optional: true) {
                overlay.labels += backed(run, role: .divergenceLabel(s.index))
                overlay.obstacles.append(run.bounds)
            }
        }

        for (index, annotation) in chart.annotations.enumerated() {
            let rule = StrokeStyle(color: theme.annotation, width: 1, dash: [4, 3])
            switch annotation {
            case .verticalRule(let x, let label):
                guard let px = frame.xMap.position(of: x), px >= plot.minX - 0.5, px <= plot.maxX + 0.5 else { continue }
                let points = [Point(px, plot.minY), Point(px, plot.maxY)]
                overlay.clipped.append(SceneItem(.annotation(index), .polyline(points, rule)))
                overlay.segments.append((points[0], points[1]))
                if !label.isEmpty {
                    let run = besideRule(label, color: theme.annotation, x: px, gap: 5)!
                    overlay.labels += backed(run, role: .annotationLabel(index))
                    overlay.obstacles.append(run.bounds)
                }
            case .horizontalRule(let y, let label):
                guard let py = frame.yMap.position(of: y), py >= plot.minY - 0.5, py <= plot.maxY + 0.5 else { continue }
                let points = [Point(plot.minX, py), Point(plot.maxX, py)]
                overlay.clipped.append(SceneItem(.annotation(index), .polyline(points, rule)))
                overlay.segments.append((points[0], points[1]))
                if !label.isEmpty {
                    let text = setter.truncated(label, font: font, width: plot.width - 10)
                    // At either end, above or below the rule.
                    let candidates = [(plot.maxX - 4, TextSetter.Horizontal.end), (plot.minX + 4, .start)].flatMap { x, h in
                        [setter.run(text, font: font, color: theme.annotation, at: Point(x, py - 4), h, .bottom),
                         setter.run(text, font: font, color: theme.annotation, at: Point(x, py + 4), h, .top)]
                    }
                    let run = place(candidates)!
                    overlay.labels += backed(run, role: .annotationLabel(index))
                    overlay.obstacles.append(run.bounds)
                }
            case .point(let x, let y, let label):
                guard let px = frame.xMap.position(of: x), let py = frame.yMap.position(of: y),
                      plot.contains(Point(px, py)) else { continue }
                overlay.clipped.append(SceneItem(.annotation(index), .markers([Point(px, py)], MarkerStyle(
                    shape: .circle, size: 9, fill: nil, stroke: StrokeStyle(color: theme.text, width: 1.3)))))
                let ring = Rect(x: px - 5, y: py - 5, width: 10, height: 10)
                overlay.obstacles.append(ring)
                placed.append(ring)
                if !label.isEmpty {
                    let text = setter.truncated(label, font: font, width: plot.width / 2)
                    // The four diagonals around the point.
                    let candidates = [(7.0, -6.0, TextSetter.Horizontal.start, TextSetter.Vertical.baseline),
                                      (-7, -6, .end, .baseline), (7, 6, .start, .top), (-7, 6, .end, .top)].map { dx, dy, h, v in
                        setter.run(text, font: font, color: theme.text, at: Point(px + dx, py + dy), h, v)
                    }
                    let run = place(candidates)!
                    overlay.labels += backed(run, role: .annotationLabel(index))
                    overlay.obstacles.append(run.bounds)
                }
            }
        }
        return overlay
    }

    /// A text run on a translucent white backing, so it reads over grid lines.
    private func backed(_ run: TextRun, role: SceneRole) -> [SceneItem] {
        [SceneItem(role, .rect(run.bounds.outset(by: 2, 1), fill: Color.white.withAlpha(0.8), stroke: nil)),
         SceneItem(role, .text(run))]
    }
}
