import SGDCairo
import SGDCharts
import Testing

@Suite struct MeasurerTests {
    let measurer: CairoTextMeasurer

    init() throws {
        measurer = try CairoTextMeasurer()
    }

    @Test func widthsAddUpAndScaleWithSize() {
        let font = Font(size: 11)
        let one = measurer.measure("0", font: font).width
        #expect(one > 5 && one < 8)
        #expect(abs(measurer.measure("0000", font: font).width - 4 * one) < 1e-9)
        #expect(abs(measurer.measure("0", font: Font(size: 22)).width - 2 * one) < 1e-9)
        #expect(measurer.measure("Loss", font: Font(size: 11, weight: .bold)).width > measurer.measure("Loss", font: font).width)
        #expect(measurer.measure("", font: font).width == 0)
    }

    @Test func ascentIsDigitHeight() {
        let m = measurer.measure("12", font: Font(size: 100))
        #expect(m.ascent > 65 && m.ascent < 80)
        #expect(m.descent > 15 && m.descent < 30)
    }

    /// Bold, italic and bold italic load their fonts when first measured (issue 18): in any order,
    /// each face gives the metrics it gives first thing in a fresh measurer.
    @Test func facesMeasureTheSameWhicheverIsLoadedFirst() throws {
        let faces = [Font(size: 13), Font(size: 13, weight: .bold), Font(size: 13, italic: true),
                     Font(size: 13, weight: .bold, italic: true)]
        let inOrder = faces.map { measurer.measure("0.25 loss", font: $0) }
        for (face, font) in faces.enumerated().reversed() {
            let fresh = try CairoTextMeasurer()
            #expect(fresh.measure("0.25 loss", font: font) == inOrder[face], "face \(face)")
            #expect(inOrder[face].ascent > 13 * 0.65 && inOrder[face].ascent < 13 * 0.8, "face \(face)")
        }
    }

    @Test func unicodeMeasures() {
        let font = Font(size: 11)
        #expect(measurer.measure("\u{2212}1e\u{2212}6", font: font).width > measurer.measure("1e6", font: font).width)
        #expect(measurer.measure("β=0.9 …", font: font).width > 0)
    }
}
