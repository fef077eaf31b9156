/// Where the legend goes: inside where it hides no data, else outside.
extension LayoutEngine {
    /// The first place inside the plot, in matplotlib's order of preference, with no data under
    /// the legend (`clear`); else the place with the least data under it. nil when the legend
    /// does not fit inside at all.
    func insideLegend(_ legend: LegendBox, frame: Frame, geometry: [SeriesGeometry],
                              overlay: Overlay) -> (Rect?, clear: Bool) {
        let plot = frame.plot, inset = 8.0
        let w = legend.size.width, h = legend.size.height
        let forced: LegendCorner?
        if case .inside(let corner) = chart.legend { forced = corner } else { forced = nil }
        guard forced != nil || (w <= plot.width * 0.6 - inset && h <= plot.height * 0.7 - inset) else {
            let fits = w <= plot.width - 2 * inset && h <= plot.height - 2 * inset
            return (fits ? emptiest(LegendCorner.allCases, w, h, frame, geometry, overlay) : nil, false)
        }
        if let forced { return (box(forced, w, h, plot), true) }
        for corner in LegendCorner.allCases {
            let candidate = box(corner, w, h, plot)
            if hits(candidate.outset(by: 3), geometry: geometry, overlay: overlay, limit: 1) == 0 { return (candidate, true) }
        }
        return (emptiest(LegendCorner.allCases, w, h, frame, geometry, overlay), false)
    }

    func box(_ corner: LegendCorner, _ w: Double, _ h: Double, _ plot: Rect) -> Rect {
        let inset = 8.0
        let x: Double, y: Double
        switch corner {
        case .topRight, .bottomRight, .centerRight: x = plot.maxX - inset - w
        case .topLeft, .bottomLeft, .centerLeft: x = plot.minX + inset
        case .topCenter, .bottomCenter: x = plot.midX - w / 2
        }
        switch corner {
        case .topRight, .topLeft, .topCenter: y = plot.minY + inset
        case .bottomRight, .bottomLeft, .bottomCenter: y = plot.maxY - inset - h
        case .centerRight, .centerLeft: y = plot.midY - h / 2
        }
        return Rect(x: x, y: y, width: w, height: h)
    }

    func emptiest(_ corners: [LegendCorner], _ w: Double, _ h: Double, _ frame: Frame,
                          _ geometry: [SeriesGeometry], _ overlay: Overlay) -> Rect {
        var best = box(corners[0], w, h, frame.plot), fewest = Int.max
        for corner in corners {
            let candidate = box(corner, w, h, frame.plot)
            let count = hits(candidate.outset(by: 3), geometry: geometry, overlay: overlay, limit: fewest)
            if count < fewest {
                fewest = count
                best = candidate
            }
        }
        return best
    }

    /// How many segments, points and labels lie under `box`, counting up to `limit`.
    func hits(_ box: Rect, geometry: [SeriesGeometry], overlay: Overlay, limit: Int) -> Int {
        var count = 0
        let reach = box.outset(by: theme.markerSize / 2)
        for g in geometry {
            for projected in [g.line, g.raw].compactMap({ $0 }) {
                for piece in projected.pieces {
                    for i in 1..<piece.count where Clipping.intersects(piece[i - 1], piece[i], box) {
                        count += 1
                        if count >= limit { return count }
                    }
                }
                count += projected.isolated.filter(box.contains).count
            }
            count += g.markers.filter(reach.contains).count
            if count >= limit { return count }
        }
        count += 10 * overlay.obstacles.filter(box.intersects).count
        count += 10 * overlay.segments.filter { Clipping.intersects($0.0, $0.1, box) }.count
        return count
    }
}
