import Foundation
import SGDCairo
import SGDCharts
import Testing
import SGDEngine

@Suite struct RenderTests {
    let renderer: CairoRenderer
    let epochs = (1...29).map(Double.init)

    init() throws {
        renderer = try CairoRenderer()
    }

    var lossChart: Chart {
        Chart(title: "Error per epoch", xLabel: "epoch", yLabel: "sqrt(SSE)",
              series: [Series(name: "SGD", x: epochs, y: epochs.map { 150.75 * exp(-0.1 * ($0 - 1)) }),
                       Series(name: "momentum", x: epochs, y: epochs.map { 150.75 * exp(-0.2 * ($0 - 1)) })])
    }

    @Test func pngDecodesAtTwiceTheSize() throws {
        let png = try renderer.png(lossChart)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let image = try DecodedPNG(png)
        #expect(image.width == 1440 && image.height == 900)
        #expect(image.isWhite(2, 2) && image.isWhite(1437, 897))
    }

    @Test func pngHasInkWhereTheSeriesIs() throws {
        let scene = try lossChart.layout(measurer: renderer.measurer, resolution: 2)
        let image = try DecodedPNG(try renderer.png(scene, scale: 2))
        let line = try #require(scene.polylines(.seriesLine(0)).first)
        for p in line {
            #expect(image.inkNear(p.x * 2, p.y * 2), "no ink at \(p)")
        }
        // A series pixel is the series' colour (Okabe-Ito blue), not just grey (both series
        // start at the same point, so look further along).
        let start = line[5]
        var found = false
        for dy in -2...2 {
            for dx in -2...2 where image.pixel(Int(start.x * 2) + dx, Int(start.y * 2) + dy) == 0x0072B2 { found = true }
        }
        #expect(found)
        // Well inside the plot but away from the lines and the legend, it is white or grid.
        let plot = scene.plotRect
        let mid = image.pixel(Int((plot.minX + 3) * 2), Int((plot.minY + 3) * 2))
        #expect(mid == 0xFFFFFF || mid == 0xE6E6E6)
    }

    @Test func scaleAndSizeAreConfigurable() throws {
        let chart = Chart(title: "small", series: [Series(name: "a", y: [1, 2, 3])], width: 400, height: 250, scale: 1)
        let image = try DecodedPNG(try renderer.png(chart))
        #expect(image.width == 400 && image.height == 250)
        let triple = try DecodedPNG(try renderer.png(chart, scale: 3))
        #expect(triple.width == 1200 && triple.height == 750)
    }

    @Test func svgIsWellFormedWithPixelUnitsAndFiniteNumbers() throws {
        var y = epochs.map { exp($0) }
        y[5] = .nan
        y[20] = .infinity
        let chart = Chart(title: "Explodes <&> \"quoted\"", xLabel: "step", yLabel: "loss",
                          series: [Series(name: "a & b", x: epochs, y: y, divergence: DivergenceMark(x: 29, label: "diverged at step 29")),
                                   Series(name: "b", x: epochs, y: epochs.map { -$0 })],
                          yScale: .symlog())
        let svg = try renderer.svg(chart)
        #expect(xmlError(svg) == nil)
        let text = String(decoding: svg, as: UTF8.self)
        #expect(text.contains("width=\"720px\" height=\"450px\""))
        #expect(text.contains("version=\"1.1\""))
        for value in svgCoordinateText(text) {
            let lower = value.lowercased()
            #expect(!lower.contains("nan") && !lower.contains("inf"), "\(value.prefix(80))")
        }
        #expect(svg.count < 300_000)
    }

    @Test func emptyAndAllNaNChartsRender() throws {
        for chart in [Chart(title: "empty"),
                      Chart(title: "all NaN", series: [Series(name: "diverged", y: [.nan, .nan, .infinity])], yScale: .log),
                      Chart(series: [Series(name: "nothing", x: [], y: [])])] {
            let scene = try chart.layout(measurer: renderer.measurer, resolution: 2)
            let message = try #require(scene.texts(.emptyMessage).first)
            #expect(["no data", "no finite data"].contains(message.text))
            let image = try DecodedPNG(try renderer.png(chart))
            #expect(image.width == 1440)
            // The message is drawn in the middle of the plot.
            let b = message.bounds
            var ink = false
            for x in stride(from: b.minX, to: b.maxX, by: 1) where image.inkNear(x * 2, b.midY * 2) { ink = true }
            #expect(ink)
            #expect(xmlError(try renderer.svg(chart)) == nil)
        }
    }

