import Testing
@testable import SGDCharts

/// Marching squares and contour levels, checked against functions whose level sets are known.
@Suite struct ContourTests {
    static func grid(_ xs: [Double], _ ys: [Double], _ f: (Double, Double) -> Double) -> GridField {
        GridField(xs: xs, ys: ys, values: ys.flatMap { y in xs.map { x in f(x, y) } })
    }

    static func range(_ low: Double, _ high: Double, _ count: Int) -> [Double] {
        (0..<count).map { low + (high - low) * Double($0) / Double(count - 1) }
    }

    @Test func aQuadraticsContourIsAClosedEllipseOnTheLevelSet() {
        // f = (x/2)² + y²: the level 1 is the ellipse with semi-axes 2 and 1.
        let field = Self.grid(Self.range(-3, 3, 121), Self.range(-2, 2, 81)) { x, y in x * x / 4 + y * y }
        let lines = Contours.lines(field, level: 1)
        #expect(lines.count == 1)
        let ellipse = lines[0]
        #expect(ellipse.first == ellipse.last, "a level set inside the grid closes")
        #expect(ellipse.count > 100)
        for p in ellipse {
            // Linear interpolation along an edge of width 0.05: error below 0.01 near f = 1.
            #expect(Swift.abs(p.x * p.x / 4 + p.y * p.y - 1) < 0.01)
        }
        #expect(ellipse.map(\.x).max()! > 1.99 && ellipse.map(\.x).min()! < -1.99)
        #expect(ellipse.map(\.y).max()! > 0.99)
    }

