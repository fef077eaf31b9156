/// The grid, the spines, the ticks and their labels.
extension LayoutEngine {
    func gridItems(_ frame: Frame, hasData: Bool) -> [SceneItem] {
        guard hasData else { return [] }
        let plot = frame.plot
        let style = StrokeStyle(color: theme.grid, width: theme.gridWidth)
        var items: [SceneItem] = []
        for tick in frame.xTicks where tick.label != nil {
            let x = snapLine(frame.xMap.position(ofTransformed: tick.t), width: theme.gridWidth)
            guard x >= plot.minX - 0.01 && x <= plot.maxX + 0.01 else { continue }
            items.append(SceneItem(.grid(.x), .polyline([Point(x, plot.minY), Point(x, plot.maxY)], style)))
        }
        for tick in frame.yTicks where tick.label != nil {
            let y = snapLine(frame.yMap.position(ofTransformed: tick.t), width: theme.gridWidth)
            guard y >= plot.minY - 0.01 && y <= plot.maxY + 0.01 else { continue }
            items.append(SceneItem(.grid(.y), .polyline([Point(plot.minX, y), Point(plot.maxX, y)], style)))
        }
        return items
    }

    func axisItems(_ frame: Frame, hasData: Bool) -> [SceneItem] {
        let plot = frame.plot
        var items: [SceneItem] = []
        let spine = StrokeStyle(color: theme.spine, width: theme.spineWidth, cap: .square)
        let left = snapLine(plot.minX, width: theme.spineWidth), bottom = snapLine(plot.maxY, width: theme.spineWidth)
        items.append(SceneItem(.spine(.y), .polyline([Point(left, plot.minY), Point(left, plot.maxY)], spine)))
        items.append(SceneItem(.spine(.x), .polyline([Point(plot.minX, bottom), Point(plot.maxX, bottom)], spine)))
        if !hasData {
            // An empty frame: the other two sides, faint, so it reads as a frame and not as an axis.
            let faint = StrokeStyle(color: theme.legendBorder, width: theme.spineWidth, cap: .square)
            let right = snapLine(plot.maxX, width: 1), top = snapLine(plot.minY, width: 1)
            items.append(SceneItem(.spine(.y), .polyline([Point(right, plot.minY), Point(right, plot.maxY)], faint)))
            items.append(SceneItem(.spine(.x), .polyline([Point(plot.minX, top), Point(plot.maxX, top)], faint)))
        }
        let major = StrokeStyle(color: theme.spine, width: theme.spineWidth)
        let minor = StrokeStyle(color: theme.spine, width: 0.8)
        let labelGap = theme.tickLength + theme.tickPad
        for tick in frame.xTicks {
            let x = snapLine(frame.xMap.position(ofTransformed: tick.t), width: theme.spineWidth)
            guard x >= plot.minX - 0.01 && x <= plot.maxX + 0.01 else { continue }
            let length = tick.label == nil ? theme.minorTickLength : theme.tickLength
            items.append(SceneItem(tick.label == nil ? .minorTick(.x) : .tick(.x),
                                   .polyline([Point(x, plot.maxY), Point(x, plot.maxY + length)], tick.label == nil ? minor : major)))
            if let label = tick.label {
                items.append(SceneItem(.tickLabel(.x), .text(setter.run(
                    label, font: theme.tickFont, color: theme.tickText, at: Point(x, plot.maxY + labelGap), .center, .top))))
            }
        }
        for tick in frame.yTicks {
            let y = snapLine(frame.yMap.position(ofTransformed: tick.t), width: theme.spineWidth)
            guard y >= plot.minY - 0.01 && y <= plot.maxY + 0.01 else { continue }
            let length = tick.label == nil ? theme.minorTickLength : theme.tickLength
            items.append(SceneItem(tick.label == nil ? .minorTick(.y) : .tick(.y),
                                   .polyline([Point(plot.minX - length, y), Point(plot.minX, y)], tick.label == nil ? minor : major)))
            if let label = tick.label {
                items.append(SceneItem(.tickLabel(.y), .text(setter.run(
                    label, font: theme.tickFont, color: theme.tickText, at: Point(plot.minX - labelGap, y), .end, .middle))))
            }
        }
        if let run = frame.xOffset { items.append(SceneItem(.axisOffset(.x), .text(run))) }
        if let run = frame.yOffset { items.append(SceneItem(.axisOffset(.y), .text(run))) }
        if let run = frame.xLabel { items.append(SceneItem(.axisLabel(.x), .text(run))) }
        if let run = frame.yLabel { items.append(SceneItem(.axisLabel(.y), .text(run))) }
        return items
    }

    func summary(_ axis: Axis, _ mapping: AxisMapping, _ ticks: [PlannedTick], _ hidden: Int,
                 offset: TextRun?) -> AxisSummary {
        AxisSummary(axis: axis, mapping: mapping,
                    ticks: ticks.map { Tick(value: $0.value, position: mapping.position(ofTransformed: $0.t), label: $0.label) },
                    hiddenCount: hidden, offsetText: offset?.text)
    }
}
