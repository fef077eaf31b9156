import Foundation
import SGDCairo
import SGDCharts
import Testing

/// Every marker in the cycle shows its series' colour, on the plot and in the legend: a filled
/// shape is filled with it (edged in white), a stroke-only one (the 6th, "×") is stroked with it.
@Suite struct MarkerColourTests {
    /// As many series as the cycle has shapes and more, each a row of markers of its own.
    static let chart = Chart(
        title: "markers", xLabel: "x", yLabel: "y",
        series: (0..<8).map { i in Series(name: "s\(i + 1)", x: [1, 2, 3], y: [Double(i), Double(i), Double(i)], style: .markers) })

    static func hex(_ c: Color) -> UInt32 {
        func byte(_ v: Double) -> UInt32 { UInt32((v * 255).rounded()) }
        return byte(c.red) << 16 | byte(c.green) << 8 | byte(c.blue)
    }

    static func style(_ scene: Scene, _ role: SceneRole) -> MarkerStyle? {
        scene.elements(role).lazy.compactMap { element -> MarkerStyle? in
            if case .markers(_, let style) = element { return style } else { return nil }
        }.first
    }

    @Test func eachShapeIsDrawnInItsSeriesColourOnThePlotAndInTheLegend() throws {
        let renderer = try CairoRenderer()
        let scene = try Self.chart.layout(measurer: renderer.measurer, resolution: 2)
        let image = try DecodedPNG(try renderer.png(scene, scale: 2))
        var shapes: Set<MarkerShape> = []
        for i in 0..<8 {
            for role in [SceneRole.seriesMarkers(i), .legendSample(i)] {
                let style = try #require(Self.style(scene, role), "no markers for \(role)")
                shapes.insert(style.shape)
                // The colour that shows: the fill, or for a stroke-only shape its stroke.
                let shown = try #require(style.shape.isStrokeOnly ? style.stroke?.color : style.fill)
                if style.shape.isStrokeOnly { #expect(style.fill == nil && style.stroke!.width >= 1.5) }
                let colour = Self.hex(shown)
                #expect(colour != 0xFFFFFF, "\(role) \(style.shape) is white")
                // The centre of each marker is its series' colour in the PNG.
                for p in scene.markerPoints(role) {
                    var found = false
                    for dy in -1...1 { for dx in -1...1 where image.pixel(Int(p.x * 2) + dx, Int(p.y * 2) + dy) == colour { found = true } }
                    #expect(found, "\(role) \(style.shape) at \(p): \(String(image.pixel(Int(p.x * 2), Int(p.y * 2)), radix: 16))")
                }
            }
        }
        #expect(shapes == Set(MarkerShape.allCases))
        // The SVG strokes the × in the 6th series' colour too (it has no fill).
        let svg = String(decoding: try renderer.svg(Self.chart), as: UTF8.self)
        let sixth = try #require(Self.style(scene, .seriesMarkers(5)))
        #expect(sixth.shape == .cross)
        let c = sixth.stroke!.color
        #expect(svg.components(separatedBy: "stroke:rgb(").filter { $0.hasPrefix(Self.cairoRGB(c)) }.count >= 2)
    }

    /// A marker style built with a fill for a stroke-only shape becomes a stroke of that colour.
    @Test func aStrokeOnlyShapeTakesItsFillAsItsStroke() {
        let blue = Color(red: 0.34, green: 0.71, blue: 0.91)
        let style = MarkerStyle(shape: .cross, size: 7, fill: blue, stroke: StrokeStyle(color: .white, width: 0.9))
        #expect(style.fill == nil && style.stroke?.color == blue && style.stroke?.width == MarkerStyle.strokeOnlyWidth)
        let square = MarkerStyle(shape: .square, size: 7, fill: blue, stroke: StrokeStyle(color: .white, width: 0.9))
        #expect(square.fill == blue && square.stroke?.color == .white)
        // A cross given only a stroke (a divergence mark) keeps it.
        let mark = MarkerStyle(shape: .cross, size: 10, fill: nil, stroke: StrokeStyle(color: blue, width: 2.2))
        #expect(mark.stroke?.width == 2.2)
        #expect(MarkerShape.allCases.filter(\.isStrokeOnly) == [.cross])
    }

    /// Cairo's SVG writes colours as percentages: "33.72549%,70.588235%,91.372549%".
    static func cairoRGB(_ c: Color) -> String {
        [c.red, c.green, c.blue].map { v -> String in
            var s = String(format: "%f", v * 100)
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
            return s + "%"
        }.joined(separator: ",")
    }
}
