/// Series in scene coordinates, and their primitives.
extension LayoutEngine {
    func project(_ series: [PreparedSeries], frame: Frame) -> [SeriesGeometry] {
        let clip = frame.plot.outset(by: theme.lineWidth + 2)
        let markerClip = frame.plot.outset(by: 0.5)
        // A marker costs a vector file about as much as 12 polyline points.
        let markerSeries = series.filter { $0.style != .line }.count
        let markerLimit = pointBudget.map { Swift.max(30, $0 / 24 / Swift.max(1, markerSeries)) } ?? 2000
        // Half a device pixel: with thick strokes, the sub-pixel positions of the points beside
        // the extremes matter a little; half-pixel columns keep the envelope within a pixel or
        // so of the full data's for 1.3× the points of whole-pixel columns.
        var columnWidth = 1 / (2 * resolution)
        while true {
            let geometry = series.map { s -> SeriesGeometry in
                let showLine = s.style != .markers
                let line = showLine ? Projection.project(x: s.x, y: s.drawn, xMap: frame.xMap, yMap: frame.yMap,
                                                         columnWidth: columnWidth, clip: clip) : nil
                let raw = s.smoothed != nil && showLine
                    ? Projection.project(x: s.x, y: s.raw, xMap: frame.xMap, yMap: frame.yMap,
                                         columnWidth: columnWidth, clip: clip) : nil
                let wantsMarkers: Bool
                switch s.style {
                case .markers, .lineAndMarkers: wantsMarkers = true
                case .line: wantsMarkers = false
                case .automatic: wantsMarkers = s.drawable <= theme.markerThreshold
                }
                let markers = wantsMarkers
                    ? Projection.markerPoints(x: s.x, y: s.drawn, xMap: frame.xMap, yMap: frame.yMap,
                                              inside: markerClip, limit: markerLimit) : []
                let dense = (line?.pointCount ?? 0) > Int(frame.plot.width * 1.5)
                return SeriesGeometry(line: line, raw: raw, markers: markers, dense: dense)
            }
            let total = geometry.reduce(0) { $0 + ($1.line?.pointCount ?? 0) + ($1.raw?.pointCount ?? 0) }
            guard let pointBudget, total > pointBudget, columnWidth < 64 else { return geometry }
            // Dense data yields points in proportion to columns: jump straight to the width that
            // should fit, and check.
            var expected = total
            repeat {
                columnWidth *= 2
                expected /= 2
            } while expected > pointBudget && columnWidth < 64
        }
    }

    func lineStyle(_ s: PreparedSeries, dense: Bool) -> StrokeStyle {
        let dash = dense ? [] : s.dash.lengths(width: theme.lineWidth)
        return StrokeStyle(color: s.color, width: theme.lineWidth, dash: dash, cap: dash.isEmpty ? .round : .butt, join: .round)
    }

    func markerStyle(_ s: PreparedSeries, edged: Bool) -> MarkerStyle {
        let size = s.style == .markers ? theme.markerSize + 1 : theme.markerSize
        let edge = edged ? StrokeStyle(color: .white, width: 0.9, join: .miter) : nil
        return MarkerStyle(shape: s.marker, size: size, fill: s.color, stroke: edge)
    }

    func seriesItems(_ series: [PreparedSeries], geometry: [SeriesGeometry]) -> [SceneItem] {
        var items: [SceneItem] = []
        for (s, g) in zip(series, geometry) {
            guard let raw = g.raw else { continue }
            let style = StrokeStyle(color: s.color.withAlpha(theme.rawAlpha), width: theme.rawLineWidth, cap: .round, join: .round)
            for piece in raw.pieces { items.append(SceneItem(.seriesRaw(s.index), .polyline(piece, style))) }
        }
        for (s, g) in zip(series, geometry) {
            guard let line = g.line else { continue }
            let style = lineStyle(s, dense: g.dense)
            for piece in line.pieces { items.append(SceneItem(.seriesLine(s.index), .polyline(piece, style))) }
            if !line.isolated.isEmpty {
                items.append(SceneItem(.seriesIsolatedPoints(s.index), .markers(line.isolated, MarkerStyle(
                    shape: .circle, size: theme.lineWidth * 2.4, fill: s.color, stroke: nil))))
            }
        }
        // Many markers overlap anyway; a white edge on each would only make a vector file large.
        let edged = geometry.reduce(0) { $0 + $1.markers.count } <= 250
        for (s, g) in zip(series, geometry) where !g.markers.isEmpty {
            items.append(SceneItem(.seriesMarkers(s.index), .markers(g.markers, markerStyle(s, edged: edged))))
        }
        return items
    }

    func legendEntries(_ series: [PreparedSeries], dense: [Bool]) -> [LegendEntry] {
        let maxText = chart.width * 0.4
        let texts = setter.truncatedDistinctly(series.map(\.name), font: theme.legendFont, width: maxText)
        return zip(series, texts).map { s, text in
            let isDense = s.index < dense.count ? dense[s.index] : false
            let wantsMarkers: Bool
            switch s.style {
            case .markers, .lineAndMarkers: wantsMarkers = true
            case .line: wantsMarkers = false
            case .automatic: wantsMarkers = s.drawable <= theme.markerThreshold
            }
            return LegendEntry(series: s.index, text: text, textWidth: setter.metrics(text, theme.legendFont).width,
                               stroke: s.style == .markers ? nil : lineStyle(s, dense: isDense),
                               marker: wantsMarkers ? markerStyle(s, edged: true) : nil)
        }
    }
}
