extension Chart {
    /// Lays the chart out as a scene in CSS pixels.
    ///
    /// - Parameters:
    ///   - measurer: measures text in the font that will draw it.
    ///   - resolution: device pixels per CSS pixel of the output (2 for the default PNG, 1 for
    ///     SVG). Long series are decimated to one column per device pixel, and axis lines are
    ///     snapped to device pixels so they stay crisp.
    ///   - pointBudget: when set, the most polyline points the whole scene may hold; columns are
    ///     widened until it fits (SVG uses this to stay small whatever the data).
    /// - Throws: `ChartError` when the chart is invalid (see `validate(scale:)`).
    package func layout(measurer: some TextMeasurer, resolution: Double = 1, pointBudget: Int? = nil) throws -> Scene {
        try validate(scale: resolution)
        return LayoutEngine(chart: self, setter: TextSetter(measurer: measurer), resolution: resolution,
                            pointBudget: pointBudget).layout()
    }
}

/// A series with its appearance decided.
struct PreparedSeries {
    var index: Int
    var name: String
    var x: [Double]
    var raw: [Double]
    var smoothed: [Double]?
    var color: Color
    var dash: DashPattern
    var marker: MarkerShape
    var style: SeriesStyle
    var divergence: DivergenceMark?
    /// Points both axes can show.
    var drawable = 0
    /// Points with a value that is NaN (left as a gap).
    var nanCount = 0
    /// x of the points whose y is +∞ or −∞ (marked at the plot's top or bottom edge).
    var positiveInfinityX: [Double] = []
    var negativeInfinityX: [Double] = []

    var drawn: [Double] { smoothed ?? raw }
}

/// Where the pieces around the plot ended up.
struct Frame {
    var plot: Rect
    var xMap: AxisMapping
    var yMap: AxisMapping
    var xTicks: [PlannedTick]
    var yTicks: [PlannedTick]
    /// The title's lines (one, or two when it is too long for one).
    var title: [TextRun]
    var xLabel: TextRun?
    var yLabel: TextRun?
    var notes: [TextRun]
    var legendOrigin: Point?
    /// The offset notation of an axis's labels, drawn beside it ("label × 1e−10 + 2").
    var xOffset: TextRun? = nil
    var yOffset: TextRun? = nil
    /// The colour bar's ticks and left edge, when the chart has one.
    var colorBarTicks: [PlannedTick] = []
    var colorBarX: Double? = nil

    /// The axes whose labels need an offset row.
    var offsetAxes: Set<Axis> { Set([xOffset.map { _ in Axis.x }, yOffset.map { _ in Axis.y }].compactMap { $0 }) }
}

/// A series in scene coordinates.
struct SeriesGeometry {
    var line: ProjectedSeries?
    var raw: ProjectedSeries?
    var markers: [Point]
    /// So many points per pixel that a dash pattern would only add noise.
    var dense: Bool
}

enum LegendSide { case inside, right, below }

struct LayoutEngine {
    let chart: Chart
    let setter: TextSetter
    let resolution: Double
    let pointBudget: Int?
    let theme = Theme.standard