    @Test func aContourLeavingTheGridIsOpen() {
        let field = Self.grid(Self.range(0, 1, 11), Self.range(0, 1, 11)) { x, y in x + y }
        let lines = Contours.lines(field, level: 1)
        #expect(lines.count == 1)
        let line = lines[0]
        #expect(line.first != line.last)
        for p in line { #expect(Swift.abs(p.x + p.y - 1) < 1e-9) }
        let ends = Set([line.first!, line.last!].map { [$0.x, $0.y] })
        #expect(ends == [[0, 1], [1, 0]])
    }

    @Test func saddleCellsFollowTheCentre() {
        // Corners (0,0)=1, (1,0)=0, (1,1)=1, (0,1)=0: opposite corners above 0.5.
        let above = GridField(xs: [0, 1], ys: [0, 1], values: [1, 0, 0, 1])
        // Centre 0.5 is not above 0.5: the high corners are cut off, two lines.
        let cut = Contours.lines(above, level: 0.5)
        #expect(cut.count == 2)
        #expect(cut.allSatisfy { $0.count == 2 })
        // Each line separates one high corner: near (0,0) and near (1,1).
        let midpoints = cut.map { Point(($0[0].x + $0[1].x) / 2, ($0[0].y + $0[1].y) / 2) }
        #expect(midpoints.contains { $0.x < 0.5 && $0.y < 0.5 })
        #expect(midpoints.contains { $0.x > 0.5 && $0.y > 0.5 })
        // A centre above the level joins the high corners: the low ones are cut off instead.
        let joined = Contours.lines(GridField(xs: [0, 1], ys: [0, 1], values: [1, 0.2, 0.2, 1]), level: 0.5)
        let mids = joined.map { Point(($0[0].x + $0[1].x) / 2, ($0[0].y + $0[1].y) / 2) }
        #expect(joined.count == 2)
        #expect(mids.contains { $0.x > 0.5 && $0.y < 0.5 })
        #expect(mids.contains { $0.x < 0.5 && $0.y > 0.5 })
    }

    @Test func nonFiniteCellsAreHolesTheLinesStopAt() {
        var field = Self.grid(Self.range(-2, 2, 41), Self.range(-2, 2, 41)) { x, y in x * x + y * y }
        // A hole where x > 0.5 and |y| < 0.5: the circle of radius 1 is broken there.
        for j in field.ys.indices where Swift.abs(field.ys[j]) < 0.5 {
            for i in field.xs.indices where field.xs[i] > 0.5 { field.values[j * 41 + i] = .nan }
        }
        let lines = Contours.lines(field, level: 1)
        #expect(lines.count == 1)
        #expect(lines[0].first != lines[0].last, "the circle is open where the hole is")
        for p in lines[0] {
            #expect(p.isFinite)
            #expect(!(p.x > 0.5 && Swift.abs(p.y) < 0.45))
        }
        #expect(Contours.lines(GridField(xs: [0, 1], ys: [0, 1], values: [.nan, .nan, .infinity, .nan]), level: 1).isEmpty)
    }

    @Test func theMinimumIsTheLowestFinitePoint() {
        let field = Self.grid(Self.range(0, 4, 5), Self.range(0, 4, 5)) { x, y in x == 0 && y == 0 ? -.infinity : (x - 3) * (x - 3) + (y - 1) * (y - 1) }
        let low = field.minimum!
        #expect(low.x == 3 && low.y == 1 && low.value == 0)
    }

    @Test func logLevelsAreOneTwoFiveOrCoarserAndStayInRange() {
        let levels = Contours.logLevels(low: 0, high: 3e5)
        #expect(!levels.isEmpty && levels.count <= 12)
        #expect(levels == levels.sorted())
        #expect(levels.allSatisfy { $0 > 3e5 / 1e6 && $0 < 3e5 })
        let fine = Contours.logLevels(low: 10, high: 2000)
        #expect(fine == [20, 50, 100, 200, 500, 1000])
        // Many decades: one level per decade or fewer, never more than the maximum.
        let wide = Contours.logLevels(low: 1e-30, high: 1e30, maximumCount: 12, maximumDecades: 60)
        #expect(wide.count <= 12 && wide.count >= 6)
        #expect(Contours.logLevels(low: 0, high: 0).isEmpty)
        #expect(Contours.logLevels(low: 5, high: .infinity).isEmpty)
    }

    @Test func aLandscapeLabelsItsLevelsOffThePathsAndMarksTheEnds() throws {
        let field = Self.grid(Self.range(0, 4, 200), Self.range(0, 40, 200)) { a, b in
            // The workbook's valley shape: far more sensitive to a than to b.
            var sse = 0.0
            for x in stride(from: 8.0, through: 99, by: 13) { let e = a * x + b - (2 * x + 30); sse += e * e }
            return sse
        }
        var chart = Chart(title: "landscape", xLabel: "a", yLabel: "b", series: [
            Series(name: "SGD", x: [1, 2.6, 2.5, 2.4], y: [1, 1.1, 3, 5]),
            Series(name: "diverged", x: [1, 0.5, 3.8], y: [1, 10, 39]),
        ], xDomain: 0...4, yDomain: 0...40)
        let levels = Contours.logLevels(low: field.values.min()!, high: field.values.max()!)
        chart.contours = ContourOverlay(field: field, levels: levels, diverged: [1])
        let scene = try chart.layout(measurer: measurer)
        let contourLines = levels.indices.flatMap { scene.polylines(.contour($0)) }
        #expect(contourLines.count >= levels.count - 1)
        let labels = levels.indices.flatMap { scene.texts(.contourLabel($0)) }
        #expect(labels.count >= 3)
        for (i, a) in labels.enumerated() {
            #expect(scene.plotRect.contains(a.bounds))
            for b in labels[(i + 1)...] { #expect(!a.bounds.intersects(b.bounds)) }
        }
        // No path segment crosses a label.
        for s in 0..<2 {
            for line in scene.polylines(.seriesLine(s)) {
                for (p, q) in zip(line, line.dropFirst()) {
                    #expect(labels.allSatisfy { !LayoutEngine.segment(p, q, meets: $0.bounds) })
                }
            }
        }
        // Contours are drawn under the series.
        let firstSeries = scene.items.firstIndex { $0.role == .seriesLine(0) }!
        #expect(scene.items.lastIndex { $0.role == .contour(0) }! < firstSeries)
        // Start and end of each path: open circle, filled circle, a cross for the diverged run.
        let start = scene.markerPoints(.pathStart(0)), end = scene.markerPoints(.pathEnd(0))
        let line = scene.polylines(.seriesLine(0)).flatMap { $0 }
        #expect(start.count == 1 && end.count == 1)
        #expect(Swift.abs(start[0].x - line.first!.x) < 1e-6 && Swift.abs(end[0].y - line.last!.y) < 1e-6)
        guard case .markers(_, let endStyle) = scene.elements(.pathEnd(1)).first else { Issue.record("no end mark"); return }
        #expect(endStyle.shape == .cross)
        guard case .markers(_, let startStyle) = scene.elements(.pathStart(0)).first else { Issue.record("no start mark"); return }
        #expect(startStyle.shape == .circle && startStyle.fill == .white)
    }
}
