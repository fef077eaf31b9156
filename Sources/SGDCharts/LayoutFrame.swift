/// Where the title, labels, notes, ticks and plot go.
extension LayoutEngine {
    var noteLineHeight: Double { theme.noteFont.size * 1.4 }

    var rowHeight: Double { Swift.max(theme.legendFont.size * 1.5, theme.markerSize + 5) }

    func rowsLegend(_ entries: [LegendEntry]) -> LegendBox {
        LegendBox.rows(entries, rowHeight: rowHeight, width: chart.width - 2 * theme.padding)
    }

    func makeFrame(_ x: ResolvedAxis, _ y: ResolvedAxis, noteLines: [String], legend: LegendBox?,
                           side: LegendSide, axisLabels: Bool, offsetRows: Set<Axis> = [],
                           colorBar: ResolvedAxis? = nil) -> Frame {
        let width = chart.width, height = chart.height, pad = theme.padding
        let planner = TickPlanner(measurer: setter.measurer, font: theme.tickFont)
        let tickMetrics = setter.metrics("0", theme.tickFont)

        // Top: the title.
        let (titleLines, titleFont) = titleLines(width: width - 2 * pad)
        let titleMetrics = titleLines.first.map { setter.metrics($0, titleFont) }
        let titleLineHeight = (titleMetrics?.height ?? 0) * 1.15
        var top = titleMetrics.map { pad + $0.height + Double(titleLines.count - 1) * titleLineHeight + theme.titleGap }
            ?? (pad + tickMetrics.height / 2 + 2)
        // A row above the plot for the y axis's offset ("label × 1e−10 + 2").
        if offsetRows.contains(.y) { top += tickMetrics.height + 4 }

        // Bottom, upwards: notes, a legend below, the x label, tick labels, ticks.
        let noteMetrics = setter.metrics("0", theme.noteFont)
        var bottom = height - pad
        let notesTop = bottom - Double(noteLines.count) * noteLineHeight + (noteLineHeight - noteMetrics.height)
        if !noteLines.isEmpty { bottom = notesTop - 6 }
        var legendTop: Double?
        if side == .below, let legend {
            legendTop = bottom - legend.size.height
            bottom = legendTop! - 8
        }
        var xLabelBaseline: Double?
        let xLabelText = chart.xLabel.isEmpty || !axisLabels ? nil : setter.truncated(chart.xLabel, font: theme.labelFont, width: width - 2 * pad)
        if xLabelText != nil {
            let m = setter.metrics("Xg", theme.labelFont)
            xLabelBaseline = bottom - m.descent
            bottom -= m.height + theme.labelPad
        }
        // A row under the x tick labels for the x axis's offset.
        if offsetRows.contains(.x) { bottom -= tickMetrics.height + 3 }
        let plotBottom = bottom - tickMetrics.height - theme.tickPad - theme.tickLength

        // Left: the y label, then the widest y tick label.
        let yTicks = chart.yCategories.map(categoryTicks) ?? planner.plan(y, length: plotBottom - top)
        let yTickWidth = yTicks.compactMap { $0.label }.map { setter.metrics($0, theme.tickFont).width }.max() ?? 0
        let yLabelText = chart.yLabel.isEmpty || !axisLabels ? nil : setter.truncated(chart.yLabel, font: theme.labelFont, width: plotBottom - top)
        let yLabelSpace = yLabelText == nil ? 0 : setter.metrics("Xg", theme.labelFont).height + theme.labelPad
        var left = pad + yLabelSpace + yTickWidth + theme.tickPad + theme.tickLength

        // Right: room for the last x tick label (and a legend on the right).
        let colorBarTicks = colorBar.map { planner.plan($0, length: plotBottom - top) } ?? []
        let colorBarSpace = colorBar == nil ? 0 : colorBarWidth(colorBarTicks)
        let rightLimit = width - pad - (side == .right ? (legend?.size.width ?? 0) + 10 : 0) - colorBarSpace
        var right = rightLimit
        var xTicks: [PlannedTick] = []
        for _ in 0..<3 {
            let length = right - left
            xTicks = planner.plan(x, length: length)
            let labelled = xTicks.filter { $0.label != nil }
            var newRight = rightLimit, newLeft = left
            if let last = labelled.last {
                let position = fraction(last.t, x.lower, x.upper) * length
                let half = setter.metrics(last.label!, theme.tickFont).width / 2
                let overhang = half - (length - position)
                if overhang > 0 { newRight = Swift.min(rightLimit, width - pad - overhang) }
            }
            if let first = labelled.first {
                let position = fraction(first.t, x.lower, x.upper) * length
                let half = setter.metrics(first.label!, theme.tickFont).width / 2
                if left + position - half < pad { newLeft = pad + half - position }
            }
            if newRight == right && newLeft == left { break }
            right = newRight
            left = newLeft
        }

        let plot = Rect(minX: snap(left), minY: snap(top), maxX: snap(right), maxY: snap(plotBottom))
        let xMap = AxisMapping(transform: x.transform, lower: x.lower, upper: x.upper, start: plot.minX, end: plot.maxX)
        let yMap = AxisMapping(transform: y.transform, lower: y.lower, upper: y.upper, start: plot.maxY, end: plot.minY)

        let titleRuns = titleLines.enumerated().map { i, text in
            let m = setter.metrics(text, titleFont)
            let centre = Swift.min(Swift.max(plot.midX, pad + m.width / 2), width - pad - m.width / 2)
            // Each line is isolated on its own: a wrapped title's second line reads in its own direction too.
            return setter.run(BidiText.isolated(text), font: titleFont, color: theme.text,
                              at: Point(centre, pad + m.ascent + Double(i) * titleLineHeight), .center, .baseline)
        }
        let xLabelRun = xLabelText.flatMap { text in
            xLabelBaseline.map { baseline in
                let w = setter.metrics(text, theme.labelFont).width
                let centre = Swift.min(Swift.max(plot.midX, pad + w / 2), width - pad - w / 2)
                return setter.run(BidiText.isolated(text), font: theme.labelFont, color: theme.text, at: Point(centre, baseline), .center, .baseline)
            }
        }
        let yLabelRun = yLabelText.map {
            setter.run(BidiText.isolated($0), font: theme.labelFont, color: theme.text, at: Point(pad, plot.midY), .center, .top,
                       rotation: TextSetter.upward)
        }
        let noteRuns = noteLines.enumerated().map { i, line in
            setter.run(line, font: theme.noteFont, color: theme.noteText,
                       at: Point(pad, notesTop + Double(i) * noteLineHeight + noteMetrics.ascent), .start, .baseline)
        }
        var legendOrigin: Point?
        if let legend {
            switch side {
            case .right: legendOrigin = Point(width - pad - legend.size.width, plot.minY)
            case .below:
                let x = Swift.min(Swift.max(plot.midX - legend.size.width / 2, pad), width - pad - legend.size.width)
                legendOrigin = Point(x, legendTop ?? plot.maxY)
            case .inside: legendOrigin = nil
            }
        }
        let labelGap = theme.tickLength + theme.tickPad
        let yOffset = yTicks.first { $0.label != nil }?.axisOffset.map {
            setter.run($0, font: theme.tickFont, color: theme.tickText,
                       at: Point(Swift.max(pad, plot.minX - labelGap - yTickWidth), plot.minY - 4), .start, .bottom)
        }
        let xOffset = xTicks.first { $0.label != nil }?.axisOffset.map {
            setter.run($0, font: theme.tickFont, color: theme.tickText,
                       at: Point(plot.maxX, plot.maxY + labelGap + tickMetrics.height + 3), .end, .top)
        }
        return Frame(plot: plot, xMap: xMap, yMap: yMap, xTicks: xTicks, yTicks: yTicks, title: titleRuns,
                     xLabel: xLabelRun, yLabel: yLabelRun, notes: noteRuns, legendOrigin: legendOrigin,
                     xOffset: xOffset, yOffset: yOffset, colorBarTicks: colorBarTicks,
                     colorBarX: colorBar == nil ? nil : plot.maxX + 14)
    }