    @Test func outputIsByteIdenticalTwice() throws {
        var generator = SeededGenerator(seed: 5)
        let noisy = (0..<20_000).map { _ in generator.nextUnit() }
        let chart = Chart(title: "noisy", series: [Series(name: "a", y: noisy), Series(name: "b", y: noisy.map { $0 / 2 })],
                          smoothing: 0.9)
        let other = try CairoRenderer()
        #expect(try renderer.png(chart) == other.png(chart))
        #expect(try renderer.svg(chart) == renderer.svg(chart))
        #expect(try renderer.svg(chart) == other.svg(chart))
        #expect(try renderer.png(lossChart) == renderer.png(lossChart))
    }

    @Test func concurrentRendersMatchSequentialOnes() async throws {
        let charts = (1...6).map { k in
            Chart(title: "run \(k)", series: [Series(name: "a", y: (1...300).map { sin(Double($0 * k) / 40) })],
                  yScale: k % 2 == 0 ? .symlog() : .linear)
        }
        let renderer = self.renderer
        let sequential = try charts.map { try renderer.png($0) + renderer.svg($0) }
        let concurrent = try await withThrowingTaskGroup(of: (Int, [UInt8]).self) { group in
            for (i, chart) in charts.enumerated() {
                group.addTask { (i, try renderer.png(chart) + renderer.svg(chart)) }
            }
            var results = [[UInt8]](repeating: [], count: charts.count)
            for try await (i, bytes) in group { results[i] = bytes }
            return results
        }
        #expect(concurrent == sequential)
    }

    @Test func absurdSizesAreRefused() {
        do {
            _ = try renderer.png(Chart(title: "X", width: 100_000, height: 100_000))
            Issue.record("no error")
        } catch {
            #expect("\(error)".hasPrefix("the chart 'X' is too large: 100000×100000 px at scale 2"), "\(error)")
        }
        #expect(throws: ChartError.self) { try renderer.png(Chart(width: 8000, height: 8000), scale: 2) }
        #expect(throws: ChartError.self) { try renderer.svg(Chart(width: 0, height: 100)) }
    }

    @Test func aMillionPointsStayUnder300kBInSVG() throws {
        var generator = SeededGenerator(seed: 6)
        let y = (0..<1_000_000).map { i in sin(Double(i) / 25_000) + 0.4 * generator.nextUnit() }
        let chart = Chart(title: "a million", series: [Series(name: "noise", y: y), Series(name: "noise 2", y: y.map { $0 + 1 }),
                                                       Series(name: "noise 3", y: y.map { $0 - 1 })], smoothing: 0.99)
        let clock = ContinuousClock()
        var png: [UInt8] = []
        let pngTime = try clock.measure { png = try renderer.png(chart) }
        var svg: [UInt8] = []
        let svgTime = try clock.measure { svg = try renderer.svg(chart) }
        print("3 × 1M points, smoothed: PNG \(png.count) bytes in \(pngTime), SVG \(svg.count) bytes in \(svgTime)")
        #expect(svg.count < 300_000)
        #expect(xmlError(svg) == nil)
        #expect(try DecodedPNG(png).width == 1440)
    }

    @Test func manyMarkersStayUnder300kBInSVG() throws {
        let series = (0..<20).map { k in Series(name: "run \(k)", x: (1...60).map(Double.init), y: (1...60).map { Double(k) + 1 / Double($0) }) }
        let svg = try renderer.svg(Chart(title: "twenty runs", series: series))
        #expect(svg.count < 300_000)
        #expect(xmlError(svg) == nil)
    }

    @Test func longDashedAndTranslucentLinesRender() throws {
        // More than 4 × 64 points: the PNG path strokes in chunks.
        let x = (0..<2000).map { Double($0) }
        let chart = Chart(series: [Series(name: "a", x: x, y: x.map { sin($0 / 50) }),
                                   Series(name: "b", x: x, y: x.map { cos($0 / 50) })], smoothing: 0.5)
        let scene = try chart.layout(measurer: renderer.measurer, resolution: 2)
        let image = try DecodedPNG(try renderer.png(scene, scale: 2))
        let line = try #require(scene.polylines(.seriesLine(0)).first)
        #expect(line.count > 256)
        let inked = line.filter { image.inkNear($0.x * 2, $0.y * 2, radius: 2) }.count
        #expect(inked == line.count)
    }
}
