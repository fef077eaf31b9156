import Testing
@testable import SGDCharts
import SGDEngine

/// Data at the ends of the doubles (±1.8·10³⁰⁸, the smallest normal and subnormal values, mixed
/// signs) on every scale: every finite point lands inside the plot, is drawn, and the axes get
/// ticks. (Issue: `[1e300, 1e305, −1e308, 1e−300]` on symlog and `[1e−310, 2e−310, 3e−310]` on a
/// linear axis drew empty plots, with no line and no ticks.)
@Suite struct ExtremeRangeTests {
    static let grid: [Double] = [
        .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1e308, -1e308, 1e305, 1e300, -1e300,
        .leastNormalMagnitude, -.leastNormalMagnitude, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
        subnormal("1e-310"), subnormal("2e-310"), subnormal("-3e-310"), 1e-300, 2e-300, 1, -1, 0,
    ]
    /// A subnormal double, read at run time: Swift warns about a literal that underflows.
    static func subnormal(_ text: String) -> Double { Double(text)! }

    static let scales: [Scale] = [.linear, .log, .symlog(), .symlog(linthresh: 1e-300), .symlog(linthresh: 1e300)]

    /// Lays out `values` as y against 1…n and as x against y; checks the property on both axes.
    func check(_ values: [Double], _ scale: Scale, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let steps = values.indices.map { Double($0 + 1) }
        let chart = Chart(title: "extreme", series: [Series(name: "a", x: steps, y: values)], yScale: scale)
        let scene = try chart.layout(measurer: measurer, resolution: 2)
        let what = "\(values) on \(scale)"
        let plot = scene.plotRect.outset(by: 1e-6)
        let shown = values.filter { scale.accepts($0) }
        #expect(scene.allFinite, "\(what)", sourceLocation: sourceLocation)
        guard !shown.isEmpty else { return }
        // Two labelled ticks at least; one where a log axis holds the smallest double alone
        // (5e−324: the decade below it is 0).
        let ticksNeeded = scale == .log && shown.contains(.leastNonzeroMagnitude) ? 1 : 2
        #expect(scene.yAxis.majorTicks.count >= ticksNeeded, "y ticks \(scene.yAxis.labels) for \(what)", sourceLocation: sourceLocation)
        for tick in scene.yAxis.ticks {
            #expect(tick.position >= plot.minY && tick.position <= plot.maxY, "tick \(tick) for \(what)", sourceLocation: sourceLocation)
        }
        for v in shown {
            let p = scene.yAxis.mapping.position(of: v)
            #expect(p.map { $0 >= plot.minY && $0 <= plot.maxY } == true, "\(v) at \(String(describing: p)) for \(what)",
                    sourceLocation: sourceLocation)
        }
        // Drawn: a line, markers or isolated points, all inside the plot.
        let drawn = scene.polylines(.seriesLine(0)).flatMap { $0 } + scene.markerPoints(.seriesMarkers(0))
            + scene.markerPoints(.seriesIsolatedPoints(0))
        #expect(!drawn.isEmpty, "nothing drawn for \(what)", sourceLocation: sourceLocation)
        #expect(drawn.allSatisfy { plot.contains($0) }, "\(drawn) outside \(scene.plotRect) for \(what)", sourceLocation: sourceLocation)
        // The same values along x.
        let sideways = Chart(title: "extreme", series: [Series(name: "a", x: values, y: steps)], xScale: scale)
        let xScene = try sideways.layout(measurer: measurer, resolution: 2)
        #expect(xScene.allFinite, "x: \(what)", sourceLocation: sourceLocation)
        #expect(xScene.xAxis.majorTicks.count >= ticksNeeded, "x ticks \(xScene.xAxis.labels) for \(what)", sourceLocation: sourceLocation)
        let xPlot = xScene.plotRect.outset(by: 1e-6)
        for v in shown {
            let p = xScene.xAxis.mapping.position(of: v)
            #expect(p.map { $0 >= xPlot.minX && $0 <= xPlot.maxX } == true, "x: \(v) at \(String(describing: p)) for \(what)",
                    sourceLocation: sourceLocation)
        }
    }

    @Test func theIssuesExamplesDrawInsideThePlot() throws {
        try check([1e300, 1e305, -1e308, 1e-300], .symlog())
        try check(["1e-310", "2e-310", "3e-310"].map(Self.subnormal), .linear)
        // The controls that drew before.
        try check([1, 1e305, -1e308], .symlog())
        try check([1e300, -1e308], .symlog())
        try check([1e-300, 2e-300], .symlog())
    }

    @Test func theSymlogNoteAndTicksOfAHugeRange() throws {
        let chart = Chart(title: "huge", series: [Series(name: "s", x: [1, 2, 3, 4], y: [1e300, 1e305, -1e308, 1e-300])],
                          yScale: .symlog())
        let scene = try chart.layout(measurer: measurer, resolution: 2)
        #expect(scene.notes.contains("y axis: symmetric log, linear within ±1e−301"))
        #expect(scene.yAxis.labels.count >= 3)
        #expect(scene.texts(.emptyMessage).isEmpty)
    }

    @Test(arguments: scales) func everyPairAndTripleOfExtremes(_ scale: Scale) throws {
        let grid = Self.grid
        for i in grid.indices {
            for j in grid.indices where j > i {
                try check([grid[i], grid[j]], scale)
            }
        }
        // Triples and quadruples, drawn reproducibly.
        var generator = SeededGenerator(seed: 71)
        for _ in 0..<150 {
            let count = 3 + Int(generator.nextUnit() * 2)
            let values = (0..<count).map { _ in grid[Int(generator.nextUnit() * Double(grid.count)) % grid.count] }
            try check(values, scale)
        }
    }

    @Test func symlogTransformOfExtremesIsFiniteAndInvertible() {
        for linthresh in [Self.subnormal("1e-320"), 1e-301, 1e-300, 1, 1e300] {
            let symlog = ScaleTransform.symlog(linthresh: linthresh)
            var last = -Double.infinity
            for v in Self.grid.sorted() {
                let t = symlog(v)
                #expect(t.isFinite && t >= last, "\(v) → \(t) with ±\(linthresh)")
                last = t
                let back = symlog.inverse(t)
                #expect(back.isFinite, "\(t) → \(back) with ±\(linthresh)")
                if Swift.abs(v) >= .leastNormalMagnitude, Swift.abs(v) > linthresh {
                    #expect(Swift.abs(back - v) <= Swift.abs(v) * 1e-9, "\(v) → \(t) → \(back) with ±\(linthresh)")
                }
            }
        }
    }
}

extension Scale {
    /// Whether this scale can place `value` (finite, and positive on a log scale).
    fileprivate func accepts(_ value: Double) -> Bool {
        if case .log = self { return value.isFinite && value > 0 }
        return value.isFinite
    }
}