    func layout() -> Scene {
        let colorBar = colorBarAxis()
        var series = prepare(colorBar)
        let xTransform = Autoscale.transform(for: chart.xScale) { chart.series.flatMap(\.x) }
        let yTransform = Autoscale.transform(for: chart.yScale) { chart.series.flatMap(\.y) }
        let (xAxis, yAxis) = resolveAxes(&series, xTransform, yTransform)
        let hasData = xAxis.hasData && yAxis.hasData
        var showLegend: Bool
        switch chart.legend {
        case .hidden: showLegend = false
        default: showLegend = colorBar == nil && hasData && (series.count >= 2 || series.first.map { !$0.name.isEmpty } == true)
        }
        var noteTexts = notes(series: series, xAxis: xAxis, yAxis: yAxis, hasData: hasData)
        // More series than even a legend in columns below can hold: say so rather than drop it silently.
        if showLegend, chart.legend == .automatic, series.count > 12,
           rowsLegend(legendEntries(series, dense: [])).size.height > chart.height * 0.4 {
            showLegend = false
            noteTexts.append("\(series.count) series: too many for a legend (the page's alt text lists them)")
        }
        var noteLines = setNotes(noteTexts)

        var side: LegendSide
        switch chart.legend {
        case .right: side = .right
        case .below: side = .below
        default: side = .inside
        }

        // A small chart gives up its notes, then its axis labels, before its plot.
        func frame(_ legend: LegendBox?, _ side: LegendSide) -> Frame {
            func make(_ notes: [String], _ labels: Bool) -> Frame {
                let frame = makeFrame(xAxis, yAxis, noteLines: notes, legend: legend, side: side, axisLabels: labels,
                                      colorBar: colorBar)
                // Labels written from an offset get a row for it, and the ticks are planned again.
                let rows = frame.offsetAxes
                return rows.isEmpty ? frame : makeFrame(xAxis, yAxis, noteLines: notes, legend: legend, side: side,
                                                        axisLabels: labels, offsetRows: rows, colorBar: colorBar)
            }
            var frame = make(noteLines, true)
            if frame.plot.height < 40 && !noteLines.isEmpty {
                frame = make([], true)
            }
            if frame.plot.height < 40 {
                frame = make([], false)
            }
            return frame
        }

        // First pass: with the legend inside (or where the chart asks for it).
        var columnLegend = showLegend ? LegendBox.column(legendEntries(series, dense: []), rowHeight: rowHeight) : nil
        var legend = columnLegend.map { side == .below ? rowsLegend($0.entries) : $0 }
        var layoutFrame = frame(legend, side)
        var geometry = project(series, frame: layoutFrame)
        var overlay = makeOverlay(series, frame: layoutFrame, geometry: geometry)
        var legendRect: Rect?

        if showLegend {
            // Entries show the line as drawn: solid when the series is too dense for dashes.
            columnLegend = LegendBox.column(legendEntries(series, dense: geometry.map(\.dense)), rowHeight: rowHeight)
            legend = side == .below ? rowsLegend(columnLegend!.entries) : columnLegend
            if side == .inside {
                let (best, clear) = insideLegend(columnLegend!, frame: layoutFrame, geometry: geometry, overlay: overlay)
                if clear {
                    legendRect = best
                } else {
                    let column = columnLegend!, rows = rowsLegend(column.entries)
                    if column.size.width <= chart.width * 0.3 && column.size.height <= layoutFrame.plot.height {
                        side = .right
                    } else if rows.size.height <= chart.height * (series.count > 12 ? 0.4 : 0.25) {
                        // Many series: a legend in columns below, taking up to 40% of the height.
                        side = .below
                    } else {
                        // No room outside either: the emptiest place inside, or none.
                        legendRect = best
                        if best == nil { legend = nil }
                    }
                    if side != .inside {
                        legend = side == .below ? rows : column
                        layoutFrame = frame(legend, side)
                        geometry = project(series, frame: layoutFrame)
                        overlay = makeOverlay(series, frame: layoutFrame, geometry: geometry)
                        let entries = legendEntries(series, dense: geometry.map(\.dense))
                        legend = side == .below ? rowsLegend(entries) : LegendBox.column(entries, rowHeight: rowHeight)
                    }
                }
            }
            if side != .inside, let origin = layoutFrame.legendOrigin, let legend {
                legendRect = Rect(x: origin.x, y: origin.y, width: legend.size.width, height: legend.size.height)
            }
        }
        // A legend left out for lack of room says so, under the chart when a note still fits there.
        if showLegend, legend == nil || legendRect == nil {
            legend = nil
            noteTexts.append(Self.noLegendNote(series.count))
            noteLines = setNotes(noteTexts)
            layoutFrame = frame(nil, side)
            geometry = project(series, frame: layoutFrame)
            overlay = makeOverlay(series, frame: layoutFrame, geometry: geometry)
        }
        let frame = layoutFrame
        // What the image could not hold at all is said in the notes the alt text gives.
        if let note = omittedNote(frame, noteLines: noteLines) { noteTexts.append(note) }

        var items: [SceneItem] = []
        items.append(SceneItem(.background, .rect(Rect(x: 0, y: 0, width: chart.width, height: chart.height),
                                                  fill: theme.background, stroke: nil)))
        items += gridItems(frame, hasData: hasData)
        items.append(SceneItem(.plotClip, .clip(frame.plot)))
        if let contours = chart.contours { items += contourItems(contours, series: series, frame: frame, legend: legendRect) }
        items += seriesItems(series, geometry: geometry)
        if let contours = chart.contours { items += pathEndItems(contours, series: series, frame: frame) }
        items += overlay.clipped
        items.append(SceneItem(.plotClip, .unclip))
        items += axisItems(frame, hasData: hasData)
        items += overlay.labels
        if let colorBar, hasData { items += colorBarItems(colorBar, ticks: frame.colorBarTicks, frame: frame) }
        if !hasData {
            let message = series.isEmpty || series.allSatisfy({ $0.x.isEmpty })
                ? "no data"
                : (xAxis.hiddenCount + yAxis.hiddenCount > 0 ? "no positive data for the log scale" : "no finite data")
            items.append(SceneItem(.emptyMessage, .text(setter.run(
                message, font: theme.messageFont, color: theme.noteText,
                at: Point(frame.plot.midX, frame.plot.midY), .center, .middle))))
        }
        if let legend, let legendRect {
            items += legend.items(at: Point(legendRect.minX, legendRect.minY), font: theme.legendFont,
                                  textColor: theme.text, border: theme.legendBorder, setter: setter)
        }
        for run in frame.notes { items.append(SceneItem(.note, .text(run))) }
        for line in frame.title { items.append(SceneItem(.title, .text(line))) }

        return Scene(size: Size(width: chart.width, height: chart.height), items: items, plotRect: frame.plot,
                     xAxis: summary(.x, frame.xMap, frame.xTicks, xAxis.hiddenCount, offset: frame.xOffset),
                     yAxis: summary(.y, frame.yMap, frame.yTicks, yAxis.hiddenCount, offset: frame.yOffset),
                     legendRect: legendRect, notes: noteTexts)
    }