    /// The title as one line at the title size when it fits; else wrapped onto two lines (at a
    /// slightly smaller size if that avoids cutting it), the second cut with an ellipsis only when
    /// even two lines cannot hold it.
    func titleLines(width: Double) -> ([String], Font) {
        guard !chart.title.isEmpty else { return ([], theme.titleFont) }
        var font = theme.titleFont
        if setter.metrics(chart.title, font).width <= width { return ([chart.title], font) }
        var lines = setter.wrapped(chart.title, font: font, width: width)
        while lines.count > 2 && font.size > 12 {
            font.size -= 0.5
            lines = setter.wrapped(chart.title, font: font, width: width)
        }
        if lines.count > 2 {
            // The second line holds the rest of the title from where it starts, cut.
            let second = setter.wrappedLines(chart.title, font: font, width: width)[1].start
            lines = [lines[0], setter.truncated(String(chart.title.dropFirst(second)), font: font, width: width)]
        }
        return (lines, font)
    }

    /// The nearest device-pixel boundary.
    func snap(_ v: Double) -> Double {
        (v * resolution).rounded() / resolution
    }

    /// The centre of a line of `width` nearest `v` that covers whole device pixels.
    func snapLine(_ v: Double, width: Double) -> Double {
        let device = Int((width * resolution).rounded())
        if device % 2 == 1 { return ((v * resolution).rounded(.down) + 0.5) / resolution }
        return (v * resolution).rounded() / resolution
    }

    /// One labelled tick per row of a dot plot, the first row at the top; a name wider than
    /// `maximumCategoryShare` of the chart is cut with an ellipsis (the alt text keeps it whole),
    /// names alike up to their end keeping their end (`TextSetter.truncatedDistinctly`).
    func categoryTicks(_ names: [String]) -> [PlannedTick] {
        let limit = Self.maximumCategoryShare * (chart.width - 2 * theme.padding)
        let labels = setter.truncatedDistinctly(names, font: theme.tickFont, width: limit)
        return labels.enumerated().map { index, label in
            let value = Double(names.count - index)
            return PlannedTick(value: value, t: value, label: label)
        }
    }

    /// The most of a chart's width a dot plot's row names may take.
    static let maximumCategoryShare = 0.4
}
