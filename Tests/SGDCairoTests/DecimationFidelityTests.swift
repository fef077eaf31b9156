import Foundation
import SGDCairo
import SGDCharts
import Testing
import SGDEngine

/// Decimated data must look like the full data at the output resolution.
@Suite struct DecimationFidelityTests {
    @Test func decimatedAndFullDataDrawTheSamePixels() throws {
        let renderer = try CairoRenderer()
        var generator = SeededGenerator(seed: 21)
        let count = 200_000
        let y: [Double] = (0..<count).map { (i: Int) -> Double in
            let spike: Double = i % 40_000 == 7 ? 2 : 0
            return sin(Double(i) / 9000) + 0.5 * generator.nextUnit() + spike
        }
        let chart = Chart(series: [Series(name: "noise", y: y)], legend: .hidden)
        let decimated = try chart.layout(measurer: renderer.measurer, resolution: 2)

        // The same scene with the series' one polyline replaced by every raw point.
        var full = decimated
        let style = full.items.compactMap { item -> StrokeStyle? in
            if item.role == .seriesLine(0), case .polyline(_, let style) = item.element { return style }
            return nil
        }.first!
        let points = y.enumerated().map { i, v in
            Point(full.xAxis.mapping.position(of: Double(i + 1))!, full.yAxis.mapping.position(of: v)!)
        }
        full.items.removeAll { $0.role == .seriesLine(0) }
        let index = full.items.firstIndex { $0.role == .plotClip && $0.element == .unclip }!
        full.items.insert(SceneItem(.seriesLine(0), .polyline(points, style)), at: index)
        #expect(decimated.polylines(.seriesLine(0)).joined().count < count / 20)

        let a = try DecodedPNG(try renderer.png(decimated, scale: 2))
        let b = try DecodedPNG(try renderer.png(full, scale: 2))
        var differing = 0, inked = 0
        for yy in 0..<a.height {
            for xx in 0..<a.width {
                let p = a.pixel(xx, yy), q = b.pixel(xx, yy)
                if p != 0xFFFFFF || q != 0xFFFFFF { inked += 1 }
                if channelDistance(p, q) > 64 { differing += 1 }
            }
        }
        print("decimated vs full: \(differing) of \(inked) inked pixels differ by more than 64/255")
        // Only antialiased edge pixels may differ ...
        #expect(Double(differing) < Double(inked) * 0.005)
        // ... and nearly every pixel column's envelope (top and bottom of the ink) is the same to
        // a device pixel or so: with thick strokes the points beside a column's extremes matter
        // a little, and a thin spike's antialiasing can tip a column either way.
        let plot = decimated.plotRect
        var columns = 0, exact = 0, close = 0
        for xx in Int(plot.minX * 2 + 4)..<Int(plot.maxX * 2 - 4) {
            let rows = Int(plot.minY * 2 + 2)..<Int(plot.maxY * 2 - 2)
            func envelope(_ image: DecodedPNG) -> (Int, Int)? {
                let dark = rows.filter { channelDistance(image.pixel(xx, $0), 0xFFFFFF) > 128 && image.pixel(xx, $0) != 0xE6E6E6 }
                return dark.first.map { ($0, dark.last!) }
            }
            let ea = envelope(a), eb = envelope(b)
            #expect((ea == nil) == (eb == nil))
            if let ea, let eb {
                columns += 1
                let off = max(abs(ea.0 - eb.0), abs(ea.1 - eb.1))
                if off <= 1 { exact += 1 }
                if off <= 3 { close += 1 }
            }
        }
        print("envelopes within 1 device pixel in \(exact) of \(columns) columns, within 3 in \(close)")
        #expect(Double(exact) >= 0.9 * Double(columns))
        #expect(Double(close) >= 0.99 * Double(columns))
    }
}

/// The largest difference of one colour channel between two 0xRRGGBB pixels.
func channelDistance(_ p: UInt32, _ q: UInt32) -> Int {
    var largest = 0
    for shift: UInt32 in [16, 8, 0] {
        let a = Int((p >> shift) & 0xFF), b = Int((q >> shift) & 0xFF)
        largest = max(largest, abs(a - b))
    }
    return largest
}