    // MARK: Series and axes

    func prepare(_ colorBar: ResolvedAxis? = nil) -> [PreparedSeries] {
        let dashes = DashPattern.allCases, markers = MarkerShape.allCases, colors = Palette.okabeIto
        let smoothing = chart.smoothing ?? 0
        return chart.series.enumerated().map { index, s in
            PreparedSeries(index: index, name: s.name.isEmpty ? "series \(index + 1)" : s.name, x: s.x, raw: s.y,
                           smoothed: smoothing > 0 ? Smoothing.tensorBoard(s.y, weight: smoothing) : nil,
                           color: s.color ?? colorBar.map { colorBarColor(s.colorValue!, $0) } ?? colors[index % colors.count],
                           dash: chart.series.count > 1 && colorBar == nil ? dashes[index % dashes.count] : .solid,
                           marker: colorBar == nil ? markers[index % markers.count] : .circle,
                           // Coloured by value, many lines read best without markers.
                           style: colorBar != nil && s.style == .automatic ? .line : s.style, divergence: s.divergence)
        }
    }

    func resolveAxes(_ series: inout [PreparedSeries], _ xT: ScaleTransform,
                             _ yT: ScaleTransform) -> (ResolvedAxis, ResolvedAxis) {
        var xLow = Double.infinity, xHigh = -Double.infinity
        var yLow = Double.infinity, yHigh = -Double.infinity
        var hiddenX = 0, hiddenY = 0
        for k in series.indices {
            var drawable = 0, nan = 0
            var positive: [Double] = [], negative: [Double] = []
            let xs = series[k].x, ys = series[k].raw
            let divergedAt = series[k].divergence?.x
            for i in 0..<Swift.min(xs.count, ys.count) {
                let x = xs[i], y = ys[i]
                // The value where a run diverged is marked by its divergence cross already.
                if x == divergedAt && !y.isFinite {
                    let tx = xT(x)
                    if tx.isFinite { xLow = Swift.min(xLow, tx); xHigh = Swift.max(xHigh, tx) }
                    continue
                }
                guard x.isFinite else {
                    if x.isNaN || y.isNaN { nan += 1 } else { hiddenX += 1 }
                    continue
                }
                let tx = xT(x)
                if tx.isNaN { hiddenX += 1; continue }
                // The x axis covers every point with a place on it, whatever its y.
                if tx < xLow { xLow = tx }
                if tx > xHigh { xHigh = tx }
                if y.isNaN { nan += 1; continue }
                if y == .infinity { positive.append(x); continue }
                if y == -.infinity { negative.append(x); continue }
                let ty = yT(y)
                if ty.isNaN { hiddenY += 1; continue }
                drawable += 1
                if ty < yLow { yLow = ty }
                if ty > yHigh { yHigh = ty }
            }
            series[k].drawable = drawable
            series[k].nanCount = nan
            series[k].positiveInfinityX = positive
            series[k].negativeInfinityX = negative
        }
        let xHasData = xLow <= xHigh
        let hasData = xHasData && yLow <= yHigh
        if xHasData {
            // Marks and annotations stay in view.
            var extraX = series.compactMap { $0.divergence?.x }
            var extraY: [Double] = []
            for annotation in chart.annotations {
                switch annotation {
                case .verticalRule(let x, _): extraX.append(x)
                case .horizontalRule(let y, _): extraY.append(y)
                case .point(let x, let y, _): extraX.append(x); extraY.append(y)
                }
            }
            for t in extraX.map({ xT($0) }) where t.isFinite { xLow = Swift.min(xLow, t); xHigh = Swift.max(xHigh, t) }
            if hasData {
                for t in extraY.map({ yT($0) }) where t.isFinite { yLow = Swift.min(yLow, t); yHigh = Swift.max(yHigh, t) }
            }
        }
        func axis(_ axis: Axis, _ t: ScaleTransform, _ low: Double, _ high: Double, _ margin: Double,
                  _ domain: ClosedRange<Double>?, _ hidden: Int) -> ResolvedAxis {
            let hasData = low <= high
            if let domain {
                return ResolvedAxis(axis: axis, transform: t, lower: t(domain.lowerBound), upper: t(domain.upperBound),
                                    hasData: hasData, hiddenCount: hidden)
            }
            let (lower, upper) = hasData ? Autoscale.range(low: low, high: high, margin: margin, kind: t.kind) : (0, 1)
            return ResolvedAxis(axis: axis, transform: t, lower: lower, upper: upper, hasData: hasData, hiddenCount: hidden)
        }
        var x = axis(.x, xT, xLow, xHigh, theme.xMargin, chart.xDomain, hiddenX)
        x.integers = chart.series.allSatisfy { $0.x.allSatisfy { !$0.isFinite || $0 == $0.rounded() } }
        var distinct = Set<Double>()
        for s in chart.series {
            for v in s.x where xT.accepts(v) { distinct.insert(v); if distinct.count > 8 { break } }
            if distinct.count > 8 { break }
        }
        // Ticks at the data values are for settings a sweep chose; a dot plot's values are
        // measured (final losses), so its value axis gets ordinary ticks.
        if distinct.count <= 8 && chart.xDomain == nil && chart.yCategories == nil { x.fewValues = distinct.sorted() }
        // A dot plot's rows sit half a row from each edge.
        let yDomain = chart.yDomain ?? chart.yCategories.map { 0.5...(Double($0.count) + 0.5) }
        return (x, axis(.y, yT, yLow, yHigh, theme.yMargin, yDomain, hiddenY))
    }

