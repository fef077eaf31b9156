import Testing
@testable import SGDCharts

/// Issue 12, item 7: 40 and 100 runs of one sweep — a colour bar keyed by the swept value instead
/// of a legend that cannot hold them, colours that follow the value, labels that never overlap.
@Suite struct ManySeriesCorpusTests {
    func sweep(_ count: Int, diverging: Int = 0, colorScale: ColorScale? = ColorScale(label: "learning rate", scale: .log),
               shortNames: Bool = false) -> Chart {
        let rates = (0..<count).map { 1e-6 * _pow(1.25, Double($0)) }
        let series = rates.enumerated().map { i, lr -> Series in
            let diverges = i >= count - diverging
            let steps = diverges ? 20 + (count - i) : 60
            var ys = (0..<steps).map { 10 * _pow(1 + lr * 100, Double($0)) }
            var mark: DivergenceMark?
            if diverges { ys[steps - 1] = .infinity; mark = DivergenceMark(x: Double(steps), label: "lr=\(lr): diverged at step \(steps)") }
            return Series(name: shortNames ? "r\(i + 1)" : "lr=\(lr)", x: (0..<steps).map { Double($0 + 1) }, y: ys, divergence: mark, colorValue: lr)
        }
        return Chart(title: "Loss per step", xLabel: "step", yLabel: "loss", series: series, yScale: .log, colorScale: colorScale)
    }

    @Test(arguments: [40, 100])
    func aColourBarReplacesTheLegend(count: Int) throws {
        let scene = try sweep(count).layout(measurer: measurer, resolution: 2)
        #expect(scene.legendRect == nil)
        #expect(!scene.elements(.colorBar).isEmpty)
        let labels = scene.texts(.colorBarLabel)
        #expect(labels.count >= 2)
        #expect(!anyOverlap(labels.map(\.bounds)))
        #expect(scene.texts(.colorBarTitle).first?.text == "learning rate")
        // The bar lies right of the plot, inside the chart.
        for case .rect(let r, _, _) in scene.elements(.colorBar) {
            #expect(r.minX > scene.plotRect.maxX && r.maxX < scene.size.width)
        }
        for label in labels { #expect(label.bounds.maxX <= scene.size.width) }
        // Colours follow the value: no two series share one, and they run from dark to light.
        let colors = (0..<count).compactMap { i -> Color? in
            if case .polyline(_, let style)? = scene.elements(.seriesLine(i)).first { return style.color } else { return nil }
        }
        #expect(colors.count == count)
        #expect(Set(colors.map(\.hexString)).count == count)
        let brightness = colors.map { $0.red + $0.green + $0.blue }
        #expect(brightness.first! < brightness.last!)
        let alt = try sweep(count).altText()
        #expect(alt.contains("Series coloured by learning rate on a log colour bar from 1e−6 to "))
        #expect(alt.contains("\(count) series: "))
    }

    @Test func manyDivergencesAreCountedNotCrowded() throws {
        let chart = sweep(40, diverging: 25)
        let scene = try chart.layout(measurer: measurer, resolution: 2)
        #expect((0..<40).flatMap { scene.texts(.divergenceLabel($0)) }.isEmpty)
        #expect(scene.notes.contains("25 runs diverged, each marked ✕ with a dashed rule where it stopped (step 21–45)"))
        // The infinite value where each diverged is its cross, not a second mark and note.
        #expect((0..<40).allSatisfy { scene.markerPoints(.nonFinite($0)).isEmpty })
        let alt = try chart.altText()
        for s in chart.series { if let mark = s.divergence { #expect(alt.contains(mark.label)) } }
    }

    @Test func aFewDivergenceLabelsNeverOverlap() throws {
        let scene = try sweep(12, diverging: 5).layout(measurer: measurer, resolution: 2)
        let labels = (0..<12).flatMap { scene.texts(.divergenceLabel($0)) }.map(\.bounds)
        #expect(!labels.isEmpty)
        #expect(!anyOverlap(labels))
    }

    @Test func withoutAColourScaleManySeriesGetALegendInColumns() throws {
        let scene = try sweep(40, colorScale: nil, shortNames: true).layout(measurer: measurer, resolution: 2)
        let legend = try #require(scene.legendRect)
        #expect(legend.minY >= scene.plotRect.maxY)
        #expect((0..<40).allSatisfy { !scene.texts(.legendLabel($0)).isEmpty })
        #expect(!anyOverlap((0..<40).flatMap { scene.texts(.legendLabel($0)) }.map(\.bounds)))
    }

    @Test func tooManyForAnyLegendSaysSo() throws {
        let chart = sweep(100, colorScale: nil)
        let scene = try chart.layout(measurer: measurer, resolution: 2)
        #expect(scene.legendRect == nil)
        #expect(scene.notes.contains("100 series: too many for a legend (the page's alt text lists them)"))
        #expect(try chart.altText().contains(chart.series[99].name))
    }

    @Test func eightOrFewerKeepTheLegend() throws {
        let scene = try sweep(6).layout(measurer: measurer, resolution: 2)
        #expect(scene.elements(.colorBar).isEmpty)
        #expect(scene.legendRect != nil)
    }
}
