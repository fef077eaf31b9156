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
        /// near the bottom; from row `firstRow` down (a divergence stacked below others at its x).
        func besideRule(_ text: String, color: Color, x: Double, gap: Double, optional: Bool = false, firstRow: Int = 0) -> TextRun? {
            let text = setter.truncated(text, font: font, width: plot.width / 2 - gap - 4)
            let m = setter.metrics(text, font)
            var candidates: [TextRun] = []
            let rows = Swift.max(1, Int((plot.height - 10) / (m.height + 4)))
            let first = Swift.min(firstRow, rows - 1)
            let order = Array(first..<Swift.min(rows, first + 3)) + (rows > first + 3 ? [rows - 1] : [])
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
        let stacks = divergenceStacks(series, frame: frame)
        let m = setter.metrics("0", font)
        let rowHeight = m.height + 4
        // Every rule and cross first, so that no label covers a cross drawn after it.
        for s in series {
            guard let place = stacks[s.index], let px = frame.xMap.position(of: s.divergence!.x) else { continue }
            // Runs that diverged at the same x share one rule, in the annotations' grey (each
            // colour would hide the others'); their crosses say whose it is.
            if place.sharedRule == nil || place.sharedRule == s.index {
                let rule = [Point(px, plot.minY), Point(px, plot.maxY)]
                overlay.clipped.append(SceneItem(.divergence(s.index), .polyline(rule, StrokeStyle(
                    color: place.sharedRule == nil ? s.color.withAlpha(0.8) : theme.annotation.withAlpha(0.8), width: 1.2,
                    dash: [4, 3], cap: .butt))))
                overlay.segments.append((rule[0], rule[1]))
            }
            // A cross where the rule meets the top: the run left every scale here. The crosses of
            // a stack go downwards, one label row apart.
            let cross = Point(px, plot.minY + 5 + m.ascent / 2 + Double(place.row) * rowHeight)
            overlay.clipped.append(SceneItem(.divergence(s.index), .markers([cross], MarkerStyle(
                shape: .cross, size: 10, fill: nil, stroke: StrokeStyle(color: s.color, width: 2.2, cap: .round)))))
            let crossBox = Rect(x: cross.x - 6, y: cross.y - 6, width: 12, height: 12)
            overlay.obstacles.append(crossBox)
            placed.append(crossBox)
        }
        // Many runs diverging close together: a label that would cover another is left out (the
        // alt text keeps every one).
        let labelled = series.filter({ $0.divergence != nil }).count <= LayoutEngine.labelledDivergences
        var labelledStacks: Set<Int> = []
        for s in series where labelled {
            guard let place = stacks[s.index], labelledStacks.insert(place.members[0]).inserted else { continue }
            let members = place.members.map { index in series.first { $0.index == index }! }
            let texts = members.map { divergenceTexts[$0.index] ?? $0.divergence!.label }
            let colors = members.map { $0.color.mixed(with: .black, fraction: 0.3) }
            let xs = members.map { frame.xMap.position(of: $0.divergence!.x)! }
            // A stack's labels go together, one under the other in its crosses' order: beside
            // the crosses if that is clear, else all below them.
            if members.count > 1,
               let runs = stackedLabels(texts, colors: colors, xs: xs, rowHeight: rowHeight, plot: plot, placed: placed, geometry: geometry) {
                for (run, member) in zip(runs, members) {
                    placed.append(run.bounds)
                    overlay.labels += backed(run, role: .divergenceLabel(member.index))
                    overlay.obstacles.append(run.bounds)
                }
                continue
            }
            for (i, member) in members.enumerated() {
                if let run = besideRule(texts[i], color: colors[i], x: xs[i], gap: 9, optional: true, firstRow: stacks[member.index]!.row) {
                    overlay.labels += backed(run, role: .divergenceLabel(member.index))
                    overlay.obstacles.append(run.bounds)
                }
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

    /// The labels of a stack of divergences (`texts` in the crosses' order, each beside the
    /// rule at its `xs`), as one block of consecutive rows on one side of the rules: beside the
    /// crosses (rows from 0), else wholly below them (so that no label sits beside another
    /// run's cross); the first placement from the top, right of the rules then left, that
    /// covers no data and nothing placed before (`placed`), else the one covering the least
    /// data; nil when every placement inside the plot would cover something placed.
    func stackedLabels(
        _ texts: [String], colors: [Color], xs: [Double], rowHeight: Double, plot: Rect, placed: [Rect], geometry: [SeriesGeometry]
    ) -> [TextRun]? {
        let font = theme.annotationFont, gap = 9.0
        let cut = texts.map { setter.truncated($0, font: font, width: plot.width / 2 - gap - 4) }
        let ascent = setter.metrics("0", font).ascent
        let rows = Swift.max(1, Int((plot.height - 10) / rowHeight))
        guard texts.count <= rows else { return nil }
        var best: [TextRun]?, fewest = Int.max
        let below = texts.count <= rows - texts.count ? Array(texts.count...(rows - texts.count)) : []
        for top in [0] + below {
            for side in [TextSetter.Horizontal.start, .end] {
                var runs: [TextRun] = []
                for i in cut.indices {
                    let x = xs[i] + (side == .start ? gap : -gap)
                    let baseline = plot.minY + 5 + ascent + Double(top + i) * rowHeight
                    runs.append(setter.run(cut[i], font: font, color: colors[i], at: Point(x, baseline), side, .baseline))
                }
                let boxes = runs.map { $0.bounds.outset(by: 2) }
                guard boxes.allSatisfy({ plot.contains($0) }), !boxes.contains(where: { box in placed.contains { $0.intersects(box) } })
                else { continue }
                var count = 0
                for box in boxes { count += hits(box, geometry: geometry, overlay: Overlay(), limit: fewest) }
                if count < fewest {
                    fewest = count
                    best = runs
                }
                if count == 0 { return runs }
            }
        }
        return best
    }

    /// Where each divergence cross goes among those at (nearly) the same x: marks whose rules
    /// are less than a cross apart (`stackDistance` px, so their crosses or labels would overlap)
    /// stack, in series order, row 0 at the top; `sharedRule` is the series that draws the one
    /// rule of marks at exactly the same pixel (within half a pixel), nil for a rule of its own;
    /// `members` are the stack's series in order. Keyed by series index; marks outside the plot
    /// are left out.
    func divergenceStacks(_ series: [PreparedSeries], frame: Frame) -> [Int: (row: Int, sharedRule: Int?, members: [Int])] {
        let plot = frame.plot
        let marks: [(index: Int, px: Double)] = series.compactMap { s in
            guard let mark = s.divergence, let px = frame.xMap.position(of: mark.x), px >= plot.minX - 0.5, px <= plot.maxX + 0.5 else { return nil }
            return (s.index, px)
        }
        let rowHeight = setter.metrics("0", theme.annotationFont).height + 4
        let rows = Swift.max(1, Int((plot.height - 10) / rowHeight))
        var stacks: [Int: (row: Int, sharedRule: Int?, members: [Int])] = [:]
        // Clusters: marks sorted by x (series order among equals), each within `stackDistance`
        // of the one before.
        let sorted = marks.enumerated().sorted { ($0.element.px, $0.offset) < ($1.element.px, $1.offset) }.map(\.element)
        var cluster: [(index: Int, px: Double)] = []
        func close() {
            let inOrder = cluster.sorted { $0.index < $1.index }
            for (row, mark) in inOrder.enumerated() {
                let same = inOrder.filter { abs($0.px - mark.px) <= 0.5 }
                stacks[mark.index] = (Swift.min(row, rows - 1), same.count > 1 ? same[0].index : nil, inOrder.map(\.index))
            }
            cluster = []
        }
        for mark in sorted {
            if let last = cluster.last, mark.px - last.px >= Self.stackDistance { close() }
            cluster.append(mark)
        }
        close()
        return stacks
    }

    /// Divergence rules closer than this (px) stack their crosses: a cross is 10 px wide and its
    /// label starts 9 px beside the rule.
    static let stackDistance = 12.0

    /// A text run on a translucent white backing, so it reads over grid lines.
    private func backed(_ run: TextRun, role: SceneRole) -> [SceneItem] {
        [SceneItem(role, .rect(run.bounds.outset(by: 2, 1), fill: Color.white.withAlpha(0.8), stroke: nil)),
         SceneItem(role, .text(run))]
    }
}