    /// Past this many divergences, their rules and crosses are drawn without labels, and one
    /// note counts them (each label would crowd the top of the plot).
    static let labelledDivergences = 6

    func notes(series: [PreparedSeries], xAxis: ResolvedAxis, yAxis: ResolvedAxis, hasData: Bool) -> [String] {
        var notes = chart.notes
        for axis in [xAxis, yAxis] where axis.hiddenCount > 0 {
            let count = axis.hiddenCount
            let what = axis.transform.kind == .log ? "non-positive" : "non-finite"
            notes.append("\(count) \(what) \(count == 1 ? "value" : "values") not shown on the \(axis.transform.kind == .log ? "log " : "")\(axis.axis) axis")
        }
        let diverged = series.compactMap(\.divergence)
        if diverged.count > LayoutEngine.labelledDivergences {
            let steps = diverged.map(\.x)
            let range = NumberFormat.shortest(steps.min()!) + "–" + NumberFormat.shortest(steps.max()!)
            notes.append("\(diverged.count) runs diverged, each marked ✕ with a dashed rule where it stopped (\(chart.xLabel.isEmpty ? "x =" : chart.xLabel) \(range))")
        }
        for s in series {
            if let note = nonFiniteNote(s) { notes.append(note) }
            else if hasData && s.drawable == 0 && !s.x.isEmpty { notes.append("\(s.name): no finite values to draw") }
        }
        for axis in [xAxis, yAxis] where axis.transform.kind == .symlog && axis.hasData {
            let threshold = NumberFormat.logLabels([axis.transform.linthresh])[0]
            notes.append("\(axis.axis) axis: symmetric log, linear within ±\(threshold)")
        }
        if let smoothing = chart.smoothing, smoothing > 0, hasData {
            let weight = NumberFormat.plain(smoothing, decimals: NumberFormat.decimalsNeeded(smoothing, limit: 6)) ?? "\(smoothing)"
            notes.append("Smoothed (debiased EMA, weight \(weight)); raw values faded.")
        }
        return notes
    }
}
